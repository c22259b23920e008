#include "models/autoencoder.h"

#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "nn/load_state.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>

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
        nn::loadState(*model_, Checkpoint::open(dir / "weights.pth"));
        io_ = test::readAll(dir / "io.safetensors");
    }

    std::unique_ptr<models::Autoencoder> model_;
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
    model_->to(at::kBFloat16, at::kCPU);
    const auto decoded = model_->decode(io_.at("z"));
    EXPECT_EQ(decoded.scalar_type(), at::kBFloat16);
    EXPECT_TRUE(test::allClose(decoded, io_.at("decoded"), 5e-2));
}

TEST_F(AutoencoderParity, RejectsLatentsWithTheWrongChannelCount) {
    const auto& z = io_.at("z");
    EXPECT_THROW(model_->decode(at::cat({z, z}, 1)), InvalidRequest);
}

}  // namespace
