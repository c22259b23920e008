#include "pipeline/model_verify.h"
#include "support/fixtures.h"
#include "zip_writer.h"

#include "checkpoint/format.h"
#include "checkpoint/mapped_file.h"
#include "checkpoint/zip.h"
#include "common/error.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <unistd.h>

namespace flashface {
namespace {

namespace fs = std::filesystem;

class ModelVerifyTest : public ::testing::Test {
protected:

    fs::path copyOf(const fs::path& source) {
        const auto target = dir_ / source.filename();
        fs::copy_file(source, target, fs::copy_options::overwrite_existing);
        fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
        return target;
    }

    static void patchByte(const fs::path& file, std::uint64_t offset) {
        std::fstream io(file, std::ios::binary | std::ios::in | std::ios::out);
        io.seekg(static_cast<std::streamoff>(offset));
        char byte = 0;
        io.read(&byte, 1);
        byte = static_cast<char>(byte ^ 0x5A);
        io.seekp(static_cast<std::streamoff>(offset));
        io.write(&byte, 1);
    }

    static std::string joined(const pipeline::VerifyResult& result) {
        std::string all;
        for (const auto& p : result.problems) all += p + "\n";
        return all;
    }

    test::TempDir temp_;
    const fs::path dir_ = temp_.path();
};

pipeline::FileExpectation zipCheck() {
    pipeline::FileExpectation expected;
    expected.content = pipeline::FileContent::Checkpoint;
    return expected;
}

// The entries of a fixture torch archive, read with the loader's zip reader.
std::vector<test::ZipTestEntry> entriesOf(const fs::path& archive) {
    const checkpoint::MappedFile mapped(archive);
    const auto bytes = mapped.bytes();
    std::vector<test::ZipTestEntry> entries;
    for (const auto& entry : checkpoint::readZipDirectory(archive, bytes)) {
        const auto data = bytes.subspan(entry.offset, entry.size);
        entries.push_back({entry.name, std::string(reinterpret_cast<const char*>(data.data()), data.size()), false});
    }
    return entries;
}

TEST_F(ModelVerifyTest, FixtureTorchArchiveIsIntact) {
    const auto result = pipeline::verifyModelFile(test::fixture("vae/weights.pth"), zipCheck());
    EXPECT_TRUE(result.ok()) << joined(result);
    EXPECT_GT(result.zipEntries, 1u);
    EXPECT_EQ(result.size, fs::file_size(test::fixture("vae/weights.pth")));
}

TEST_F(ModelVerifyTest, FlippedByteInsideTensorDataIsReportedWithItsEntry) {
    const auto file = copyOf(test::fixture("vae/weights.pth"));
    // The middle of the file lies in some storage's data (the archive is mostly tensor bytes).
    patchByte(file, fs::file_size(file) / 2);
    const auto result = pipeline::verifyModelFile(file, zipCheck());
    ASSERT_EQ(result.problems.size(), 1u) << joined(result);
    EXPECT_NE(result.problems[0].find("/data/"), std::string::npos) << result.problems[0];
    EXPECT_NE(result.problems[0].find("CRC-32"), std::string::npos) << result.problems[0];
}

TEST_F(ModelVerifyTest, TruncatedArchiveIsReported) {
    const auto file = copyOf(test::fixture("vae/weights.pth"));
    fs::resize_file(file, fs::file_size(file) - 1000);
    const auto result = pipeline::verifyModelFile(file, zipCheck());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.problems[0].find("truncated"), std::string::npos) << result.problems[0];
}

TEST_F(ModelVerifyTest, Zip64ArchivesLoadAndEveryEntryIsCrcChecked) {
    const auto entries = entriesOf(test::fixture("retinaface/mobilenetv1/weights.pth"));
    const auto file = dir_ / "z64.pth";
    test::writeTestZip(file, entries, true);
    auto result = pipeline::verifyModelFile(file, zipCheck());
    EXPECT_TRUE(result.ok()) << joined(result);
    EXPECT_EQ(result.zipEntries, entries.size());

    // Corrupt one storage's bytes: found by its CRC, named by its entry.
    const auto& victim = *std::max_element(entries.begin(), entries.end(),
                                           [](const auto& a, const auto& b) { return a.data.size() < b.data.size(); });
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    in.close();
    const auto at = bytes.find(victim.data);
    ASSERT_NE(at, std::string::npos);
    patchByte(file, at + victim.data.size() / 2);
    result = pipeline::verifyModelFile(file, zipCheck());
    ASSERT_EQ(result.problems.size(), 1u) << joined(result);
    EXPECT_NE(result.problems[0].find("'" + victim.name + "'"), std::string::npos) << result.problems[0];
}

// Each of these was once called intact although loading refuses it (issue 12).
TEST_F(ModelVerifyTest, ArchivesTheLoaderRefusesAreNotIntact) {
    const auto entries = entriesOf(test::fixture("retinaface/mobilenetv1/weights.pth"));
    auto deflated = entries;
    for (auto& entry : deflated) entry.deflate = true;
    test::writeTestZip(dir_ / "deflated.pth", deflated, false);
    auto result = pipeline::verifyModelFile(dir_ / "deflated.pth", zipCheck());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.problems[0].find("compressed"), std::string::npos) << joined(result);

    auto missing = entries;
    const auto storage = std::find_if(missing.begin(), missing.end(),
                                      [](const auto& e) { return e.name.find("/data/") != std::string::npos; });
    ASSERT_NE(storage, missing.end());
    missing.erase(storage);
    test::writeTestZip(dir_ / "missing.pth", missing, false);
    result = pipeline::verifyModelFile(dir_ / "missing.pth", zipCheck());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.problems[0].find("does not hold"), std::string::npos) << joined(result);

    // A pickle that would call os.system when unpickled by Python.
    const std::string evil = "\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03.";
    test::writeTestZip(dir_ / "flashface.ckpt", {{"archive/data.pkl", evil, false}, {"archive/version", "3\n", false}},
                       false);
    result = pipeline::verifyModelFile(dir_ / "flashface.ckpt", zipCheck());
    EXPECT_FALSE(result.ok()) << "a pickle calling os.system was called intact";

    std::string noise(4096, '\0');
    for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>(i * 2654435761u >> 13);
    std::ofstream(dir_ / "random.safetensors", std::ios::binary) << noise;
    result = pipeline::verifyModelFile(dir_ / "random.safetensors", zipCheck());
    EXPECT_FALSE(result.ok());
}

TEST_F(ModelVerifyTest, KeysAndShapesAreThoseTheModelLoads) {
    const auto file = test::fixture("vae/weights.pth");
    const auto found = [&] {
        const checkpoint::MappedFile mapped(file);
        std::vector<checkpoint::TensorShape> shapes;
        for (const auto& t : checkpoint::parseCheckpoint(file, mapped.bytes()).tensors) shapes.push_back({t.name, t.shape});
        return shapes;
    }();
    ASSERT_FALSE(found.empty());
    pipeline::FileExpectation expected = zipCheck();
    expected.keys = checkpoint::ExpectedKeys{found, {}};
    EXPECT_TRUE(pipeline::verifyModelFile(file, expected).ok());

    expected.keys->tensors.front().shape.push_back(7);
    auto result = pipeline::verifyModelFile(file, expected);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.problems[0].find(found.front().name), std::string::npos) << joined(result);

    expected.keys = checkpoint::ExpectedKeys{{found.begin() + 1, found.end()}, {}};
    result = pipeline::verifyModelFile(file, expected);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.problems[0].find("unexpected"), std::string::npos) << joined(result);
}

TEST_F(ModelVerifyTest, TruncatedCorruptOrHtmlVocabularyIsNotIntact) {
    pipeline::FileExpectation vocabulary;
    vocabulary.content = pipeline::FileContent::Vocabulary;
    const auto original = test::fixture("tokenizer/bpe_simple_vocab_16e6.txt.gz");
    EXPECT_TRUE(pipeline::verifyModelFile(original, vocabulary).ok());

    const auto truncated = copyOf(original);
    fs::resize_file(truncated, fs::file_size(truncated) / 2);
    EXPECT_FALSE(pipeline::verifyModelFile(truncated, vocabulary).ok());

    const auto corrupt = dir_ / "corrupt.txt.gz";
    fs::copy_file(original, corrupt);
    patchByte(corrupt, fs::file_size(corrupt) / 2);
    EXPECT_FALSE(pipeline::verifyModelFile(corrupt, vocabulary).ok());

    const auto html = dir_ / "html.txt.gz";
    std::ofstream(html) << "<!DOCTYPE html><html><body>Rate limited</body></html>\n";
    EXPECT_FALSE(pipeline::verifyModelFile(html, vocabulary).ok());
}

TEST_F(ModelVerifyTest, Sha256MatchesKnownVectorAndMismatchIsReported) {
    const auto file = dir_ / "abc.txt";
    std::ofstream(file) << "abc";
    pipeline::FileExpectation expected;
    expected.sha256 = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
    auto result = pipeline::verifyModelFile(file, expected);
    EXPECT_TRUE(result.ok()) << joined(result);
    EXPECT_EQ(result.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    expected.sha256 = std::string(64, '0');
    result = pipeline::verifyModelFile(file, expected);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_NE(result.problems[0].find("SHA-256"), std::string::npos);
}

TEST_F(ModelVerifyTest, Sha256OfMultiChunkInput) {
    // One million 'a' (FIPS 180-2 test vector), larger than one read chunk when repeated.
    const auto file = dir_ / "million.txt";
    std::ofstream(file) << std::string(1'000'000, 'a');
    pipeline::VerifyOptions options;
    options.computeSha256 = true;
    const auto result = pipeline::verifyModelFile(file, {}, options);
    EXPECT_EQ(result.sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_F(ModelVerifyTest, WrongSizeAndMissingFileAreReported) {
    const auto file = dir_ / "short.bin";
    std::ofstream(file) << "12345";
    pipeline::FileExpectation expected;
    expected.size = 6;
    auto result = pipeline::verifyModelFile(file, expected);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_NE(result.problems[0].find("5 bytes, expected 6"), std::string::npos) << result.problems[0];

    result = pipeline::verifyModelFile(dir_ / "absent.pth", zipCheck());
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_NE(result.problems[0].find("absent.pth"), std::string::npos);
}

TEST_F(ModelVerifyTest, CancelThrowsAndProgressReachesTheEnd) {
    const auto fixture = test::fixture("unet/weights.pth");
    CancelToken cancel;
    cancel.cancel();
    pipeline::VerifyOptions options;
    options.cancel = &cancel;
    EXPECT_THROW(pipeline::verifyModelFile(fixture, zipCheck(), options), Cancelled);

    cancel.reset();
    std::uint64_t last = 0, total = 0;
    options.progress = [&](std::uint64_t done, std::uint64_t all) {
        EXPECT_GE(done, last);
        last = done;
        total = all;
    };
    options.computeSha256 = true;
    const auto result = pipeline::verifyModelFile(fixture, zipCheck(), options);
    EXPECT_TRUE(result.ok()) << joined(result);
    EXPECT_EQ(last, total);
    EXPECT_EQ(total, fs::file_size(fixture));
}

TEST(OfficialModelFiles, NamesUrlsAndExpectations) {
    ASSERT_EQ(pipeline::officialModelFiles().size(), 5u);
    EXPECT_NE(pipeline::findOfficialModelFile("flashface.ckpt"), nullptr);
    EXPECT_EQ(pipeline::findOfficialModelFile("other.bin"), nullptr);
    EXPECT_EQ(pipeline::officialExpectation("sd-v1-vae.pth").content, pipeline::FileContent::Checkpoint);
    EXPECT_EQ(pipeline::officialExpectation("bpe_simple_vocab_16e6.txt.gz").content, pipeline::FileContent::Vocabulary);
    EXPECT_EQ(pipeline::modelFileUrl("http://m/x/", "a.pth"), "http://m/x/a.pth");
    EXPECT_EQ(pipeline::modelFileUrl("http://m/x", "a.pth"), "http://m/x/a.pth");
    EXPECT_EQ(pipeline::modelFileUrl(pipeline::kOfficialModelsBaseUrl, "flashface.ckpt"),
              "https://huggingface.co/shilongz/FlashFace-SD1.5/resolve/main/flashface.ckpt");
}

}  // namespace
}  // namespace flashface
