// safetensors: an 8-byte little-endian header length, a JSON header mapping each tensor name to
// {dtype, shape, data_offsets: [begin, end)} relative to the end of the header, then raw
// little-endian data. Everything in the header is checked before any value is read.

#include "checkpoint/format.h"

#include "common/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

namespace flashface::checkpoint {

namespace {

using Json = nlohmann::ordered_json;

// The reference implementation refuses headers above 100 MB; real headers are a few hundred KB.
constexpr std::uint64_t kMaxHeaderBytes = 100ull << 20;
// name → {fields} → shape/offset arrays → numbers.
constexpr int kMaxJsonDepth = 3;

std::optional<DType> parseDType(std::string_view name) {
    static constexpr std::pair<std::string_view, DType> kNames[] = {
        {"F32", DType::Float32}, {"F16", DType::Float16}, {"BF16", DType::BFloat16}, {"F64", DType::Float64},
        {"I64", DType::Int64},   {"I32", DType::Int32},   {"I16", DType::Int16},     {"I8", DType::Int8},
        {"U8", DType::UInt8},    {"BOOL", DType::Bool},
    };
    for (const auto& [text, dtype] : kNames)
        if (text == name) return dtype;
    return std::nullopt;
}

std::uint64_t readLittleEndian64(const std::byte* p) {
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | std::to_integer<std::uint64_t>(p[i]);
    return value;
}

struct HeaderError {
    std::string what;
};

Json parseHeaderJson(std::string_view text) {
    // Depth and duplicate names are checked while parsing: nlohmann would otherwise keep the last
    // duplicate silently, and a deeply nested header is never a valid one.
    std::vector<std::string> names;
    auto check = [&](int depth, Json::parse_event_t event, Json& parsed) {
        if (depth > kMaxJsonDepth) throw HeaderError{"the header is nested deeper than a safetensors header can be"};
        if (event == Json::parse_event_t::key && depth == 1) names.push_back(parsed.get<std::string>());
        return true;
    };
    Json header;
    try {
        header = Json::parse(text.begin(), text.end(), check);
    } catch (const Json::exception& e) {
        throw HeaderError{std::string("the header is not valid JSON (") + e.what() + ")"};
    }
    std::sort(names.begin(), names.end());
    if (const auto dup = std::adjacent_find(names.begin(), names.end()); dup != names.end())
        throw HeaderError{"the tensor name \"" + *dup + "\" appears twice in the header"};
    return header;
}

std::uint64_t readUnsigned(const Json& value, const std::string& what) {
    if (!value.is_number_unsigned()) throw HeaderError{what + " must be a non-negative integer"};
    return value.get<std::uint64_t>();
}

TensorRecord parseEntry(const std::string& name, const Json& entry, std::uint64_t dataStart, std::uint64_t dataSize,
                        std::vector<StorageRecord>& storages) {
    const std::string where = "tensor \"" + name + "\"";
    if (!entry.is_object()) throw HeaderError{where + " is not described by a JSON object"};
    for (const auto& [field, _] : entry.items())
        if (field != "dtype" && field != "shape" && field != "data_offsets")
            throw HeaderError{where + " has an unknown field \"" + field + "\""};
    if (!entry.contains("dtype") || !entry.contains("shape") || !entry.contains("data_offsets"))
        throw HeaderError{where + " lacks one of dtype, shape, data_offsets"};

    const Json& dtypeField = entry["dtype"];
    if (!dtypeField.is_string()) throw HeaderError{where + ": dtype must be a string"};
    const auto dtype = parseDType(dtypeField.get_ref<const std::string&>());
    if (!dtype)
        throw HeaderError{where + " has the unsupported dtype \"" + dtypeField.get<std::string>() +
                          "\" (supported: F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL)"};

    const Json& shapeField = entry["shape"];
    if (!shapeField.is_array()) throw HeaderError{where + ": shape must be an array"};
    TensorRecord tensor{name, *dtype, {}, {}, 0, storages.size()};
    std::uint64_t numel = 1;
    for (const Json& dim : shapeField) {
        const std::uint64_t size = readUnsigned(dim, where + ": every dimension");
        if (__builtin_mul_overflow(numel, size, &numel) || numel > std::uint64_t(INT64_MAX))
            throw HeaderError{where + " has more elements than can be addressed"};
        tensor.shape.push_back(static_cast<std::int64_t>(size));
    }
    tensor.strides.resize(tensor.shape.size());
    std::int64_t stride = 1;
    for (std::size_t i = tensor.shape.size(); i-- > 0;) {
        tensor.strides[i] = stride;
        stride *= std::max<std::int64_t>(tensor.shape[i], 1);  // bounded by numel, checked above
    }

    const Json& offsets = entry["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2) throw HeaderError{where + ": data_offsets must be [begin, end]"};
    const std::uint64_t begin = readUnsigned(offsets[0], where + ": data_offsets");
    const std::uint64_t end = readUnsigned(offsets[1], where + ": data_offsets");
    if (begin > end || end > dataSize)
        throw HeaderError{where + " has data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
                          ") outside the " + std::to_string(dataSize) + " data bytes"};
    std::uint64_t expected = 0;
    if (__builtin_mul_overflow(numel, dtypeSize(*dtype), &expected) || expected != end - begin)
        throw HeaderError{where + " has " + std::to_string(end - begin) + " data bytes but its shape and dtype need " +
                          std::to_string(numel) + " × " + std::to_string(dtypeSize(*dtype))};
    storages.push_back({name, *dtype, dataStart + begin, end - begin});
    return tensor;
}

void checkNoOverlap(const CheckpointIndex& index) {
    std::vector<const StorageRecord*> byOffset;
    for (const StorageRecord& s : index.storages)
        if (s.nbytes > 0) byOffset.push_back(&s);
    std::sort(byOffset.begin(), byOffset.end(), [](auto* a, auto* b) { return a->offset < b->offset; });
    for (std::size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->offset < byOffset[i - 1]->offset + byOffset[i - 1]->nbytes)
            throw HeaderError{"the data of tensors \"" + byOffset[i - 1]->key + "\" and \"" + byOffset[i]->key +
                              "\" overlap"};
}

}  // namespace

CheckpointIndex parseSafeTensors(const std::filesystem::path& file, std::span<const std::byte> bytes) {
    const std::string context = "is not a valid safetensors file: ";
    if (bytes.size() < 8) throw FileError(file, context + "it is shorter than the 8-byte header length");
    const std::uint64_t headerSize = readLittleEndian64(bytes.data());
    if (headerSize > bytes.size() - 8 || headerSize > kMaxHeaderBytes)
        throw FileError(file, context + "the header claims " + std::to_string(headerSize) + " bytes but the file has " +
                                  std::to_string(bytes.size()) + "; the file is truncated or corrupt");
    const std::uint64_t dataStart = 8 + headerSize;
    CheckpointIndex index{Format::SafeTensors, {}, {}};
    try {
        const Json header =
            parseHeaderJson({reinterpret_cast<const char*>(bytes.data() + 8), static_cast<std::size_t>(headerSize)});
        if (!header.is_object()) throw HeaderError{"the header is not a JSON object"};
        for (const auto& [name, entry] : header.items()) {
            if (name == "__metadata__") continue;  // free-form strings; nothing the engine needs
            index.tensors.push_back(parseEntry(name, entry, dataStart, bytes.size() - dataStart, index.storages));
        }
        checkNoOverlap(index);
    } catch (const HeaderError& e) {
        throw FileError(file, context + e.what);
    }
    validateIndex(file, index, bytes.size());
    return index;
}

}  // namespace flashface::checkpoint
