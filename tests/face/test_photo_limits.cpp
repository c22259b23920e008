// Hostile photos (issue 12): a small file claiming a huge image, a truncated JPEG, a device file
// are refused before they cost memory; a large JPEG is decoded at a reduced scale.
#include "common/error.h"
#include "face/photo.h"
#include "support/fixtures.h"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <zlib.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <fstream>

namespace flashface {
namespace {

namespace fs = std::filesystem;

void writeBytes(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
}

void appendChunk(std::vector<std::uint8_t>& png, const std::string& type, const std::vector<std::uint8_t>& data) {
    std::vector<std::uint8_t> typed(type.begin(), type.end());
    typed.insert(typed.end(), data.begin(), data.end());
    const auto be32 = [&](std::uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<std::uint8_t>(v >> shift));
    };
    be32(static_cast<std::uint32_t>(data.size()));
    png.insert(png.end(), typed.begin(), typed.end());
    be32(static_cast<std::uint32_t>(crc32(0, typed.data(), static_cast<uInt>(typed.size()))));
}

// A valid PNG header declaring side x side RGB pixels, with a token of image data: the size of a
// few hundred bytes, the decode of gigabytes.
std::vector<std::uint8_t> pngClaiming(std::uint32_t side) {
    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<std::uint8_t> header;
    for (const std::uint32_t v : {side, side})
        for (int shift = 24; shift >= 0; shift -= 8) header.push_back(static_cast<std::uint8_t>(v >> shift));
    header.insert(header.end(), {8, 2, 0, 0, 0});
    appendChunk(png, "IHDR", header);
    std::vector<std::uint8_t> zeros(4096), packed(compressBound(zeros.size()));
    uLongf packedSize = packed.size();
    compress(packed.data(), &packedSize, zeros.data(), zeros.size());
    packed.resize(packedSize);
    appendChunk(png, "IDAT", packed);
    appendChunk(png, "IEND", {});
    return png;
}

std::string loadError(const fs::path& file) {
    try {
        face::loadPhoto(file);
    } catch (const FileError& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(PhotoLimits, AHugeImageInASmallFileIsRefusedBeforeDecoding) {
    test::TempDir dir;
    writeBytes(dir / "huge.png", pngClaiming(30000));
    // Under the address-space limit the issue measured: refused, not an abort or a 5 GB decode.
    const pid_t child = ::fork();
    if (child == 0) {
        const rlimit limit{4ull << 30, 4ull << 30};
        ::setrlimit(RLIMIT_AS, &limit);
        ::_exit(loadError(dir / "huge.png").find("megapixels") != std::string::npos ? 0 : 1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
    EXPECT_EQ(WEXITSTATUS(status), 0) << loadError(dir / "huge.png");
}

TEST(PhotoLimits, ALargeJpegIsDecodedAtAReducedScale) {
    test::TempDir dir;
    // Just over the budget: libjpeg decodes it at half size, and the usual downscale follows.
    const int side = static_cast<int>(std::sqrt(static_cast<double>(face::kMaxDecodedPixels))) + 8;
    const cv::Mat plain(side, side, CV_8UC3, cv::Scalar(40, 90, 200));
    std::vector<std::uint8_t> jpeg;
    ASSERT_TRUE(cv::imencode(".jpg", plain, jpeg));
    writeBytes(dir / "large.jpg", jpeg);
    const Image photo = face::loadPhoto(dir / "large.jpg", 0);
    EXPECT_EQ(photo.width, (side + 1) / 2);
    EXPECT_NEAR(photo.rgb[0], 200, 3);  // RGB order kept
}

TEST(PhotoLimits, ATruncatedJpegIsRefusedNotGreyedIn) {
    test::TempDir dir;
    cv::Mat noise(64, 64, CV_8UC3);
    cv::randu(noise, 0, 255);
    std::vector<std::uint8_t> jpeg;
    ASSERT_TRUE(cv::imencode(".jpg", noise, jpeg));
    jpeg.resize(jpeg.size() / 2);
    writeBytes(dir / "half.jpg", jpeg);
    EXPECT_NE(loadError(dir / "half.jpg").find("truncated"), std::string::npos) << loadError(dir / "half.jpg");
}

TEST(PhotoLimits, DevicesAreRefusedUnread) {
    EXPECT_NE(loadError("/dev/zero").find("not a regular file"), std::string::npos) << loadError("/dev/zero");
}

}  // namespace
}  // namespace flashface
