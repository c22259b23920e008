#include "checkpoint/checkpoint.h"
#include "checkpoint/safetensors_writer.h"
#include "common/error.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace flashface {
namespace {

namespace fs = std::filesystem;

// The fixture UNet stores its main network again under these prefixes (aliases).
const std::vector<std::string> kAliases{"ori_encoder.", "ori_middle.", "ori_decoder."};

class Float16CacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        // A private copy: the cache records the source's modification time, which the test changes.
        source_ = dir_ / "flashface.ckpt";
        fs::copy_file(test::fixture("unet/weights.pth"), source_);
        fs::permissions(source_, fs::perms::owner_read | fs::perms::owner_write);
    }

    // Writes the cache of the source and cancels the write once a third of it is written.
    void cancelAWritePartway(const fs::path& cache) const {
        CancelToken cancel;
        checkpoint::Float16CacheOptions options;
        options.cancel = &cancel;
        options.progress = [&](double f) {
            if (f > 0.3) cancel.cancel();
        };
        EXPECT_THROW(checkpoint::writeFloat16Cache(checkpoint::Checkpoint::open(source_), cache, options), Cancelled);
    }

    test::TempDir temp_;
    const fs::path dir_ = temp_.path();
    fs::path source_;
};

TEST_F(Float16CacheTest, ReadsBackTheFloat32ValuesWithinFloat16Precision) {
    const auto checkpoint = checkpoint::Checkpoint::open(source_);
    const auto cache = checkpoint::float16CachePath(source_);
    EXPECT_EQ(cache.filename(), "flashface.fp16.safetensors");

    std::vector<double> fractions;
    checkpoint::Float16CacheOptions options;
    options.skipPrefixes = kAliases;
    options.progress = [&](double f) { fractions.push_back(f); };
    checkpoint::writeFloat16Cache(checkpoint, cache, options);

    ASSERT_FALSE(fractions.empty());
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
    EXPECT_FALSE(fs::exists(cache.string() + ".partial"));

    const auto back = checkpoint::Checkpoint::open(cache);
    std::size_t kept = 0, aliases = 0;
    for (const auto& info : checkpoint.tensors()) {
        const bool alias = info.name.rfind("ori_", 0) == 0;
        const checkpoint::TensorInfo* cached = back.find(info.name);
        if (alias) {
            ++aliases;
            EXPECT_EQ(cached, nullptr) << info.name;
            continue;
        }
        ASSERT_NE(cached, nullptr) << info.name;
        ++kept;
        EXPECT_EQ(cached->shape, info.shape) << info.name;
        const at::Tensor original = checkpoint.read(info.name);
        const at::Tensor value = back.read(info.name);
        if (!original.is_floating_point()) {
            EXPECT_TRUE(at::equal(value, original)) << info.name;
            continue;
        }
        EXPECT_EQ(value.scalar_type(), at::kHalf) << info.name;
        // Exactly the rounding of the float32 value, hence within float16 precision of it.
        EXPECT_TRUE(at::equal(value, original.to(at::kHalf))) << info.name;
        EXPECT_TRUE(test::allClose(value.to(at::kFloat), original.to(at::kFloat), 1e-3)) << info.name;
    }
    EXPECT_GT(kept, 0u);
    EXPECT_GT(aliases, 0u);
    // Float16 and no aliases: well under half the float32 archive.
    EXPECT_LT(fs::file_size(cache), fs::file_size(source_) / 2);
}

TEST_F(Float16CacheTest, StalenessFollowsTheSource) {
    const auto cache = checkpoint::float16CachePath(source_);
    EXPECT_FALSE(checkpoint::isFloat16CacheCurrent(source_, cache));
    checkpoint::writeFloat16Cache(checkpoint::Checkpoint::open(source_), cache, {kAliases, {}, nullptr});
    EXPECT_TRUE(checkpoint::isFloat16CacheCurrent(source_, cache));

    // A cache cut short is not current.
    const auto size = fs::file_size(cache);
    fs::resize_file(cache, size - 10);
    EXPECT_FALSE(checkpoint::isFloat16CacheCurrent(source_, cache));
    fs::resize_file(cache, size);

    // A replaced source (new modification time) makes the cache stale.
    fs::last_write_time(source_, fs::last_write_time(source_) + std::chrono::seconds(5));
    EXPECT_FALSE(checkpoint::isFloat16CacheCurrent(source_, cache));
}

TEST_F(Float16CacheTest, CancelLeavesNoFile) {
    const auto cache = checkpoint::float16CachePath(source_);
    cancelAWritePartway(cache);
    EXPECT_FALSE(fs::exists(cache));
    EXPECT_FALSE(fs::exists(cache.string() + ".partial"));
}

// The cache goes through the one atomic writer (common/atomic_file.h): a cancelled or killed
// write leaves no temporary for long, and an existing cache is replaced only by a complete one.
TEST_F(Float16CacheTest, CancelledWritesLeaveTheFolderAsItWas) {
    const auto cache = checkpoint::float16CachePath(source_);
    cancelAWritePartway(cache);
    std::vector<fs::path> left;
    for (const auto& entry : fs::directory_iterator(dir_)) left.push_back(entry.path().filename());
    EXPECT_EQ(left, std::vector<fs::path>{"flashface.ckpt"});
}

}  // namespace
}  // namespace flashface
