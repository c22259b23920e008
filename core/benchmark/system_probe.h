#pragma once

// What a measurement needs to know about this process and machine (Linux).

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace flashface::bench {

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

// Paths of the shared libraries mapped into this process whose file name contains `part`
// (e.g. "blas": libtorch does its matrix products through libblas.so.3).
std::vector<std::string> loadedLibraries(const std::string& part);

// The 1, 5 and 15 minute load averages (zeros if unknown): how busy the machine was.
std::array<double, 3> loadAverage();

}  // namespace flashface::bench
