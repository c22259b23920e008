// Writes the fuzzers' starting corpus: small valid files built by the tests' writers.

#include "checkpoint_files.h"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

void write(const std::filesystem::path& file, const flashface::test::Bytes& bytes) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: fuzz_checkpoint_seeds <corpus-dir>\n";
        return 2;
    }
    namespace t = flashface::test;
    const std::filesystem::path root = argv[1];
    write(root / "safetensors/sample.safetensors", t::sampleSafeTensors());
    write(root / "torch_zip/sample.pth", t::sampleTorchCheckpoint());
    write(root / "torch_zip/sample64.pth", t::sampleTorchCheckpoint(true));
    write(root / "pickle/state_dict.pkl",
          t::stateDictPickle({{"a", "FloatStorage", "0", 12, 0, {3, 4}, {4, 1}},
                              {"b", "HalfStorage", "1", 6, 2, {2, 2}, {1, 2}}}));
    return 0;
}
