#pragma once

#include "checkpoint/dtype.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace flashface::checkpoint {

// DType, dtypeName and dtypeSize live in the torch-free checkpoint/dtype.h.
at::ScalarType toScalarType(DType dtype);

struct TensorInfo {
    std::string name;
    DType dtype;
    std::vector<std::int64_t> shape;

    std::int64_t numel() const;
};

// One interface over torch zip checkpoints (.pth/.ckpt, read through our own restricted
// unpickler: loading never runs code) and .safetensors (memory-mapped). The format is
// recognised by content. Opening reads metadata only; tensor data is read one tensor at a
// time, so the whole file is never held in memory. Every error is a FileError naming the file.
class Checkpoint {
public:
    static Checkpoint open(const std::filesystem::path& file);

    Checkpoint(Checkpoint&&) noexcept;
    Checkpoint& operator=(Checkpoint&&) noexcept;
    ~Checkpoint();

    const std::filesystem::path& path() const;

    // Every tensor in the file, in file order; no data is read.
    const std::vector<TensorInfo>& tensors() const;
    // The tensors whose names start with `prefix`, in file order.
    std::vector<TensorInfo> tensors(std::string_view prefix) const;
    // nullptr when absent.
    const TensorInfo* find(std::string_view name) const;

    // Reads one tensor as a contiguous tensor of `dtype` on `device`, converting while
    // reading (float32/float16/bfloat16 conversions are exact where representable).
    at::Tensor read(std::string_view name, at::ScalarType dtype, c10::Device device = c10::kCPU) const;
    // Reads one tensor in its stored dtype, on the CPU.
    at::Tensor read(std::string_view name) const;

private:
    struct Impl;
    explicit Checkpoint(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace flashface::checkpoint
