#pragma once

#include <cstddef>

namespace flashface {

// libtorch's CPU tensors come from malloc, which hands large blocks back to the system when they
// are freed, so the next tensor of that size faults all its pages in again: measured, a quarter
// of the CPU time of a full-size generation went to the kernel. With reuse on, freed blocks of at
// least 1 MiB are kept (at most `cacheLimitBytes` of them) for the next tensors of the same size
// class (sizes rounded up by at most 1/8). Turning it off restores libtorch's allocator for new
// tensors (both kinds may be alive at once) and keeps the blocks already kept.
void reuseCpuMemory(bool enable, std::size_t cacheLimitBytes = std::size_t{1} << 30);

// Whether new CPU tensors come from the reusing allocator.
bool reusingCpuMemory();

// Frees every block kept for reuse (e.g. when a generation ends and the process idles).
void releaseCachedCpuMemory();

// Bytes in blocks kept for reuse right now.
std::size_t cachedCpuMemory();

}  // namespace flashface
