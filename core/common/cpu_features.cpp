#include "common/cpu_features.h"

#include <ATen/Version.h>
#include <ATen/cpu/Utils.h>

namespace flashface {

// Both are fixed for the process (ATen reads ATEN_CPU_CAPABILITY once) and asked on every attention
// call, so they are worked out once.
bool atenUsesAvx512Kernels() {
    static const bool avx512 = at::get_cpu_capability() == "AVX512";
    return avx512;
}

bool cpuHasBFloat16Arithmetic() {
    static const bool bfloat16 = [] {
        if (!atenUsesAvx512Kernels()) return false;
        const auto capabilities = at::cpu::get_cpu_capabilities();
        const auto has = [&](const char* name) {
            const auto it = capabilities.find(name);
            return it != capabilities.end() && it->second.isBool() && it->second.toBool();
        };
        return has("avx512_bf16") || has("amx_bf16");
    }();
    return bfloat16;
}

}  // namespace flashface
