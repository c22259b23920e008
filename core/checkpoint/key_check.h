#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

// What a model needs of a checkpoint's keys, checked the same way when loading (nn::loadState)
// and when verifying a file (`flashface models verify`, the download manager). Torch-free.
namespace flashface::checkpoint {

struct TensorShape {
    std::string name;
    std::vector<std::int64_t> shape;
};

struct ExpectedKeys {
    std::vector<TensorShape> tensors;         // each must be present with exactly this shape
    std::vector<std::string> extraPrefixes;   // other keys starting with one of these are allowed
};

// Throws FileError naming `file` and the first few keys that are missing, of the wrong shape, or
// unexpected (neither expected nor under an extra prefix).
void checkKeys(const std::filesystem::path& file, const ExpectedKeys& expected, const std::vector<TensorShape>& found);

}  // namespace flashface::checkpoint
