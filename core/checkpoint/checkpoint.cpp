// The libtorch adapter: turns the torch-free records of format.h into tensors, reading only the
// bytes of the requested view from the memory-mapped file.

#include "checkpoint/checkpoint.h"

#include "checkpoint/format.h"
#include "checkpoint/mapped_file.h"
#include "common/error.h"

#include <ATen/ATen.h>

#include <bit>
#include <cstring>
#include <unordered_map>

namespace flashface::checkpoint {

static_assert(std::endian::native == std::endian::little, "checkpoints store little-endian values");

at::ScalarType toScalarType(DType dtype) {
    switch (dtype) {
        case DType::Float32: return at::kFloat;
        case DType::Float16: return at::kHalf;
        case DType::BFloat16: return at::kBFloat16;
        case DType::Float64: return at::kDouble;
        case DType::Int64: return at::kLong;
        case DType::Int32: return at::kInt;
        case DType::Int16: return at::kShort;
        case DType::Int8: return at::kChar;
        case DType::UInt8: return at::kByte;
        case DType::Bool: return at::kBool;
    }
    return at::kFloat;
}

std::int64_t TensorInfo::numel() const {
    std::int64_t n = 1;
    for (const auto d : shape) n *= d;
    return n;
}

struct Checkpoint::Impl {
    std::filesystem::path path;
    checkpoint::MappedFile file;
    checkpoint::CheckpointIndex index;
    std::vector<TensorInfo> infos;
    std::unordered_map<std::string_view, std::size_t> byName;  // views into index.tensors' names

    const checkpoint::TensorRecord& record(std::string_view name) const {
        const auto it = byName.find(name);
        if (it == byName.end()) throw FileError(path, "the checkpoint has no tensor named \"" + std::string(name) + "\"");
        return index.tensors[it->second];
    }

    // The view as a strided CPU tensor in the stored dtype, aliasing the mapping when the data is
    // suitably aligned (safetensors does not promise alignment; torch zips do).
    at::Tensor source(const checkpoint::TensorRecord& tensor, std::span<const std::byte> bytes) const {
        const std::size_t elementSize = dtypeSize(tensor.dtype);
        const auto count = static_cast<std::int64_t>(bytes.size() / elementSize);
        // Bool bytes other than 0/1 are not valid at::kBool values: read bytes, compare below.
        const auto stored = tensor.dtype == DType::Bool ? at::kByte : toScalarType(tensor.dtype);
        at::Tensor flat;
        if (reinterpret_cast<std::uintptr_t>(bytes.data()) % elementSize == 0) {
            flat = at::from_blob(const_cast<std::byte*>(bytes.data()), {count}, at::TensorOptions().dtype(stored));
        } else {
            flat = at::empty({count}, at::TensorOptions().dtype(stored));
            std::memcpy(flat.data_ptr(), bytes.data(), bytes.size());
        }
        at::Tensor view = flat.as_strided(tensor.shape, tensor.strides, 0);
        return tensor.dtype == DType::Bool ? view.ne(0) : view;
    }
};

Checkpoint::Checkpoint(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Checkpoint::Checkpoint(Checkpoint&&) noexcept = default;
Checkpoint& Checkpoint::operator=(Checkpoint&&) noexcept = default;
Checkpoint::~Checkpoint() = default;

Checkpoint Checkpoint::open(const std::filesystem::path& file) {
    auto impl = std::make_unique<Impl>(Impl{file, checkpoint::MappedFile(file), {}, {}, {}});
    impl->index = checkpoint::parseCheckpoint(file, impl->file.bytes());
    impl->infos.reserve(impl->index.tensors.size());
    for (std::size_t i = 0; i < impl->index.tensors.size(); ++i) {
        const auto& tensor = impl->index.tensors[i];
        impl->infos.push_back({tensor.name, tensor.dtype, tensor.shape});
        impl->byName.emplace(tensor.name, i);
    }
    return Checkpoint(std::move(impl));
}

const std::filesystem::path& Checkpoint::path() const { return impl_->path; }

const std::vector<TensorInfo>& Checkpoint::tensors() const { return impl_->infos; }

std::vector<TensorInfo> Checkpoint::tensors(std::string_view prefix) const {
    std::vector<TensorInfo> out;
    for (const auto& info : impl_->infos)
        if (info.name.starts_with(prefix)) out.push_back(info);
    return out;
}

const TensorInfo* Checkpoint::find(std::string_view name) const {
    const auto it = impl_->byName.find(name);
    return it == impl_->byName.end() ? nullptr : &impl_->infos[it->second];
}

at::Tensor Checkpoint::read(std::string_view name, at::ScalarType dtype, c10::Device device) const {
    const auto& tensor = impl_->record(name);
    at::Tensor out = at::empty(tensor.shape, at::TensorOptions().dtype(dtype).device(device));
    if (out.numel() == 0) return out;
    const auto bytes = checkpoint::viewBytes(impl_->file.bytes(), impl_->index, tensor);
    out.copy_(impl_->source(tensor, bytes));  // converts dtype and device in one pass
    impl_->file.release(bytes);
    return out;
}

at::Tensor Checkpoint::read(std::string_view name) const {
    const auto& tensor = impl_->record(name);
    return read(name, toScalarType(tensor.dtype), c10::kCPU);
}

}  // namespace flashface::checkpoint
