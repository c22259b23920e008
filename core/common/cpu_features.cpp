#include "common/cpu_features.h"

#include <ATen/Version.h>
#include <ATen/cpu/Utils.h>

namespace flashface {

bool atenUsesAvx512Kernels() {
    return at::get_cpu_capability() == "AVX512";
}

bool cpuHasBFloat16Arithmetic() {
    if (!atenUsesAvx512Kernels()) return false;
    const auto capabilities = at::cpu::get_cpu_capabilities();
    const auto has = [&](const char* name) {
        const auto it = capabilities.find(name);
        return it != capabilities.end() && it->second.isBool() && it->second.toBool();
    };
    return has("avx512_bf16") || has("amx_bf16");
}

}  // namespace flashface
