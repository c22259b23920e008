#include "models/unet_blocks.h"

#include "nn/attention.h"

#include <ATen/ATen.h>

#include <algorithm>

#include <stdexcept>
#include <string>

namespace flashface::models::detail {

ResidualBlock::ResidualBlock(std::int64_t inDim, std::int64_t embedDim, std::int64_t outDim) {
    auto& layer1 = addModule<nn::Module>("layer1");
    norm1_ = &layer1.addModule<nn::GroupNorm>("0", kGroups, inDim, kGroupNormEps);
    conv1_ = &layer1.addModule<nn::Conv2d>("2", inDim, outDim, 3, 1, 1);
    embedding_ = &addModule<nn::Module>("embedding").addModule<nn::Linear>("1", embedDim, outDim);
    auto& layer2 = addModule<nn::Module>("layer2");
    norm2_ = &layer2.addModule<nn::GroupNorm>("0", kGroups, outDim, kGroupNormEps);
    conv2_ = &layer2.addModule<nn::Conv2d>("3", outDim, outDim, 3, 1, 1);
    if (inDim != outDim) shortcut_ = &addModule<nn::Conv2d>("shortcut", inDim, outDim, 1);
}

at::Tensor ResidualBlock::forward(const at::Tensor& x, const at::Tensor& e) const {
    auto h = conv1_->forward(at::silu(norm1_->forward(x)));
    h = h + embedding_->forward(at::silu(e)).unsqueeze(-1).unsqueeze(-1).to(h.scalar_type());
    h = conv2_->forward(at::silu(norm2_->forward(h)));
    return h + (shortcut_ ? shortcut_->forward(x) : x);
}

MultiHeadAttention::MultiHeadAttention(std::int64_t dim, std::int64_t contextDim, std::int64_t numHeads)
    : q_(dim, dim, false), k_(contextDim, dim, false), v_(contextDim, dim, false), o_(dim, dim), dim_(dim), numHeads_(numHeads) {
    registerModule("q", q_);
    registerModule("k", k_);
    registerModule("v", v_);
    registerModule("o", o_);
}

MultiHeadAttention& MultiHeadAttention::addReferenceAttention() {
    first_ = &addModule<MultiHeadAttention>("self_attn_first", dim_, dim_, numHeads_);
    return *first_;
}

at::Tensor MultiHeadAttention::forward(const at::Tensor& x, const at::Tensor& context,
                                      nn::AttentionAlgorithm algorithm, const at::Tensor& keyBias) const {
    const auto& c = context.defined() ? context : x;
    return o_.forward(nn::attention(q_.forward(x), k_.forward(c), v_.forward(c),
                                    {.numHeads = numHeads_, .algorithm = algorithm, .keyBias = keyBias}));
}

at::Tensor MultiHeadAttention::forwardMixed(const at::Tensor& x, const at::Tensor& sharedKeys,
                                           const at::Tensor& sharedValues, const std::vector<double>& weights,
                                           const at::Tensor& sharedBias) const {
    return o_.forward(nn::attention(q_.forward(x), k_.forward(x), v_.forward(x), sharedKeys, sharedValues, weights,
                                    {.numHeads = numHeads_, .keyBias = sharedBias}));
}

AttentionBlock::AttentionBlock(std::int64_t dim, std::int64_t contextDim, std::int64_t numHeads, int slot,
                               bool withReference)
    : norm1_(dim),
      selfAttn_(dim, dim, numHeads),
      norm2_(dim),
      crossAttn_(dim, contextDim, numHeads),
      norm3_(dim),
      slot_(slot) {
    registerModule("norm1", norm1_);
    registerModule("self_attn", selfAttn_);
    registerModule("norm2", norm2_);
    registerModule("cross_attn", crossAttn_);
    registerModule("norm3", norm3_);
    // nn.Sequential(GeGLU(dim, 4·dim), Dropout, Linear(4·dim, dim)): keys ffn.0.proj and ffn.2.
    auto& ffn = addModule<nn::Module>("ffn");
    ffnIn_ = &ffn.addModule<nn::Module>("0").addModule<nn::Linear>("proj", dim, 8 * dim);
    ffnOut_ = &ffn.addModule<nn::Linear>("2", 4 * dim, dim);
    if (withReference) selfAttn_.addReferenceAttention();
}

at::Tensor AttentionBlock::forward(at::Tensor x, const at::Tensor& context, const ReferenceMode& mode) const {
    const auto y = norm1_.forward(x);
    if (slot_ >= 0 && mode.record) {
        mode.record->at(static_cast<std::size_t>(slot_)) = y;
        if (mode.finished()) return x;
    }
    x = x + selfAttn_.forward(y, {}, mode.algorithm());
    if (slot_ >= 0 && mode.features) x = x + (mode.original ? originalReferenceTerm(y, mode) : referenceTerm(y, mode));
    x = x + crossAttn_.forward(norm2_.forward(x), context, mode.algorithm());
    const auto gated = ffnIn_->forward(norm3_.forward(x)).chunk(2, -1);
    return x + ffnOut_->forward(gated[0] * at::gelu(gated[1]));
}

const MultiHeadAttention& AttentionBlock::checkedReferenceAttention() const {
    const MultiHeadAttention* first = selfAttn_.referenceAttention();
    if (!first) throw std::logic_error("reference features given to a block without reference attention");
    return *first;
}

namespace {

// log w_r over each of reference r's tokens (the references' tokens are concatenated in order),
// or undefined when every weight is 1, so that unweighted runs compute exactly as the original.
at::Tensor referenceKeyBias(const ReferenceFeatures& features, std::int64_t tokens, const at::Tensor& like) {
    const auto& w = features.referenceWeights;
    if (std::all_of(w.begin(), w.end(), [](double x) { return x == 1.0; })) return {};
    const auto perReference = tokens / static_cast<std::int64_t>(w.size());
    return at::tensor(w, at::TensorOptions().dtype(at::kDouble)).log().repeat_interleave(perReference).to(like.device(), at::kFloat);
}

}  // namespace

at::Tensor AttentionBlock::referenceTerm(const at::Tensor& y, const ReferenceMode& mode) const {
    const auto slot = static_cast<std::size_t>(slot_);
    const auto& keys = mode.features->keys.at(slot);
    return checkedReferenceAttention().forwardMixed(y, keys, mode.features->values.at(slot), mode.rowLambda,
                                                    referenceKeyBias(*mode.features, keys.size(1), y));
}

at::Tensor AttentionBlock::originalReferenceTerm(const at::Tensor& y, const ReferenceMode& mode) const {
    const auto& first = checkedReferenceAttention();
    const auto& tokens = mode.features->tokens.at(static_cast<std::size_t>(slot_));
    const auto withReferences = at::cat({y, tokens.expand({y.size(0), -1, -1})}, 1);
    auto bias = referenceKeyBias(*mode.features, tokens.size(1), y);
    if (bias.defined()) bias = at::cat({at::zeros({y.size(1)}, bias.options()), bias});
    const auto lambda = at::tensor(mode.rowLambda, at::TensorOptions().dtype(at::kDouble)).to(y.options()).view({-1, 1, 1});
    const auto algorithm = nn::AttentionAlgorithm::Straightforward;
    return first.forward(y, withReferences, algorithm, bias) * lambda + (1 - lambda) * first.forward(y, {}, algorithm);
}

StackedAttention::StackedAttention(std::int64_t dim, std::int64_t contextDim, std::int64_t numHeads,
                                   std::int64_t numBlocks, int firstSlot, bool withReference)
    : norm1_(kGroups, dim, kGroupNormEps), conv1_(dim, dim, 1), conv2_(dim, dim, 1) {
    registerModule("norm1", norm1_);
    registerModule("conv1", conv1_);
    auto& list = addModule<nn::Module>("blocks");
    for (std::int64_t i = 0; i < numBlocks; ++i) {
        const int slot = firstSlot < 0 ? -1 : firstSlot + static_cast<int>(i);
        blocks_.push_back(
            &list.addModule<AttentionBlock>(std::to_string(i), dim, contextDim, numHeads, slot, withReference));
    }
    registerModule("conv2", conv2_);
}

at::Tensor StackedAttention::forward(const at::Tensor& x, const at::Tensor& context, const ReferenceMode& mode) const {
    const auto b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    // [B, C, H, W] → tokens [B, HW, C]: a view for channels-last tensors, one copy otherwise.
    auto tokens = conv1_.forward(norm1_.forward(x)).permute({0, 2, 3, 1}).reshape({b, h * w, c});
    for (const auto* block : blocks_) {
        tokens = block->forward(tokens, context, mode);
        if (mode.finished()) return x;
    }
    return conv2_.forward(tokens.view({b, h, w, c}).permute({0, 3, 1, 2}).contiguous(x.suggest_memory_format())) + x;
}

}  // namespace flashface::models::detail
