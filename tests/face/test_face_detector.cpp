// FaceDetector on whole photos: the 640 canvas, mapping back, choosing among several faces.
// The fixture detectors have random weights, so their "faces" are arbitrary boxes; these tests
// check the bookkeeping around the network (whose numbers test_retinaface checks).

#include "face/faces.h"
#include "face/image_ops.h"
#include "face/photo.h"

#include "common/error.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

using namespace flashface;
namespace fs = std::filesystem;

using test::readText;

face::RetinaFaceConfig fixtureConfig(const std::string& backbone) {
    const auto file = test::fixture("retinaface/" + backbone + "/config.json");
    return face::RetinaFaceConfig::fromJson(readText(file), file);
}

face::FaceDetector fixtureDetector(const face::RetinaFaceConfig& config) {
    return face::FaceDetector(test::fixture("retinaface/" + config.backbone + "/weights.pth"), config);
}

Image sourcePhoto() {
    return face::loadPhoto(test::fixture("face_crop/source.png"));
}

// Two copies of the photo side by side.
Image tiled(const Image& photo) {
    Image out;
    out.width = photo.width * 2;
    out.height = photo.height;
    out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    const std::size_t row = static_cast<std::size_t>(photo.width) * 3;
    for (int y = 0; y < photo.height; ++y)
        for (int copy = 0; copy < 2; ++copy)
            std::copy_n(&photo.rgb[y * row], row, &out.rgb[y * 2 * row + copy * row]);
    return out;
}

TEST(FaceDetector, DetectionInputIsThePhotoFittedOnABlackSquare) {
    const Image photo = sourcePhoto();  // fitted into the 640 square, padding on the shorter side
    const auto input = face::detectionInput(photo);
    ASSERT_EQ(input.sizes(), (std::vector<std::int64_t>{1, 3, face::kDetectionSize, face::kDetectionSize}));
    const auto fit = face::fitInSquare(photo.width, photo.height, face::kDetectionSize);
    EXPECT_EQ(fit.left, (face::kDetectionSize - fit.width) / 2);
    EXPECT_EQ(fit.top, (face::kDetectionSize - fit.height) / 2);
    EXPECT_TRUE(fit.width == face::kDetectionSize || fit.height == face::kDetectionSize);
    const auto black = [](const at::Tensor& t) { return t.numel() == 0 || t.abs().max().item<float>() == 0.0f; };
    EXPECT_TRUE(black(input.narrow(3, 0, fit.left)));
    EXPECT_TRUE(black(input.narrow(3, fit.left + fit.width, face::kDetectionSize - fit.left - fit.width)));
    EXPECT_TRUE(black(input.narrow(2, 0, fit.top)));
    EXPECT_TRUE(black(input.narrow(2, fit.top + fit.height, face::kDetectionSize - fit.top - fit.height)));
    const Image canvas = face::padToSquare(photo, face::kDetectionSize);
    const auto expected = at::from_blob(const_cast<std::uint8_t*>(canvas.rgb.data()), {face::kDetectionSize, face::kDetectionSize, 3}, at::kByte)
                              .permute({2, 0, 1}).to(at::kFloat) / 255.0;
    EXPECT_TRUE(test::allClose(input[0], expected, 1e-6));
}

TEST(FaceDetector, FacesAreMappedBackToPhotoPixelsBestFirst) {
    const auto detector = fixtureDetector(fixtureConfig("mobilenetv1"));
    const Image photo = sourcePhoto();
    const auto faces = detector.detect(photo);
    ASSERT_FALSE(faces.empty());
    for (std::size_t i = 1; i < faces.size(); ++i) EXPECT_GE(faces[i - 1].score, faces[i].score);

    // The same photo already on its 640 canvas is detected identically, in canvas pixels; there
    // the padding is part of the photo, so detections centred in it are kept and must be skipped.
    const Image canvas = face::padToSquare(photo, face::kDetectionSize);
    const auto fit = face::fitInSquare(photo.width, photo.height, face::kDetectionSize);
    const auto toPhotoX = [&](float v) { return (v - fit.left) / fit.scale; };
    const auto toPhotoY = [&](float v) { return (v - fit.top) / fit.scale; };
    std::vector<face::DetectedFace> onCanvas;
    std::size_t inPadding = 0;
    for (const auto& f : detector.detect(canvas)) {
        const float cx = toPhotoX((f.x1 + f.x2) / 2), cy = toPhotoY((f.y1 + f.y2) / 2);
        const bool inside = cx >= 0 && cy >= 0 && cx < photo.width && cy < photo.height;
        if (inside) onCanvas.push_back(f);
        inPadding += !inside;
    }
    EXPECT_GT(inPadding, 0u) << "the random detector is expected to fire on the black padding too";
    ASSERT_EQ(onCanvas.size(), faces.size());
    for (std::size_t i = 0; i < faces.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_FLOAT_EQ(faces[i].score, onCanvas[i].score);
        EXPECT_NEAR(faces[i].x1, toPhotoX(onCanvas[i].x1), 1e-3);
        EXPECT_NEAR(faces[i].y2, toPhotoY(onCanvas[i].y2), 1e-3);
        EXPECT_NEAR(faces[i].landmarks[face::kNose].x, toPhotoX(onCanvas[i].landmarks[face::kNose].x), 1e-3);
        EXPECT_NEAR(faces[i].landmarks[face::kMouthRight].y, toPhotoY(onCanvas[i].landmarks[face::kMouthRight].y), 1e-3);
        // Small faces carry a warning, the others none.
        EXPECT_EQ(faces[i].warning.empty(), std::min(faces[i].width(), faces[i].height()) >= face::kSmallFaceSide);
    }
}

TEST(FaceDetector, SeveralFacesAreAllReturnedAndTheCallerChooses) {
    const auto config = fixtureConfig("mobilenetv1");
    const auto detector = fixtureDetector(config);
    const Image photo = tiled(sourcePhoto());
    const auto faces = detector.detect(photo);
    ASSERT_GE(faces.size(), 2u);
    for (std::size_t i = 1; i < faces.size(); ++i) EXPECT_GE(faces[i - 1].score, faces[i].score);
    bool anyRight = false;
    for (const auto& f : faces) {
        EXPECT_GE(f.score, static_cast<float>(config.minScore));  // the fixture config's threshold
        anyRight = anyRight || f.x1 >= photo.width / 2;
    }
    EXPECT_TRUE(anyRight) << "no detection in the right-hand copy";

    EXPECT_EQ(&face::chooseFace(faces, 0, "two.png"), &faces[0]);
    EXPECT_EQ(&face::chooseFace(faces, 1, "two.png"), &faces[1]);
    try {
        face::chooseFace(faces, static_cast<int>(faces.size()), "two.png");
        FAIL() << "an index past the last face was accepted";
    } catch (const InvalidRequest& e) {
        EXPECT_NE(std::string(e.what()).find("two.png"), std::string::npos) << e.what();
    }
    const Image reference = face::prepareReference(photo, faces[1]);
    EXPECT_EQ(reference.width, face::kReferenceSize);
    EXPECT_EQ(reference.height, face::kReferenceSize);
    EXPECT_EQ(reference.rgb, face::prepareCrop(face::alignFace(photo, faces[1])).rgb);
}

TEST(FaceDetector, NoFaceIsAnErrorNamingThePhoto) {
    auto config = fixtureConfig("mobilenetv1");
    config.minScore = 1.0;  // no score exceeds it
    const auto faces = fixtureDetector(config).detect(sourcePhoto());
    EXPECT_TRUE(faces.empty());
    try {
        face::chooseFace(faces, 0, "holiday.jpg");
        FAIL() << "choosing from no faces succeeded";
    } catch (const InvalidRequest& e) {
        EXPECT_NE(std::string(e.what()).find("no face"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("holiday.jpg"), std::string::npos) << e.what();
    }
}

TEST(FaceDetector, WrongWeightsAreAFileError) {
    const auto mobileNetWeights = test::fixture("retinaface/mobilenetv1/weights.pth");
    EXPECT_THROW(face::FaceDetector(mobileNetWeights, face::RetinaFaceConfig{}), FileError);  // a ResNet-50
    EXPECT_THROW(face::FaceDetector(test::fixture("face_crop/source.png")), FileError);
}

TEST(FaceDetector, DrawingMarksTheFacesWithoutResizing) {
    const Image photo = sourcePhoto();
    face::DetectedFace f;  // a box well inside the photo, whatever its size
    f.x1 = float(photo.width * 15 / 100), f.y1 = float(photo.height * 15 / 100);
    f.x2 = float(photo.width * 45 / 100), f.y2 = float(photo.height * 40 / 100);
    f.score = 0.9f;
    const Image drawn = face::drawFaces(photo, {f}, 0);
    ASSERT_EQ(drawn.width, photo.width);
    ASSERT_EQ(drawn.height, photo.height);
    EXPECT_NE(drawn.rgb, photo.rgb);
    const auto edgeX = static_cast<std::size_t>(f.x1), midY = static_cast<std::size_t>((f.y1 + f.y2) / 2);
    const auto* onEdge = &drawn.rgb[(midY * drawn.width + edgeX) * 3];
    EXPECT_GT(onEdge[1], 150);  // the chosen face is green
    EXPECT_LT(onEdge[0], 100);
}

}  // namespace
