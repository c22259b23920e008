#pragma once

namespace flashface {

// Number of CPU threads the engine computes with: `requested` if > 0, else the
// FLASHFACE_THREADS environment variable if set, else every hardware thread.
// (libtorch's OpenMP pool starts with one thread on our platform.)
int resolveThreadCount(int requested = 0);

// Applies resolveThreadCount(requested) to libtorch's intra-op pool; returns it.
int configureThreads(int requested = 0);

// libgomp's idle threads spin before they sleep. On a machine busy with other work the spinning
// takes the cores the work needs (measured on 2 busy cores: the text encoder 150× and the attention
// 10× slower than with OMP_WAIT_POLICY=passive). libgomp reads the policy once, when it loads, so
// unless the environment already sets one this re-executes the program (argv as given) with the
// passive policy. Call it first thing in main(); it returns only when no re-execution happened.
void preferPassiveThreadWaits(char** argv);

}  // namespace flashface
