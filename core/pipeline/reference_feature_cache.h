#pragma once

#include "models/unet.h"
#include "pipeline/sampling.h"

#include <ATen/core/Tensor.h>
#include <c10/core/TensorImpl.h>
#include <c10/util/intrusive_ptr.h>

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace flashface::pipeline {

// Which weights a module holds: the same tensors, not modified in place since. Holds no weights:
// a weights tensor freed after a reload is not kept alive (weak references), and its address is
// not reused while this identity exists, so a new tensor is never taken for the old one.
class WeightsIdentity {
public:
    explicit WeightsIdentity(const nn::Module& module);
    bool matches(const nn::Module& module) const;

private:
    struct Held {
        c10::weak_intrusive_ptr<c10::TensorImpl, c10::UndefinedTensorImpl> tensor;
        std::int64_t version = 0;  // in-place changes count up (0 for tensors that keep no count)
    };
    std::vector<Held> held_;
};

// The reference pass's features (models::ReferenceFeatures) kept between model calls and runs,
// per reference set (reference latents, reference context — the negative prompt's encoding —,
// the UNet's weights and the computation; dtype and device are the latents') and model timestep.
// They depend on nothing else, so a run with the same references and negative prompt skips the
// reference pass at every timestep it shares with an earlier run, and gets the same features bit
// for bit. Bounded in bytes (the features' tensors): least recently used entries go first; an
// entry larger than the whole budget is not kept. Only complete features are stored: a pass that
// throws (cancelled, out of memory) leaves nothing. Not thread-safe: one generation at a time.
class ReferenceFeatureCache {
public:
    explicit ReferenceFeatureCache(std::uint64_t budgetBytes);
    ~ReferenceFeatureCache();
    ReferenceFeatureCache(const ReferenceFeatureCache&) = delete;
    ReferenceFeatureCache& operator=(const ReferenceFeatureCache&) = delete;

    // What SamplingInputs::referenceFeatures takes: `unet`'s reference pass over these
    // references (on the UNet's device, in its dtype), through this cache. The cache must outlive it.
    ReferenceFeatureProvider provider(const models::UNet& unet, const at::Tensor& refLatents,
                                      const at::Tensor& refContext,
                                      models::UNetComputation computation = models::UNetComputation::Optimised);

    // Evicts down to the new budget; 0 keeps nothing.
    void setBudget(std::uint64_t bytes);
    std::uint64_t budget() const { return budget_; }
    std::uint64_t bytes() const { return bytes_; }
    std::size_t entries() const { return lru_.size(); }
    // Lookups answered from the cache and those that ran the reference pass, since construction.
    std::uint64_t hits() const { return hits_; }
    std::uint64_t misses() const { return misses_; }

private:
    struct ReferenceSet;
    struct CachedFeatures {  // one timestep's features of one reference set
        ReferenceSet* set;
        std::int64_t timestep;
        models::ReferenceFeatures features;
        std::uint64_t bytes;
    };
    using Key = std::pair<const ReferenceSet*, std::int64_t>;  // (set, model timestep)

    models::ReferenceFeatures lookup(const std::shared_ptr<ReferenceSet>& set, std::int64_t timestep);
    void evictDownTo(std::uint64_t bytes);

    std::uint64_t budget_;
    std::uint64_t bytes_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0;
    // Sets with entries or a live provider; a set is dropped when it has neither.
    std::vector<std::shared_ptr<ReferenceSet>> sets_;
    std::list<CachedFeatures> lru_;  // most recently used first
    std::map<Key, std::list<CachedFeatures>::iterator> index_;
};

}  // namespace flashface::pipeline
