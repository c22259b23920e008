#include "pipeline/reference_feature_cache.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace flashface::pipeline {

namespace {

std::int64_t versionOf(const at::Tensor& t) {
    return t.defined() && !t.is_inference() ? static_cast<std::int64_t>(t._version()) : 0;
}

std::uint64_t bytesOf(const models::ReferenceFeatures& f) {
    std::uint64_t total = 0;
    for (const auto* list : {&f.keys, &f.values, &f.tokens})
        for (const auto& t : *list) total += t.nbytes();
    return total;
}

// Equal values in the same dtype, on the same device.
bool sameTensor(const at::Tensor& a, const at::Tensor& b) {
    return a.scalar_type() == b.scalar_type() && a.device() == b.device() && a.sizes() == b.sizes() && at::equal(a, b);
}

// The module's parameter tensors. Module::parameters() hands out writable slots, hence not const;
// nothing is written through them here.
std::vector<at::Tensor> parameterTensors(const nn::Module& module) {
    std::vector<at::Tensor> tensors;
    for (const auto& p : const_cast<nn::Module&>(module).parameters()) tensors.push_back(*p.tensor);
    return tensors;
}

}  // namespace

WeightsIdentity::WeightsIdentity(const nn::Module& module) {
    for (const auto& t : parameterTensors(module))
        held_.push_back({c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl>(t.getIntrusivePtr()),
                         versionOf(t)});
}

bool WeightsIdentity::matches(const nn::Module& module) const {
    const auto tensors = parameterTensors(module);
    if (tensors.size() != held_.size()) return false;
    for (std::size_t i = 0; i < tensors.size(); ++i)
        if (held_[i].tensor._unsafe_get_target() != tensors[i].unsafeGetTensorImpl() ||
            held_[i].version != versionOf(tensors[i]))
            return false;
    return true;
}

struct ReferenceFeatureCache::ReferenceSet {
    const models::UNet* unet;
    WeightsIdentity weights;
    at::Tensor latents, context;
    models::UNetComputation computation;
    std::size_t entries = 0;

    bool matches(const models::UNet& u, const at::Tensor& l, const at::Tensor& c, models::UNetComputation k) const {
        return &u == unet && computation == k && weights.matches(u) && sameTensor(l, latents) && sameTensor(c, context);
    }
};

ReferenceFeatureCache::ReferenceFeatureCache(std::uint64_t budgetBytes) : budget_(budgetBytes) {}

ReferenceFeatureCache::~ReferenceFeatureCache() = default;

ReferenceFeatureProvider ReferenceFeatureCache::provider(const models::UNet& unet, const at::Tensor& refLatents,
                                                         const at::Tensor& refContext,
                                                         models::UNetComputation computation) {
    std::erase_if(sets_, [](const auto& s) { return s->entries == 0 && s.use_count() == 1; });
    const auto found = std::find_if(sets_.begin(), sets_.end(),
                                    [&](const auto& s) { return s->matches(unet, refLatents, refContext, computation); });
    // The set keeps its own copies: the caller's tensors may be changed in place later.
    const auto set = found != sets_.end()
                         ? *found
                         : sets_.emplace_back(std::make_shared<ReferenceSet>(
                               ReferenceSet{&unet, WeightsIdentity(unet), refLatents.clone(), refContext.clone(), computation}));
    return [this, set](std::int64_t timestep) { return lookup(set, timestep); };
}

models::ReferenceFeatures ReferenceFeatureCache::lookup(const std::shared_ptr<ReferenceSet>& set, std::int64_t timestep) {
    if (const auto it = index_.find({set.get(), timestep}); it != index_.end()) {
        ++hits_;
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->features;
    }
    ++misses_;
    // Computed in full before anything is stored: an exception leaves the cache as it was.
    models::ReferenceFeatures features = set->unet->referenceFeatures(set->latents, timestep, set->context, set->computation);
    const std::uint64_t size = bytesOf(features);
    if (size > budget_) return features;
    evictDownTo(budget_ - size);
    lru_.push_front({set.get(), timestep, features, size});
    index_[{set.get(), timestep}] = lru_.begin();
    ++set->entries;
    bytes_ += size;
    return features;
}

void ReferenceFeatureCache::evictDownTo(std::uint64_t bytes) {
    while (bytes_ > bytes && !lru_.empty()) {
        const CachedFeatures& oldest = lru_.back();
        bytes_ -= oldest.bytes;
        --oldest.set->entries;
        index_.erase({oldest.set, oldest.timestep});
        lru_.pop_back();
    }
}

void ReferenceFeatureCache::setBudget(std::uint64_t bytes) {
    budget_ = bytes;
    evictDownTo(budget_);
}

}  // namespace flashface::pipeline
