#include "models/unet.h"

#include "common/error.h"
#include "models/config.h"
#include "models/unet_blocks.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <string>

namespace flashface::models {

UNetConfig UNetConfig::fromJson(const nlohmann::json& json, const std::filesystem::path& source) {
    UNetConfig c;
    const ConfigReader reader(json, source);
    reader.read("in_dim", c.inDim);
    reader.read("dim", c.dim);
    reader.read("context_dim", c.contextDim);
    reader.read("out_dim", c.outDim);
    reader.read("dim_mult", c.dimMult);
    reader.read("num_heads", c.numHeads);
    reader.read("head_dim", c.headDim);
    reader.read("num_res_blocks", c.numResBlocks);
    reader.read("num_attn_blocks", c.numAttnBlocks);
    reader.read("attn_scales", c.attnScales);

    if (const auto it = json.find("y_dim"); it != json.end() && !it->is_null())
        reader.fail("y_dim", "class-conditioned UNets are not supported (FlashFace uses null)");
    reader.requireWithin("in_dim", c.inDim, 1, kMaxConfigWidth);
    reader.requireWithin("dim", c.dim, 1, kMaxConfigWidth);
    reader.requireWithin("context_dim", c.contextDim, 1, kMaxConfigWidth);
    reader.requireWithin("out_dim", c.outDim, 1, kMaxConfigWidth);
    reader.requireWithin("num_res_blocks", c.numResBlocks, 1, kMaxConfigCount);
    reader.requireWithin("num_attn_blocks", c.numAttnBlocks, 1, kMaxConfigCount);
    reader.requireWithin("head_dim", c.headDim, 0, kMaxConfigWidth);
    if (c.headDim == 0) reader.requireWithin("num_heads", c.numHeads, 1, kMaxConfigCount);
    if (c.dimMult.empty()) reader.fail("dim_mult", "needs at least one level");
    reader.requireWithin("dim_mult", c.dimMult, 1, kMaxConfigCount);
    if (c.attnScales.size() > static_cast<std::size_t>(kMaxConfigCount))
        reader.fail("attn_scales", "has more entries than the network has levels");
    // Every width must split into the GroupNorms' groups and the attention heads.
    std::vector<std::int64_t> widths = {c.dim};
    for (const auto m : c.dimMult) widths.push_back(c.dim * m);
    for (const auto width : widths) {
        reader.requireWithin("dim_mult", width, 1, kMaxConfigWidth);
        if (width % detail::kGroups != 0)
            reader.fail("dim", "every width (dim and dim × dim_mult) must be a multiple of " +
                                   std::to_string(detail::kGroups) + ", got " + std::to_string(width));
        const auto heads = c.headDim > 0 ? c.headDim : c.numHeads;
        if (width % heads != 0)
            reader.fail(c.headDim > 0 ? "head_dim" : "num_heads",
                        std::to_string(heads) + " does not divide the width " + std::to_string(width));
    }
    return c;
}

UNetConfig UNetConfig::fromFile(const std::filesystem::path& file) {
    return fromJson(readConfigFile(file), file);
}

namespace detail {

namespace {

std::int64_t headsFor(const UNetConfig& c, std::int64_t width) {
    return c.headDim > 0 ? width / c.headDim : c.numHeads;
}

bool hasAttention(const UNetConfig& c, double scale) {
    return std::find(c.attnScales.begin(), c.attnScales.end(), scale) != c.attnScales.end();
}

}  // namespace

// One layer of an encoder/middle/decoder list: a bare conv (the first conv, a downsample), or
// [residual block, transformer block?, nearest-upsample + conv?] in the original's ModuleList.
struct TrunkLayer {
    nn::Conv2d* conv = nullptr;
    ResidualBlock* res = nullptr;
    StackedAttention* attn = nullptr;
    nn::Conv2d* upsampleConv = nullptr;

    // `upsampleTo`: the next skip, whose spatial size the upsample produces.
    at::Tensor forward(at::Tensor x, const at::Tensor& e, const at::Tensor& context, const ReferenceMode& mode,
                       const at::Tensor& upsampleTo) const {
        if (conv) return conv->forward(x);
        if (res) x = res->forward(x, e);
        if (attn) x = attn->forward(x, context, mode);
        if (upsampleConv && !mode.finished())
            x = upsampleConv->forward(at::upsample_nearest2d(x, {upsampleTo.size(2), upsampleTo.size(3)}));
        return x;
    }
};

// Rows of a main pass that are equal up to the first reference attention (same latent, mask
// and text; only λ differs): the encoder runs on the distinct rows only.
struct SharedRows {
    at::Tensor encoderContext;  // the text context of the distinct rows
    at::Tensor distinctRowOf;   // for every row of the pass, its index among the distinct rows
};

// The encoder, middle and decoder of one network.
struct UNetTrunk {
    std::vector<TrunkLayer> encoder, middle, decoder;
    // The attention blocks taking part in reference attention, by slot.
    std::vector<const AttentionBlock*> slots;

    // Through the decoder (the head is shared and applied by the caller); with `shared`, x holds
    // the distinct rows only. A pass that stops when recorded returns early, its output unused.
    at::Tensor run(at::Tensor x, const at::Tensor& e, const at::Tensor& context, const ReferenceMode& mode,
                   const SharedRows* shared = nullptr) const {
        std::vector<at::Tensor> skips;
        for (const auto& entry : encoder) {
            x = entry.forward(x, e, shared ? shared->encoderContext : context, mode, {});
            skips.push_back(x);
        }
        if (shared) {
            x = x.index_select(0, shared->distinctRowOf);
            for (auto& skip : skips) skip = skip.index_select(0, shared->distinctRowOf);
        }
        for (const auto& entry : middle) {
            x = entry.forward(x, e, context, mode, {});
            if (mode.finished()) return x;
        }
        for (const auto& entry : decoder) {
            x = at::cat({x, skips.back()}, 1);
            skips.pop_back();
            x = entry.forward(x, e, context, mode, skips.empty() ? at::Tensor() : skips.back());
            if (mode.finished()) return x;
        }
        return x;
    }
};

class TimeEmbedding : public nn::Module {
public:
    TimeEmbedding(std::int64_t dim, std::int64_t embedDim)
        : dim_(dim), fc1_(dim, embedDim), fc2_(embedDim, embedDim) {
        registerModule("0", fc1_);
        registerModule("2", fc2_);
    }

    // The sinusoidal embedding of t, cosine half first, in float32 as the original computes it;
    // then Linear-SiLU-Linear. [1, embedDim].
    at::Tensor forward(std::int64_t t) const {
        const auto half = dim_ / 2;
        const auto f32 = at::TensorOptions().dtype(at::kFloat);
        const auto freqs = at::pow(10000, -at::arange(half, f32).div(static_cast<double>(half)));
        const auto angles = at::outer(at::full({1}, static_cast<double>(t), f32), freqs);
        auto sinusoid = at::cat({at::cos(angles), at::sin(angles)}, 1);
        if (dim_ % 2) sinusoid = at::cat({sinusoid, at::zeros({1, 1}, f32)}, 1);
        sinusoid = sinusoid.to(fc1_.weight.device(), fc1_.weight.scalar_type());
        return fc2_.forward(at::silu(fc1_.forward(sinusoid)));
    }

private:
    std::int64_t dim_;
    nn::Linear fc1_, fc2_;
};

class UNetHead : public nn::Module {
public:
    UNetHead(std::int64_t dim, std::int64_t outDim) : norm_(kGroups, dim, kGroupNormEps), conv_(dim, outDim, 3, 1, 1) {
        registerModule("0", norm_);
        registerModule("2", conv_);
    }
    at::Tensor forward(const at::Tensor& x) const { return conv_.forward(at::silu(norm_.forward(x))); }

private:
    nn::GroupNorm norm_;
    nn::Conv2d conv_;
};

namespace {

// Builds a network's lists into the containers `encoder`, `middle`, `decoder`.
// withReference: the middle/decoder self-attentions get `self_attn_first` (the main network).
// middle == nullptr: the network runs `sharedMiddle`'s middle instead of one of its own.
UNetTrunk buildTrunk(const UNetConfig& c, std::int64_t inChannels, nn::Module& encoder, nn::Module* middle,
                     nn::Module& decoder, bool withReference, const UNetTrunk* sharedMiddle = nullptr) {
    UNetTrunk trunk;
    const auto embedDim = 4 * c.dim;
    const auto levels = static_cast<std::int64_t>(c.dimMult.size());
    const auto name = [](const std::vector<TrunkLayer>& list) { return std::to_string(list.size()); };
    int nextSlot = 0;
    // Appends [res, attn?] to `list` under the next index; attention at this scale if configured.
    const auto addBlock = [&](nn::Module& container, std::vector<TrunkLayer>& list, std::int64_t in, std::int64_t out,
                              double scale, bool referenceSlots) -> std::pair<TrunkLayer&, nn::Module&> {
        auto& module = container.addModule<nn::Module>(name(list));
        TrunkLayer entry;
        entry.res = &module.addModule<ResidualBlock>("0", in, embedDim, out);
        if (hasAttention(c, scale)) {
            const int slot = referenceSlots ? nextSlot : -1;
            entry.attn = &module.addModule<StackedAttention>("1", out, c.contextDim, headsFor(c, out), c.numAttnBlocks,
                                                             slot, withReference && referenceSlots);
            if (referenceSlots) {
                nextSlot += static_cast<int>(c.numAttnBlocks);
                for (const auto* block : entry.attn->blocks()) trunk.slots.push_back(block);
            }
        }
        list.push_back(entry);
        return {list.back(), module};
    };

    // Encoder: conv_in; per level numResBlocks × [res, attn?], a stride-2 conv after every level but
    // the last. Every entry's output is a skip.
    std::vector<std::int64_t> skipDims;
    double scale = 1.0;
    trunk.encoder.push_back({.conv = &encoder.addModule<nn::Conv2d>("0", inChannels, c.dim, 3, 1, 1)});
    skipDims.push_back(c.dim);
    std::int64_t width = c.dim;
    for (std::int64_t level = 0; level < levels; ++level) {
        const auto out = c.dim * c.dimMult[static_cast<std::size_t>(level)];
        for (std::int64_t j = 0; j < c.numResBlocks; ++j) {
            addBlock(encoder, trunk.encoder, width, out, scale, false);
            width = out;
            skipDims.push_back(width);
        }
        if (level != levels - 1) {
            trunk.encoder.push_back({.conv = &encoder.addModule<nn::Conv2d>(name(trunk.encoder), width, width, 3, 2, 1)});
            skipDims.push_back(width);
            scale /= 2.0;
        }
    }

    // Middle: res, attn, res; its attention blocks take the first slots.
    if (middle) {
        trunk.middle.push_back({.res = &middle->addModule<ResidualBlock>("0", width, embedDim, width)});
        trunk.middle.push_back({.attn = &middle->addModule<StackedAttention>(
                                    "1", width, c.contextDim, headsFor(c, width), c.numAttnBlocks, nextSlot,
                                    withReference)});
        trunk.middle.push_back({.res = &middle->addModule<ResidualBlock>("2", width, embedDim, width)});
    } else {
        trunk.middle = sharedMiddle->middle;
    }
    for (const auto* block : trunk.middle[1].attn->blocks()) trunk.slots.push_back(block);
    nextSlot += static_cast<int>(c.numAttnBlocks);

    // Decoder: per level from the bottom, numResBlocks + 1 × [res on (x ; skip), attn?], the last
    // of each level but the top one followed by an upsample.
    for (std::int64_t level = levels - 1; level >= 0; --level) {
        const auto out = c.dim * c.dimMult[static_cast<std::size_t>(level)];
        for (std::int64_t j = 0; j <= c.numResBlocks; ++j) {
            auto [entry, module] = addBlock(decoder, trunk.decoder, width + skipDims.back(), out, scale, true);
            skipDims.pop_back();
            width = out;
            if (level != 0 && j == c.numResBlocks) {
                entry.upsampleConv = &module.addModule<nn::Module>(entry.attn ? "2" : "1")
                                          .addModule<nn::Conv2d>("1", width, width, 3, 1, 1);
                scale *= 2.0;
            }
        }
    }
    return trunk;
}

}  // namespace

}  // namespace flashface::models::detail

namespace {

void require(bool ok, const std::string& what) {
    if (!ok) throw InternalError("UNet: " + what);
}

// λ per row: every row when k == 2 (cond, uncond); the first group only when k == 3
// (cond with λ, cond without, uncond).
std::vector<double> rowLambdas(double lambda, int numConditions, std::int64_t samples) {
    std::vector<double> rows(static_cast<std::size_t>(numConditions * samples), 0.0);
    const auto weighted = numConditions == 2 ? rows.size() : static_cast<std::size_t>(samples);
    std::fill_n(rows.begin(), weighted, lambda);
    return rows;
}

at::Tensor indices(std::initializer_list<std::pair<std::int64_t, std::int64_t>> ranges, const at::Tensor& like) {
    std::vector<at::Tensor> parts;
    for (const auto& [begin, end] : ranges) parts.push_back(at::arange(begin, end, at::TensorOptions().dtype(at::kLong)));
    return at::cat(parts).to(like.device());
}

struct EncoderSharing {
    at::Tensor distinct;  // the rows the encoder runs on
    detail::SharedRows rows;
};

// A guided step's two text-conditioned groups (λ and 0) get the same latent, mask and text and
// differ only from the first reference attention on: they share the encoder. Checked, not assumed.
std::optional<EncoderSharing> encoderSharing(const at::Tensor& input, const at::Tensor& context, int numConditions,
                                             std::int64_t samples) {
    if (numConditions != 3) return std::nullopt;
    const auto group = [&](const at::Tensor& t, std::int64_t g) { return t.narrow(0, g * samples, samples); };
    if (!at::equal(group(input, 0), group(input, 1)) || !at::equal(group(context, 0), group(context, 1)))
        return std::nullopt;
    EncoderSharing sharing;
    sharing.distinct = indices({{0, samples}, {2 * samples, 3 * samples}}, input);
    sharing.rows.encoderContext = context.index_select(0, sharing.distinct);
    sharing.rows.distinctRowOf = indices({{0, samples}, {0, samples}, {samples, 2 * samples}}, input);
    return sharing;
}

}  // namespace

UNet::UNet(const UNetConfig& config) : config_(config) {
    // Registration order follows the checkpoint's.
    time_ = &addModule<detail::TimeEmbedding>("time_embedding", config.dim, 4 * config.dim);
    auto& encoder = addModule<nn::Module>("encoder");
    auto& middle = addModule<nn::Module>("middle");
    auto& decoder = addModule<nn::Module>("decoder");
    main_ = std::make_unique<detail::UNetTrunk>(
        detail::buildTrunk(config, config.inDim + 1, encoder, &middle, decoder, true));
    head_ = &addModule<detail::UNetHead>("head", config.dim, config.outDim);
    auto& refEncoder = addModule<nn::Module>("ref_encoder");
    auto& refDecoder = addModule<nn::Module>("ref_decoder");
    // The original swaps only the encoder and decoder for the reference pass: both passes run
    // `middle`, and `ref_middle` is dead weight in the checkpoint (the fixtures confirm it).
    reference_ = std::make_unique<detail::UNetTrunk>(
        detail::buildTrunk(config, config.inDim, refEncoder, nullptr, refDecoder, false, main_.get()));
    computeChannelsLast();  // the optimised computation's activations are channels-last (denoise)
}

UNet::~UNet() = default;

std::vector<std::string> UNet::skippedCheckpointKeys() {
    return {"ori_encoder.", "ori_middle.", "ori_decoder.", "ref_middle."};
}

at::Tensor UNet::timeEmbedding(std::int64_t t) const {
    return time_->forward(t);
}

ReferenceFeatures UNet::referenceFeatures(const at::Tensor& refLatents, std::int64_t t, const at::Tensor& refContext,
                                          UNetComputation computation) const {
    require(refLatents.dim() == 4 && refLatents.size(1) == config_.inDim,
            "reference latents must be [R, " + std::to_string(config_.inDim) + ", h, w]");
    const auto references = refLatents.size(0);
    require(refContext.dim() == 3 && (refContext.size(0) == references || refContext.size(0) == 1) &&
                refContext.size(2) == config_.contextDim,
            "the reference context must be [R or 1, tokens, " + std::to_string(config_.contextDim) +
                "] for R reference latents");

    const bool original = computation == UNetComputation::Original;
    std::vector<at::Tensor> recorded(main_->slots.size());
    detail::ReferenceMode mode;
    mode.record = &recorded;
    mode.original = original;
    mode.stopWhenRecorded = !original;
    const auto out = reference_->run(original ? refLatents : nn::inConvolutionLayout(refLatents), timeEmbedding(t),
                                     refContext.expand({references, -1, -1}), mode);
    // The original finishes the pass, head included, and throws the result away.
    if (original) head_->forward(out);

    ReferenceFeatures features;
    features.computation = computation;
    for (std::size_t slot = 0; slot < recorded.size(); ++slot) {
        // All references' tokens in a row.
        const auto tokens = recorded[slot].reshape({1, -1, recorded[slot].size(2)});
        if (original) {
            features.tokens.push_back(tokens);
            continue;
        }
        // Projected once by the block's reference attention, for every row of the step.
        const auto* attention = main_->slots[slot]->referenceAttention();
        features.keys.push_back(attention->projectKeys(tokens));
        features.values.push_back(attention->projectValues(tokens));
    }
    return features;
}

at::Tensor UNet::denoise(const at::Tensor& x, std::int64_t t, const at::Tensor& context, const at::Tensor& mask,
                         const ReferenceFeatures& references, double lambda, int numConditions) const {
    require(numConditions == 2 || numConditions == 3,
            "the number of condition groups must be 2 or 3, got " + std::to_string(numConditions));
    require(mask.dim() == 3, "the face-position mask must be [n, h, w]");
    const auto samples = mask.size(0);
    require(x.dim() == 4 && x.size(0) == numConditions * samples && x.size(1) == config_.inDim &&
                x.size(2) == mask.size(1) && x.size(3) == mask.size(2),
            "the latents must be [" + std::to_string(numConditions) + "·n, " + std::to_string(config_.inDim) +
                ", h, w] for a mask of n = " + std::to_string(samples) + " samples of h×w");
    require(context.dim() == 3 && context.size(0) == x.size(0) && context.size(2) == config_.contextDim,
            "the text context must be [rows, tokens, " + std::to_string(config_.contextDim) +
                "] with one row per latent row");
    const bool original = references.computation == UNetComputation::Original;
    const auto& perBlock = original ? references.tokens : references.keys;
    require(perBlock.size() == main_->slots.size() && (original || references.values.size() == main_->slots.size()),
            "the reference features do not come from this network");

    detail::ReferenceMode mode;
    mode.features = &references;
    mode.rowLambda = rowLambdas(lambda, numConditions, samples);
    mode.original = original;
    // The original repeats the masks with repeat_interleave (row i gets mask i / k); every
    // sample of a generation shares one face box, so this only matters for its faithfulness.
    const auto rowMasks = mask.repeat_interleave(numConditions, 0).unsqueeze(1).to(x.scalar_type());
    auto input = at::cat({x, rowMasks}, 1);
    const auto e = timeEmbedding(t);
    if (original) return head_->forward(main_->run(input, e, context, mode));

    // Channels-last activations: the attention blocks' tokens are then views.
    input = nn::inConvolutionLayout(input);
    const auto sharing = encoderSharing(input, context, numConditions, samples);
    const auto out = sharing ? main_->run(input.index_select(0, sharing->distinct), e, context, mode, &sharing->rows)
                             : main_->run(input, e, context, mode);
    return head_->forward(out).contiguous();
}

at::Tensor UNet::forward(const at::Tensor& x, std::int64_t t, const at::Tensor& context, const at::Tensor& refLatents,
                         const at::Tensor& refContext, const at::Tensor& mask, double lambda, int numConditions,
                         UNetComputation computation) const {
    return denoise(x, t, context, mask, referenceFeatures(refLatents, t, refContext, computation), lambda,
                   numConditions);
}

}  // namespace flashface::models
