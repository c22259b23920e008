#include "nn/attention.h"

#include "common/cpu_features.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

namespace flashface::nn {

namespace {

void check(bool ok, const std::string& what) {
    if (!ok) throw std::invalid_argument("attention: " + what);
}

void validate(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
              const at::Tensor& sharedV, const std::vector<double>& weights, const AttentionOptions& options) {
    check(q.dim() == 3 && k.dim() == 3 && v.dim() == 3, "q, k and v must be [B, L, C]");
    check(k.size(0) == q.size(0) && v.size(0) == q.size(0), "q, k and v must have the same number of rows");
    check(k.size(1) == v.size(1), "k and v must have the same number of tokens");
    check(k.size(1) > 0, "there must be at least one key");
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
        check(weights.size() == static_cast<std::size_t>(q.size(0)),
              "one weight per row is needed, got " + std::to_string(weights.size()) + " for " +
                  std::to_string(q.size(0)) + " rows");
    }
    if (options.causal) check(k.size(1) == q.size(1), "causal attention needs as many keys as queries");
    if (options.keyBias.defined()) {
        const auto keys = sharedK.defined() ? sharedK.size(1) : k.size(1);
        check(options.keyBias.dim() == 1 && options.keyBias.size(0) == keys,
              "the key bias needs one value per " + std::string(sharedK.defined() ? "shared " : "") + "key");
        check(!options.causal, "causal attention takes no key bias");
    }
}

// The bias of the keys in the dtype of the scores, broadcasting over queries (undefined if none).
at::Tensor scoreBias(const AttentionOptions& options, at::ScalarType type) {
    return options.keyBias.defined() ? options.keyBias.to(type) : at::Tensor();
}

// [B, L, C] → [B, heads, L, head_dim] (a view when possible).
at::Tensor splitHeads(const at::Tensor& x, std::int64_t heads) {
    return x.reshape({x.size(0), x.size(1), heads, x.size(2) / heads}).transpose(1, 2);
}

// [B, heads, L, head_dim] → [B, L, C].
at::Tensor mergeHeads(const at::Tensor& x) {
    return x.transpose(1, 2).reshape({x.size(0), x.size(2), x.size(1) * x.size(3)});
}

double scaleFor(const at::Tensor& q, const AttentionOptions& options) {
    return 1.0 / std::sqrt(static_cast<double>(q.size(2) / options.numHeads));
}

at::Tensor rowWeights(const std::vector<double>& weights, const at::Tensor& like) {
    return at::tensor(weights, at::TensorOptions().dtype(at::kDouble)).to(like.device(), like.scalar_type());
}

// The original's computation: all scores of every row and head at once.
at::Tensor straightforwardAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                    const AttentionOptions& options) {
    const auto heads = options.numHeads;
    auto scores = at::matmul(splitHeads(q, heads).mul(scaleFor(q, options)), splitHeads(k, heads).transpose(2, 3));
    if (options.keyBias.defined()) scores = scores + scoreBias(options, scores.scalar_type());
    if (options.causal)
        scores.masked_fill_(at::ones({q.size(1), k.size(1)}, q.options().dtype(at::kBool)).triu(1),
                            -std::numeric_limits<double>::infinity());
    const auto p = at::softmax(scores, -1, at::kFloat).to(v.scalar_type());
    return mergeHeads(at::matmul(p, splitHeads(v, heads)));
}

using PlainAttention = at::Tensor (*)(const at::Tensor&, const at::Tensor&, const at::Tensor&, const AttentionOptions&);

// w·A(q, [k; shared]) + (1 − w)·A(q, k) per row by running `plain` on concatenated keys. With
// `everyRow` both terms are computed for every row, as the original does; otherwise a term is
// computed only for the rows that give it a non-zero weight.
at::Tensor mixByConcatenation(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
                              const at::Tensor& sharedV, const std::vector<double>& weights,
                              const AttentionOptions& options, PlainAttention plain, bool everyRow) {
    const auto w = rowWeights(weights, q).view({-1, 1, 1});
    auto out = at::zeros_like(q);
    const auto addTerm = [&](bool withShared) {
        std::vector<std::int64_t> rows;
        for (std::size_t i = 0; i < weights.size(); ++i)
            if (everyRow || weights[i] != (withShared ? 0.0 : 1.0)) rows.push_back(static_cast<std::int64_t>(i));
        if (rows.empty()) return;
        const auto index = at::tensor(rows, at::TensorOptions().dtype(at::kLong)).to(q.device());
        auto keys = k.index_select(0, index), values = v.index_select(0, index);
        AttentionOptions termOptions = options;
        termOptions.keyBias = at::Tensor();
        if (withShared) {
            const auto n = static_cast<std::int64_t>(rows.size());
            keys = at::cat({keys, sharedK.expand({n, -1, -1})}, 1);
            values = at::cat({values, sharedV.expand({n, -1, -1})}, 1);
            if (options.keyBias.defined())
                termOptions.keyBias = at::cat({at::zeros({k.size(1)}, options.keyBias.options()), options.keyBias});
        }
        const auto wi = w.index_select(0, index);
        out.index_add_(0, index, plain(q.index_select(0, index), keys, values, termOptions) * (withShared ? wi : 1 - wi));
    };
    addTerm(true);
    addTerm(false);
    return out;
}

at::Tensor fusedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                          const AttentionOptions& options) {
    const auto h = options.numHeads;
    const auto bias = scoreBias(options, q.scalar_type());
    return mergeHeads(at::scaled_dot_product_attention(splitHeads(q, h), splitHeads(k, h), splitHeads(v, h),
                                                       bias.defined() ? std::optional(bias.view({1, 1, 1, -1})) : std::nullopt,
                                                       0.0, options.causal));
}

// The mixed attention with libtorch's CPU flash kernel, which also returns each query's
// log-sum-exp of its scores: one pass over the row's own keys gives A(q, k) and, merged with a
// pass over the shared keys (rows whose weight is not 0 only), A(q, [k; shared]) exactly, instead
// of a second pass over the own keys concatenated with the shared ones.
at::Tensor fusedMixedAttentionOnCpu(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                    const at::Tensor& sharedK, const at::Tensor& sharedV,
                                    const std::vector<double>& weights, const AttentionOptions& options) {
    const auto h = options.numHeads;
    const auto qh = splitHeads(q, h);
    auto [self, selfLse] = at::_scaled_dot_product_flash_attention_for_cpu(qh, splitHeads(k, h), splitHeads(v, h));
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < weights.size(); ++i)
        if (weights[i] != 0.0) rows.push_back(static_cast<std::int64_t>(i));
    if (rows.empty()) return mergeHeads(self);
    const auto index = at::tensor(rows, at::TensorOptions().dtype(at::kLong));
    const auto n = static_cast<std::int64_t>(rows.size());
    const auto bias = scoreBias(options, q.scalar_type());
    auto [shared, sharedLse] = at::_scaled_dot_product_flash_attention_for_cpu(
        qh.index_select(0, index), splitHeads(sharedK, h).expand({n, -1, -1, -1}),
        splitHeads(sharedV, h).expand({n, -1, -1, -1}), 0.0, false,
        bias.defined() ? std::optional(bias.view({1, 1, 1, -1})) : std::nullopt);
    // Merged in float32: each segment weighed by exp(its log-sum-exp − the larger one).
    const auto ownLse = selfLse.index_select(0, index).unsqueeze(-1);
    const auto top = at::maximum(ownLse, sharedLse.unsqueeze(-1));
    const auto ownScale = (ownLse - top).exp_(), sharedScale = (sharedLse.unsqueeze(-1) - top).exp_();
    const auto own = self.index_select(0, index).to(at::kFloat);
    const auto withAll = (own * ownScale + shared.to(at::kFloat) * sharedScale) / (ownScale + sharedScale);
    std::vector<double> selected;
    for (const auto row : rows) selected.push_back(weights[static_cast<std::size_t>(row)]);
    const auto w = rowWeights(selected, withAll).view({-1, 1, 1, 1});
    auto out = self.clone();
    out.index_copy_(0, index, (withAll * w + own * (1 - w)).to(q.scalar_type()));
    return mergeHeads(out);
}

// What one thread's pass over one key segment leaves for a block of queries of one row and
// head: the unnormalised weighted sum of the values, Σ_j exp(s_j − m)·v_j, the scores' maximum m
// and Σ_j exp(s_j − m). Two segments merge exactly through these (log-sum-exp).
struct SegmentSums {
    at::Tensor sums, max, total;  // [B, heads, Lq, head_dim], [B, heads, Lq, 1], [B, heads, Lq, 1]

    SegmentSums(const at::Tensor& qh, bool filled) {
        const auto shape = qh.sizes().vec();
        auto scalar = shape;
        scalar.back() = 1;
        sums = filled ? at::zeros(shape, qh.options()) : at::empty(shape, qh.options());
        // An empty segment: no weight (exp(−∞) = 0) in the merge.
        max = filled ? at::full(scalar, -std::numeric_limits<double>::infinity(), qh.options())
                     : at::empty(scalar, qh.options());
        total = filled ? at::zeros(scalar, qh.options()) : at::empty(scalar, qh.options());
    }

    void reduce(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& bias,
                const at::Tensor& buffer, const at::Tensor& future, std::int64_t row, std::int64_t head,
                std::int64_t q0) const {
        const auto n = q.size(0), keys = k.size(0);
        // The first n·keys elements of the thread's buffer: contiguous scores that stay in cache.
        auto scores = buffer.narrow(0, 0, n * keys).view({n, keys});
        at::mm_out(scores, q, k.t());
        if (bias.defined()) scores.add_(bias);
        if (future.defined()) scores.masked_fill_(future, -std::numeric_limits<double>::infinity());
        auto m = max[row][head].narrow(0, q0, n);
        at::amax_out(m, scores, {1}, true);
        scores.sub_(m).exp_();
        auto z = total[row][head].narrow(0, q0, n);
        at::sum_out(z, scores, {1}, true);
        auto s = sums[row][head].narrow(0, q0, n);
        at::mm_out(s, scores, v);
    }
};

// Exact attention in blocks of queries per row and head; each block's scores (at most
// options.scoreBudget) are computed, exponentiated and consumed while in cache.
at::Tensor blockedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
                            const at::Tensor& sharedV, const std::vector<double>& weights,
                            const AttentionOptions& options) {
    const auto heads = options.numHeads;
    const auto rows = q.size(0), queries = q.size(1), ownKeys = k.size(1);
    const auto sharedKeys = sharedK.defined() ? sharedK.size(1) : 0;
    // Reduced precision is computed in float32 (softmax included), float64 stays float64.
    const auto computeType = at::promote_types(q.scalar_type(), at::kFloat);
    const auto prepare = [&](const at::Tensor& x) { return splitHeads(x.to(computeType), heads).contiguous(); };
    const auto qh = splitHeads(q.to(computeType).mul(scaleFor(q, options)), heads).contiguous();
    const auto kh = prepare(k), vh = prepare(v);
    at::Tensor sharedKh, sharedVh;
    std::vector<char> withShared(static_cast<std::size_t>(rows), 0);
    bool anyShared = false;
    if (sharedKeys) {
        sharedKh = prepare(sharedK)[0];
        sharedVh = prepare(sharedV)[0];
        for (std::size_t i = 0; i < withShared.size(); ++i) {
            withShared[i] = weights[i] != 0.0;
            anyShared = anyShared || withShared[i];
        }
    }
    at::Tensor future;
    if (options.causal) future = at::ones({queries, ownKeys}, q.options().dtype(at::kBool)).triu(1);
    // The key bias applies to the shared keys of the mixed attention, else to the own keys.
    const auto bias = scoreBias(options, computeType);

    const auto longest = std::max(ownKeys, anyShared ? sharedKeys : 0);
    const auto block = std::clamp<std::int64_t>(options.scoreBudget / longest, 1, queries);
    const SegmentSums own(qh, false);
    const SegmentSums shared = anyShared ? SegmentSums(qh, true) : own;

    // One block after the other, each operation using every thread. (Blocks spread over threads,
    // with single-threaded matrix products, were no faster with passive OpenMP waits and hundreds
    // of times slower with spinning ones on a busy machine.)
    const auto buffer = at::empty({block * longest}, qh.options());
    for (std::int64_t row = 0; row < rows; ++row) {
        for (std::int64_t head = 0; head < heads; ++head) {
            const auto qRow = qh[row][head], kRow = kh[row][head], vRow = vh[row][head];
            for (std::int64_t q0 = 0; q0 < queries; q0 += block) {
                const auto n = std::min(block, queries - q0);
                const auto qBlock = qRow.narrow(0, q0, n);
                own.reduce(qBlock, kRow, vRow, sharedKeys ? at::Tensor() : bias, buffer,
                           future.defined() ? future.narrow(0, q0, n) : at::Tensor(), row, head, q0);
                if (withShared[static_cast<std::size_t>(row)])
                    shared.reduce(qBlock, sharedKh[head], sharedVh[head], bias, buffer, {}, row, head, q0);
            }
        }
    }

    const auto self = own.sums / own.total;
    if (!anyShared) return mergeHeads(self).to(q.scalar_type());
    const auto top = at::maximum(own.max, shared.max);
    const auto ownScale = (own.max - top).exp_(), sharedScale = (shared.max - top).exp_();
    const auto withAll = (own.sums * ownScale + shared.sums * sharedScale) / (own.total * ownScale + shared.total * sharedScale);
    const auto w = rowWeights(weights, qh).view({-1, 1, 1, 1});
    return mergeHeads(withAll * w + self * (1 - w)).to(q.scalar_type());
}

// Measured on the CPU (2 cores, libtorch 2.11): with bench_attention at 4096 tokens, the fused
// kernel takes 0.7× the blocked time for plain float32 attention, and for the mixed attention
// (fusedMixedAttentionOnCpu: one pass over the own keys, log-sum-exp merge) 0.6× the blocked
// single pass; in bfloat16 the blocked pass computes in float32, while the fused kernel multiplies
// in bfloat16 (0.5× its float32 time on AVX-512 BF16 / AMX) and the log-sum-exp merge takes 0.62×
// the time of the concatenating one at 768² (9216 tokens, 3136 shared). But the fused bfloat16
// kernel's packing paths fail when ATen's kernels are forced below the machine's ISA
// (ATEN_CPU_CAPABILITY), so bfloat16 is fused only with ATen's AVX-512 kernels; float64 (tests)
// stays blocked.
AttentionAlgorithm chosen(const AttentionOptions& options, const at::Tensor& q) {
    if (options.algorithm != AttentionAlgorithm::Fast) return options.algorithm;
    if (!q.is_cpu()) return AttentionAlgorithm::Fused;
    const auto type = q.scalar_type();
    const bool fused = type == at::kFloat || (type == at::kBFloat16 && atenUsesAvx512Kernels());
    return fused ? AttentionAlgorithm::Fused : AttentionAlgorithm::Blocked;
}

}  // namespace

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const AttentionOptions& options) {
    validate(q, k, v, {}, {}, {}, options);
    switch (chosen(options, q)) {
        case AttentionAlgorithm::Straightforward: return straightforwardAttention(q, k, v, options);
        case AttentionAlgorithm::Fused: return fusedAttention(q, k, v, options);
        default: return blockedAttention(q, k, v, {}, {}, {}, options);
    }
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& sharedK,
                     const at::Tensor& sharedV, const std::vector<double>& weights, const AttentionOptions& options) {
    check(sharedK.defined(), "the mixed attention needs shared keys");
    validate(q, k, v, sharedK, sharedV, weights, options);
    switch (chosen(options, q)) {
        case AttentionAlgorithm::Straightforward:
            return mixByConcatenation(q, k, v, sharedK, sharedV, weights, options, straightforwardAttention, true);
        case AttentionAlgorithm::Fused:
            if (q.is_cpu()) return fusedMixedAttentionOnCpu(q, k, v, sharedK, sharedV, weights, options);
            return mixByConcatenation(q, k, v, sharedK, sharedV, weights, options, fusedAttention, false);
        default: return blockedAttention(q, k, v, sharedK, sharedV, weights, options);
    }
}

}  // namespace flashface::nn
