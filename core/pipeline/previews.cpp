#include "pipeline/previews.h"

#include <ATen/ATen.h>

#include <cstring>

namespace flashface::pipeline {

std::vector<Image> tensorToImages(const at::Tensor& images) {
    const at::Tensor bytes =
        (images.to(at::kCPU, at::kFloat) * 127.5 + 127.5).clamp(0, 255).to(at::kByte).permute({0, 2, 3, 1}).contiguous();
    std::vector<Image> out;
    for (std::int64_t i = 0; i < bytes.size(0); ++i) {
        Image image;
        image.height = static_cast<int>(bytes.size(1));
        image.width = static_cast<int>(bytes.size(2));
        image.rgb.resize(static_cast<std::size_t>(image.width) * image.height * 3);
        std::memcpy(image.rgb.data(), bytes[i].data_ptr<std::uint8_t>(), image.rgb.size());
        out.push_back(std::move(image));
    }
    return out;
}

std::vector<Image> latentPreviews(const at::Tensor& latents) {
    // How much each SD-1.x latent channel contributes to R, G and B: a least-squares fit of
    // decoded images against their latents, widely used for live previews.
    static const float kFactors[4][3] = {
        {0.298f, 0.207f, 0.208f},
        {0.187f, 0.286f, 0.173f},
        {-0.158f, 0.189f, 0.264f},
        {-0.184f, -0.271f, -0.473f},
    };
    const at::Tensor factors = at::from_blob(const_cast<float*>(&kFactors[0][0]), {4, 3}, at::kFloat);
    const at::Tensor rgb = at::einsum("nchw,cr->nrhw", {latents.to(at::kCPU, at::kFloat), factors});
    return tensorToImages(rgb);
}

}  // namespace flashface::pipeline

