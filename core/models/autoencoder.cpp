#include "models/autoencoder.h"

#include "common/error.h"
#include "models/config.h"
#include "nn/attention.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <string>

namespace flashface::models {

namespace detail {

constexpr std::int64_t kNormGroups = 32;
constexpr double kNormEps = 1e-6;

// One entry of the original's nn.Sequential lists (downsamples, middle, upsamples).
// The Vae* prefixes keep these classes distinct from the UNet's blocks in the same namespace
// (one name for two classes would break the one-definition rule).
class VaeLayer : public nn::Module {
public:
    virtual at::Tensor forward(const at::Tensor& x) const = 0;
};

// GN-SiLU-conv3×3-GN-SiLU-conv3×3 plus the input (through a 1×1 conv when channels change).
class VaeResidualBlock : public VaeLayer {
public:
    VaeResidualBlock(std::int64_t in, std::int64_t out)
        : norm1_(kNormGroups, in, kNormEps),
          conv1_(in, out, 3, 1, 1),
          norm2_(kNormGroups, out, kNormEps),
          conv2_(out, out, 3, 1, 1) {
        // The original's Sequential(GN, SiLU, conv, GN, SiLU, Dropout, conv) numbers them 0, 2, 3, 6.
        auto& residual = addModule<nn::Module>("residual");
        residual.registerModule("0", norm1_);
        residual.registerModule("2", conv1_);
        residual.registerModule("3", norm2_);
        residual.registerModule("6", conv2_);
        if (in != out) shortcut_ = &addModule<nn::Conv2d>("shortcut", in, out, 1);
    }

    at::Tensor forward(const at::Tensor& x) const override {
        auto h = conv1_.forward(at::silu(norm1_.forward(x)));
        h = conv2_.forward(at::silu(norm2_.forward(h)));
        return h + (shortcut_ ? shortcut_->forward(x) : x);
    }

private:
    nn::GroupNorm norm1_;
    nn::Conv2d conv1_;
    nn::GroupNorm norm2_;
    nn::Conv2d conv2_;
    nn::Conv2d* shortcut_ = nullptr;
};

// Single-head self-attention over the pixels, projections as 1×1 convolutions.
class VaeAttentionBlock : public VaeLayer {
public:
    explicit VaeAttentionBlock(std::int64_t dim)
        : norm_(kNormGroups, dim, kNormEps), toQkv_(dim, 3 * dim, 1), proj_(dim, dim, 1) {
        registerModule("norm", norm_);
        registerModule("to_qkv", toQkv_);
        registerModule("proj", proj_);
    }

    at::Tensor forward(const at::Tensor& x) const override {
        const auto b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        // [B, 3C, H, W] → tokens [B, HW, 3C] → q, k, v of C channels each.
        const auto qkv = toQkv_.forward(norm_.forward(x)).flatten(2).transpose(1, 2).chunk(3, -1);
        const auto out = nn::attention(qkv[0], qkv[1], qkv[2], nn::AttentionOptions{});
        // The original reshapes the token-major [B, HW, C] result straight to [B, C, H, W]
        // (no transpose back); the weights and the reference outputs are made that way.
        return proj_.forward(out.reshape({b, c, h, w})) + x;
    }

private:
    nn::GroupNorm norm_;
    nn::Conv2d toQkv_, proj_;
};

// Pad right/bottom by one, then a 3×3 stride-2 convolution without padding.
class Downsample : public VaeLayer {
public:
    explicit Downsample(std::int64_t dim) {
        conv_ = &addModule<nn::Module>("resample").addModule<nn::Conv2d>("1", dim, dim, 3, 2, 0);
    }
    at::Tensor forward(const at::Tensor& x) const override {
        return conv_->forward(at::constant_pad_nd(x, {0, 1, 0, 1}, 0));
    }

private:
    nn::Conv2d* conv_;
};

// Nearest-neighbour ×2, then a 3×3 convolution.
class Upsample : public VaeLayer {
public:
    explicit Upsample(std::int64_t dim) {
        conv_ = &addModule<nn::Module>("resample").addModule<nn::Conv2d>("1", dim, dim, 3, 1, 1);
    }
    at::Tensor forward(const at::Tensor& x) const override {
        return conv_->forward(at::upsample_nearest2d(x, {2 * x.size(2), 2 * x.size(3)}));
    }

private:
    nn::Conv2d* conv_;
};

// The encoder or the decoder: `conv1`, the original's Sequential lists in forward order,
// then `head` (GN-SiLU-conv3×3).
class VaeStage : public nn::Module {
public:
    enum class Kind { Encoder, Decoder };

    VaeStage(Kind kind, const AutoencoderConfig& c) : attnScales_(c.attnScales) {
        const auto& mult = c.dimMult;
        if (kind == Kind::Encoder) {
            std::vector<std::int64_t> dims = {c.dim};
            for (auto m : mult) dims.push_back(c.dim * m);
            conv1_ = &addModule<nn::Conv2d>("conv1", 3, dims.front(), 3, 1, 1);
            addLevels("downsamples", dims, c.numResBlocks, 1.0, /*upsample=*/false);
            addMiddle(dims.back());
            addHead(dims.back(), 2 * c.zDim);
        } else {
            std::vector<std::int64_t> dims = {c.dim * mult.back()};
            for (auto it = mult.rbegin(); it != mult.rend(); ++it) dims.push_back(c.dim * *it);
            conv1_ = &addModule<nn::Conv2d>("conv1", c.zDim, dims.front(), 3, 1, 1);
            addMiddle(dims.front());
            const double lowestScale = 1.0 / static_cast<double>(std::int64_t{1} << (mult.size() - 2));
            addLevels("upsamples", dims, c.numResBlocks + 1, lowestScale, /*upsample=*/true);
            addHead(dims.back(), 3);
        }
    }

    at::Tensor forward(const at::Tensor& input) const {
        auto x = conv1_->forward(input);
        for (const auto* layer : layers_) x = layer->forward(x);
        return headConv_->forward(at::silu(headNorm_->forward(x)));
    }

private:
    // Adds the next entry of `list` (named by its index, as in an nn.Sequential).
    template <class L, class... Dims>
    void append(nn::Module& list, Dims... dims) {
        layers_.push_back(&list.addModule<L>(std::to_string(listSize_++), dims...));
    }

    // Levels dims[i] → dims[i+1] of `blocks` residual blocks each (plus attention at the listed
    // scales), with a resample between levels.
    void addLevels(const char* name, const std::vector<std::int64_t>& dims, std::int64_t blocks, double scale,
                   bool upsample) {
        auto& list = addModule<nn::Module>(name);
        listSize_ = 0;
        const auto levels = dims.size() - 1;
        for (std::size_t i = 0; i < levels; ++i) {
            auto in = dims[i];
            const auto out = dims[i + 1];
            for (std::int64_t r = 0; r < blocks; ++r) {
                append<VaeResidualBlock>(list, in, out);
                if (std::find(attnScales_.begin(), attnScales_.end(), scale) != attnScales_.end())
                    append<VaeAttentionBlock>(list, out);
                in = out;
            }
            if (i + 1 == levels) break;
            if (upsample) {
                append<Upsample>(list, out);
                scale *= 2.0;
            } else {
                append<Downsample>(list, out);
                scale /= 2.0;
            }
        }
    }

    void addMiddle(std::int64_t dim) {
        auto& list = addModule<nn::Module>("middle");
        listSize_ = 0;
        append<VaeResidualBlock>(list, dim, dim);
        append<VaeAttentionBlock>(list, dim);
        append<VaeResidualBlock>(list, dim, dim);
    }

    void addHead(std::int64_t dim, std::int64_t outChannels) {
        auto& head = addModule<nn::Module>("head");
        headNorm_ = &head.addModule<nn::GroupNorm>("0", kNormGroups, dim, kNormEps);
        headConv_ = &head.addModule<nn::Conv2d>("2", dim, outChannels, 3, 1, 1);
    }

    std::vector<double> attnScales_;
    std::int64_t listSize_ = 0;
    nn::Conv2d* conv1_ = nullptr;
    std::vector<const VaeLayer*> layers_;
    nn::GroupNorm* headNorm_ = nullptr;
    nn::Conv2d* headConv_ = nullptr;
};

}  // namespace detail

AutoencoderConfig AutoencoderConfig::fromJson(const nlohmann::json& json, const std::filesystem::path& source) {
    const ConfigReader reader(json, source);
    AutoencoderConfig c;
    reader.read("dim", c.dim);
    reader.read("z_dim", c.zDim);
    reader.read("dim_mult", c.dimMult);
    reader.read("num_res_blocks", c.numResBlocks);
    reader.read("attn_scales", c.attnScales);
    if (c.dimMult.size() < 2) reader.fail("dim_mult", "the autoencoder needs at least two levels");
    reader.requireWithin("dim", c.dim, 1, kMaxConfigWidth);
    reader.requireWithin("z_dim", c.zDim, 1, kMaxConfigWidth);
    reader.requireWithin("num_res_blocks", c.numResBlocks, 1, kMaxConfigCount);
    reader.requireWithin("dim_mult", c.dimMult, 1, kMaxConfigCount);
    for (const auto m : c.dimMult) reader.requireWithin("dim_mult", c.dim * m, 1, kMaxConfigWidth);
    if (c.attnScales.size() > static_cast<std::size_t>(kMaxConfigCount))
        reader.fail("attn_scales", "has more entries than the network has levels");
    return c;
}

AutoencoderConfig AutoencoderConfig::fromFile(const std::filesystem::path& file) {
    return fromJson(readConfigFile(file), file);
}

Autoencoder::Autoencoder(const AutoencoderConfig& config) : config_(config) {
    using detail::VaeStage;
    encoder_ = &addModule<VaeStage>("encoder", VaeStage::Kind::Encoder, config_);
    conv1_ = &addModule<nn::Conv2d>("conv1", 2 * config_.zDim, 2 * config_.zDim, 1);
    conv2_ = &addModule<nn::Conv2d>("conv2", config_.zDim, config_.zDim, 1);
    decoder_ = &addModule<VaeStage>("decoder", VaeStage::Kind::Decoder, config_);
    // The decoder (a generation's last stage, mostly convolutions at full size) computes
    // channels-last; the encoder (reference faces, once per reference set) keeps the original's
    // layout: summed in another order, its random-weight fixtures amplify the rounding past 1e-4.
    decoder_->computeChannelsLast();
}

Autoencoder::Posterior Autoencoder::encode(const at::Tensor& image) const {
    if (image.dim() != 4 || image.size(1) != 3)
        throw InternalError("the autoencoder encodes images of shape [batch, 3, height, width]");
    const auto& w = conv1_->weight;
    const auto moments = conv1_->forward(encoder_->forward(image.to(w.device(), w.scalar_type())));
    auto halves = moments.chunk(2, 1);
    return {halves[0], halves[1]};
}

at::Tensor Autoencoder::decode(const at::Tensor& z) const {
    if (z.dim() != 4 || z.size(1) != config_.zDim)
        throw InternalError("the autoencoder decodes latents of shape [batch, " + std::to_string(config_.zDim) +
                             ", height, width]");
    const auto& w = conv2_->weight;
    return decoder_->forward(conv2_->forward(nn::inConvolutionLayout(z.to(w.device(), w.scalar_type())))).contiguous();
}

}  // namespace flashface::models
