#include "common/error.h"
#include "face/faces.h"
#include "face/photo.h"
#include "pipeline/references.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <utility>

namespace flashface::pipeline {
namespace {

Reference crop(const std::filesystem::path& file) {
    Reference ref;
    ref.image = face::loadPhoto(file);
    ref.isCrop = true;
    ref.label = file.filename().string();
    return ref;
}

// Two different crops: the fixture run's first two, or its only one and that one upside down.
std::pair<Reference, Reference> twoCrops() {
    const auto files = test::pipelineReferenceFiles();
    const Reference a = crop(files.at(0));
    if (files.size() > 1) return {a, crop(files[1])};
    Reference b = a;
    std::reverse(b.image.rgb.begin(), b.image.rgb.end());
    return {a, b};
}

// A photo with `inner` pasted at (left, top) on black.
Image pasted(const Image& inner, int width, int height, int left, int top) {
    Image photo{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3, 0)};
    for (int y = 0; y < inner.height; ++y)
        std::copy_n(inner.rgb.begin() + static_cast<std::ptrdiff_t>(y) * inner.width * 3, inner.width * 3,
                    photo.rgb.begin() + (static_cast<std::ptrdiff_t>(top + y) * width + left) * 3);
    return photo;
}

TEST(References, FewerThanFourAreCycledInOrder) {
    const auto [a, b] = twoCrops();
    const auto one = prepareReferenceImages({a}, nullptr);
    ASSERT_EQ(one.size(), 4u);
    for (const Image& image : one) EXPECT_EQ(image.rgb, one[0].rgb);
    const auto three = prepareReferenceImages({a, b, a}, nullptr);
    ASSERT_EQ(three.size(), 4u);
    EXPECT_EQ(three[3].rgb, three[0].rgb);
    EXPECT_NE(three[1].rgb, three[0].rgb);
    for (const Image& image : three) {
        EXPECT_EQ(image.width, 224);
        EXPECT_EQ(image.height, 224);
    }
}

TEST(References, WeightsAreCycledWithTheirReferencesAndNoneWhenAllAreOne) {
    auto [a, b] = twoCrops();
    EXPECT_TRUE(referenceWeights({a, b}).empty());
    a.weight = 2;
    EXPECT_EQ(referenceWeights({a, b}), std::vector<double>({2, 1, 2, 1}));
    const std::vector<Reference> many(static_cast<std::size_t>(kMinReferences) + 1, a);
    EXPECT_EQ(referenceWeights(many), std::vector<double>(many.size(), 2.0));
}

TEST(References, MoreThanFourAreUsedAsGiven) {
    const auto [a, b] = twoCrops();
    const auto six = prepareReferenceImages({a, b, a, b, b, a}, nullptr);
    ASSERT_EQ(six.size(), 6u);
    EXPECT_EQ(six[4].rgb, six[1].rgb);
    EXPECT_EQ(six[5].rgb, six[0].rgb);
}

TEST(References, AManualBoxCutsTheFaceOutOfAPhoto) {
    const Reference face = crop(test::pipelineReferenceFiles().at(0));
    Reference photo;
    photo.image = pasted(face.image, face.image.width + 40, face.image.height + 30, 25, 10);
    photo.manualBox = PixelBox{25, 10, 25 + face.image.width, 10 + face.image.height};
    const auto fromPhoto = prepareReferenceImages({photo}, nullptr);
    const auto fromCrop = prepareReferenceImages({face}, nullptr);
    EXPECT_EQ(fromPhoto[0].rgb, fromCrop[0].rgb);
}

TEST(References, APhotoNeedsADetectorOrABox) {
    Reference photo = crop(test::pipelineReferenceFiles().at(0));
    photo.isCrop = false;
    photo.label = "holiday.jpg";
    try {
        prepareReferenceImages({photo}, nullptr);
        FAIL() << "a photo was used without finding its face";
    } catch (const InvalidRequest& e) {
        EXPECT_NE(std::string(e.what()).find("holiday.jpg"), std::string::npos) << e.what();
    }
}

TEST(References, ImagesBecomeTensorsInMinusOneToOne) {
    Image image{2, 1, {0, 255, 51, 102, 153, 204}};
    const at::Tensor t = imagesToTensor({image});
    ASSERT_EQ(t.sizes(), at::IntArrayRef({1, 3, 1, 2}));
    EXPECT_FLOAT_EQ(t[0][0][0][0].item<float>(), -1.0f);   // R of pixel 0
    EXPECT_FLOAT_EQ(t[0][1][0][0].item<float>(), 1.0f);    // G of pixel 0
    EXPECT_FLOAT_EQ(t[0][0][0][1].item<float>(), 102 / 127.5f - 1);  // R of pixel 1
}

}  // namespace
}  // namespace flashface::pipeline
