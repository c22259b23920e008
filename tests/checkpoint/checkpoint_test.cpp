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

TEST(Checkpoint, MissingKeyIsAFileError) {
    const auto checkpoint = Checkpoint::open(test::fixture("clip_text/weights.safetensors"));
    EXPECT_THROW(checkpoint.read("no.such.key"), FileError);
}

}  // namespace
}  // namespace flashface
