#include "models/unet_blocks.h"

#include "nn/attention.h"

#include <ATen/ATen.h>

#include <stdexcept>
#include <string>

namespace flashface::models::detail {

namespace {

// The rows whose weight satisfies `keep`.
template <class Pred>
std::vector<std::int64_t> rowsWhere(const std::vector<double>& weights, Pred keep) {
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < weights.size(); ++i)
        if (keep(weights[i])) rows.push_back(static_cast<std::int64_t>(i));
    return rows;
}

at::Tensor indexTensor(const std::vector<std::int64_t>& rows, const at::Tensor& like) {
    return at::tensor(rows, at::TensorOptions().dtype(at::kLong)).to(like.device());
}

}  // namespace

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

at::Tensor MultiHeadAttention::forward(const at::Tensor& x, const at::Tensor& context) const {
    const auto& c = context.defined() ? context : x;
    return o_.forward(nn::attention(q_.forward(x), k_.forward(c), v_.forward(c), {.numHeads = numHeads_}));
}

at::Tensor MultiHeadAttention::forwardWithShared(const at::Tensor& x, const at::Tensor& sharedKeys,
                                                 const at::Tensor& sharedValues) const {
    return o_.forward(nn::attention(q_.forward(x), k_.forward(x), v_.forward(x), sharedKeys, sharedValues,
                                    {.numHeads = numHeads_}));
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
    if (slot_ >= 0 && mode.record) mode.record->at(static_cast<std::size_t>(slot_)) = y;
    x = x + selfAttn_.forward(y);
    if (slot_ >= 0 && mode.features) x = x + referenceTerm(y, mode);
    x = x + crossAttn_.forward(norm2_.forward(x), context);
    const auto gated = ffnIn_->forward(norm3_.forward(x)).chunk(2, -1);
    return x + ffnOut_->forward(gated[0] * at::gelu(gated[1]));
}

at::Tensor AttentionBlock::referenceTerm(const at::Tensor& y, const ReferenceMode& mode) const {
    const MultiHeadAttention* first = selfAttn_.referenceAttention();
    const auto slot = static_cast<std::size_t>(slot_);
    if (!first) throw std::logic_error("reference features given to a block without reference attention");
    const auto lambda = at::tensor(mode.rowLambda, y.options().dtype(at::kFloat)).to(y.scalar_type()).view({-1, 1, 1});

    // A term whose weight is exactly 0 contributes exactly nothing: skip its rows.
    auto out = at::zeros_like(y);
    const auto addRows = [&](const std::vector<std::int64_t>& rows, auto&& term) {
        if (rows.empty()) return;
        if (rows.size() == static_cast<std::size_t>(y.size(0))) {
            out.add_(term(y, lambda));
            return;
        }
        const auto index = indexTensor(rows, y);
        out.index_add_(0, index, term(y.index_select(0, index), lambda.index_select(0, index)));
    };
    addRows(rowsWhere(mode.rowLambda, [](double l) { return l != 0.0; }),
            [&](const at::Tensor& yr, const at::Tensor& l) {
                return first->forwardWithShared(yr, mode.features->keys.at(slot), mode.features->values.at(slot)) * l;
            });
    addRows(rowsWhere(mode.rowLambda, [](double l) { return l != 1.0; }),
            [&](const at::Tensor& yr, const at::Tensor& l) { return first->forward(yr) * (1 - l); });
    return out;
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
    auto tokens = conv1_.forward(norm1_.forward(x)).view({b, c, h * w}).transpose(1, 2).contiguous();
    for (const auto* block : blocks_) tokens = block->forward(tokens, context, mode);
    return conv2_.forward(tokens.transpose(1, 2).reshape({b, c, h, w})) + x;
}

}  // namespace flashface::models::detail
