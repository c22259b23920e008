#include "checkpoint/checkpoint.h"
#include "checkpoint/safetensors_writer.h"
#include "common/error.h"
#include "models/unet.h"
#include "nn/load_state.h"
#include "pipeline/weights_cache.h"
#include "support/fixtures.h"
#include "support/precision.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/wait.h>
#include <unistd.h>

namespace flashface::pipeline {
namespace {

namespace fs = std::filesystem;
using models::UNet;
using models::UNetConfig;

// A models folder holding a private copy of the fixture UNet (the cache records the copy's
// modification time, which some tests change) and a private user cache folder.
class WeightsCacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("flashface-weights-cache-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(root_ / "models");
        source_ = root_ / "models" / "flashface.ckpt";
        fs::copy_file(test::fixture("unet/weights.pth"), source_);
        ::setenv("XDG_CACHE_HOME", (root_ / "xdg").c_str(), 1);
    }
    void TearDown() override {
        fs::permissions(root_ / "models", fs::perms::owner_all);
        fs::remove_all(root_);
    }

    checkpoint::Checkpoint open(const std::function<void(double)>& progress = {}, const CancelToken* cancel = nullptr) const {
        return openThroughFloat16Cache(source_, UNet::skippedCheckpointKeys(), progress, cancel);
    }
    fs::path beside() const { return checkpoint::float16CachePath(source_); }

    fs::path root_, source_;
};

std::unique_ptr<UNet> loadUNet(const checkpoint::Checkpoint& checkpoint) {
    auto unet = std::make_unique<UNet>(UNetConfig::fromFile(test::fixture("unet/config.json")));
    nn::LoadOptions options;
    options.expectedExtras = UNet::skippedCheckpointKeys();
    nn::loadState(*unet, checkpoint, options);
    return unet;
}

// The UNet's output for each of the fixture's cases.
std::vector<at::Tensor> runCases(const UNet& unet) {
    const auto io = test::readAll(test::fixture("unet/io.safetensors"));
    std::vector<at::Tensor> outputs;
    const auto config = test::readJson(test::fixture("unet/config.json"));
    for (const auto& c : config.at("cases")) {
        const int k = c.at("num_conditions").get<int>();
        std::vector<at::Tensor> context(static_cast<std::size_t>(k - 1), io.at("context_pos"));
        context.push_back(io.at("context_neg"));
        outputs.push_back(unet.forward(io.at("x").repeat({k, 1, 1, 1}), c.at("t").get<std::int64_t>(),
                                       at::cat(context), io.at("ref_latents"), io.at("ref_context"), io.at("mask"),
                                       c.at("similarity").get<double>(), k));
    }
    return outputs;
}

TEST_F(WeightsCacheTest, UNetLoadedThroughTheCacheMatchesTheFloat32OutputsWithinFloat16Precision) {
    std::vector<double> fractions;
    const checkpoint::Checkpoint cache = open([&](double f) { fractions.push_back(f); });
    EXPECT_EQ(cache.path(), beside());
    ASSERT_FALSE(fractions.empty());
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
    // The aliases and the unused copy are not in the cache.
    for (const auto& info : cache.tensors())
        for (const auto& prefix : UNet::skippedCheckpointKeys()) EXPECT_NE(info.name.rfind(prefix, 0), 0u) << info.name;

    // Loaded into float32 (the CPU cannot convolve float16): float16 values widen exactly, so
    // the outputs differ from the float32 weights' only by the weights' rounding.
    const auto cached = runCases(*loadUNet(cache));
    const auto exact = runCases(*loadUNet(checkpoint::Checkpoint::open(source_)));
    const auto io = test::readAll(test::fixture("unet/io.safetensors"));
    const auto cases = test::readJson(test::fixture("unet/config.json")).at("cases");
    ASSERT_EQ(cached.size(), cases.size());
    // Only the weights are rounded (to float16); the bound for a float16 network of the UNet's
    // depth (both passes, support/precision.h) covers that.
    const auto layers = test::weightLayers(checkpoint::Checkpoint::open(source_), {"time_embedding.", "encoder.", "middle.", "decoder.",
                                                                       "head.", "ref_encoder.", "ref_decoder."});
    ASSERT_GT(layers, 0);
    for (std::size_t i = 0; i < cached.size(); ++i) {
        const auto expected = io.at(cases[i].at("output").get<std::string>());
        EXPECT_TRUE(test::closeInPrecisionOf(cached[i], expected, at::kHalf, layers)) << "case " << i;
        // Bit-identical outputs would mean the float16 copy was not what got loaded.
        EXPECT_FALSE(at::equal(cached[i], exact[i])) << "case " << i;
    }
}

TEST_F(WeightsCacheTest, IsWrittenOnceAndReused) {
    open();
    const auto written = fs::last_write_time(beside());
    int calls = 0;
    const checkpoint::Checkpoint again = open([&](double) { ++calls; });
    EXPECT_EQ(again.path(), beside());
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(fs::last_write_time(beside()), written);
}

TEST_F(WeightsCacheTest, StaleCacheIsRewritten) {
    open();
    fs::last_write_time(source_, fs::last_write_time(source_) - std::chrono::hours(1));
    ASSERT_FALSE(checkpoint::isFloat16CacheCurrent(source_, beside()));
    int calls = 0;
    open([&](double) { ++calls; });
    EXPECT_GT(calls, 0);
    EXPECT_TRUE(checkpoint::isFloat16CacheCurrent(source_, beside()));
}

TEST_F(WeightsCacheTest, CacheThatFailsToOpenIsDeletedAndRewritten) {
    open();
    // An unknown dtype of the same length: the size and source stamp still match, opening fails.
    std::string bytes;
    {
        std::ifstream in(beside(), std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    const auto at = bytes.find("\"F16\"");
    ASSERT_NE(at, std::string::npos);
    bytes.replace(at, 5, "\"Q16\"");
    std::ofstream(beside(), std::ios::binary | std::ios::trunc) << bytes;
    ASSERT_TRUE(checkpoint::isFloat16CacheCurrent(source_, beside()));
    ASSERT_THROW(checkpoint::Checkpoint::open(beside()), std::exception);

    const checkpoint::Checkpoint rewritten = open();
    EXPECT_EQ(rewritten.path(), beside());
    EXPECT_NO_THROW(loadUNet(rewritten));
}

TEST_F(WeightsCacheTest, CancellingLeavesNoCache) {
    CancelToken cancel;
    EXPECT_THROW(open([&](double) { cancel.cancel(); }, &cancel), Cancelled);
    for (const auto& entry : fs::recursive_directory_iterator(root_))
        EXPECT_EQ(entry.path().string().find("fp16"), std::string::npos) << entry.path();
}

TEST_F(WeightsCacheTest, ReadOnlyModelsFolderFallsBackToTheUserCacheFolder) {
    fs::permissions(root_ / "models", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                          fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    fs::create_directories(root_ / "xdg");
    fs::permissions(root_, fs::perms::all);
    fs::permissions(root_ / "xdg", fs::perms::all);
    // Root writes into read-only folders, so the loading runs as an unprivileged user then.
    const pid_t child = ::fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        if (::geteuid() == 0 && ::setuid(65534) != 0) ::_exit(2);
        at::set_num_threads(1);  // the parent's OpenMP threads do not exist in this child
        try {
            const checkpoint::Checkpoint cache = open();
            ::_exit(cache.path().parent_path() == root_ / "xdg" / "flashface-studio" ? 0 : 3);
        } catch (...) {
            ::_exit(4);
        }
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << "2: no unprivileged user, 3: cache elsewhere, 4: failed";
    EXPECT_FALSE(fs::exists(beside()));
    EXPECT_EQ(open().path().parent_path(), root_ / "xdg" / "flashface-studio");  // found there again
}

}  // namespace
}  // namespace flashface::pipeline
