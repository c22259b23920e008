// Photo decoding (`--ref`, `--ref-crop`, `detect`, the GUI's reference panel): a FileError or an
// RGB image within the pixel budget; never a crash, a sanitizer report or an unbounded decode.

#include "common/error.h"
#include "face/photo.h"

#include <new>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto image = flashface::face::decodePhoto({data, size}, "fuzz.jpg");
        if (image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3) __builtin_trap();
    } catch (const flashface::FileError&) {
    }
    return 0;
}
