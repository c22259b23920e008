#pragma once

#include "nn/layers.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <vector>

namespace flashface::models {

// The SD 1.x KL autoencoder. Defaults are the real `sd-v1-vae.pth`; field names follow the
// fixtures' config.json.
struct AutoencoderConfig {
    std::int64_t dim = 128;
    std::int64_t zDim = 4;
    std::vector<std::int64_t> dimMult = {1, 2, 4, 4};
    std::int64_t numResBlocks = 2;
    // Scales (1, 1/2, ...) whose levels get self-attention blocks; none in SD 1.x.
    std::vector<double> attnScales = {};

    // Absent fields keep the defaults above; `source` names the file in errors.
    static AutoencoderConfig fromJson(const nlohmann::json& json, const std::filesystem::path& source);
    static AutoencoderConfig fromFile(const std::filesystem::path& file);
};

namespace detail {
class VaeStage;
}

// Parameter names are the checkpoint's (`encoder.*`, `conv1.*`, `conv2.*`, `decoder.*`).
// Computes in the parameters' dtype (norms in float32).
class Autoencoder : public nn::Module {
public:
    struct Posterior {
        at::Tensor mu, logVar;
    };

    explicit Autoencoder(const AutoencoderConfig& config = {});

    // image [B,3,H,W] in [-1,1] (H, W multiples of 8) → mean and log-variance [B,zDim,H/8,W/8].
    Posterior encode(const at::Tensor& image) const;
    // z [B,zDim,h,w] (unscaled: the 0.18215 latent scale is applied by the caller) → image.
    at::Tensor decode(const at::Tensor& z) const;

    const AutoencoderConfig& config() const { return config_; }

private:
    AutoencoderConfig config_;
    detail::VaeStage* encoder_;
    nn::Conv2d* conv1_;
    nn::Conv2d* conv2_;
    detail::VaeStage* decoder_;
};

}  // namespace flashface::models
