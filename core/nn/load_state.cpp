#include "nn/load_state.h"

#include "checkpoint/checkpoint.h"
#include "common/error.h"

#include <ATen/ATen.h>

namespace flashface::nn {

checkpoint::ExpectedKeys expectedKeys(Module& module, const LoadOptions& options) {
    checkpoint::ExpectedKeys expected{{}, options.expectedExtras};
    for (const auto& p : module.parameters(options.prefix)) expected.tensors.push_back({p.name, p.shape});
    return expected;
}

std::vector<checkpoint::TensorShape> foundKeys(const checkpoint::Checkpoint& checkpoint) {
    std::vector<checkpoint::TensorShape> found;
    for (const auto& info : checkpoint.tensors()) found.push_back({info.name, info.shape});
    return found;
}

void loadState(Module& module, const checkpoint::Checkpoint& checkpoint, const LoadOptions& options) {
    const auto params = module.parameters(options.prefix);
    checkpoint::checkKeys(checkpoint.path(), expectedKeys(module, options), foundKeys(checkpoint));

    for (const auto& p : params) {
        const checkpoint::TensorInfo* info = checkpoint.find(p.name);
        const bool floating = at::isFloatingType(checkpoint::toScalarType(info->dtype));
        *p.tensor = floating ? inLayoutOf(p, checkpoint.read(p.name, options.dtype, options.device))
                             : checkpoint.read(p.name).to(options.device);
    }
}

}  // namespace flashface::nn
