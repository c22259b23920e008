#include "checkpoint/safetensors_writer.h"

#include "checkpoint/checkpoint.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "common/untrusted_json.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <array>
#include <fstream>

namespace flashface::checkpoint {

namespace {

namespace fs = std::filesystem;

constexpr const char* kCacheFormat = "flashface-float16-cache-1";

bool isFloating(DType dtype) {
    return dtype == DType::Float32 || dtype == DType::Float16 || dtype == DType::BFloat16 || dtype == DType::Float64;
}

const char* safetensorsDtype(DType dtype) {
    switch (dtype) {
    case DType::Float32: return "F32";
    case DType::Float16: return "F16";
    case DType::BFloat16: return "BF16";
    case DType::Float64: return "F64";
    case DType::Int64: return "I64";
    case DType::Int32: return "I32";
    case DType::Int16: return "I16";
    case DType::Int8: return "I8";
    case DType::UInt8: return "U8";
    case DType::Bool: return "BOOL";
    }
    return "?";
}

struct SourceStamp {
    std::string size, mtime;
};

SourceStamp stampOf(const fs::path& file) {
    return {std::to_string(fs::file_size(file)), std::to_string(fs::last_write_time(file).time_since_epoch().count())};
}

bool skipped(const std::string& name, const std::vector<std::string>& prefixes) {
    for (const auto& prefix : prefixes)
        if (name.rfind(prefix, 0) == 0) return true;
    return false;
}

}  // namespace

fs::path float16CachePath(const fs::path& checkpoint) {
    fs::path cache = checkpoint;
    cache.replace_extension(".fp16.safetensors");
    return cache;
}

void writeFloat16Cache(const Checkpoint& source, const fs::path& destination, const Float16CacheOptions& options) {
    struct CachedTensor {
        const TensorInfo* info;
        DType stored;  // dtype in the cache
        std::uint64_t bytes;
    };
    std::vector<CachedTensor> entries;
    std::uint64_t offset = 0;
    nlohmann::ordered_json header;
    const SourceStamp stamp = stampOf(source.path());
    header["__metadata__"] = {{"format", kCacheFormat},
                              {"source", source.path().filename().string()},
                              {"source_size", stamp.size},
                              {"source_mtime", stamp.mtime}};
    for (const auto& info : source.tensors()) {
        if (skipped(info.name, options.skipPrefixes)) continue;
        const DType stored = isFloating(info.dtype) ? DType::Float16 : info.dtype;
        const std::uint64_t bytes = static_cast<std::uint64_t>(info.numel()) * dtypeSize(stored);
        header[info.name] = {{"dtype", safetensorsDtype(stored)}, {"shape", info.shape}, {"data_offsets", {offset, offset + bytes}}};
        entries.push_back({&info, stored, bytes});
        offset += bytes;
    }
    std::string headerText = header.dump();
    headerText.append((8 - headerText.size() % 8) % 8, ' ');  // keeps the data 8-byte aligned

    // Beside the destination, renamed over it when complete: a failure or cancellation leaves nothing.
    AtomicFile out(destination.parent_path());
    const std::uint64_t headerSize = headerText.size();
    std::array<std::uint8_t, 8> prefix{};
    for (int i = 0; i < 8; ++i) prefix[i] = static_cast<std::uint8_t>((headerSize >> (8 * i)) & 0xFF);
    out.write(prefix);
    out.write(headerText.data(), headerText.size());

    std::uint64_t written = 0;
    for (const auto& entry : entries) {
        throwIfCancelled(options.cancel);
        const at::Tensor tensor = entry.stored == DType::Float16 ? source.read(entry.info->name, at::kHalf)
                                                                 : source.read(entry.info->name);
        const at::Tensor contiguous = tensor.contiguous();
        if (static_cast<std::uint64_t>(contiguous.nbytes()) != entry.bytes)
            throw FileError(source.path(), "tensor '" + entry.info->name + "' read back with an unexpected size");
        out.write(contiguous.data_ptr(), entry.bytes);
        written += entry.bytes;
        if (options.progress) options.progress(offset ? double(written) / double(offset) : 1.0);
    }
    out.publishReplacing(destination);
}

bool isFloat16CacheCurrent(const fs::path& checkpoint, const fs::path& cache) {
    std::error_code error;
    const auto cacheSize = fs::file_size(cache, error);
    if (error || cacheSize < 8 || !fs::exists(checkpoint, error)) return false;
    std::ifstream in(cache, std::ios::binary);
    unsigned char prefix[8];
    if (!in.read(reinterpret_cast<char*>(prefix), 8)) return false;
    std::uint64_t headerSize = 0;
    for (int i = 7; i >= 0; --i) headerSize = (headerSize << 8) | prefix[i];
    if (headerSize > cacheSize - 8 || headerSize > kMaxJsonFileBytes) return false;
    std::string text(headerSize, '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(headerSize))) return false;
    nlohmann::json header;
    try {
        header = parseUntrustedJson(text, cache, "float16 cache header");
    } catch (const FileError&) {
        return false;
    }
    if (!header.is_object() || !header.contains("__metadata__") || !header["__metadata__"].is_object()) return false;
    const auto& meta = header["__metadata__"];
    const SourceStamp stamp = stampOf(checkpoint);
    if (meta.value("format", "") != kCacheFormat || meta.value("source_size", "") != stamp.size ||
        meta.value("source_mtime", "") != stamp.mtime)
        return false;
    // A cache cut short (a crash during a copy) is not current either.
    std::uint64_t dataEnd = 0;
    try {
        for (const auto& [name, value] : header.items()) {
            if (name == "__metadata__") continue;
            dataEnd = std::max<std::uint64_t>(dataEnd, value.at("data_offsets").at(1).get<std::uint64_t>());
        }
    } catch (const nlohmann::json::exception&) {
        return false;
    }
    return cacheSize == 8 + headerSize + dataEnd;
}

}  // namespace flashface::checkpoint
