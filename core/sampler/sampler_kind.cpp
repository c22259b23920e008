#include "sampler/sampler_kind.h"

namespace flashface::sampler {

const SamplerName& samplerName(SamplerKind kind) {
    for (const SamplerName& name : kSamplerNames)
        if (name.kind == kind) return name;
    return kSamplerNames[0];  // unreachable: every kind is listed
}

std::optional<SamplerKind> parseSampler(std::string_view id) {
    for (const SamplerName& name : kSamplerNames)
        if (id == name.id) return name.kind;
    return std::nullopt;
}

std::vector<std::string> samplerIds() {
    std::vector<std::string> ids;
    for (const SamplerName& name : kSamplerNames) ids.emplace_back(name.id);
    return ids;
}

std::string samplerIdList() {
    std::string list;
    for (const SamplerName& name : kSamplerNames) list += (list.empty() ? "" : "|") + std::string(name.id);
    return list;
}

}  // namespace flashface::sampler
