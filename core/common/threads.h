#pragma once

namespace flashface {

// Number of CPU threads the engine computes with: `requested` if > 0, else the
// FLASHFACE_THREADS environment variable if set, else every hardware thread.
// (libtorch's OpenMP pool starts with one thread on our platform.)
int resolveThreadCount(int requested = 0);

// Applies resolveThreadCount(requested) to libtorch's intra-op pool; returns it.
int configureThreads(int requested = 0);

}  // namespace flashface
