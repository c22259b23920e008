#pragma once

// What a measurement needs to know about this process and machine (Linux).

#include <array>
#include <cstdint>
#include <string>

namespace flashface::benchmark {

// Resident memory of this process in bytes: now, and the most since start or since the last
// resetPeakMemory().
struct MemoryUsage {
    std::int64_t current = 0;
    std::int64_t peak = 0;
};
MemoryUsage memoryUsage();

// Gives freed heap memory back to the system, then restarts the kernel's resident high-water
// mark, so that the next peak belongs to what runs next. False where the kernel does not allow it
// (the peak then keeps counting from the start).
bool resetPeakMemory();

// The libtorch computing here, as its build describes itself: version, BLAS, and the CPU kernels
// it dispatches to (AVX2, AVX512...; ATEN_CPU_CAPABILITY lowers them), e.g.
// "libtorch 2.11.0, BLAS mkl, CPU kernels AVX512".
std::string libtorchBuild();

// The 1, 5 and 15 minute load averages (zeros if unknown): how busy the machine was.
std::array<double, 3> loadAverage();

}  // namespace flashface::benchmark
