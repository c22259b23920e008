// Face swap and img2img on the fixture models: the target photo's size, region, strength and
// compositing (docs/model.md "Target photo").
#include "common/error.h"
#include "face/faces.h"
#include "face/photo.h"
#include "fixture_request.h"
#include "pipeline/target.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

namespace flashface::pipeline {
namespace {

using test::fixture;
using test::fixtureRequest;

Pipeline& pipeline() { return test::fixturePipeline(); }

// A photo whose sides are not multiples of 8 (the output must keep them), a little smaller than
// the fixture run's size.
Image oddPhoto() {
    const auto request = fixtureRequest();
    const int width = request.settings.width - 3, height = request.settings.height - 5;
    Image photo{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c)
                photo.rgb[(static_cast<std::size_t>(y) * width + x) * 3 + c] = static_cast<std::uint8_t>(40 + 3 * x + 2 * y + 50 * c);
    return photo;
}

// White over a small square in the top left corner, black elsewhere: with the feathering the
// region still leaves most of a small picture to keep.
Image cornerMask(const Image& photo) {
    Image mask{photo.width, photo.height, std::vector<std::uint8_t>(photo.rgb.size(), 0)};
    const int side = std::max(1, std::min(photo.width, photo.height) / 8);
    for (int y = 1; y < 1 + side; ++y)
        for (int x = 2; x < 2 + side; ++x)
            for (int c = 0; c < 3; ++c) mask.rgb[(static_cast<std::size_t>(y) * photo.width + x) * 3 + c] = 255;
    return mask;
}

GenerationRequest targetRequest(Target target) {
    auto request = fixtureRequest();
    request.settings.seed = 7;
    request.preview = PreviewMode::None;
    request.target = std::move(target);
    return request;
}

Target maskTarget(const Image& photo, const Image& mask, double strength = 1.0) {
    Target target;
    target.image = photo;
    target.region = TargetRegion::Mask;
    target.mask = mask;
    target.strength = strength;
    return target;
}

double meanDistance(const Image& a, const Image& b) {
    double sum = 0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) sum += std::abs(int(a.rgb[i]) - int(b.rgb[i]));
    return sum / static_cast<double>(a.rgb.size());
}

// The working size of the fixture's run: the longer side of its settings.
int workingSide() {
    const auto& s = fixtureRequest().settings;
    return std::max(s.width, s.height);
}

// The pixels whose composite weight is 0 (outside the feathered region), as the pipeline
// computes it.
std::vector<bool> keptPixels(const Target& target) {
    const at::Tensor weights = compositeWeights(prepareTarget(target, workingSide(), nullptr), target.image);
    const auto w = weights.accessor<float, 2>();
    std::vector<bool> kept;
    for (int y = 0; y < target.image.height; ++y)
        for (int x = 0; x < target.image.width; ++x) kept.push_back(w[y][x] == 0.0f);
    return kept;
}

// Every kept pixel of every image is the photo's; some others changed.
void expectKeptOutsideTheRegion(const GenerationResult& result, const Target& target) {
    const Image& photo = target.image;
    const auto kept = keptPixels(target);
    for (const Image& image : result.images) {
        ASSERT_EQ(image.width, photo.width);
        ASSERT_EQ(image.height, photo.height);
        std::size_t keptCount = 0, changed = 0, wrong = 0;
        for (std::size_t p = 0; p < kept.size(); ++p) {
            const bool same = std::equal(&image.rgb[p * 3], &image.rgb[p * 3 + 3], &photo.rgb[p * 3]);
            wrong += kept[p] && !same;
            keptCount += kept[p];
            changed += !same;
        }
        EXPECT_EQ(wrong, 0u) << "pixels outside the region changed";
        EXPECT_GT(keptCount, 0u);
        EXPECT_GT(changed, 0u) << "nothing inside the region was repainted";
    }
}

TEST(Target, OutsideTheFeatheredRegionTheOutputIsThePhotoByteForByte) {
    const Image photo = oddPhoto();
    const Target target = maskTarget(photo, cornerMask(photo));
    const auto result = pipeline().generate(targetRequest(target));
    ASSERT_EQ(result.images.size(), static_cast<std::size_t>(fixtureRequest().settings.numImages));
    expectKeptOutsideTheRegion(result, target);
    // The window around the region was drawn at the working size, with the region's bounding
    // square as the face position.
    const PreparedTarget prepared = prepareTarget(target, workingSide(), nullptr);
    EXPECT_TRUE(prepared.resized);
    EXPECT_EQ(std::max(result.settings.width, result.settings.height), workingSide());
    EXPECT_EQ(result.settings.width, prepared.width());
    EXPECT_EQ(result.settings.faceBox.x1, prepared.boundingSquare->x1);
    EXPECT_EQ(result.settings.faceBox.y2, prepared.boundingSquare->y2);
}

// A photo larger than any generation size: only the window around the region is drawn.
TEST(Target, APhotoLargerThanTheModelCanDrawIsRepaintedInAWindow) {
    const int width = kSideRange.max + 100, height = fixtureRequest().settings.height;
    Image photo{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
    for (std::size_t i = 0; i < photo.rgb.size(); ++i) photo.rgb[i] = static_cast<std::uint8_t>(i * 13 / 7);
    Image mask{width, height, std::vector<std::uint8_t>(photo.rgb.size(), 0)};
    const int side = height / 4;
    for (int y = height / 2 - side / 2; y < height / 2 + side / 2; ++y)
        for (int x = width / 2 - side / 2; x < width / 2 + side / 2; ++x)
            for (int c = 0; c < 3; ++c) mask.rgb[(static_cast<std::size_t>(y) * width + x) * 3 + c] = 255;
    const Target target = maskTarget(photo, mask);
    auto request = targetRequest(target);
    request.settings.numImages = 1;
    const auto result = pipeline().generate(request);
    expectKeptOutsideTheRegion(result, target);
    EXPECT_LE(result.settings.width, kSideRange.max);
    const PhotoWindow window = prepareTarget(target, workingSide(), nullptr).window;
    EXPECT_LT(window.width, width);
    EXPECT_GE(window.width, side);
}

TEST(Target, AnEmptyMaskReturnsThePhotoUnchanged) {
    const Image photo = oddPhoto();
    const Image black{photo.width, photo.height, std::vector<std::uint8_t>(photo.rgb.size(), 0)};
    const auto result = pipeline().generate(targetRequest(maskTarget(photo, black)));
    for (const Image& image : result.images) EXPECT_EQ(image.rgb, photo.rgb);
}

// Repainting the whole picture from pure noise is plain generation: the same noise gives the same
// images, whatever the photo.
TEST(Target, TheWholePictureAtStrengthOneIsPlainGeneration) {
    auto plain = fixtureRequest();
    plain.preview = PreviewMode::None;
    plain.initialNoise = [] {
        const at::Tensor noise = test::pipelineFixture().io.at("noise").contiguous();
        return std::vector<float>(noise.data_ptr<float>(), noise.data_ptr<float>() + noise.numel());
    }();
    const auto expected = pipeline().generate(plain);

    const Image photo = face::loadPhoto(fixture("pipeline/out0.png"));
    Target target;
    target.image = photo;
    target.region = TargetRegion::Whole;
    target.strength = 1.0;
    auto request = plain;
    request.target = target;
    const auto result = pipeline().generate(request);
    ASSERT_EQ(result.images.size(), expected.images.size());
    for (std::size_t i = 0; i < result.images.size(); ++i) EXPECT_EQ(result.images[i].rgb, expected.images[i].rgb) << i;
    EXPECT_EQ(result.settings.faceBox.x1, plain.settings.faceBox.x1);
}

// A lower strength starts later on the trajectory, from closer to the photo: fewer steps, and
// images nearer the photo.
TEST(Target, ALowerStrengthChangesThePhotoLess) {
    const Image photo = face::loadPhoto(fixture("pipeline/out0.png"));
    const auto run = [&](double strength, int* steps) {
        Target target;
        target.image = photo;
        target.region = TargetRegion::Whole;
        target.strength = strength;
        return pipeline().generate(targetRequest(target), [&](const StepProgress& p) { *steps = p.totalSteps; });
    };
    int lowSteps = 0, highSteps = 0;
    const auto low = run(0.3, &lowSteps), high = run(0.8, &highSteps);
    EXPECT_LT(lowSteps, highSteps);
    EXPECT_LE(highSteps, fixtureRequest().settings.steps);
    for (std::size_t i = 0; i < low.images.size(); ++i)
        EXPECT_LT(meanDistance(low.images[i], photo), meanDistance(high.images[i], photo)) << i;
}

face::FaceDetector fixtureDetector(double minScore) {
    const auto config = fixture("retinaface/mobilenetv1/config.json");
    auto settings = face::RetinaFaceConfig::fromJson(test::readText(config), config);
    settings.minScore = minScore;
    return face::FaceDetector(fixture("retinaface/mobilenetv1/weights.pth"), settings);
}

Target faceTarget(int faceIndex) {
    Target target;
    target.image = face::loadPhoto(fixture("face_crop/source.png"));
    target.region = TargetRegion::Face;
    target.faceIndex = faceIndex;
    target.label = "source.png";
    return target;
}

// The region is the chosen face grown by the margin on every side (within the photo), and the
// face position is a square around it.
TEST(Target, TheFaceRegionIsTheDetectedFaceWithAMargin) {
    const auto detector = fixtureDetector(face::RetinaFaceConfig{}.minScore);
    const Target target = faceTarget(0);
    const Image& photo = target.image;
    const auto faces = detector.detect(photo);
    ASSERT_FALSE(faces.empty()) << "the fixture photo should show a face to the fixture detector";
    const face::DetectedFace& f = faces[0];
    const PreparedTarget prepared = prepareTarget(target, workingSide(), &detector);
    const double mx = kFaceRegionMargin * f.width(), my = kFaceRegionMargin * f.height();
    const double x1 = std::max(0.0, f.x1 - mx), y1 = std::max(0.0, f.y1 - my);
    const double x2 = std::min<double>(photo.width, f.x2 + mx), y2 = std::min<double>(photo.height, f.y2 + my);

    // The grown face is repainted throughout: its corners (a pixel inside) take the generated pixels.
    const at::Tensor weights = compositeWeights(prepared, photo);
    for (const auto& [x, y] : {std::pair{x1 + 1, y1 + 1}, {x2 - 2, y1 + 1}, {x1 + 1, y2 - 2}, {x2 - 2, y2 - 2}})
        EXPECT_EQ(weights[static_cast<std::int64_t>(y)][static_cast<std::int64_t>(x)].item<float>(), 1.0f) << x << "," << y;
    // The window holds it, about kWindowContext times its longer side wide (within the photo).
    const PhotoWindow& w = prepared.window;
    EXPECT_LE(w.x, x1);
    EXPECT_LE(w.y, y1);
    EXPECT_GE(w.x + w.width, x2);
    EXPECT_GE(w.y + w.height, y2);
    // The region's pixel edges are rounded outward (a pixel each at most), the window side up.
    const double expectedSide = kWindowContext * std::max(x2 - x1, y2 - y1);
    EXPECT_NEAR(std::max(w.width, w.height), std::min<double>(expectedSide, std::max(photo.width, photo.height)),
                2 * kWindowContext + 1);
    EXPECT_EQ(std::max(prepared.width(), prepared.height()), workingSide());
    // The face position squares the region in the generated window.
    ASSERT_TRUE(prepared.boundingSquare);
    const FaceBox& box = *prepared.boundingSquare;
    const at::Tensor rows = prepared.region.amax(1).nonzero(), cols = prepared.region.amax(0).nonzero();
    EXPECT_LE(box.x1 * prepared.width(), cols.min().item<float>() + 1);
    EXPECT_GE(box.x2 * prepared.width(), cols.max().item<float>());
    EXPECT_LE(box.y1 * prepared.height(), rows.min().item<float>() + 1);
    EXPECT_GE(box.y2 * prepared.height(), rows.max().item<float>());

    EXPECT_THROW(prepareTarget(faceTarget(static_cast<int>(faces.size())), workingSide(), &detector), InvalidRequest);
}

TEST(Target, APhotoWithoutAFaceSaysSoAndOffersTheMask) {
    const auto blind = fixtureDetector(1.0);  // no score exceeds it
    try {
        prepareTarget(faceTarget(0), workingSide(), &blind);
        FAIL() << "a photo without a face was accepted";
    } catch (const InvalidRequest& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("No face"), std::string::npos) << message;
        EXPECT_NE(message.find("source.png"), std::string::npos) << message;
        EXPECT_NE(message.find("mask"), std::string::npos) << message;
    }
}

TEST(Target, BadTargetsAreRefusedBeforeWork) {
    const Image photo = oddPhoto();
    for (const double strength : {0.0, -0.5, 1.5, std::nan("")}) {
        EXPECT_THROW(pipeline().generate(targetRequest(maskTarget(photo, cornerMask(photo), strength))), InvalidRequest)
            << strength;
    }
    Image small = cornerMask(photo);
    small.width -= 1;
    small.rgb.resize(static_cast<std::size_t>(small.width) * small.height * 3);
    try {
        pipeline().generate(targetRequest(maskTarget(photo, small)));
        FAIL() << "a mask of another size was accepted";
    } catch (const InvalidRequest& e) {
        EXPECT_NE(std::string(e.what()).find("photo's size"), std::string::npos) << e.what();
    }
    Target empty;
    EXPECT_THROW(pipeline().generate(targetRequest(empty)), InvalidRequest);
}

}  // namespace
}  // namespace flashface::pipeline
