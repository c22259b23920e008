#include "pipeline/model_verify.h"
#include "support/fixtures.h"
#include "zip_writer.h"

#include "common/error.h"

#include <gtest/gtest.h>

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

    static std::string joined(const VerifyResult& result) {
        std::string all;
        for (const auto& p : result.problems) all += p + "\n";
        return all;
    }

    test::TempDir temp_;
    const fs::path dir_ = temp_.path();
};

FileExpectation zipCheck() {
    FileExpectation expected;
    expected.zipArchive = true;
    return expected;
}

TEST_F(ModelVerifyTest, FixtureTorchArchiveIsIntact) {
    const auto result = verifyModelFile(test::fixture("vae/weights.pth"), zipCheck());
    EXPECT_TRUE(result.ok()) << joined(result);
    EXPECT_GT(result.zipEntries, 1u);
    EXPECT_EQ(result.size, fs::file_size(test::fixture("vae/weights.pth")));
}

TEST_F(ModelVerifyTest, FlippedByteInsideTensorDataIsReportedWithItsEntry) {
    const auto file = copyOf(test::fixture("vae/weights.pth"));
    // The middle of the file lies in some storage's data (the archive is mostly tensor bytes).
    patchByte(file, fs::file_size(file) / 2);
    const auto result = verifyModelFile(file, zipCheck());
    ASSERT_EQ(result.problems.size(), 1u) << joined(result);
    EXPECT_NE(result.problems[0].find("/data/"), std::string::npos) << result.problems[0];
    EXPECT_NE(result.problems[0].find("CRC-32"), std::string::npos) << result.problems[0];
}

TEST_F(ModelVerifyTest, TruncatedArchiveIsReported) {
    const auto file = copyOf(test::fixture("vae/weights.pth"));
    fs::resize_file(file, fs::file_size(file) - 1000);
    const auto result = verifyModelFile(file, zipCheck());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.problems[0].find("truncated"), std::string::npos) << result.problems[0];
}

TEST_F(ModelVerifyTest, Zip64AndDeflatedEntriesAreChecked) {
    const std::vector<test::ZipTestEntry> entries{
        {"archive/data.pkl", std::string(5000, 'p'), true},
        {"archive/data/0", "0123456789abcdef", false},
        {"archive/empty", "", false},
        {"archive/data/1", std::string(70000, 'x') + "tail", true},
    };
    for (const bool zip64 : {false, true}) {
        const auto file = dir_ / (zip64 ? "z64.pth" : "z32.pth");
        test::writeTestZip(file, entries, zip64);
        const auto result = verifyModelFile(file, zipCheck());
        EXPECT_TRUE(result.ok()) << joined(result);
        EXPECT_EQ(result.zipEntries, entries.size());
    }
    // Corrupt the stored entry "archive/data/0": its bytes follow the deflated data.pkl.
    const auto file = dir_ / "z64.pth";
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const auto at = bytes.find("0123456789abcdef");
    ASSERT_NE(at, std::string::npos);
    in.close();
    patchByte(file, at + 3);
    const auto result = verifyModelFile(file, zipCheck());
    ASSERT_EQ(result.problems.size(), 1u) << joined(result);
    EXPECT_NE(result.problems[0].find("'archive/data/0'"), std::string::npos) << result.problems[0];
}

TEST_F(ModelVerifyTest, DamagedDeflateStreamIsReported) {
    const auto file = dir_ / "deflated.pth";
    std::string text;
    for (int i = 0; i < 2000; ++i) text += std::to_string(i * 7919) + ",";
    test::writeTestZip(file, {{"a/data.pkl", text, true}}, false);
    patchByte(file, 60);  // inside the compressed bytes, after the 30+10+7 header bytes
    const auto result = verifyModelFile(file, zipCheck());
    EXPECT_FALSE(result.ok());
}

TEST_F(ModelVerifyTest, Sha256MatchesKnownVectorAndMismatchIsReported) {
    const auto file = dir_ / "abc.txt";
    std::ofstream(file) << "abc";
    FileExpectation expected;
    expected.sha256 = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
    auto result = verifyModelFile(file, expected);
    EXPECT_TRUE(result.ok()) << joined(result);
    EXPECT_EQ(result.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    expected.sha256 = std::string(64, '0');
    result = verifyModelFile(file, expected);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_NE(result.problems[0].find("SHA-256"), std::string::npos);
}

TEST_F(ModelVerifyTest, Sha256OfMultiChunkInput) {
    // One million 'a' (FIPS 180-2 test vector), larger than one read chunk when repeated.
    const auto file = dir_ / "million.txt";
    std::ofstream(file) << std::string(1'000'000, 'a');
    VerifyOptions options;
    options.computeSha256 = true;
    const auto result = verifyModelFile(file, {}, options);
    EXPECT_EQ(result.sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_F(ModelVerifyTest, WrongSizeAndMissingFileAreReported) {
    const auto file = dir_ / "short.bin";
    std::ofstream(file) << "12345";
    FileExpectation expected;
    expected.size = 6;
    auto result = verifyModelFile(file, expected);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_NE(result.problems[0].find("5 bytes, expected 6"), std::string::npos) << result.problems[0];

    result = verifyModelFile(dir_ / "absent.pth", zipCheck());
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_NE(result.problems[0].find("absent.pth"), std::string::npos);
}

TEST_F(ModelVerifyTest, CancelThrowsAndProgressReachesTheEnd) {
    const auto fixture = test::fixture("unet/weights.pth");
    std::atomic<bool> cancel{true};
    VerifyOptions options;
    options.cancel = &cancel;
    EXPECT_THROW(verifyModelFile(fixture, zipCheck(), options), Cancelled);

    cancel = false;
    std::uint64_t last = 0, total = 0;
    options.progress = [&](std::uint64_t done, std::uint64_t all) {
        EXPECT_GE(done, last);
        last = done;
        total = all;
    };
    options.computeSha256 = true;
    const auto result = verifyModelFile(fixture, zipCheck(), options);
    EXPECT_TRUE(result.ok()) << joined(result);
    EXPECT_EQ(last, total);
    EXPECT_EQ(total, fs::file_size(fixture));
}

TEST(OfficialModelFiles, NamesUrlsAndExpectations) {
    ASSERT_EQ(officialModelFiles().size(), 5u);
    EXPECT_NE(findOfficialModelFile("flashface.ckpt"), nullptr);
    EXPECT_EQ(findOfficialModelFile("other.bin"), nullptr);
    EXPECT_TRUE(officialExpectation("sd-v1-vae.pth").zipArchive);
    EXPECT_FALSE(officialExpectation("bpe_simple_vocab_16e6.txt.gz").zipArchive);
    EXPECT_EQ(modelFileUrl("http://m/x/", "a.pth"), "http://m/x/a.pth");
    EXPECT_EQ(modelFileUrl("http://m/x", "a.pth"), "http://m/x/a.pth");
    EXPECT_EQ(modelFileUrl(kOfficialModelsBaseUrl, "flashface.ckpt"),
              "https://huggingface.co/shilongz/FlashFace-SD1.5/resolve/main/flashface.ckpt");
}

}  // namespace
}  // namespace flashface
