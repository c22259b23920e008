// The reader against real fixture files: both formats must give the same tensors bit for bit.

#include "checkpoint/checkpoint.h"
#include "checkpoint/format.h"
#include "checkpoint/zip.h"
#include "checkpoint_files.h"
#include "common/error.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace flashface::checkpoint {
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

// A file written for one test and removed afterwards.
class TemporaryFile {
public:
    TemporaryFile(const test::Bytes& bytes, const std::string& name)
        : path_(std::filesystem::temp_directory_path() / ("flashface_" + std::to_string(::getpid()) + "_" + name)) {
        std::ofstream(path_, std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    ~TemporaryFile() { std::filesystem::remove(path_); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// The float32 values of sampleTorchCheckpoint()'s storage "0" (its bytes are i * 37 + 1).
at::Tensor sampleStorage0() {
    std::vector<std::uint8_t> bytes(48);
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 37 + 1);
    return at::from_blob(bytes.data(), {12}, at::kFloat).clone();
}

TEST(Checkpoint, ReadsViewsWithOffsetsAndStridesOfSharedStorages) {
    const TemporaryFile file(test::sampleTorchCheckpoint(), "views.pth");
    const auto checkpoint = Checkpoint::open(file.path());
    const at::Tensor storage = sampleStorage0();
    const at::Tensor weight = checkpoint.read("embed.weight");
    const at::Tensor transposed = checkpoint.read("embed.weight_t");
    EXPECT_TRUE(at::equal(weight, storage.view({3, 4})));
    EXPECT_TRUE(at::equal(transposed, storage.as_strided({4, 2}, {1, 4}, 1)));
    EXPECT_TRUE(transposed.is_contiguous());
    EXPECT_TRUE(at::equal(checkpoint.read("sub.inner"), storage.as_strided({2}, {2}, 4)));
    // Reading one alias does not consume the shared storage for the others.
    EXPECT_TRUE(at::equal(checkpoint.read("embed.weight"), weight));
    const at::Tensor steps = checkpoint.read("steps");
    EXPECT_EQ(steps.scalar_type(), at::kLong);
    EXPECT_EQ(steps.dim(), 0);
}

TEST(Checkpoint, ConvertsBetweenFloatTypesWhileReading) {
    const TemporaryFile file(test::sampleTorchCheckpoint(), "convert.pth");
    const auto checkpoint = Checkpoint::open(file.path());
    EXPECT_EQ(checkpoint.read("norm.bias").scalar_type(), at::kHalf);
    EXPECT_EQ(checkpoint.read("proj.weight").scalar_type(), at::kBFloat16);
    for (const char* name : {"norm.bias", "proj.weight"})
        EXPECT_TRUE(at::equal(checkpoint.read(name, at::kFloat), checkpoint.read(name).to(at::kFloat))) << name;
    const at::Tensor weight = sampleStorage0().view({3, 4});
    EXPECT_TRUE(at::equal(checkpoint.read("embed.weight", at::kHalf), weight.to(at::kHalf)));
    EXPECT_TRUE(at::equal(checkpoint.read("embed.weight", at::kBFloat16), weight.to(at::kBFloat16)));
}

TEST(Checkpoint, ReadsUnalignedScalarAndEmptySafeTensors) {
    const TemporaryFile file(test::sampleSafeTensors(), "sample.safetensors");
    const auto checkpoint = Checkpoint::open(file.path());
    const at::Tensor a = checkpoint.read("a");  // the data starts right after the header, at any alignment
    EXPECT_EQ(a.sizes(), (std::vector<std::int64_t>{2, 3}));
    const test::Bytes bytes = test::sampleSafeTensors();
    EXPECT_EQ(std::memcmp(a.data_ptr(), bytes.data() + bytes.size() - 38, 24), 0);
    EXPECT_EQ(checkpoint.read("b").scalar_type(), at::kHalf);
    const at::Tensor c = checkpoint.read("c", at::kDouble);
    EXPECT_EQ(c.dim(), 0);
    const at::Tensor d = checkpoint.read("d");
    EXPECT_EQ(d.scalar_type(), at::kBool);
    EXPECT_EQ(d.sizes(), (std::vector<std::int64_t>{0, 4}));
}

TEST(Checkpoint, OpenReportsUnreadableFiles) {
    EXPECT_THROW(Checkpoint::open("/nonexistent/weights.safetensors"), FileError);
    const TemporaryFile text(test::bytesOf("this is not a checkpoint"), "text.pth");
    try {
        Checkpoint::open(text.path());
        FAIL() << "a text file opened as a checkpoint";
    } catch (const FileError& e) {
        EXPECT_EQ(e.file(), text.path());
    }
}

// ---------------------------------------------------------------------------------------------
// The real fixture files, damaged in memory (the torch-free sweeps on small built files run in
// test_checkpoint_format, also under the sanitizers).

test::Bytes readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return test::bytesOf(text);
}

// A FileError, or records that all lie inside the file.
::testing::AssertionResult parsesOrFails(std::span<const std::byte> bytes) {
    try {
        const auto index = checkpoint::parseCheckpoint("damaged", bytes);
        for (const auto& tensor : index.tensors) {
            const auto& storage = index.storages[tensor.storage];
            const auto span = checkpoint::viewSpan(tensor);
            const auto end = storage.offset + (span.first + span.count) * dtypeSize(tensor.dtype);
            if (span.count > 0 && end > bytes.size()) return ::testing::AssertionFailure() << tensor.name << " ends outside";
        }
    } catch (const FileError&) {
    } catch (const std::exception& e) {
        return ::testing::AssertionFailure() << "not a FileError: " << e.what();
    }
    return ::testing::AssertionSuccess();
}

// Flips every byte of [begin, end) in turn.
void flipEach(test::Bytes& bytes, std::size_t begin, std::size_t end) {
    for (std::size_t pos = begin; pos < end; ++pos) {
        bytes[pos] ^= std::byte{0xff};
        ASSERT_TRUE(parsesOrFails(bytes)) << "byte " << pos;
        bytes[pos] ^= std::byte{0xff};
    }
}

TEST(CheckpointCorruption, TruncatedFixturesAreFileErrors) {
    for (const char* name : {"clip_text/weights.pth", "clip_text/weights.safetensors"}) {
        const test::Bytes bytes = readBytes(test::fixture(name));
        ASSERT_GT(bytes.size(), 4096u);
        const std::span<const std::byte> all(bytes);
        for (std::size_t i = 0; i < 200; ++i)
            EXPECT_THROW(checkpoint::parseCheckpoint(name, all.first(bytes.size() * i / 200)), FileError) << name;
        for (std::size_t cut = 1; cut <= 1024; ++cut)
            EXPECT_THROW(checkpoint::parseCheckpoint(name, all.first(bytes.size() - cut)), FileError) << name << " - " << cut;
    }
}

TEST(CheckpointCorruption, FlippedBytesInFixtureMetadataParseOrFail) {
    test::Bytes pth = readBytes(test::fixture("clip_text/weights.pth"));
    const auto entries = checkpoint::readZipDirectory("weights.pth", pth);
    const auto pickle = std::find_if(entries.begin(), entries.end(), [](const auto& e) { return e.name.ends_with("/data.pkl"); });
    ASSERT_NE(pickle, entries.end());
    std::uint64_t dataEnd = 0;
    for (const auto& entry : entries) dataEnd = std::max(dataEnd, entry.offset + entry.size);
    flipEach(pth, pickle->offset, pickle->offset + pickle->size);  // the state dict
    flipEach(pth, dataEnd, pth.size());                            // the central directory
    flipEach(pth, 0, 128);                                         // the first local header

    test::Bytes safetensors = readBytes(test::fixture("clip_text/weights.safetensors"));
    std::uint64_t headerSize = 0;
    std::memcpy(&headerSize, safetensors.data(), 8);
    flipEach(safetensors, 0, 8 + headerSize);
}

}  // namespace
}  // namespace flashface::checkpoint
