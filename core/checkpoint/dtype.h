#pragma once

#include <cstddef>
#include <cstdint>

namespace flashface::checkpoint {

// Element types a checkpoint can store. Torch-free so that the file parsers can be built and
// fuzzed without libtorch; checkpoint.h maps them to at::ScalarType.
enum class DType : std::uint8_t { Float32, Float16, BFloat16, Float64, Int64, Int32, Int16, Int8, UInt8, Bool };

const char* dtypeName(DType dtype);
std::size_t dtypeSize(DType dtype);

}  // namespace flashface::checkpoint
