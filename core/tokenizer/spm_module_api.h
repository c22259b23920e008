#pragma once

// The C interface of flashface_spm, the shared module that holds sentencepiece.
// sentencepiece carries its own protobuf, which must not meet libtorch's in one global
// symbol namespace (docs/architecture.md, "Rules the layout keeps"): the engine loads the module with dlopen and only
// plain C types cross this boundary.

#include <stddef.h>

extern "C" {

typedef struct FlashFaceSpm FlashFaceSpm;

// Incremented whenever a signature below changes.
#define FLASHFACE_SPM_API_VERSION 1

typedef int (*FlashFaceSpmApiVersionFn)(void);

// Loads a serialised sentencepiece ModelProto. On failure returns NULL and writes a
// NUL-terminated message into `error` (at most `errorSize` bytes).
typedef FlashFaceSpm* (*FlashFaceSpmCreateFn)(const char* proto, size_t protoSize, char* error,
                                              size_t errorSize);

typedef void (*FlashFaceSpmDestroyFn)(FlashFaceSpm* model);

// Encodes UTF-8 `text` into piece ids. Writes at most `capacity` ids and returns how many
// the text has (call again with more room if that is larger), or -1 on failure.
typedef long (*FlashFaceSpmEncodeFn)(const FlashFaceSpm* model, const char* text, size_t textSize,
                                     int* ids, size_t capacity);

}  // extern "C"
