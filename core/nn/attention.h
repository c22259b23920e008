#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace flashface::nn {

struct AttentionOptions {
    std::int64_t numHeads = 1;
    // Query i attends only to keys 0..i (needs as many keys as queries and no shared keys).
    bool causal = false;
    // CPU path: the most attention scores held at once, in elements. Queries (and rows) are
    // processed in blocks that fit, so memory stays bounded however long the keys are.
    std::int64_t scoreBudget = std::int64_t{1} << 24;
};

// Multi-head scaled dot-product attention, softmax(q·kᵀ/√head_dim)·v per head, with the
// softmax computed in float32 whatever the inputs' dtype.
// q [B, Lq, C], k and v [B, Lk, C] → [B, Lq, C]; C splits into numHeads heads.
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     const AttentionOptions& options);

// The same with extra key/value tokens shared by every row: row b attends to the keys
// [k[b] ; sharedK[0]] and values [v[b] ; sharedV[0]]. sharedK/sharedV are [1, Ls, C]. The shared
// tokens are never copied per row on the CPU path.
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     const at::Tensor& sharedK, const at::Tensor& sharedV, const AttentionOptions& options);

}  // namespace flashface::nn
