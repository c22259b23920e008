// Any input must parse into in-bounds records or throw FileError; anything else (a crash, a
// sanitizer report, another exception escaping) is a finding.

#include "checkpoint/format.h"
#include "common/error.h"
#include "touch.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span bytes(reinterpret_cast<const std::byte*>(data), size);
    try {
        flashface::fuzz::touchEverything(bytes, flashface::checkpoint::parseSafeTensors("fuzz.safetensors", bytes));
    } catch (const flashface::FileError&) {
    }
    return 0;
}
