#pragma once

#include "nn/module.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace flashface::models {

// The FlashFace reference UNet's sizes. Defaults are the real FlashFace-SD1.5 network; field
// names follow the fixtures' config.json (in_dim, dim, context_dim, ...).
struct UNetConfig {
    std::int64_t inDim = 4;  // latent channels; the main network's first conv adds the mask channel
    std::int64_t dim = 320;
    std::int64_t contextDim = 768;
    std::int64_t outDim = 4;
    std::vector<std::int64_t> dimMult = {1, 2, 4, 4};
    std::int64_t numHeads = 8;
    std::int64_t headDim = 0;  // when > 0 it decides the heads instead: width / headDim
    std::int64_t numResBlocks = 2;
    std::int64_t numAttnBlocks = 1;
    // Scales (1, 1/2, ...) whose levels have transformer blocks.
    std::vector<double> attnScales = {1.0, 0.5, 0.25};

    // Absent fields keep the defaults above; `source` names the file in errors.
    static UNetConfig fromJson(const nlohmann::json& json, const std::filesystem::path& source);
    static UNetConfig fromFile(const std::filesystem::path& file);
};

// How the UNet computes; both give the original's results (to float rounding).
enum class UNetComputation {
    // Reference attention only for the rows whose λ is not 0, its two terms (with and without the
    // references) from one pass over the row's own keys; the references' keys and values projected
    // once per block and step for every row; the reference pass ends at the last recorded input;
    // rows that are equal up to the first reference attention (the two text-conditioned groups of
    // a guided step) share the encoder; blocked attention on the CPU, fused kernels where libtorch
    // has them, channels-last on CUDA.
    Optimised,
    // The original's computation, kept to measure against and to prove the optimised one equal:
    // every row computes both reference terms with the references' keys and values projected per
    // row, the reference pass runs the whole network (head included), every attention holds all
    // its scores at once.
    Original,
};

// What the reference pass hands to the main network for one timestep, for every attention block
// of the main middle and decoder (in network order). It depends on t and the reference latents
// only, so one instance serves every row (and every condition group) of a step.
struct ReferenceFeatures {
    UNetComputation computation = UNetComputation::Optimised;
    // Optimised: the keys and values of the block's `self_attn.self_attn_first` over the recorded
    // features of all references concatenated along the token axis, [1, R·L, C].
    std::vector<at::Tensor> keys, values;
    // Original: the recorded features themselves, [1, R·L, C], projected again by every row.
    std::vector<at::Tensor> tokens;
    // One weight per reference (empty: all 1). Reference r's keys get log w_r added to their
    // scores in the reference attention, which for an integer w is giving that reference w times.
    std::vector<double> referenceWeights;
};

namespace detail {
struct UNetTrunk;
class TimeEmbedding;
class UNetHead;
}  // namespace detail

// FlashFace's UNet: the SD-1.5 UNet with a 5-channel input (latent + face-position mask) and a
// reference attention in every self-attention of its middle and decoder, fed by a reference
// network (`ref_encoder`, the shared `middle`, `ref_decoder`) that reads the reference faces' latents.
// Parameter names are the checkpoint's, less the keys skippedCheckpointKeys() lists.
// Computes in the parameters' dtype (norms and softmax in float32).
class UNet : public nn::Module {
public:
    explicit UNet(const UNetConfig& config = {});
    ~UNet() override;

    // Prefixes of checkpoint keys that are not parameters of this model, to be skipped without
    // being read: `ori_encoder/ori_middle/ori_decoder` (aliases of encoder/middle/decoder) and
    // `ref_middle` (a copy of `middle` that the original never runs: both passes use `middle`).
    static std::vector<std::string> skippedCheckpointKeys();

    // The reference pass for timestep t: refLatents [R, inDim, h', w'], refContext [R, 77, contextDim]
    // or [1, 77, contextDim] for all references (the original gives the negative prompt's embedding).
    ReferenceFeatures referenceFeatures(const at::Tensor& refLatents, std::int64_t t, const at::Tensor& refContext,
                                        UNetComputation computation = UNetComputation::Optimised) const;

    // The main pass: x [k·n, inDim, h, w] holding k condition groups of n samples stacked group after
    // group, context [k·n, 77, contextDim], mask [n, h, w] (the face position). λ (the reference
    // feature strength) applies to every row when k == 2, to the first group only when k == 3.
    // Computes the way `references` were computed. Returns the predicted noise [k·n, outDim, h, w].
    at::Tensor denoise(const at::Tensor& x, std::int64_t t, const at::Tensor& context, const at::Tensor& mask,
                       const ReferenceFeatures& references, double lambda, int numConditions) const;

    // Both passes in one call.
    at::Tensor forward(const at::Tensor& x, std::int64_t t, const at::Tensor& context, const at::Tensor& refLatents,
                       const at::Tensor& refContext, const at::Tensor& mask, double lambda, int numConditions,
                       UNetComputation computation = UNetComputation::Optimised) const;

    const UNetConfig& config() const { return config_; }

private:
    at::Tensor timeEmbedding(std::int64_t t) const;

    UNetConfig config_;
    detail::TimeEmbedding* time_;
    std::unique_ptr<detail::UNetTrunk> main_, reference_;
    detail::UNetHead* head_;
};

}  // namespace flashface::models
