#pragma once

// Building blocks of the UNet (internal to the models unit). Parameter names follow the
// original's nn.Sequential/ModuleList indices, e.g. a residual block's "layer1.2.weight".

#include "models/unet.h"
#include "nn/attention.h"
#include "nn/layers.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace flashface::models::detail {

// Every GroupNorm of the UNet.
inline constexpr std::int64_t kGroups = 32;
inline constexpr double kGroupNormEps = 1e-6;

// How the attention blocks that take part in reference attention (those of the middle and
// decoder) behave in one pass. Blocks are matched by their slot: the index of the block among
// such blocks in network order, the same in the reference and the main network.
struct ReferenceMode {
    // Reference pass: each block stores its self-attention input (norm1 output) here.
    std::vector<at::Tensor>* record = nullptr;
    // Reference pass: stop once the last slot is recorded (nothing after it is used).
    bool stopWhenRecorded = false;
    // Main pass: the reference features to attend to, and each row's weight λ.
    const ReferenceFeatures* features = nullptr;
    std::vector<double> rowLambda;
    // Compute as the original does (UNetComputation::Original).
    bool original = false;

    nn::AttentionAlgorithm algorithm() const {
        return original ? nn::AttentionAlgorithm::Straightforward : nn::AttentionAlgorithm::Fast;
    }
    // Whether a pass that stops when recorded has recorded every slot.
    bool finished() const { return stopWhenRecorded && record && !record->empty() && record->back().defined(); }
};

// GN-SiLU-conv3×3, + Linear(SiLU(e)), GN-SiLU-conv3×3, + (1×1 conv) shortcut.
class ResidualBlock : public nn::Module {
public:
    ResidualBlock(std::int64_t inDim, std::int64_t embedDim, std::int64_t outDim);
    at::Tensor forward(const at::Tensor& x, const at::Tensor& e) const;

private:
    nn::GroupNorm* norm1_;
    nn::Conv2d* conv1_;
    nn::Linear* embedding_;
    nn::GroupNorm* norm2_;
    nn::Conv2d* conv2_;
    nn::Conv2d* shortcut_ = nullptr;
};

// Multi-head attention with bias-free q/k/v projections and a biased output projection.
class MultiHeadAttention : public nn::Module {
public:
    MultiHeadAttention(std::int64_t dim, std::int64_t contextDim, std::int64_t numHeads);

    // x [B, L, dim] attends to context [B, L', contextDim] (to itself when context is undefined);
    // keyBias [L'] is added to the scores (nn::AttentionOptions::keyBias).
    at::Tensor forward(const at::Tensor& x, const at::Tensor& context = {},
                       nn::AttentionAlgorithm algorithm = nn::AttentionAlgorithm::Fast,
                       const at::Tensor& keyBias = {}) const;
    // Self-attention of x mixed per row with self-attention whose keys/values are extended by
    // tokens shared by every row (already projected by this module's k and v: [1, Ls, dim]):
    // row b → weights[b]·A(x_b, [x_b; shared]) + (1 − weights[b])·A(x_b), through one output
    // projection (it is affine, so mixing before it is exact). sharedBias [Ls] is added to the
    // scores of the shared keys.
    at::Tensor forwardMixed(const at::Tensor& x, const at::Tensor& sharedKeys, const at::Tensor& sharedValues,
                            const std::vector<double>& weights, const at::Tensor& sharedBias = {}) const;

    at::Tensor projectKeys(const at::Tensor& tokens) const { return k_.forward(tokens); }
    at::Tensor projectValues(const at::Tensor& tokens) const { return v_.forward(tokens); }

    // The extra attention (`self_attn_first`) of the main network's middle/decoder self-attentions:
    // a self-attention of the same shape with its own weights.
    MultiHeadAttention& addReferenceAttention();
    const MultiHeadAttention* referenceAttention() const { return first_; }

private:
    nn::Linear q_, k_, v_, o_;
    std::int64_t dim_, numHeads_;
    MultiHeadAttention* first_ = nullptr;
};

// Pre-norm transformer block: self-attention (+ reference attention), cross-attention to the
// text, GeGLU feed-forward; each residual.
class AttentionBlock : public nn::Module {
public:
    // slot < 0: the block takes no part in reference attention.
    AttentionBlock(std::int64_t dim, std::int64_t contextDim, std::int64_t numHeads, int slot, bool withReference);
    at::Tensor forward(at::Tensor x, const at::Tensor& context, const ReferenceMode& mode) const;

    int slot() const { return slot_; }
    const MultiHeadAttention* referenceAttention() const { return selfAttn_.referenceAttention(); }

private:
    // λ·A(y, [y; F]) + (1 − λ)·A(y) per row, A = self_attn_first, F = the reference features.
    at::Tensor referenceTerm(const at::Tensor& y, const ReferenceMode& mode) const;
    // The same as the original computes it: both terms for every row, F projected per row.
    at::Tensor originalReferenceTerm(const at::Tensor& y, const ReferenceMode& mode) const;
    const MultiHeadAttention& checkedReferenceAttention() const;

    nn::LayerNorm norm1_;
    MultiHeadAttention selfAttn_;
    nn::LayerNorm norm2_;
    MultiHeadAttention crossAttn_;
    nn::LayerNorm norm3_;
    nn::Linear* ffnIn_;
    nn::Linear* ffnOut_;
    int slot_;
};

// GN → 1×1 conv → tokens → attention blocks → 1×1 conv, + input.
class StackedAttention : public nn::Module {
public:
    // firstSlot < 0: no block takes part in reference attention; otherwise the blocks take
    // the slots firstSlot, firstSlot + 1, ...
    StackedAttention(std::int64_t dim, std::int64_t contextDim, std::int64_t numHeads, std::int64_t numBlocks,
                     int firstSlot, bool withReference);
    at::Tensor forward(const at::Tensor& x, const at::Tensor& context, const ReferenceMode& mode) const;

    const std::vector<AttentionBlock*>& blocks() const { return blocks_; }

private:
    nn::GroupNorm norm1_;
    nn::Conv2d conv1_;
    std::vector<AttentionBlock*> blocks_;
    nn::Conv2d conv2_;
};

}  // namespace flashface::models::detail
