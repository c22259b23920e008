// The unpickler alone (the zip layer around it would hide most inputs from it): any input must
// give a state dict or a FileError.

#include "checkpoint/pickle.h"
#include "common/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span bytes(reinterpret_cast<const std::byte*>(data), size);
    try {
        flashface::checkpoint::unpickleStateDict("fuzz/data.pkl", bytes);
    } catch (const flashface::FileError&) {
    }
    return 0;
}
