// Crop/alignment/pad against the original (fixtures face_crop/), and photo loading.

#include "face/faces.h"
#include "face/image_ops.h"
#include "face/photo.h"

#include "common/error.h"
#include "support/fixtures.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace flashface;
namespace fs = std::filesystem;

// The fixtures' image tolerance: same size, mean absolute difference ≤ 3 (of 255).
::testing::AssertionResult imagesClose(const Image& actual, const Image& expected, double maxMean = 3.0) {
    if (actual.width != expected.width || actual.height != expected.height)
        return ::testing::AssertionFailure() << "size " << actual.width << "x" << actual.height << " != expected "
                                             << expected.width << "x" << expected.height;
    double sum = 0;
    for (std::size_t i = 0; i < actual.rgb.size(); ++i) sum += std::abs(actual.rgb[i] - expected.rgb[i]);
    const double mean = sum / static_cast<double>(actual.rgb.size());
    if (mean <= maxMean) return ::testing::AssertionSuccess() << "mean abs diff " << mean;
    return ::testing::AssertionFailure() << "mean abs diff " << mean << " > " << maxMean;
}

Image pattern(int width, int height) {
    Image image;
    image.width = width;
    image.height = height;
    image.rgb.resize(static_cast<std::size_t>(width) * height * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            std::uint8_t* p = &image.rgb[(static_cast<std::size_t>(y) * width + x) * 3];
            p[0] = static_cast<std::uint8_t>(x * 7 + y);
            p[1] = static_cast<std::uint8_t>(y * 5);
            p[2] = static_cast<std::uint8_t>((x ^ y) * 3);
        }
    return image;
}

const std::uint8_t* pixel(const Image& image, int x, int y) {
    return &image.rgb[(static_cast<std::size_t>(y) * image.width + x) * 3];
}

using test::TempDir;

void writeBytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> encode(const cv::Mat& bgr, const std::string& ext, const std::vector<int>& params = {}) {
    std::vector<std::uint8_t> bytes;
    EXPECT_TRUE(cv::imencode(ext, bgr, bytes, params)) << "cannot encode " << ext;
    return bytes;
}

// A big-endian TIFF structure whose IFD0 holds only the orientation tag.
std::vector<std::uint8_t> tiffWithOrientation(int orientation) {
    return {'M', 'M', 0, 42, 0, 0, 0, 8,  // header, IFD0 at 8
            0, 1,                         // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, static_cast<std::uint8_t>(orientation), 0, 0,
            0, 0, 0, 0};  // no next IFD
}

// Inserts an APP1 "Exif" segment right after the JPEG's start-of-image marker.
std::vector<std::uint8_t> withExifOrientation(const std::vector<std::uint8_t>& jpeg, int orientation) {
    std::vector<std::uint8_t> payload{'E', 'x', 'i', 'f', 0, 0};
    const auto tiff = tiffWithOrientation(orientation);
    payload.insert(payload.end(), tiff.begin(), tiff.end());
    const std::size_t length = payload.size() + 2;
    std::vector<std::uint8_t> out(jpeg.begin(), jpeg.begin() + 2);
    out.insert(out.end(), {0xFF, 0xE1, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length & 0xFF)});
    out.insert(out.end(), payload.begin(), payload.end());
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t n, std::uint32_t crc = 0xFFFFFFFFu) {
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc;
}

// Inserts an eXIf chunk right after the PNG's IHDR chunk.
std::vector<std::uint8_t> withPngExif(const std::vector<std::uint8_t>& png, int orientation) {
    const auto tiff = tiffWithOrientation(orientation);
    std::vector<std::uint8_t> chunk;
    const auto n = static_cast<std::uint32_t>(tiff.size());
    chunk.insert(chunk.end(), {std::uint8_t(n >> 24), std::uint8_t(n >> 16), std::uint8_t(n >> 8), std::uint8_t(n)});
    chunk.insert(chunk.end(), {'e', 'X', 'I', 'f'});
    chunk.insert(chunk.end(), tiff.begin(), tiff.end());
    const std::uint32_t crc = ~crc32(chunk.data() + 4, chunk.size() - 4);
    chunk.insert(chunk.end(), {std::uint8_t(crc >> 24), std::uint8_t(crc >> 16), std::uint8_t(crc >> 8), std::uint8_t(crc)});
    const std::size_t afterIhdr = 8 + 8 + 13 + 4;
    std::vector<std::uint8_t> out(png.begin(), png.begin() + afterIhdr);
    out.insert(out.end(), chunk.begin(), chunk.end());
    out.insert(out.end(), png.begin() + afterIhdr, png.end());
    return out;
}

// A photo whose four quadrants have distinct colours (BGR for OpenCV), wider than tall.
cv::Mat quadrants() {
    cv::Mat m(60, 100, CV_8UC3);
    m(cv::Rect(0, 0, 50, 30)).setTo(cv::Scalar(0, 0, 255));     // top-left red
    m(cv::Rect(50, 0, 50, 30)).setTo(cv::Scalar(0, 255, 0));    // top-right green
    m(cv::Rect(0, 30, 50, 30)).setTo(cv::Scalar(255, 0, 0));    // bottom-left blue
    m(cv::Rect(50, 30, 50, 30)).setTo(cv::Scalar(255, 255, 255));  // bottom-right white
    return m;
}

// ---------------------------------------------------------------------------------------------
// face_crop/ fixtures

TEST(FaceCrop, AlignedCropsAndReferencesMatchTheOriginal) {
    const auto dir = test::fixture("face_crop");
    const auto cases = test::readJson(dir / "cases.json");
    const Image source = face::loadPhoto(dir / cases.at("source").get<std::string>());
    ASSERT_FALSE(cases.at("cases").empty());
    for (const auto& c : cases.at("cases")) {
        SCOPED_TRACE(c.at("crop").get<std::string>());
        face::DetectedFace f;
        const auto box = c.at("box").get<std::vector<float>>();
        f.x1 = box[0], f.y1 = box[1], f.x2 = box[2], f.y2 = box[3];
        for (int k = 0; k < 5; ++k) f.landmarks[k] = {c.at("landmarks")[k][0].get<float>(), c.at("landmarks")[k][1].get<float>()};

        const Image crop = face::alignFace(source, f);
        EXPECT_TRUE(imagesClose(crop, face::loadPhoto(dir / c.at("crop").get<std::string>())));
        const Image reference = face::prepareReference(source, f);
        EXPECT_TRUE(imagesClose(reference, face::loadPhoto(dir / c.at("padded224").get<std::string>())));
        // The fixture crop itself, padded, is the same reference (prepareCrop is the padding step).
        EXPECT_TRUE(imagesClose(face::prepareCrop(face::loadPhoto(dir / c.at("crop").get<std::string>())),
                                face::loadPhoto(dir / c.at("padded224").get<std::string>())));
    }
}

TEST(FaceCrop, EyeLevelRotationFollowsTheEyeLine) {
    EXPECT_DOUBLE_EQ(face::eyeLevelRotation({10, 20}, {30, 20}), 0.0);
    // Right eye lower (y grows downwards): rotate counter-clockwise.
    EXPECT_NEAR(face::eyeLevelRotation({0, 0}, {10, 10}), 45.0, 1e-4);
    EXPECT_NEAR(face::eyeLevelRotation({0, 0}, {10, 5}), std::atan(0.5) * 180 / M_PI, 1e-4);
    // Left eye lower: clockwise.
    EXPECT_NEAR(face::eyeLevelRotation({0, 10}, {10, 0}), -45.0, 1e-4);
    EXPECT_NEAR(face::eyeLevelRotation({0, 5}, {10, 0}), -std::atan(0.5) * 180 / M_PI, 1e-4);
    EXPECT_DOUBLE_EQ(face::eyeLevelRotation({5, 5}, {5, 5}), 0.0);
}

TEST(ImageOps, FitInSquareCentresTheShorterSide) {
    const auto wide = face::fitInSquare(1000, 500, 640);
    EXPECT_EQ(wide.width, 640);
    EXPECT_EQ(wide.height, 320);
    EXPECT_EQ(wide.left, 0);
    EXPECT_EQ(wide.top, 160);
    const auto tall = face::fitInSquare(219, 225, 224);  // 219·224/225 = 218.03 → 218, pad 6 → 3 + 3
    EXPECT_EQ(tall.width, 218);
    EXPECT_EQ(tall.height, 224);
    EXPECT_EQ(tall.left, 3);
    EXPECT_EQ(tall.top, 0);
    const auto odd = face::fitInSquare(225, 223, 224);  // height 222, pad 2 → top 1
    EXPECT_EQ(odd.height, 222);
    EXPECT_EQ(odd.top, 1);
}

TEST(ImageOps, PadToSquareKeepsContentCentredOnBlack) {
    Image grey = pattern(100, 50);
    std::fill(grey.rgb.begin(), grey.rgb.end(), std::uint8_t{200});
    const Image square = face::padToSquare(grey, 224);
    ASSERT_EQ(square.width, 224);
    ASSERT_EQ(square.height, 224);
    EXPECT_EQ(pixel(square, 5, 5)[0], 0);        // padding above
    EXPECT_EQ(pixel(square, 100, 55)[1], 0);     // last padding row (top = 56)
    EXPECT_EQ(pixel(square, 100, 56)[1], 200);   // first content row: a constant stays constant
    EXPECT_EQ(pixel(square, 223, 167)[2], 200);  // last content row
    EXPECT_EQ(pixel(square, 0, 168)[0], 0);
}

TEST(ImageOps, ResizeIsIdentityAtTheSameSizeAndKeepsConstants) {
    const Image p = pattern(37, 23);
    const Image same = face::resizeBicubic(p, 37, 23);
    EXPECT_EQ(same.rgb, p.rgb);
    Image flat = pattern(50, 40);
    std::fill(flat.rgb.begin(), flat.rgb.end(), std::uint8_t{77});
    for (const auto& size : {std::pair{13, 7}, std::pair{120, 90}, std::pair{50, 17}}) {
        const Image r = face::resizeBicubic(flat, size.first, size.second);
        ASSERT_EQ(r.width, size.first);
        ASSERT_EQ(r.height, size.second);
        for (auto v : r.rgb) ASSERT_EQ(v, 77);
    }
}

TEST(ImageOps, RotationByRightAnglesMatchesOpenCV) {
    const Image square = pattern(31, 31);
    cv::Mat src(31, 31, CV_8UC3, const_cast<std::uint8_t*>(square.rgb.data())), expected;
    cv::rotate(src, expected, cv::ROTATE_90_COUNTERCLOCKWISE);
    const Image ccw = face::rotateNearest(square, 90);
    EXPECT_EQ(0, std::memcmp(ccw.rgb.data(), expected.data, ccw.rgb.size()));
    cv::rotate(src, expected, cv::ROTATE_90_CLOCKWISE);
    const Image cw = face::rotateNearest(square, -90);
    EXPECT_EQ(0, std::memcmp(cw.rgb.data(), expected.data, cw.rgb.size()));

    const Image wide = pattern(40, 22);
    cv::Mat wsrc(22, 40, CV_8UC3, const_cast<std::uint8_t*>(wide.rgb.data()));
    cv::rotate(wsrc, expected, cv::ROTATE_180);
    const Image half = face::rotateNearest(wide, 180);
    EXPECT_EQ(0, std::memcmp(half.rgb.data(), expected.data, half.rgb.size()));
}

TEST(ImageOps, CropBeyondThePhotoIsBlack) {
    const Image p = pattern(20, 10);
    const Image crop = face::cropBox(p, -5, -2, 8, 6);
    ASSERT_EQ(crop.width, 13);
    ASSERT_EQ(crop.height, 8);
    EXPECT_EQ(pixel(crop, 0, 0)[0], 0);
    EXPECT_EQ(pixel(crop, 4, 1)[1], 0);
    EXPECT_EQ(0, std::memcmp(pixel(crop, 5, 2), pixel(p, 0, 0), 3));
    EXPECT_EQ(0, std::memcmp(pixel(crop, 12, 7), pixel(p, 7, 5), 3));
}

TEST(ImageOps, ManualRegionsAreValidated) {
    const Image p = pattern(20, 10);
    EXPECT_EQ(face::cropRegion(p, 2, 3, 12, 9, "a.png").width, 10);
    EXPECT_THROW(face::cropRegion(p, 5, 5, 5, 9, "a.png"), InvalidRequest);
    try {
        face::cropRegion(p, 30, 0, 40, 5, "portrait.jpg");
        FAIL() << "a box outside the photo was accepted";
    } catch (const InvalidRequest& e) {
        EXPECT_NE(std::string(e.what()).find("portrait.jpg"), std::string::npos) << e.what();
    }
}

// ---------------------------------------------------------------------------------------------
// Photo loading

TEST(Photo, ExifOrientationOfAJpegIsApplied) {
    TempDir dir;
    const auto jpeg = encode(quadrants(), ".jpg", {cv::IMWRITE_JPEG_QUALITY, 100});
    EXPECT_EQ(face::exifOrientation(jpeg), 1);
    for (const int orientation : {1, 2, 3, 4, 5, 6, 7, 8}) {
        SCOPED_TRACE(orientation);
        const auto bytes = withExifOrientation(jpeg, orientation);
        EXPECT_EQ(face::exifOrientation(bytes), orientation);
        const auto file = dir / ("o" + std::to_string(orientation) + ".jpg");
        writeBytes(file, bytes);
        const Image photo = face::loadPhoto(file);
        const bool swapped = orientation >= 5;
        EXPECT_EQ(photo.width, swapped ? 60 : 100);
        EXPECT_EQ(photo.height, swapped ? 100 : 60);
        // OpenCV applies JPEG orientation itself in IMREAD_COLOR: both must agree exactly.
        cv::Mat expected = cv::imread(file.string(), cv::IMREAD_COLOR);
        cv::cvtColor(expected, expected, cv::COLOR_BGR2RGB);
        ASSERT_EQ(expected.cols, photo.width);
        EXPECT_EQ(0, std::memcmp(expected.data, photo.rgb.data(), photo.rgb.size()));
    }
    // Orientation 6 = rotate 90° clockwise to view: the red top-left ends up top-right.
    writeBytes(dir / "six.jpg", withExifOrientation(jpeg, 6));
    const Image six = face::loadPhoto(dir / "six.jpg");
    const auto* topRight = pixel(six, six.width - 5, 5);
    EXPECT_GT(topRight[0], 200);
    EXPECT_LT(topRight[1], 50);
}

TEST(Photo, ExifOrientationOfAPngIsApplied) {
    TempDir dir;
    const auto png = withPngExif(encode(quadrants(), ".png"), 8);
    EXPECT_EQ(face::exifOrientation(png), 8);
    writeBytes(dir / "eight.png", png);
    const Image photo = face::loadPhoto(dir / "eight.png");
    ASSERT_EQ(photo.width, 60);
    ASSERT_EQ(photo.height, 100);
    // Orientation 8 = rotate 90° counter-clockwise: the red top-left ends up bottom-left.
    const auto* p = pixel(photo, 0, 99);
    EXPECT_EQ(p[0], 255);
    EXPECT_EQ(p[1], 0);
    EXPECT_EQ(p[2], 0);
}

TEST(Photo, LosslessFormatsLoadAsRgb) {
    TempDir dir;
    const cv::Mat bgr = quadrants();
    for (const std::string ext : {".png", ".bmp", ".tiff", ".webp"}) {
        SCOPED_TRACE(ext);
        const auto file = dir / ("photo" + ext);
        std::vector<int> params;
        if (ext == ".webp") params = {cv::IMWRITE_WEBP_QUALITY, 101};  // lossless
        ASSERT_TRUE(cv::imwrite(file.string(), bgr, params));
        const Image photo = face::loadPhoto(file);
        ASSERT_EQ(photo.width, 100);
        ASSERT_EQ(photo.height, 60);
        EXPECT_EQ(pixel(photo, 0, 0)[0], 255);   // red stays red (RGB order)
        EXPECT_EQ(pixel(photo, 0, 0)[2], 0);
        EXPECT_EQ(pixel(photo, 99, 0)[1], 255);  // green
        EXPECT_EQ(pixel(photo, 0, 59)[2], 255);  // blue
    }
}

TEST(Photo, GrayscaleSixteenBitAndAlphaAreConverted) {
    TempDir dir;
    cv::Mat gray(8, 10, CV_8UC1, cv::Scalar(90));
    ASSERT_TRUE(cv::imwrite((dir / "gray.png").string(), gray));
    const Image g = face::loadPhoto(dir / "gray.png");
    EXPECT_EQ(g.width, 10);
    EXPECT_EQ(pixel(g, 3, 3)[0], 90);
    EXPECT_EQ(pixel(g, 3, 3)[2], 90);

    cv::Mat deep(8, 10, CV_16UC3, cv::Scalar(0, 257 * 100, 65535));  // BGR
    ASSERT_TRUE(cv::imwrite((dir / "deep.png").string(), deep));
    const Image d = face::loadPhoto(dir / "deep.png");
    EXPECT_EQ(pixel(d, 0, 0)[0], 255);
    EXPECT_EQ(pixel(d, 0, 0)[1], 100);
    EXPECT_EQ(pixel(d, 0, 0)[2], 0);

    cv::Mat alpha(8, 10, CV_8UC4, cv::Scalar(0, 0, 200, 255));  // opaque red
    alpha(cv::Rect(0, 0, 5, 8)).setTo(cv::Scalar(0, 0, 200, 0));  // left half transparent
    ASSERT_TRUE(cv::imwrite((dir / "alpha.png").string(), alpha));
    const Image a = face::loadPhoto(dir / "alpha.png");
    EXPECT_EQ(pixel(a, 8, 4)[0], 200);
    EXPECT_EQ(pixel(a, 1, 4)[0], 0);  // over black
}

TEST(Photo, VeryLargePhotosAreDownscaled) {
    TempDir dir;
    cv::Mat big(300, 5000, CV_8UC3, cv::Scalar(10, 20, 30));
    ASSERT_TRUE(cv::imwrite((dir / "big.png").string(), big));
    const Image photo = face::loadPhoto(dir / "big.png");
    EXPECT_EQ(photo.width, face::kMaxPhotoSide);
    EXPECT_EQ(photo.height, std::lround(300.0 * face::kMaxPhotoSide / 5000));
    EXPECT_EQ(pixel(photo, 100, 100)[0], 30);
    const Image full = face::loadPhoto(dir / "big.png", 0);
    EXPECT_EQ(full.width, 5000);
}

void expectFileError(const fs::path& file, const std::string& fragment) {
    try {
        face::loadPhoto(file);
        FAIL() << file << " was accepted";
    } catch (const FileError& e) {
        EXPECT_EQ(e.file(), file);
        EXPECT_NE(std::string(e.what()).find(file.filename().string()), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(Photo, UnreadableFilesAreFileErrorsNamingTheFile) {
    TempDir dir;
    writeBytes(dir / "empty.jpg", {});
    expectFileError(dir / "empty.jpg", "empty");

    std::vector<std::uint8_t> garbage(2000);
    for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<std::uint8_t>(i * 131 + 7);
    writeBytes(dir / "corrupt.jpg", garbage);
    expectFileError(dir / "corrupt.jpg", "not a readable image");

    auto truncated = encode(quadrants(), ".png");
    truncated.resize(30);  // signature and part of the header only
    writeBytes(dir / "truncated.png", truncated);
    expectFileError(dir / "truncated.png", "not a readable image");

    std::ofstream(dir / "notes.txt") << "this is not a photo\n";
    expectFileError(dir / "notes.txt", "not a readable image");

    expectFileError(dir / "missing.png", "does not exist");
    expectFileError(dir.path(), "folder");
}

TEST(Photo, SavingNeverReplacesAFile) {
    TempDir dir;
    const Image p = pattern(12, 9);
    face::saveImage(p, dir / "out.png");
    EXPECT_EQ(face::loadPhoto(dir / "out.png").rgb, p.rgb);
    EXPECT_THROW(face::saveImage(pattern(3, 3), dir / "out.png"), FileError);
    EXPECT_EQ(face::loadPhoto(dir / "out.png").width, 12);
}

}  // namespace
