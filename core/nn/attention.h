#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace flashface::nn {

enum class AttentionAlgorithm {
    // The fastest exact computation for the device, as measured (bench_attention): Fused on CUDA
    // and on the CPU in float32 and, with ATen's AVX-512 kernels, bfloat16; Blocked otherwise.
    Fast,
    // libtorch's fused scaled-dot-product attention (flash / memory-efficient kernels on CUDA, a
    // flash kernel on the CPU); the mixed attention concatenates the shared tokens per row on
    // CUDA, and on the CPU merges a pass over the own keys and one over the shared keys through
    // their log-sum-exp (the CPU kernel returns it).
    Fused,
    // Attention in blocks of queries with the softmax fused into the block, so that no more than
    // `scoreBudget` scores exist at a time; the mixed attention's two terms come from one pass.
    Blocked,
    // What the original computes: every row's and head's whole score matrix at once, then softmax,
    // then the weighted sum. Kept to measure the fast path against and to prove them equal.
    Straightforward,
};

struct AttentionOptions {
    std::int64_t numHeads = 1;
    // Query i attends only to keys 0..i (needs as many keys as queries and no shared keys).
    bool causal = false;
    // Blocked path: the most scores held at once, in elements (8 MiB of float32 by default: a
    // block stays in the last-level cache, and its matrix products are large enough to thread).
    std::int64_t scoreBudget = std::int64_t{1} << 21;
    AttentionAlgorithm algorithm = AttentionAlgorithm::Fast;
    // Added to every query's score against each key, [Lk] (plain attention) or [Ls] for the shared
    // keys of the mixed attention; undefined: none. A bias of log w over a group of keys weighs the
    // group as if it were given w times (identity mixing: per-reference weights).
    at::Tensor keyBias;
};

// Multi-head scaled dot-product attention, softmax(q·kᵀ/√head_dim)·v per head, with the
// softmax computed in float32 whatever the inputs' dtype.
// q [B, Lq, C], k and v [B, Lk, C] → [B, Lq, C]; C splits into numHeads heads.
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     const AttentionOptions& options);

// Attention with extra key/value tokens shared by every row, mixed per row with plain attention:
//   row b → w_b · A(q_b, [k_b ; sharedK[0]], [v_b ; sharedV[0]]) + (1 − w_b) · A(q_b, k_b, v_b),
// sharedK/sharedV [1, Ls, C], `weights` one per row. The fast path computes both terms from one
// pass over the row's own keys (the two softmaxes merged through their log-sum-exp, exact), skips
// the shared tokens for rows whose weight is 0, and never copies the shared tokens per row.
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
                     const at::Tensor& sharedV, const std::vector<double>& weights, const AttentionOptions& options);

}  // namespace flashface::nn
