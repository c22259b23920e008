// CLIP's gzip'd merges file (bpe_simple_vocab_16e6.txt.gz), as loading and `models verify` read
// it: FileError, never a crash or a sanitizer report.

#include "common/error.h"
#include "scratch_file.h"
#include "tokenizer/bpe_model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = flashface::fuzz::writeScratch("merges.txt.gz", data, size);
    try {
        flashface::tokenizer::clip::readMerges(file);
    } catch (const flashface::FileError&) {
    }
    return 0;
}
