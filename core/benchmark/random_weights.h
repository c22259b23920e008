#pragma once

#include <cstdint>

namespace flashface::nn {
class Module;
}

namespace flashface::benchmark {

// Fills every parameter of `module` (allocating it, float32 on the CPU) with random weights of
// variance-preserving scale: matrices and kernels N(0, 1/fan_in), norm weights 1, biases 0, so
// that activations keep a normal range through a deep network and no denormals distort timings.
void randomiseParameters(nn::Module& module, std::uint64_t seed);

}  // namespace flashface::benchmark
