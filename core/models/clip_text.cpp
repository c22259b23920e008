#include "models/clip_text.h"

#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "models/config.h"
#include "nn/attention.h"
#include "nn/load_state.h"

#include <ATen/ATen.h>

#include <string>

namespace flashface::models {

namespace {

at::Tensor quickGelu(const at::Tensor& x) {
    return x * at::sigmoid(1.702 * x);
}

}  // namespace

namespace detail {

class TokenEmbedding : public nn::Module {
public:
    TokenEmbedding(std::int64_t vocabSize, std::int64_t dim) {
        registerParameter("weight", weight, {vocabSize, dim});
    }
    at::Tensor forward(const at::Tensor& tokens) const { return at::embedding(weight, tokens); }

    at::Tensor weight;
};

// Self-attention with one fused projection whose output splits as [3, heads, head_dim].
class ClipSelfAttention : public nn::Module {
public:
    ClipSelfAttention(std::int64_t dim, std::int64_t numHeads, bool causal)
        : toQkv_(dim, 3 * dim), proj_(dim, dim), numHeads_(numHeads), causal_(causal) {
        registerModule("to_qkv", toQkv_);
        registerModule("proj", proj_);
    }

    at::Tensor forward(const at::Tensor& x) const {
        const auto b = x.size(0), s = x.size(1), c = x.size(2);
        const auto qkv = toQkv_.forward(x).view({b, s, 3, c}).unbind(2);
        nn::AttentionOptions options;
        options.numHeads = numHeads_;
        options.causal = causal_;
        return proj_.forward(nn::attention(qkv[0], qkv[1], qkv[2], options));
    }

private:
    nn::Linear toQkv_, proj_;
    std::int64_t numHeads_;
    bool causal_;
};

// Pre-norm transformer block: x + attn(norm1(x)), then x + mlp(norm2(x)).
class ClipBlock : public nn::Module {
public:
    explicit ClipBlock(const ClipTextConfig& c)
        : norm1_(c.dim, c.normEps),
          attn_(c.dim, c.numHeads, c.causal),
          norm2_(c.dim, c.normEps),
          activation_(c.activation) {
        registerModule("norm1", norm1_);
        registerModule("attn", attn_);
        registerModule("norm2", norm2_);
        // An nn.Sequential(Linear, activation, Linear, Dropout) in the original: keys mlp.0 and mlp.2.
        const auto hidden = static_cast<std::int64_t>(static_cast<double>(c.dim) * c.mlpRatio);
        auto& mlp = addModule<nn::Module>("mlp");
        fc1_ = &mlp.addModule<nn::Linear>("0", c.dim, hidden);
        fc2_ = &mlp.addModule<nn::Linear>("2", hidden, c.dim);
    }

    at::Tensor forward(at::Tensor x) const {
        x = x + attn_.forward(norm1_.forward(x));
        auto h = fc1_->forward(norm2_.forward(x));
        h = activation_ == ClipTextConfig::Activation::QuickGelu ? quickGelu(h) : at::gelu(h);
        return x + fc2_->forward(h);
    }

private:
    nn::LayerNorm norm1_;
    ClipSelfAttention attn_;
    nn::LayerNorm norm2_;
    nn::Linear* fc1_;
    nn::Linear* fc2_;
    ClipTextConfig::Activation activation_;
};

}  // namespace detail

ClipTextConfig ClipTextConfig::fromJson(const nlohmann::json& json, const std::filesystem::path& source) {
    const ConfigReader reader(json, source);
    ClipTextConfig c;
    reader.read("vocab_size", c.vocabSize);
    reader.read("text_len", c.textLen);
    reader.read("dim", c.dim);
    reader.read("mlp_ratio", c.mlpRatio);
    reader.read("num_heads", c.numHeads);
    reader.read("num_layers", c.numLayers);
    reader.read("causal", c.causal);
    reader.read("head_bias", c.headBias);
    reader.read("norm_eps", c.normEps);
    // The original treats a missing/zero out_dim as "same as dim".
    c.outDim = c.dim;
    reader.read("out_dim", c.outDim);
    if (c.outDim == 0) c.outDim = c.dim;

    std::string activation = "quick_gelu";
    reader.read("activation", activation);
    if (activation == "quick_gelu")
        c.activation = Activation::QuickGelu;
    else if (activation == "gelu")
        c.activation = Activation::Gelu;
    else
        reader.fail("activation", "'" + activation + "' is not supported (quick_gelu or gelu)");

    reader.requireWithin("vocab_size", c.vocabSize, 1, kMaxConfigTable);
    reader.requireWithin("text_len", c.textLen, 1, kMaxConfigLength);
    reader.requireWithin("dim", c.dim, 1, kMaxConfigWidth);
    reader.requireWithin("out_dim", c.outDim, 1, kMaxConfigWidth);
    reader.requireWithin("num_layers", c.numLayers, 1, kMaxConfigCount);
    reader.requireWithin("num_heads", c.numHeads, 1, kMaxConfigCount);
    if (!(c.mlpRatio > 0 && c.mlpRatio * static_cast<double>(c.dim) <= static_cast<double>(kMaxConfigWidth)))
        reader.fail("mlp_ratio", "must be positive and keep dim x mlp_ratio within " + std::to_string(kMaxConfigWidth));
    if (c.dim % c.numHeads != 0)
        reader.fail("num_heads", "dim " + std::to_string(c.dim) + " must be a positive multiple of num_heads " +
                                     std::to_string(c.numHeads));
    return c;
}

ClipTextConfig ClipTextConfig::fromFile(const std::filesystem::path& file) {
    return fromJson(readConfigFile(file), file);
}

ClipTextEncoder::ClipTextEncoder(const ClipTextConfig& config) : config_(config) {
    // Registration order reproduces the checkpoint's key order: own parameters first, then
    // children as the original assigns them.
    registerParameter("pos_embedding", posEmbedding, {1, config_.textLen, config_.dim});
    if (!config_.headBias) registerParameter("head", head, {config_.dim, config_.outDim});
    tokenEmbedding_ = &addModule<detail::TokenEmbedding>("token_embedding", config_.vocabSize, config_.dim);
    auto& transformer = addModule<nn::Module>("transformer");
    for (std::int64_t i = 0; i < config_.numLayers; ++i)
        blocks_.push_back(&transformer.addModule<detail::ClipBlock>(std::to_string(i), config_));
    norm_ = &addModule<nn::LayerNorm>("norm", config_.dim, config_.normEps);
    if (config_.headBias) addModule<nn::Linear>("head", config_.dim, config_.outDim);
}

at::Tensor ClipTextEncoder::forward(const at::Tensor& tokens) const {
    if (tokens.dim() != 2 || tokens.size(1) > config_.textLen)
        throw InternalError("the text encoder takes token ids of shape [batch, " +
                             std::to_string(config_.textLen) + "]");
    auto x = tokenEmbedding_->forward(tokens.to(posEmbedding.device(), at::kLong)) +
             posEmbedding.narrow(1, 0, tokens.size(1));
    for (const auto* block : blocks_) x = block->forward(x);
    return norm_->forward(x);
}

void ClipTextEncoder::load(const checkpoint::Checkpoint& checkpoint, at::ScalarType dtype, c10::Device device) {
    nn::LoadOptions options;
    options.dtype = dtype;
    options.device = device;
    if (checkpoint.find("textual.pos_embedding")) {
        options.prefix = "textual.";
        options.expectedExtras = ClipTextConfig::otherTowerKeys();
    }
    nn::loadState(*this, checkpoint, options);
}

}  // namespace flashface::models
