#pragma once

// The torch-free layer of the checkpoint reader: it turns the bytes of a checkpoint file into
// records that say where every tensor's values lie, without reading any value. Built as its own
// library (flashface_checkpoint_format) so it can run under the sanitizers and libFuzzer.

#include "checkpoint/dtype.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace flashface::checkpoint {

enum class Format : std::uint8_t { SafeTensors, TorchZip };

// A run of bytes in the file holding `nbytes / dtypeSize(dtype)` elements. Several tensors may
// share one storage (views, aliased keys).
struct StorageRecord {
    std::string key;  // the zip entry (e.g. "archive/data/3") or the safetensors tensor name
    DType dtype;
    std::uint64_t offset;  // from the start of the file
    std::uint64_t nbytes;
};

// A tensor as a strided view of one storage; every element it addresses lies in the storage.
struct TensorRecord {
    std::string name;
    DType dtype;
    std::vector<std::int64_t> shape;
    std::vector<std::int64_t> strides;  // in elements
    std::int64_t storageOffset;         // in elements
    std::size_t storage;                // index into CheckpointIndex::storages
};

struct CheckpointIndex {
    Format format;
    std::vector<StorageRecord> storages;
    std::vector<TensorRecord> tensors;  // in file order, names unique
};

// Recognises the format by content and indexes the file. `bytes` is the whole file (usually
// memory-mapped); `file` only names it in errors. Throws FileError on anything malformed.
CheckpointIndex parseCheckpoint(const std::filesystem::path& file, std::span<const std::byte> bytes);

CheckpointIndex parseSafeTensors(const std::filesystem::path& file, std::span<const std::byte> bytes);
CheckpointIndex parseTorchZip(const std::filesystem::path& file, std::span<const std::byte> bytes);

// Checks the invariants the adapter relies on (storage inside the file, view inside its storage,
// unique names); both parsers end with it.
void validateIndex(const std::filesystem::path& file, const CheckpointIndex& index, std::uint64_t fileSize);

// The range of storage elements [first, first + count) a view touches; count is 0 for empty views.
struct ElementSpan {
    std::int64_t first;
    std::int64_t count;
};
ElementSpan viewSpan(const TensorRecord& tensor);

// The bytes of the storage elements `tensor` touches, within `file` (the bytes it was parsed from).
std::span<const std::byte> viewBytes(std::span<const std::byte> file, const CheckpointIndex& index,
                                     const TensorRecord& tensor);

}  // namespace flashface::checkpoint
