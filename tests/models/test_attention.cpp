#include "nn/attention.h"
#include "support/fixtures.h"
#include "support/precision.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace {

using flashface::nn::attention;
using flashface::nn::AttentionAlgorithm;
using flashface::nn::AttentionOptions;
using flashface::test::allClose;

// The textbook formula in float64, one row and one head at a time.
at::Tensor naiveAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, std::int64_t heads,
                          bool causal = false) {
    const auto d = q.size(2) / heads;
    auto out = at::empty(q.sizes(), q.options().dtype(at::kDouble));
    for (std::int64_t b = 0; b < q.size(0); ++b) {
        for (std::int64_t h = 0; h < heads; ++h) {
            const auto qb = q[b].narrow(1, h * d, d).to(at::kDouble);
            const auto kb = k[b].narrow(1, h * d, d).to(at::kDouble);
            const auto vb = v[b].narrow(1, h * d, d).to(at::kDouble);
            auto scores = qb.mm(kb.t()) / std::sqrt(static_cast<double>(d));
            if (causal) scores = scores.masked_fill(at::ones_like(scores, at::kBool).triu(1), -INFINITY);
            out[b].narrow(1, h * d, d).copy_(scores.softmax(-1).mm(vb));
        }
    }
    return out;
}

struct Inputs {
    at::Tensor q, k, v;
};

Inputs randomInputs(std::int64_t rows, std::int64_t queries, std::int64_t keys, std::int64_t width) {
    return {at::randn({rows, queries, width}), at::randn({rows, keys, width}), at::randn({rows, keys, width})};
}

TEST(Attention, MatchesTheFormula) {
    at::manual_seed(1);
    const auto [q, k, v] = randomInputs(3, 11, 13, 24);
    for (std::int64_t heads : {1, 3, 8})
        EXPECT_TRUE(allClose(attention(q, k, v, {.numHeads = heads}), naiveAttention(q, k, v, heads), 1e-5))
            << heads << " heads";
}

TEST(Attention, CausalMatchesTheFormula) {
    at::manual_seed(2);
    const auto [q, k, v] = randomInputs(2, 9, 9, 16);
    const AttentionOptions options{.numHeads = 2, .causal = true};
    EXPECT_TRUE(allClose(attention(q, k, v, options), naiveAttention(q, k, v, 2, true), 1e-5));
    AttentionOptions chunked = options;
    chunked.scoreBudget = 1;
    EXPECT_TRUE(allClose(attention(q, k, v, chunked), naiveAttention(q, k, v, 2, true), 1e-5));
}

TEST(Attention, BlockSizeDoesNotChangeTheResult) {
    at::manual_seed(3);
    const auto [q, k, v] = randomInputs(3, 37, 29, 32);
    const auto whole = attention(q, k, v, {.numHeads = 4});
    // One query at a time; a few queries; whole rows but not all rows at once.
    for (std::int64_t budget : {1, 4 * 29 * 5, 4 * 29 * 37 * 2}) {
        AttentionOptions options{.numHeads = 4, .scoreBudget = budget};
        EXPECT_TRUE(allClose(attention(q, k, v, options), whole, 1e-6)) << "budget " << budget;
    }
}

// w·A(q, [k; shared]) + (1 − w)·A(q, k) per row, from the formula.
at::Tensor naiveMixed(const Inputs& in, const at::Tensor& sharedK, const at::Tensor& sharedV,
                      const std::vector<double>& weights, std::int64_t heads) {
    const auto rows = in.q.size(0);
    const auto withShared = naiveAttention(in.q, at::cat({in.k, sharedK.expand({rows, -1, -1})}, 1),
                                           at::cat({in.v, sharedV.expand({rows, -1, -1})}, 1), heads);
    const auto w = at::tensor(weights, at::TensorOptions().dtype(at::kDouble)).view({-1, 1, 1});
    return withShared * w + naiveAttention(in.q, in.k, in.v, heads) * (1 - w);
}

TEST(Attention, SharedKeysMixPerRowAsTheFormula) {
    at::manual_seed(4);
    const auto in = randomInputs(4, 10, 10, 16);
    const auto sharedK = at::randn({1, 25, 16});
    const auto sharedV = at::randn({1, 25, 16});
    // Only the shared term, neither, a mixture, and an extrapolation (λ > 1) as FlashFace uses.
    const std::vector<double> weights = {1.0, 0.0, 0.3, 1.2};
    const auto expected = naiveMixed(in, sharedK, sharedV, weights, 4);
    for (const auto algorithm : {AttentionAlgorithm::Fast, AttentionAlgorithm::Fused, AttentionAlgorithm::Blocked,
                                 AttentionAlgorithm::Straightforward}) {
        for (std::int64_t budget : {std::int64_t{1}, std::int64_t{4 * 35 * 3}, std::int64_t{1} << 24}) {
            AttentionOptions options{.numHeads = 4, .scoreBudget = budget, .algorithm = algorithm};
            EXPECT_TRUE(allClose(attention(in.q, in.k, in.v, sharedK, sharedV, weights, options), expected, 1e-5))
                << "budget " << budget << ", algorithm " << static_cast<int>(algorithm);
        }
    }
}

TEST(Attention, AKeyBiasOfLogTwoCountsKeysTwice) {
    // A bias of log 2 on the first shared key is that key and its value given twice, for every
    // algorithm (plain attention: the bias covers all keys).
    at::manual_seed(8);
    const auto in = randomInputs(3, 6, 5, 8);
    const auto sharedK = at::randn({1, 4, 8}), sharedV = at::randn({1, 4, 8});
    const std::vector<double> weights = {1.2, 0.0, 0.5};
    auto bias = at::zeros({4});
    bias[0] = std::log(2.0);
    const auto twiceK = at::cat({sharedK.narrow(1, 0, 1), sharedK}, 1), twiceV = at::cat({sharedV.narrow(1, 0, 1), sharedV}, 1);
    const auto expectedMixed = naiveMixed(in, twiceK, twiceV, weights, 2);
    auto plainBias = at::zeros({5});
    plainBias[1] = std::log(2.0);
    const auto twicePlainK = at::cat({in.k, in.k.narrow(1, 1, 1)}, 1), twicePlainV = at::cat({in.v, in.v.narrow(1, 1, 1)}, 1);
    const auto expectedPlain = naiveAttention(in.q, twicePlainK, twicePlainV, 2);
    for (const auto algorithm : {AttentionAlgorithm::Fused, AttentionAlgorithm::Blocked, AttentionAlgorithm::Straightforward}) {
        AttentionOptions options{.numHeads = 2, .algorithm = algorithm, .keyBias = bias};
        EXPECT_TRUE(allClose(attention(in.q, in.k, in.v, sharedK, sharedV, weights, options), expectedMixed, 1e-5))
            << "mixed, algorithm " << static_cast<int>(algorithm);
        options.keyBias = plainBias;
        EXPECT_TRUE(allClose(attention(in.q, in.k, in.v, options), expectedPlain, 1e-5))
            << "plain, algorithm " << static_cast<int>(algorithm);
    }
    EXPECT_THROW(attention(in.q, in.k, in.v, {.numHeads = 2, .keyBias = bias}), std::invalid_argument);
}

TEST(Attention, MergedSoftmaxesStayFiniteWhenOneSegmentDominates) {
    // Shared scores ~100 above the own ones: exp(own − overall max) would underflow to 0 and
    // make the plain term 0/0; each segment keeps its own maximum instead.
    at::manual_seed(6);
    auto in = randomInputs(2, 6, 7, 8);
    in.q = in.q * 10;
    const auto sharedK = in.q.narrow(0, 0, 1).narrow(1, 0, 5) * 10;
    const auto sharedV = at::randn({1, 5, 8});
    const std::vector<double> weights = {0.5, 1.5};
    // Blocked (each segment's maximum) and Fused on the CPU (each segment's log-sum-exp).
    for (const auto algorithm : {AttentionAlgorithm::Blocked, AttentionAlgorithm::Fused}) {
        const auto out = attention(in.q, in.k, in.v, sharedK, sharedV, weights, {.numHeads = 1, .algorithm = algorithm});
        EXPECT_TRUE(out.isfinite().all().item<bool>()) << static_cast<int>(algorithm);
        EXPECT_TRUE(allClose(out, naiveMixed(in, sharedK, sharedV, weights, 1), 1e-5)) << static_cast<int>(algorithm);
    }
}

TEST(Attention, EveryAlgorithmMatchesTheFormula) {
    at::manual_seed(7);
    const auto [q, k, v] = randomInputs(2, 9, 9, 16);
    for (const auto algorithm : {AttentionAlgorithm::Fused, AttentionAlgorithm::Blocked, AttentionAlgorithm::Straightforward}) {
        for (const bool causal : {false, true}) {
            const AttentionOptions options{.numHeads = 2, .causal = causal, .algorithm = algorithm};
            EXPECT_TRUE(allClose(attention(q, k, v, options), naiveAttention(q, k, v, 2, causal), 1e-5))
                << "causal " << causal << ", algorithm " << static_cast<int>(algorithm);
        }
    }
}

TEST(Attention, LowPrecisionInputsStayClose) {
    at::manual_seed(5);
    const auto [q, k, v] = randomInputs(2, 8, 12, 16);
    const auto out = attention(q.to(at::kBFloat16), k.to(at::kBFloat16), v.to(at::kBFloat16), {.numHeads = 2});
    EXPECT_EQ(out.scalar_type(), at::kBFloat16);
    // Three roundings in series (the inputs, the scores, the weighted sum): support/precision.h.
    EXPECT_TRUE(flashface::test::closeInPrecisionOf(out, naiveAttention(q, k, v, 2), at::kBFloat16, 3));
}

TEST(Attention, RejectsInconsistentShapes) {
    const auto [q, k, v] = randomInputs(2, 4, 5, 12);
    EXPECT_THROW(attention(q, k, v, {.numHeads = 5}), std::invalid_argument);
    EXPECT_THROW(attention(q, k.narrow(1, 0, 4), v, {.numHeads = 2}), std::invalid_argument);
    EXPECT_THROW(attention(q, k, v, {.numHeads = 2, .causal = true}), std::invalid_argument);
    EXPECT_THROW(attention(q, k, v, at::randn({2, 3, 12}), at::randn({2, 3, 12}), {1.0, 1.0}, {.numHeads = 2}),
                 std::invalid_argument);
    EXPECT_THROW(attention(q, k, v, at::randn({1, 3, 12}), at::randn({1, 3, 12}), {1.0}, {.numHeads = 2}),
                 std::invalid_argument);  // one weight for two rows
}

}  // namespace
