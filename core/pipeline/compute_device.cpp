#include "pipeline/compute_device.h"

#include "common/cpu_features.h"
#include "common/error.h"

#include <ATen/Context.h>
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDACachingAllocator.h>

namespace flashface::pipeline {

ComputeDevice resolveComputeDevice(DeviceChoice device, PrecisionChoice precision) {
    const bool cuda = at::hasCUDA();
    if (device == DeviceChoice::Cuda && !cuda)
        throw InvalidRequest("CUDA was requested, but no NVIDIA GPU is visible (or its driver is missing); "
                             "choose the CPU or the automatic device.");
    ComputeDevice compute;
    if (device == DeviceChoice::Cuda || (device == DeviceChoice::Auto && cuda)) compute.device = c10::Device(c10::kCUDA, 0);
    const bool cpu = compute.device.is_cpu();
    switch (precision) {
        case PrecisionChoice::Float16:
            if (cpu) throw InvalidRequest("float16 runs only on CUDA; choose float32, bfloat16 or automatic precision on the CPU.");
            compute.dtype = at::kHalf;
            break;
        case PrecisionChoice::BFloat16: compute.dtype = at::kBFloat16; break;
        case PrecisionChoice::Float32: compute.dtype = at::kFloat; break;
        case PrecisionChoice::Auto:
            compute.dtype = !cpu ? at::kHalf : cpuHasBFloat16Arithmetic() ? at::kBFloat16 : at::kFloat;
            break;
    }
    return compute;
}

std::string dtypeName(at::ScalarType dtype) {
    switch (dtype) {
        case at::kHalf: return "float16";
        case at::kBFloat16: return "bfloat16";
        default: return "float32";
    }
}

std::string describeComputeDevice(const ComputeDevice& compute, int threads) {
    const std::string precision = dtypeName(compute.dtype);
    if (compute.device.is_cuda())
        return "CUDA " + precision + ", " + at::cuda::getDeviceProperties(compute.device.index())->name;
    return "CPU " + precision + ", " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
}

void synchronize(c10::Device device) {
    if (device.is_cuda()) at::cuda::device_synchronize();
}

void resetGpuMemoryPeak(c10::Device device) {
    if (device.is_cuda()) c10::cuda::CUDACachingAllocator::resetPeakStats(device.index());
}

GpuMemoryPeak gpuMemoryPeak(c10::Device device) {
    if (!device.is_cuda()) return {};
    using c10::CachingAllocator::StatType;
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device.index());
    const auto all = static_cast<std::size_t>(StatType::AGGREGATE);
    return {stats.allocated_bytes[all].peak, stats.reserved_bytes[all].peak};
}

}  // namespace flashface::pipeline
