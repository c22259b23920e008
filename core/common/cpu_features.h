#pragma once

// What the CPU and libtorch's CPU kernels can do, for choices that depend on it (precision,
// attention kernels). Torch-free header.

namespace flashface {

// Whether ATen dispatches to its AVX-512 kernels (not when the CPU lacks AVX-512, nor when
// ATEN_CPU_CAPABILITY asks for less).
bool atenUsesAvx512Kernels();

// Whether this CPU multiplies bfloat16 in hardware (AVX-512 BF16 or AMX-BF16, from cpuinfo) and
// ATen uses it (atenUsesAvx512Kernels: ATEN_CPU_CAPABILITY=avx2 makes it an AVX2 machine). There a
// guided 512² step takes well under half the float32 time (README, "Performance"); elsewhere
// libtorch emulates bfloat16 and is slower than float32.
bool cpuHasBFloat16Arithmetic();

}  // namespace flashface
