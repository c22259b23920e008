#include "checkpoint/format.h"

#include "common/error.h"

#include <cstring>
#include <string_view>
#include <unordered_set>

namespace flashface::checkpoint {

namespace {

bool startsWith(std::span<const std::byte> bytes, std::string_view prefix) {
    return bytes.size() >= prefix.size() && std::memcmp(bytes.data(), prefix.data(), prefix.size()) == 0;
}

bool looksLikeSafeTensors(std::span<const std::byte> bytes) {
    // 8-byte header length, then the JSON header, which opens with '{' (or, broken, with '[').
    return bytes.size() > 8 && (bytes[8] == std::byte{'{'} || bytes[8] == std::byte{'['});
}

bool looksLikeLegacyTorch(std::span<const std::byte> bytes) {
    // torch < 1.6 wrote a bare pickle stream (PROTO opcode first) or, older still, a tar archive.
    const bool pickle = !bytes.empty() && bytes[0] == std::byte{0x80};
    const bool tar = bytes.size() >= 262 && std::memcmp(bytes.data() + 257, "ustar", 5) == 0;
    return pickle || tar;
}

// Sets `out` to the storage elements a view touches; false when the arithmetic overflows.
bool checkedViewSpan(const TensorRecord& tensor, ElementSpan& out) {
    std::int64_t last = tensor.storageOffset;
    for (std::size_t i = 0; i < tensor.shape.size(); ++i) {
        if (tensor.shape[i] == 0) {
            out = {tensor.storageOffset, 0};
            return true;
        }
        std::int64_t reach = 0;
        if (__builtin_mul_overflow(tensor.shape[i] - 1, tensor.strides[i], &reach)) return false;
        if (__builtin_add_overflow(last, reach, &last)) return false;
    }
    out = {tensor.storageOffset, last - tensor.storageOffset + 1};
    return true;
}

std::string describe(const TensorRecord& tensor) {
    return "tensor \"" + tensor.name + "\"";
}

void validateTensor(const std::filesystem::path& file, const CheckpointIndex& index, const TensorRecord& tensor) {
    if (tensor.storage >= index.storages.size())
        throw FileError(file, describe(tensor) + " refers to a storage that does not exist");
    const StorageRecord& storage = index.storages[tensor.storage];
    if (tensor.dtype != storage.dtype)
        throw FileError(file, describe(tensor) + " is " + dtypeName(tensor.dtype) + " but its storage \"" +
                                  storage.key + "\" holds " + dtypeName(storage.dtype));
    if (tensor.shape.size() != tensor.strides.size())
        throw FileError(file, describe(tensor) + " has " + std::to_string(tensor.shape.size()) + " dimensions but " +
                                  std::to_string(tensor.strides.size()) + " strides");
    if (tensor.storageOffset < 0) throw FileError(file, describe(tensor) + " has a negative storage offset");
    std::int64_t numel = 1;
    for (std::size_t i = 0; i < tensor.shape.size(); ++i) {
        if (tensor.shape[i] < 0) throw FileError(file, describe(tensor) + " has a negative dimension");
        if (tensor.strides[i] < 0) throw FileError(file, describe(tensor) + " has a negative stride");
        if (__builtin_mul_overflow(numel, tensor.shape[i], &numel))
            throw FileError(file, describe(tensor) + " has more elements than can be addressed");
    }
    ElementSpan span{};
    if (!checkedViewSpan(tensor, span))
        throw FileError(file, describe(tensor) + " has strides that reach beyond any storage");
    const auto storageElements = static_cast<std::int64_t>(storage.nbytes / dtypeSize(storage.dtype));
    if (span.count > 0 && (span.first >= storageElements || span.count > storageElements - span.first))
        throw FileError(file, describe(tensor) + " reads elements [" + std::to_string(span.first) + ", " +
                                  std::to_string(span.first + span.count) + ") of storage \"" + storage.key +
                                  "\", which holds only " + std::to_string(storageElements));
}

}  // namespace

ElementSpan viewSpan(const TensorRecord& tensor) {
    ElementSpan span{};
    checkedViewSpan(tensor, span);  // validateIndex has ruled out overflow
    return span;
}

std::span<const std::byte> viewBytes(std::span<const std::byte> file, const CheckpointIndex& index,
                                     const TensorRecord& tensor) {
    const std::size_t elementSize = dtypeSize(tensor.dtype);
    const ElementSpan span = viewSpan(tensor);
    return file.subspan(index.storages[tensor.storage].offset + span.first * elementSize, span.count * elementSize);
}

void validateIndex(const std::filesystem::path& file, const CheckpointIndex& index, std::uint64_t fileSize) {
    for (const StorageRecord& storage : index.storages) {
        if (storage.offset > fileSize || storage.nbytes > fileSize - storage.offset)
            throw FileError(file, "the data of \"" + storage.key + "\" lies beyond the end of the file (" +
                                      std::to_string(fileSize) + " bytes); the file is truncated or corrupt");
        if (storage.nbytes % dtypeSize(storage.dtype) != 0)
            throw FileError(file, "the data of \"" + storage.key + "\" is " + std::to_string(storage.nbytes) +
                                      " bytes, not a whole number of " + dtypeName(storage.dtype) + " values");
    }
    std::unordered_set<std::string_view> names;
    names.reserve(index.tensors.size());
    for (const TensorRecord& tensor : index.tensors) {
        if (!names.insert(tensor.name).second)
            throw FileError(file, "the tensor name \"" + tensor.name + "\" appears twice");
        validateTensor(file, index, tensor);
    }
}

CheckpointIndex parseCheckpoint(const std::filesystem::path& file, std::span<const std::byte> bytes) {
    if (startsWith(bytes, "PK\x03\x04") || startsWith(bytes, "PK\x05\x06")) return parseTorchZip(file, bytes);
    if (looksLikeSafeTensors(bytes)) return parseSafeTensors(file, bytes);
    if (looksLikeLegacyTorch(bytes))
        throw FileError(file, "this is a checkpoint in the legacy (pre-1.6) torch format, which is not supported; "
                              "re-save it with a recent torch: torch.save(torch.load(old), new)");
    throw FileError(file, "not a checkpoint this program can read: it is neither a torch zip archive "
                          "(.pth/.ckpt) nor a safetensors file");
}

}  // namespace flashface::checkpoint
