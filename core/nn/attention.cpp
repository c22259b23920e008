#include "nn/attention.h"

#include <ATen/ATen.h>
#include <torch/version.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace flashface::nn {

namespace {

void check(bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("attention: " + what);
}

void validate(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
              const at::Tensor& sharedV, const AttentionOptions& options) {
    check(q.dim() == 3 && k.dim() == 3 && v.dim() == 3, "q, k and v must be [B, L, C]");
    check(k.size(0) == q.size(0) && v.size(0) == q.size(0), "q, k and v must have the same number of rows");
    check(k.size(1) == v.size(1), "k and v must have the same number of tokens");
    check(k.size(2) == q.size(2) && v.size(2) == q.size(2), "q, k and v must have the same width");
    check(options.numHeads > 0 && q.size(2) % options.numHeads == 0,
          "the width " + std::to_string(q.size(2)) + " does not split into " + std::to_string(options.numHeads) +
              " heads");
    check(options.scoreBudget > 0, "the score budget must be positive");
    check(sharedK.defined() == sharedV.defined(), "shared keys need shared values");
    if (sharedK.defined()) {
        check(sharedK.dim() == 3 && sharedK.size(0) == 1 && sharedK.size(2) == q.size(2) &&
                  sharedV.sizes() == sharedK.sizes(),
              "shared keys and values must be [1, Ls, C] with the queries' width");
        check(!options.causal, "causal attention cannot have shared keys");
    }
    if (options.causal) check(k.size(1) == q.size(1), "causal attention needs as many keys as queries");
}

// [B, L, C] → [B, heads, L, head_dim] (a view when possible).
at::Tensor splitHeads(const at::Tensor& x, std::int64_t heads) {
    return x.reshape({x.size(0), x.size(1), heads, x.size(2) / heads}).transpose(1, 2);
}

// [B, heads, L, head_dim] → [B, L, C].
at::Tensor mergeHeads(const at::Tensor& x) {
    return x.transpose(1, 2).reshape({x.size(0), x.size(2), x.size(1) * x.size(3)});
}

#if TORCH_VERSION_MAJOR >= 2
// libtorch ≥ 2 has fused kernels: flash / memory-efficient attention on CUDA, and (from 2.2)
// a flash kernel on the CPU whose memory does not grow with Lq·Lk.
bool hasFusedKernel(const at::Tensor& q) {
    return !q.is_cpu() || TORCH_VERSION_MAJOR > 2 || TORCH_VERSION_MINOR >= 2;
}

at::Tensor fusedAttention(const at::Tensor& q, at::Tensor k, at::Tensor v, const at::Tensor& sharedK,
                          const at::Tensor& sharedV, const AttentionOptions& options) {
    if (sharedK.defined()) {
        k = at::cat({k, sharedK.expand({q.size(0), -1, -1})}, 1);
        v = at::cat({v, sharedV.expand({q.size(0), -1, -1})}, 1);
    }
    const auto h = options.numHeads;
    return mergeHeads(at::scaled_dot_product_attention(splitHeads(q, h), splitHeads(k, h), splitHeads(v, h), {},
                                                       0.0, options.causal));
}
#endif

// Exact attention in blocks of queries (and of rows, when whole rows fit), each block's scores
// within options.scoreBudget elements.
at::Tensor blockedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
                            const at::Tensor& sharedV, const AttentionOptions& options) {
    const auto heads = options.numHeads;
    const auto rows = q.size(0), queries = q.size(1), headDim = q.size(2) / heads;
    const auto ownKeys = k.size(1);
    const auto sharedKeys = sharedK.defined() ? sharedK.size(1) : 0;
    const double scale = 1.0 / std::sqrt(static_cast<double>(headDim));

    const auto qh = splitHeads(q, heads);
    const auto kT = splitHeads(k, heads).transpose(2, 3);
    const auto vh = splitHeads(v, heads);
    at::Tensor sharedKT, sharedVh;
    if (sharedKeys) {
        sharedKT = splitHeads(sharedK, heads).transpose(2, 3);
        sharedVh = splitHeads(sharedV, heads);
    }

    const std::int64_t scoresPerQuery = heads * (ownKeys + sharedKeys);
    const std::int64_t queryBlock = std::clamp<std::int64_t>(options.scoreBudget / scoresPerQuery, 1, queries);
    const std::int64_t rowBlock =
        queryBlock == queries ? std::clamp<std::int64_t>(options.scoreBudget / (scoresPerQuery * queries), 1, rows)
                              : 1;

    auto out = at::empty({rows, heads, queries, headDim}, q.options());
    for (std::int64_t r0 = 0; r0 < rows; r0 += rowBlock) {
        const auto nr = std::min(rowBlock, rows - r0);
        for (std::int64_t q0 = 0; q0 < queries; q0 += queryBlock) {
            const auto nq = std::min(queryBlock, queries - q0);
            const auto qBlock = qh.narrow(0, r0, nr).narrow(2, q0, nq).mul(scale);
            auto scores = at::matmul(qBlock, kT.narrow(0, r0, nr));
            if (sharedKeys) scores = at::cat({scores, at::matmul(qBlock, sharedKT)}, -1);
            if (options.causal) {
                const auto opts = at::TensorOptions().dtype(at::kLong);
                const auto future = at::arange(q0, q0 + nq, opts).unsqueeze(1) < at::arange(ownKeys, opts).unsqueeze(0);
                scores.masked_fill_(future, -std::numeric_limits<double>::infinity());
            }
            const auto p = at::softmax(scores, -1, at::kFloat).to(v.scalar_type());
            auto o = at::matmul(p.narrow(-1, 0, ownKeys), vh.narrow(0, r0, nr));
            if (sharedKeys) o.add_(at::matmul(p.narrow(-1, ownKeys, sharedKeys), sharedVh));
            out.narrow(0, r0, nr).narrow(2, q0, nq).copy_(o);
        }
    }
    return mergeHeads(out);
}

at::Tensor dispatch(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
                    const at::Tensor& sharedV, const AttentionOptions& options) {
    validate(q, k, v, sharedK, sharedV, options);
#if TORCH_VERSION_MAJOR >= 2
    if (hasFusedKernel(q)) return fusedAttention(q, k, v, sharedK, sharedV, options);
#endif
    return blockedAttention(q, k, v, sharedK, sharedV, options);
}

}  // namespace

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const AttentionOptions& options) {
    return dispatch(q, k, v, {}, {}, options);
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
                     const at::Tensor& sharedV, const AttentionOptions& options) {
    return dispatch(q, k, v, sharedK, sharedV, options);
}

}  // namespace flashface::nn
