// The reader against real fixture files: both formats must give the same tensors bit for bit.

#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace flashface {
namespace {

// The safetensors header, read independently of the reader under test.
nlohmann::json safetensorsHeader(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::uint64_t size = 0;
    in.read(reinterpret_cast<char*>(&size), 8);
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    return nlohmann::json::parse(text);
}

TEST(Checkpoint, SafeTensorsListsEveryHeaderEntry) {
    const auto file = test::fixture("clip_text/weights.safetensors");
    const auto header = safetensorsHeader(file);
    const auto checkpoint = Checkpoint::open(file);
    std::size_t expected = 0;
    for (const auto& [name, entry] : header.items()) {
        if (name == "__metadata__") continue;
        ++expected;
        const TensorInfo* info = checkpoint.find(name);
        ASSERT_NE(info, nullptr) << name;
        EXPECT_EQ(info->shape, entry["shape"].get<std::vector<std::int64_t>>()) << name;
        EXPECT_EQ(info->dtype, DType::Float32) << name;
    }
    EXPECT_EQ(checkpoint.tensors().size(), expected);
    EXPECT_EQ(checkpoint.find("no.such.key"), nullptr);
}

TEST(Checkpoint, SafeTensorsValuesMatchTheRawBytes) {
    const auto file = test::fixture("clip_text/weights.safetensors");
    const auto header = safetensorsHeader(file);
    const auto checkpoint = Checkpoint::open(file);
    std::ifstream in(file, std::ios::binary);
    std::uint64_t headerSize = 0;
    in.read(reinterpret_cast<char*>(&headerSize), 8);
    for (const auto& info : checkpoint.tensors()) {
        const auto offsets = header[info.name]["data_offsets"].get<std::vector<std::uint64_t>>();
        std::vector<float> raw((offsets[1] - offsets[0]) / sizeof(float));
        in.seekg(static_cast<std::streamoff>(8 + headerSize + offsets[0]));
        in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size() * sizeof(float)));
        const at::Tensor tensor = checkpoint.read(info.name);
        ASSERT_EQ(tensor.scalar_type(), at::kFloat);
        ASSERT_EQ(tensor.numel(), static_cast<std::int64_t>(raw.size()));
        EXPECT_EQ(std::memcmp(tensor.data_ptr(), raw.data(), raw.size() * sizeof(float)), 0) << info.name;
    }
}

TEST(Checkpoint, PthAndSafeTensorsAgreeBitForBit) {
    const auto pth = Checkpoint::open(test::fixture("clip_text/weights.pth"));
    const auto safetensors = Checkpoint::open(test::fixture("clip_text/weights.safetensors"));
    ASSERT_EQ(pth.tensors().size(), safetensors.tensors().size());
    for (const auto& info : pth.tensors()) {
        const TensorInfo* other = safetensors.find(info.name);
        ASSERT_NE(other, nullptr) << info.name;
        EXPECT_EQ(info.dtype, other->dtype) << info.name;
        EXPECT_EQ(info.shape, other->shape) << info.name;
        const at::Tensor a = pth.read(info.name);
        const at::Tensor b = safetensors.read(info.name);
        ASSERT_EQ(a.scalar_type(), b.scalar_type()) << info.name;
        ASSERT_EQ(a.sizes(), b.sizes()) << info.name;
        ASSERT_TRUE(a.is_contiguous() && b.is_contiguous());
        EXPECT_EQ(std::memcmp(a.data_ptr(), b.data_ptr(), a.nbytes()), 0) << info.name;
    }
}

TEST(Checkpoint, Float16StoragesReadAsExactFloat32) {
    const auto checkpoint = Checkpoint::open(test::fixture("retinaface/resnet50/weights.pth"));
    ASSERT_FALSE(checkpoint.tensors().empty());
    std::size_t halves = 0;
    for (const auto& info : checkpoint.tensors()) {
        const at::Tensor stored = checkpoint.read(info.name);
        EXPECT_EQ(stored.scalar_type(), toScalarType(info.dtype));
        if (info.dtype != DType::Float16) continue;
        ++halves;
        const at::Tensor widened = checkpoint.read(info.name, at::kFloat);
        ASSERT_EQ(widened.scalar_type(), at::kFloat);
        EXPECT_TRUE(at::equal(widened, stored.to(at::kFloat))) << info.name;
        EXPECT_TRUE(at::equal(widened.to(at::kHalf), stored)) << info.name;  // half → float is exact
    }
    EXPECT_GT(halves, 0u);
}

TEST(Checkpoint, TensorsWithAPrefixKeepFileOrder) {
    const auto checkpoint = Checkpoint::open(test::fixture("clip_text/weights.pth"));
    const std::string prefix = "transformer.0.";
    std::vector<std::string> expected;
    for (const auto& info : checkpoint.tensors())
        if (info.name.rfind(prefix, 0) == 0) expected.push_back(info.name);
    ASSERT_FALSE(expected.empty());
    std::vector<std::string> actual;
    for (const auto& info : checkpoint.tensors(prefix)) actual.push_back(info.name);
    EXPECT_EQ(actual, expected);
    EXPECT_TRUE(checkpoint.tensors("no.such.prefix.").empty());
}

TEST(Checkpoint, MissingKeyIsAFileError) {
    const auto checkpoint = Checkpoint::open(test::fixture("clip_text/weights.safetensors"));
    EXPECT_THROW(checkpoint.read("no.such.key"), FileError);
}

}  // namespace
}  // namespace flashface
