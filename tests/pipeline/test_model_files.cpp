#include "common/error.h"
#include "fixture_models.h"
#include "pipeline/model_files.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

namespace flashface::pipeline {
namespace {

namespace fs = std::filesystem;

const char* const kOfficialNames[] = {"flashface.ckpt", "sd-v1-vae.pth", "openai-clip-vit-large-14.pth",
                                      "retinaface_resnet50.pth", "bpe_simple_vocab_16e6.txt.gz"};

void touch(const fs::path& file) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << "x";
}

void writeText(const fs::path& file, const std::string& text) {
    std::ofstream(file) << text;
}

TEST(ModelFiles, FindsTheOfficialNames) {
    test::TempDir dir;
    for (const char* name : kOfficialNames) touch(dir.path() / name);
    EXPECT_TRUE(missingModelFiles(dir.path()).empty());
    const ModelFiles files = resolveModelFiles(dir.path());
    EXPECT_EQ(files.unet, dir.path() / "flashface.ckpt");
    EXPECT_EQ(files.vae, dir.path() / "sd-v1-vae.pth");
    EXPECT_EQ(files.clip, dir.path() / "openai-clip-vit-large-14.pth");
    EXPECT_EQ(files.faceDetector, dir.path() / "retinaface_resnet50.pth");
    EXPECT_EQ(files.vocabulary, dir.path() / "bpe_simple_vocab_16e6.txt.gz");
    EXPECT_EQ(files.clipPrefix, "textual.");
    EXPECT_TRUE(files.unetConfig.empty());
}

TEST(ModelFiles, OneErrorListsEveryMissingFileWithItsUrl) {
    test::TempDir dir;
    touch(dir.path() / "sd-v1-vae.pth");
    touch(dir.path() / "bpe_simple_vocab_16e6.txt.gz");
    const auto missing = missingModelFiles(dir.path());
    ASSERT_EQ(missing.size(), 3u);
    EXPECT_EQ(missing[0].name, "flashface.ckpt");
    EXPECT_EQ(missing[0].expectedAt, dir.path() / "flashface.ckpt");
    EXPECT_EQ(missing[0].url, "https://huggingface.co/shilongz/FlashFace-SD1.5/resolve/main/flashface.ckpt");
    EXPECT_FALSE(missing[0].purpose.empty());
    try {
        resolveModelFiles(dir.path());
        FAIL() << "resolved a folder with missing files";
    } catch (const FileError& e) {
        const std::string message = e.what();
        EXPECT_EQ(e.file(), dir.path());
        for (const char* name : {"flashface.ckpt", "openai-clip-vit-large-14.pth", "retinaface_resnet50.pth"}) {
            EXPECT_NE(message.find(name), std::string::npos) << message;
            EXPECT_NE(message.find(std::string("https://huggingface.co/shilongz/FlashFace-SD1.5/resolve/main/") + name),
                      std::string::npos)
                << message;
            EXPECT_NE(message.find((dir.path() / name).string()), std::string::npos) << message;
        }
        EXPECT_EQ(message.find("sd-v1-vae.pth"), std::string::npos) << message;
    }
}

TEST(ModelFiles, AManifestNamesFilesConfigsAndThePrefix) {
    test::TempDir dir;
    touch(dir.path() / "small" / "unet.pth");
    touch(dir.path() / "vae.safetensors");
    touch(dir.path() / "clip.pth");
    touch(dir.path() / "bpe_simple_vocab_16e6.txt.gz");  // absent from the manifest: official name
    const fs::path detector = dir.path() / "elsewhere" / "detector.pth";
    touch(detector);
    writeText(dir.path() / "vae.json", R"({"dim": 32})");
    const nlohmann::json manifest = {
        {"unet", {{"file", "small/unet.pth"}, {"config", {{"dim", 32}, {"context_dim", 64}}}}},
        {"vae", {{"file", "vae.safetensors"}, {"config", "vae.json"}}},
        {"clip", {{"file", "clip.pth"}, {"prefix", ""}}},
        {"face_detector", detector.string()},
    };
    writeText(dir.path() / "models.json", manifest.dump());

    const ModelFiles files = resolveModelFiles(dir.path());
    EXPECT_EQ(files.unet, dir.path() / "small" / "unet.pth");
    EXPECT_EQ(nlohmann::json::parse(files.unetConfig), manifest["unet"]["config"]);
    EXPECT_EQ(files.vae, dir.path() / "vae.safetensors");
    EXPECT_EQ(nlohmann::json::parse(files.vaeConfig), nlohmann::json({{"dim", 32}}));
    EXPECT_EQ(files.clip, dir.path() / "clip.pth");
    EXPECT_EQ(files.clipPrefix, "");
    EXPECT_TRUE(files.clipConfig.empty());
    EXPECT_EQ(files.faceDetector, detector);
    EXPECT_EQ(files.vocabulary, dir.path() / "bpe_simple_vocab_16e6.txt.gz");
}

TEST(ModelFiles, MissingFilesOfAManifestAreReportedWhereItPoints) {
    test::TempDir dir;
    writeText(dir.path() / "models.json", R"({"unet": "weights/unet.pth"})");
    const auto missing = missingModelFiles(dir.path());
    ASSERT_EQ(missing.size(), 5u);
    EXPECT_EQ(missing[0].expectedAt, dir.path() / "weights" / "unet.pth");
}

TEST(ModelFiles, ABrokenManifestIsAFileErrorNamingIt) {
    test::TempDir dir;
    const fs::path manifest = dir.path() / "models.json";
    for (const char* text : {"{not json", R"({"text_encoder": "a.pth"})", R"({"unet": {"config": {}}})",
                             R"({"vocabulary": {"file": "v.gz", "config": {}}})", R"({"unet": {"file": "u", "prefix": ""}})"}) {
        writeText(manifest, text);
        try {
            missingModelFiles(dir.path());
            ADD_FAILURE() << "accepted " << text;
        } catch (const FileError& e) {
            EXPECT_EQ(e.file(), manifest) << text;
        }
    }
}

TEST(ModelFiles, TheFixtureManifestResolves) {
    test::TempDir dir;
    test::writeFixtureModelsJson(dir.path());
    const ModelFiles files = resolveModelFiles(dir.path());
    EXPECT_FALSE(files.unetConfig.empty());
    EXPECT_EQ(files.clipPrefix, "");
}

TEST(ModelFiles, TheDefaultFolderFollowsXdg) {
    const char* saved = std::getenv("XDG_DATA_HOME");
    const std::string previous = saved ? saved : "";
    ::setenv("XDG_DATA_HOME", "/data/home", 1);
    EXPECT_EQ(defaultModelsFolder(), fs::path("/data/home/flashface-studio/models"));
    if (saved) ::setenv("XDG_DATA_HOME", previous.c_str(), 1);
    else ::unsetenv("XDG_DATA_HOME");
}

}  // namespace
}  // namespace flashface::pipeline
