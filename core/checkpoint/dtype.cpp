#include "checkpoint/dtype.h"

namespace flashface::checkpoint {

const char* dtypeName(DType dtype) {
    switch (dtype) {
        case DType::Float32: return "float32";
        case DType::Float16: return "float16";
        case DType::BFloat16: return "bfloat16";
        case DType::Float64: return "float64";
        case DType::Int64: return "int64";
        case DType::Int32: return "int32";
        case DType::Int16: return "int16";
        case DType::Int8: return "int8";
        case DType::UInt8: return "uint8";
        case DType::Bool: return "bool";
    }
    return "unknown";
}

std::size_t dtypeSize(DType dtype) {
    switch (dtype) {
        case DType::Float64:
        case DType::Int64: return 8;
        case DType::Float32:
        case DType::Int32: return 4;
        case DType::Float16:
        case DType::BFloat16:
        case DType::Int16: return 2;
        case DType::Int8:
        case DType::UInt8:
        case DType::Bool: return 1;
    }
    return 1;
}

}  // namespace flashface::checkpoint
