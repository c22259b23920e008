#include "common/error.h"
#include "fixture_models.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/png_metadata.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <iterator>

namespace flashface::pipeline {
namespace {

namespace fs = std::filesystem;

Image gradient(int width, int height) {
    Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
    for (std::size_t i = 0; i < image.rgb.size(); ++i) image.rgb[i] = static_cast<std::uint8_t>(i * 7 + i / 3);
    return image;
}

// The pixels of a PNG as a standard decoder reads them.
Image decode(const std::vector<std::uint8_t>& png) {
    cv::Mat rgb;
    cv::cvtColor(cv::imdecode(png, cv::IMREAD_COLOR), rgb, cv::COLOR_BGR2RGB);
    return {rgb.cols, rgb.rows, std::vector<std::uint8_t>(rgb.data, rgb.data + rgb.total() * 3)};
}

std::vector<std::uint8_t> readBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

GenerationSettings unusualSettings() {
    GenerationSettings s;
    s.prompt = "Ein älterer Mann, 笑顔, \"quoted\", with: colons";
    s.negativePrompt = "hat";
    s.useNegativePostfix = false;
    s.positivePostfix = "studio light";
    s.faceBox = {0.25f, 0.15f, 0.55f, 0.45f};
    s.width = 512;
    s.height = 640;
    s.steps = 28;
    s.seed = 4'000'000'000u;
    s.numImages = 3;
    s.guidance.textScale = 8.5f;
    s.guidance.rescale = 0.3f;
    s.guidance.lambda = 0.9f;
    s.guidance.referenceScale = 2.5f;
    s.guidance.launchStep = 650;
    s.guidance.lambdaBefore = 0.8f;
    return s;
}

void expectSameSettings(const GenerationSettings& a, const GenerationSettings& b) {
    EXPECT_EQ(settingsToJson(a), settingsToJson(b));
    EXPECT_EQ(a.prompt, b.prompt);
    EXPECT_EQ(a.seed, b.seed);
    EXPECT_EQ(a.faceBox.x1, b.faceBox.x1);
    EXPECT_EQ(a.guidance.lambda, b.guidance.lambda);
    EXPECT_EQ(a.usePositivePostfix, b.usePositivePostfix);
    EXPECT_EQ(a.useNegativePostfix, b.useNegativePostfix);
}

TEST(PngMetadata, TextChunksRoundTripAndThePixelsAreIntact) {
    const Image image = gradient(23, 17);
    const std::vector<PngText> texts = {{"parameters", "plain ASCII text\nwith lines"}, {"flashface", "UTF-8: 笑顔 ä"}};
    const auto png = encodePng(image, texts);
    const auto back = readPngTexts(png);
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[0].keyword, "parameters");
    EXPECT_EQ(back[0].text, texts[0].text);
    EXPECT_EQ(back[1].keyword, "flashface");
    EXPECT_EQ(back[1].text, texts[1].text);
    const Image decoded = decode(png);
    EXPECT_EQ(decoded.width, 23);
    EXPECT_EQ(decoded.height, 17);
    EXPECT_EQ(decoded.rgb, image.rgb);
}

TEST(PngMetadata, DamageIsDetected) {
    auto png = encodePng(gradient(4, 4), {{"parameters", "some text"}});
    const std::string needle = "some text";
    const auto at = std::search(png.begin(), png.end(), needle.begin(), needle.end());
    ASSERT_NE(at, png.end());
    *at = 'S';
    EXPECT_THROW(readPngTexts(png), FileError);
    EXPECT_THROW(readPngTexts(std::vector<std::uint8_t>{'n', 'o', 't'}), FileError);
}

TEST(PngMetadata, RejectsAnInvalidKeyword) {
    EXPECT_THROW(encodePng(gradient(2, 2), {{"", "x"}}), Error);
    EXPECT_THROW(encodePng(gradient(2, 2), {{std::string(80, 'k'), "x"}}), Error);
}

TEST(GenerationMetadata, SettingsRoundTripThroughJson) {
    const GenerationSettings s = unusualSettings();
    const nlohmann::json json = settingsToJson(s);
    EXPECT_EQ(json.at("lambda").dump(), "0.9");  // the number as typed, not 0.899999976...
    expectSameSettings(settingsFromJson(json), s);
    // Absent keys keep the defaults; a wrongly typed one is named.
    EXPECT_EQ(settingsFromJson(nlohmann::json::object()).steps, GenerationSettings{}.steps);
    try {
        settingsFromJson({{"steps", "many"}});
        FAIL() << "accepted a string for steps";
    } catch (const InvalidRequest& e) {
        EXPECT_NE(std::string(e.what()).find("steps"), std::string::npos) << e.what();
    }
    EXPECT_THROW(settingsFromJson({{"face_box", {0.1, 0.2}}}), InvalidRequest);
}

TEST(GenerationMetadata, ParametersTextFollowsTheWebUiLayout) {
    const std::string text = a1111Parameters(unusualSettings());
    EXPECT_EQ(text.rfind("Ein älterer Mann, 笑顔, \"quoted\", with: colons, studio light\nNegative prompt: hat\nSteps: 28, ", 0), 0u)
        << text;
    EXPECT_NE(text.find("Seed: 4000000000"), std::string::npos) << text;
    EXPECT_NE(text.find("Size: 512x640"), std::string::npos) << text;
    EXPECT_NE(text.find("CFG scale: 8.5"), std::string::npos) << text;
    EXPECT_NE(text.find("Face box: \"[0.25, 0.15, 0.55, 0.45]\""), std::string::npos) << text;
}

TEST(GenerationMetadata, SavedImagesCarryTheirSettingsAndNeverOverwrite) {
    test::TempDir dir;
    const fs::path folder = dir.path() / "out";
    const Image image = gradient(16, 8);
    ImageMetadata metadata{unusualSettings(), {"ref0.png", "ref1.png"}};

    const fs::path first = saveGeneratedImage(folder, image, metadata);
    EXPECT_EQ(first, folder / "flashface-00001.png");
    const ImageMetadata back = readImageMetadata(first);
    expectSameSettings(back.settings, metadata.settings);
    EXPECT_EQ(back.referenceLabels, metadata.referenceLabels);
    const auto texts = readPngTexts(first);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0].keyword, kParametersChunk);
    EXPECT_EQ(texts[0].text, a1111Parameters(metadata.settings));
    EXPECT_EQ(decode(readBytes(first)).rgb, image.rgb);

    // A file someone else put there keeps its content; numbering continues after the highest.
    {
        std::ofstream(folder / "flashface-00002.png") << "not mine";
        std::ofstream(folder / "flashface-00007.png") << "not mine either";
    }
    const fs::path next = saveGeneratedImage(folder, image, metadata);
    EXPECT_EQ(next, folder / "flashface-00008.png");
    std::ifstream kept(folder / "flashface-00007.png");
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "not mine either");
    // No temporary files are left behind.
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++entries;
    EXPECT_EQ(entries, 4);
}

TEST(GenerationMetadata, ReferenceWeightsRoundTripAndDefaultToNone) {
    test::TempDir dir;
    const Image image = gradient(8, 8);
    ImageMetadata weighted{unusualSettings(), {"a.png", "b.png"}, {2.5, 0.75}};
    EXPECT_EQ(readImageMetadata(saveGeneratedImage(dir.path(), image, weighted)).referenceWeights,
              weighted.referenceWeights);
    const ImageMetadata unweighted{unusualSettings(), {"a.png", "b.png"}};
    EXPECT_TRUE(readImageMetadata(saveGeneratedImage(dir.path(), image, unweighted)).referenceWeights.empty());
}

TEST(GenerationMetadata, TheTargetPhotoIsRecordedAndReadBack) {
    test::TempDir dir;
    const Image image = gradient(8, 8);
    for (const TargetRegion region : {TargetRegion::Face, TargetRegion::Mask, TargetRegion::Whole}) {
        ImageMetadata made{unusualSettings(), {"a.png"}, {}, TargetRecord{"group photo.jpg", region, 2, 0.35}};
        const fs::path file = saveGeneratedImage(dir.path(), image, made);
        const ImageMetadata back = readImageMetadata(file);
        ASSERT_TRUE(back.target);
        EXPECT_EQ(back.target->label, "group photo.jpg");
        EXPECT_EQ(back.target->region, region);
        EXPECT_EQ(back.target->faceIndex, 2);
        EXPECT_EQ(back.target->strength, 0.35);
        EXPECT_NE(readPngTexts(file)[0].text.find("Denoising strength: 0.35"), std::string::npos);
    }
    EXPECT_FALSE(readImageMetadata(saveGeneratedImage(dir.path(), image, ImageMetadata{unusualSettings(), {}})).target);

    // A record that cannot be a target is a damaged file, not a guess.
    for (const char* bad : {R"({"region": "nose"})", R"({"strength": 0})", R"({"strength": 1.5})", R"({"face": 0})", R"([1])"}) {
        nlohmann::json record = {{"settings", settingsToJson(unusualSettings())}, {"target", nlohmann::json::parse(bad)}};
        const fs::path file = dir.path() / "bad.png";
        const auto png = encodePng(image, {{kSettingsChunk, record.dump()}});
        std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
        EXPECT_THROW(readImageMetadata(file), FileError) << bad;
    }
}

TEST(GenerationMetadata, AnImageWithoutSettingsIsAFileError) {
    test::TempDir dir;
    const fs::path file = dir.path() / "plain.png";
    const auto png = encodePng(gradient(4, 4), {{"parameters", "from elsewhere"}});
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    EXPECT_THROW(readImageMetadata(file), FileError);
    EXPECT_THROW(readImageMetadata(dir.path() / "absent.png"), FileError);
}

}  // namespace
}  // namespace flashface::pipeline
