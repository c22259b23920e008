#pragma once

#include "pipeline/request.h"

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <cstdint>
#include <string>

namespace flashface::pipeline {

// Where the engine computes and in which floating-point type: the one resolution of the user's
// device and precision choices, for the pipeline and the benchmark alike.
struct ComputeDevice {
    c10::Device device{c10::kCPU};
    at::ScalarType dtype = at::kFloat;
};

// Auto picks the first CUDA GPU when one is visible, else the CPU; automatic precision is float16
// on CUDA, bfloat16 on a CPU with bfloat16 arithmetic (common/cpu_features.h) and float32 on other
// CPUs. Throws InvalidRequest for CUDA without a GPU and for float16 on the CPU (libtorch's
// CPU half kernels are slow and some are missing); bfloat16 runs on both.
ComputeDevice resolveComputeDevice(DeviceChoice device, PrecisionChoice precision);

// "float32", "float16" or "bfloat16".
std::string dtypeName(at::ScalarType dtype);

// e.g. "CUDA float16, NVIDIA H200" or "CPU float32, 2 threads".
std::string describeComputeDevice(const ComputeDevice& compute, int threads);

// Waits until the device has done the work queued on it (CUDA kernels run asynchronously, so a
// timing needs this before reading the clock); nothing on the CPU.
void synchronize(c10::Device device);

// The CUDA caching allocator's peaks since the last reset: bytes held by tensors, and bytes
// reserved from the driver (what nvidia-smi shows, less the context). Zeros on the CPU.
struct GpuMemoryPeak {
    std::int64_t allocatedBytes = 0;
    std::int64_t reservedBytes = 0;
};
void resetGpuMemoryPeak(c10::Device device);
GpuMemoryPeak gpuMemoryPeak(c10::Device device);

}  // namespace flashface::pipeline
