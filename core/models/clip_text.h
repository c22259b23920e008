#pragma once

#include "nn/layers.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace flashface::checkpoint {
class Checkpoint;
}

namespace flashface::models {

// The text tower of CLIP. Defaults are OpenAI's ViT-L/14 (the FlashFace-SD1.5 text encoder);
// field names follow the fixtures' config.json.
struct ClipTextConfig {
    enum class Activation { QuickGelu, Gelu };

    std::int64_t vocabSize = 49408;
    std::int64_t textLen = 77;
    std::int64_t dim = 768;
    double mlpRatio = 4.0;
    std::int64_t outDim = 768;  // width of `head`, which the UNet context does not use
    std::int64_t numHeads = 12;
    std::int64_t numLayers = 12;
    bool causal = true;
    bool headBias = false;  // `head` is a Linear when true, a bare [dim, outDim] matrix otherwise
    Activation activation = Activation::QuickGelu;
    double normEps = 1e-5;

    // Absent fields keep the defaults above; `source` names the file in errors.
    static ClipTextConfig fromJson(const nlohmann::json& json, const std::filesystem::path& source);
    static ClipTextConfig fromFile(const std::filesystem::path& file);

    // Key prefixes of the official CLIP file besides its text tower (the image tower, the logit scale).
    static std::vector<std::string> otherTowerKeys() { return {"visual.", "log_scale"}; }
};

namespace detail {
class ClipBlock;
class TokenEmbedding;
}  // namespace detail

// Token ids [B, textLen] (int64) → the final LayerNorm output at every position
// [B, textLen, dim] in the parameters' dtype: the context the UNet cross-attends to.
// Parameter names are those of the checkpoint without the "textual." prefix.
class ClipTextEncoder : public nn::Module {
public:
    explicit ClipTextEncoder(const ClipTextConfig& config = {});

    at::Tensor forward(const at::Tensor& tokens) const;
    const ClipTextConfig& config() const { return config_; }

    // Reads the weights from a whole-CLIP checkpoint (the tower's keys under "textual.", the
    // vision tower and logit scale skipped unread) or from a file holding only the tower.
    void load(const checkpoint::Checkpoint& checkpoint, at::ScalarType dtype, c10::Device device);

    at::Tensor posEmbedding;
    at::Tensor head;  // only when !config.headBias

private:
    ClipTextConfig config_;
    detail::TokenEmbedding* tokenEmbedding_;
    std::vector<detail::ClipBlock*> blocks_;
    nn::LayerNorm* norm_;
};

}  // namespace flashface::models
