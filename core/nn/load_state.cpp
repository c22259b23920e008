#include "nn/load_state.h"

#include "checkpoint/checkpoint.h"
#include "common/error.h"

#include <ATen/ATen.h>

#include <sstream>
#include <unordered_set>

namespace flashface::nn {

namespace {

constexpr std::size_t kListedKeys = 5;

std::string shapeString(const std::vector<std::int64_t>& shape) {
    std::ostringstream s;
    s << '[';
    for (std::size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
    s << ']';
    return s.str();
}

std::string listKeys(const std::vector<std::string>& keys) {
    std::ostringstream s;
    for (std::size_t i = 0; i < keys.size() && i < kListedKeys; ++i) s << (i ? ", " : "") << keys[i];
    if (keys.size() > kListedKeys) s << " (and " << keys.size() - kListedKeys << " more)";
    return s.str();
}

bool startsWithAny(const std::string& key, const std::vector<std::string>& prefixes) {
    for (const auto& p : prefixes)
        if (key.rfind(p, 0) == 0) return true;
    return false;
}

}  // namespace

void loadState(Module& module, const Checkpoint& checkpoint, const LoadOptions& options) {
    const auto params = module.parameters(options.prefix);

    std::vector<std::string> missing;
    std::unordered_set<std::string> expected;
    for (const auto& p : params) {
        expected.insert(p.name);
        const TensorInfo* info = checkpoint.find(p.name);
        if (!info) {
            missing.push_back(p.name);
            continue;
        }
        if (info->shape != p.shape)
            throw FileError(checkpoint.path(), "key '" + p.name + "' has shape " + shapeString(info->shape) +
                                                   ", the model expects " + shapeString(p.shape) +
                                                   " (is this the right file for this model?)");
    }
    if (!missing.empty())
        throw FileError(checkpoint.path(), std::to_string(missing.size()) + " expected key(s) missing: " +
                                               listKeys(missing) + " (is this the right file for this model?)");

    std::vector<std::string> unexpected;
    for (const auto& info : checkpoint.tensors())
        if (!expected.count(info.name) && !startsWithAny(info.name, options.expectedExtras))
            unexpected.push_back(info.name);
    if (!unexpected.empty())
        throw FileError(checkpoint.path(), std::to_string(unexpected.size()) +
                                               " unexpected key(s): " + listKeys(unexpected) +
                                               " (is this the right file for this model?)");

    for (const auto& p : params) {
        const TensorInfo* info = checkpoint.find(p.name);
        const bool floating = at::isFloatingType(toScalarType(info->dtype));
        *p.tensor = floating ? checkpoint.read(p.name, options.dtype, options.device)
                             : checkpoint.read(p.name).to(options.device);
    }
}

}  // namespace flashface::nn
