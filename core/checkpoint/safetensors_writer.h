#pragma once

#include "common/cancel.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace flashface::checkpoint {

class Checkpoint;

// A compact float16 copy of a checkpoint, written once (e.g. on the first load of the 10.6 GB
// float32 flashface.ckpt) so later loads read a quarter of the bytes with no conversion.
struct Float16CacheOptions {
    // Keys starting with one of these are left out: aliases stored twice in the source
    // (the UNet's ori_* copies) and weights the pipeline never reads.
    std::vector<std::string> skipPrefixes;
    // Called after each tensor with the fraction of the tensor bytes written (0..1].
    std::function<void(double)> progress;
    const CancelToken* cancel = nullptr;  // triggered → throws Cancelled, leaves no file
};

// Writes every tensor of `source` not skipped to a .safetensors file at `destination`, floating
// point tensors as float16 and the others unchanged, one tensor at a time. The file appears
// atomically (written beside it, flushed, renamed); a failure or cancellation leaves nothing.
// Its metadata names the source's size and modification time so staleness can be detected.
void writeFloat16Cache(const Checkpoint& source, const std::filesystem::path& destination,
                       const Float16CacheOptions& options = {});

// Where the cache of `checkpoint` goes: "flashface.ckpt" → "flashface.fp16.safetensors" beside it.
std::filesystem::path float16CachePath(const std::filesystem::path& checkpoint);

// True when `cache` exists and was written from `checkpoint` as it is now (same size and
// modification time recorded in the cache's metadata).
bool isFloat16CacheCurrent(const std::filesystem::path& checkpoint, const std::filesystem::path& cache);

}  // namespace flashface::checkpoint
