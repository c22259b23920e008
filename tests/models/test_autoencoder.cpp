#include "models/autoencoder.h"

#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "nn/load_state.h"
#include "support/fixtures.h"
#include "support/precision.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace {

using namespace flashface;

class AutoencoderParity : public ::testing::Test {
protected:
    void SetUp() override {
        const auto dir = test::fixture("vae");
        model_ = std::make_unique<models::Autoencoder>(models::AutoencoderConfig::fromFile(dir / "config.json"));
        const auto checkpoint = checkpoint::Checkpoint::open(dir / "weights.pth");
        nn::loadState(*model_, checkpoint);
        decoderLayers_ = test::weightLayers(checkpoint, {"conv2.", "decoder."});
        io_ = test::readAll(dir / "io.safetensors");
    }

    std::unique_ptr<models::Autoencoder> model_;
    std::int64_t decoderLayers_ = 0;  // the decode path's convolutions (conv2, then the decoder's)
    std::map<std::string, at::Tensor> io_;
};

TEST_F(AutoencoderParity, EncodeGivesMeanAndLogVariance) {
    const auto posterior = model_->encode(io_.at("image"));
    EXPECT_TRUE(test::allClose(posterior.mu, io_.at("mu"), 1e-4));
    EXPECT_TRUE(test::allClose(posterior.logVar, io_.at("log_var"), 1e-4));
}

TEST_F(AutoencoderParity, DecodeMatchesReference) {
    EXPECT_TRUE(test::allClose(model_->decode(io_.at("z")), io_.at("decoded"), 1e-4));
}

TEST_F(AutoencoderParity, ComputesInTheWeightsReducedPrecision) {
    // The GPU path runs in float16; bfloat16 exercises the same dtype handling on the CPU.
    // Bounds from bfloat16's precision and the decoder's depth (support/precision.h).
    model_->to(at::kBFloat16, at::kCPU);
    const auto decoded = model_->decode(io_.at("z"));
    EXPECT_EQ(decoded.scalar_type(), at::kBFloat16);
    ASSERT_GT(decoderLayers_, 0);
    EXPECT_TRUE(test::closeInPrecisionOf(decoded, io_.at("decoded"), at::kBFloat16, decoderLayers_));
}

TEST_F(AutoencoderParity, RejectsLatentsWithTheWrongChannelCount) {
    const auto& z = io_.at("z");
    EXPECT_THROW(model_->decode(at::cat({z, z}, 1)), InternalError);
}

}  // namespace
