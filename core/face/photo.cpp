#include "face/photo.h"

#include "common/atomic_file.h"
#include "common/bounded_read.h"
#include "common/error.h"
#include "face/cv_image.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace flashface::face {

namespace {

// Bounds-checked reads from the encoded bytes; every parse failure means "no orientation".
class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    bool has(std::size_t offset, std::size_t count) const {
        return offset <= bytes_.size() && count <= bytes_.size() - offset;
    }
    bool matches(std::size_t offset, std::string_view text) const {
        return has(offset, text.size()) && std::memcmp(&bytes_[offset], text.data(), text.size()) == 0;
    }
    std::uint32_t read(std::size_t offset, int count, bool bigEndian) const {
        std::uint32_t v = 0;
        for (int i = 0; i < count; ++i) {
            const std::uint32_t byte = bytes_[offset + (bigEndian ? i : count - 1 - i)];
            v = (v << 8) | byte;
        }
        return v;
    }
    std::span<const std::uint8_t> sub(std::size_t offset, std::size_t count) const {
        return bytes_.subspan(offset, count);
    }

private:
    std::span<const std::uint8_t> bytes_;
};

constexpr int kUpright = 1;
constexpr std::uint32_t kOrientationTag = 0x0112;

// Orientation tag of IFD0 of a TIFF structure (the payload of every EXIF container).
int tiffOrientation(std::span<const std::uint8_t> tiff) {
    const ByteReader r(tiff);
    bool big;
    if (r.matches(0, std::string_view("II*\0", 4)))
        big = false;
    else if (r.matches(0, std::string_view("MM\0*", 4)))
        big = true;
    else
        return kUpright;
    if (!r.has(4, 4)) return kUpright;
    const std::size_t ifd = r.read(4, 4, big);
    if (!r.has(ifd, 2)) return kUpright;
    const std::size_t entries = r.read(ifd, 2, big);
    for (std::size_t i = 0; i < entries; ++i) {
        const std::size_t entry = ifd + 2 + 12 * i;
        if (!r.has(entry, 12)) return kUpright;
        if (r.read(entry, 2, big) != kOrientationTag) continue;
        const std::uint32_t value = r.read(entry + 8, 2, big);  // a SHORT, left-justified
        return value >= 1 && value <= 8 ? static_cast<int>(value) : kUpright;
    }
    return kUpright;
}

// An EXIF payload may start with the "Exif\0\0" identifier (always in JPEG, sometimes elsewhere).
int exifPayloadOrientation(std::span<const std::uint8_t> payload) {
    const ByteReader r(payload);
    return tiffOrientation(r.matches(0, std::string_view("Exif\0\0", 6)) ? payload.subspan(6) : payload);
}

int jpegOrientation(const ByteReader& r) {
    std::size_t pos = 2;
    while (r.has(pos, 4)) {
        if (r.read(pos, 1, true) != 0xFF) return kUpright;
        const std::uint32_t marker = r.read(pos + 1, 1, true);
        if (marker == 0xFF) {  // fill byte
            ++pos;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
            pos += 2;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) return kUpright;  // image data: no more metadata
        const std::size_t length = r.read(pos + 2, 2, true);
        if (length < 2 || !r.has(pos + 2, length)) return kUpright;
        if (marker == 0xE1 && r.matches(pos + 4, std::string_view("Exif\0\0", 6)))
            return exifPayloadOrientation(r.sub(pos + 4, length - 2));
        pos += 2 + length;
    }
    return kUpright;
}

int pngOrientation(const ByteReader& r) {
    std::size_t pos = 8;
    while (r.has(pos, 12)) {
        const std::size_t length = r.read(pos, 4, true);
        if (!r.has(pos + 8, length)) return kUpright;
        if (r.matches(pos + 4, "eXIf")) return exifPayloadOrientation(r.sub(pos + 8, length));
        if (r.matches(pos + 4, "IEND")) return kUpright;
        pos += 12 + length;
    }
    return kUpright;
}

int webpOrientation(const ByteReader& r) {
    std::size_t pos = 12;
    while (r.has(pos, 8)) {
        const std::size_t length = r.read(pos + 4, 4, false);
        if (!r.has(pos + 8, length)) return kUpright;
        if (r.matches(pos, "EXIF")) return exifPayloadOrientation(r.sub(pos + 8, length));
        pos += 8 + length + (length & 1);
    }
    return kUpright;
}

enum class Container { Jpeg, Png, WebP, Bmp, Tiff };

struct ImageHeader {
    Container container;
    std::uint64_t width = 0, height = 0;
};

std::optional<ImageHeader> jpegHeader(const ByteReader& r) {
    std::size_t pos = 2;
    while (r.has(pos, 4)) {
        if (r.read(pos, 1, true) != 0xFF) return std::nullopt;
        const std::uint32_t marker = r.read(pos + 1, 1, true);
        if (marker == 0xFF) {
            ++pos;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) return std::nullopt;  // image data before any frame header
        const std::size_t length = r.read(pos + 2, 2, true);
        if (length < 2 || !r.has(pos + 2, length)) return std::nullopt;
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame) {
            if (length < 7) return std::nullopt;
            return ImageHeader{Container::Jpeg, r.read(pos + 7, 2, true), r.read(pos + 5, 2, true)};
        }
        pos += 2 + length;
    }
    return std::nullopt;
}

std::optional<ImageHeader> webpHeader(const ByteReader& r) {
    if (!r.has(12, 8)) return std::nullopt;
    constexpr std::size_t data = 20;
    if (r.matches(12, "VP8 ") && r.has(data, 10))
        return ImageHeader{Container::WebP, r.read(data + 6, 2, false) & 0x3FFF, r.read(data + 8, 2, false) & 0x3FFF};
    if (r.matches(12, "VP8L") && r.has(data, 5)) {
        const std::uint32_t bits = r.read(data + 1, 4, false);
        return ImageHeader{Container::WebP, (bits & 0x3FFF) + 1u, ((bits >> 14) & 0x3FFF) + 1u};
    }
    if (r.matches(12, "VP8X") && r.has(data, 10))
        return ImageHeader{Container::WebP, r.read(data + 4, 3, false) + 1u, r.read(data + 7, 3, false) + 1u};
    return std::nullopt;
}

std::optional<ImageHeader> bmpHeader(const ByteReader& r) {
    if (!r.has(14, 4)) return std::nullopt;
    const std::uint32_t headerSize = r.read(14, 4, false);
    if (headerSize == 12 && r.has(18, 4)) return ImageHeader{Container::Bmp, r.read(18, 2, false), r.read(20, 2, false)};
    if (!r.has(18, 8)) return std::nullopt;
    const auto width = static_cast<std::int32_t>(r.read(18, 4, false));
    const auto height = static_cast<std::int32_t>(r.read(22, 4, false));  // negative: stored top-down
    return ImageHeader{Container::Bmp, static_cast<std::uint64_t>(std::abs(static_cast<std::int64_t>(width))),
                       static_cast<std::uint64_t>(std::abs(static_cast<std::int64_t>(height)))};
}

std::optional<ImageHeader> tiffHeader(const ByteReader& r) {
    const bool big = r.matches(0, std::string_view("MM\0*", 4));
    if (!r.has(4, 4)) return std::nullopt;
    const std::size_t ifd = r.read(4, 4, big);
    if (!r.has(ifd, 2)) return std::nullopt;
    std::uint64_t width = 0, height = 0;
    const std::size_t entries = r.read(ifd, 2, big);
    for (std::size_t i = 0; i < entries; ++i) {
        const std::size_t entry = ifd + 2 + 12 * i;
        if (!r.has(entry, 12)) return std::nullopt;
        const std::uint32_t tag = r.read(entry, 2, big), type = r.read(entry + 2, 2, big);
        const std::uint32_t value = type == 3 ? r.read(entry + 8, 2, big) : r.read(entry + 8, 4, big);  // SHORT or LONG
        if (tag == 256) width = value;
        if (tag == 257) height = value;
    }
    if (width == 0 || height == 0) return std::nullopt;
    return ImageHeader{Container::Tiff, width, height};
}

// The container and pixel size from the file's header, read before any decoding so that a small
// file claiming a huge image is refused before it takes gigabytes. nullopt: not a supported format.
std::optional<ImageHeader> readImageHeader(std::span<const std::uint8_t> encoded) {
    const ByteReader r(encoded);
    if (r.has(0, 3) && r.read(0, 2, true) == 0xFFD8) return jpegHeader(r);
    if (r.matches(0, "\x89PNG\r\n\x1a\n")) {
        if (!r.has(8, 16) || !r.matches(12, "IHDR")) return std::nullopt;
        return ImageHeader{Container::Png, r.read(16, 4, true), r.read(20, 4, true)};
    }
    if (r.matches(0, "RIFF") && r.matches(8, "WEBP")) return webpHeader(r);
    if (r.matches(0, "BM")) return bmpHeader(r);
    if (r.matches(0, std::string_view("II*\0", 4)) || r.matches(0, std::string_view("MM\0*", 4))) return tiffHeader(r);
    return std::nullopt;
}

bool hasImageSignature(std::string_view start) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(start.data());
    const ByteReader r({bytes, start.size()});
    return (r.has(0, 3) && r.read(0, 2, true) == 0xFFD8) || r.matches(0, "\x89PNG\r\n\x1a\n") ||
           (r.matches(0, "RIFF") && r.matches(8, "WEBP")) || r.matches(0, "BM") ||
           r.matches(0, std::string_view("II*\0", 4)) || r.matches(0, std::string_view("MM\0*", 4));
}

// Entropy-coded data cannot hold FF D9 (a data FF is followed by 00, restart markers are D0-D7), so
// a JPEG without it after its first scan ends early: libjpeg would fill the rest with grey.
bool jpegIsComplete(std::span<const std::uint8_t> encoded) {
    constexpr std::uint8_t kStartOfScan[] = {0xFF, 0xDA}, kEnd[] = {0xFF, 0xD9};
    const auto scan = std::search(encoded.begin(), encoded.end(), std::begin(kStartOfScan), std::end(kStartOfScan));
    return std::search(scan, encoded.end(), std::begin(kEnd), std::end(kEnd)) != encoded.end();
}

// The decode flags for `header`: a JPEG over the pixel budget is decoded at 1/2, 1/4 or 1/8 scale
// by libjpeg itself (no full-size buffer); any other image over it is refused.
int decodeFlags(const ImageHeader& header, const std::filesystem::path& file) {
    const std::uint64_t pixels = header.width * header.height;
    if (header.width == 0 || header.height == 0)
        throw FileError(file, "is not a readable image: its header gives a size of 0 pixels");
    if (pixels <= kMaxDecodedPixels) return cv::IMREAD_UNCHANGED;
    // Reduced decoding converts to 8-bit BGR and would apply the EXIF orientation a second time.
    constexpr std::pair<int, int> kReductions[] = {
        {2, cv::IMREAD_REDUCED_COLOR_2}, {4, cv::IMREAD_REDUCED_COLOR_4}, {8, cv::IMREAD_REDUCED_COLOR_8}};
    if (header.container == Container::Jpeg)
        for (const auto& [factor, flag] : kReductions)
            if (pixels / (factor * factor) <= kMaxDecodedPixels) return flag | cv::IMREAD_IGNORE_ORIENTATION;
    throw FileError(file, "is " + std::to_string(header.width) + "x" + std::to_string(header.height) + " pixels (" +
                              std::to_string(pixels / 1'000'000) + " megapixels); images above " +
                              std::to_string(kMaxDecodedPixels / 1'000'000) +
                              " megapixels are not accepted: scale it down first");
}

// Turns an image stored with EXIF orientation `o` upright (EXIF 2.3, tag 0x0112).
cv::Mat applyOrientation(const cv::Mat& m, int o) {
    cv::Mat out;
    switch (o) {
        case 2: cv::flip(m, out, 1); break;
        case 3: cv::rotate(m, out, cv::ROTATE_180); break;
        case 4: cv::flip(m, out, 0); break;
        case 5: cv::transpose(m, out); break;
        case 6: cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE); break;
        case 7: cv::transpose(m, out); cv::rotate(out, out, cv::ROTATE_180); break;
        case 8: cv::rotate(m, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        default: out = m;
    }
    return out;
}

// Any depth OpenCV decodes to → 8 bits per channel.
cv::Mat to8Bit(const cv::Mat& m, const std::filesystem::path& file) {
    cv::Mat out;
    switch (m.depth()) {
        case CV_8U: return m;
        case CV_16U: m.convertTo(out, CV_8U, 1.0 / 257.0); return out;
        case CV_32F:
        case CV_64F: m.convertTo(out, CV_8U, 255.0); return out;  // float images are in [0, 1]
        default: throw FileError(file, "has a pixel format this program cannot use (signed integer samples)");
    }
}

// Gray, gray+alpha, BGR or BGRA (OpenCV's channel order) → RGB, transparency over black.
cv::Mat toRgb(const cv::Mat& m, const std::filesystem::path& file) {
    cv::Mat rgb;
    switch (m.channels()) {
        case 1: cv::cvtColor(m, rgb, cv::COLOR_GRAY2RGB); return rgb;
        case 3: cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB); return rgb;
        case 2:
        case 4: {
            std::vector<cv::Mat> planes;
            cv::split(m, planes);
            cv::Mat alpha = planes.back();
            planes.pop_back();
            cv::Mat colour;
            cv::merge(planes, colour);
            cv::cvtColor(colour, rgb, planes.size() == 1 ? cv::COLOR_GRAY2RGB : cv::COLOR_BGR2RGB);
            cv::Mat alpha3;
            cv::cvtColor(alpha, alpha3, cv::COLOR_GRAY2RGB);
            cv::multiply(rgb, alpha3, rgb, 1.0 / 255.0);
            return rgb;
        }
        default: throw FileError(file, "has " + std::to_string(m.channels()) + " colour channels; expected 1 to 4");
    }
}

}  // namespace

int exifOrientation(std::span<const std::uint8_t> encoded) {
    const ByteReader r(encoded);
    if (r.has(0, 3) && r.read(0, 2, true) == 0xFFD8) return jpegOrientation(r);
    if (r.matches(0, "\x89PNG\r\n\x1a\n")) return pngOrientation(r);
    if (r.matches(0, "RIFF") && r.matches(8, "WEBP")) return webpOrientation(r);
    return tiffOrientation(encoded);
}

Image decodePhoto(std::span<const std::uint8_t> encoded, const std::filesystem::path& file, int maxSide) {
    if (encoded.empty()) throw FileError(file, "is empty (0 bytes); it is not an image");
    const auto header = readImageHeader(encoded);
    if (!header)
        throw FileError(file, "is not a readable image (supported formats: JPEG, PNG, WebP, BMP, TIFF); "
                              "it may be corrupt or of another type");
    const int flags = decodeFlags(*header, file);
    if (header->container == Container::Jpeg && !jpegIsComplete(encoded))
        throw FileError(file, "is not a readable image: the JPEG data ends early (the file is truncated, "
                              "perhaps an unfinished download)");
    // IMREAD_UNCHANGED keeps alpha and 16-bit samples; it also skips OpenCV's own EXIF handling,
    // which we do ourselves for every container.
    const cv::Mat raw(1, static_cast<int>(encoded.size()), CV_8U, const_cast<std::uint8_t*>(encoded.data()));
    cv::Mat decoded;
    try {
        decoded = cv::imdecode(raw, flags);
    } catch (const cv::Exception& e) {
        if (e.code == cv::Error::StsNoMem) throw std::bad_alloc();
        throw FileError(file, std::string("is not a readable image: ") + e.err);
    }
    if (decoded.empty())
        throw FileError(file, "is not a readable image (supported formats: JPEG, PNG, WebP, BMP, TIFF); "
                              "it may be corrupt or of another type");

    cv::Mat rgb = applyOrientation(toRgb(to8Bit(decoded, file), file), exifOrientation(encoded));
    const int longer = std::max(rgb.cols, rgb.rows);
    if (maxSide > 0 && longer > maxSide) {
        const double scale = static_cast<double>(maxSide) / longer;
        cv::Mat small;
        cv::resize(rgb, small,
                   cv::Size(std::max(1, static_cast<int>(std::lround(rgb.cols * scale))),
                            std::max(1, static_cast<int>(std::lround(rgb.rows * scale)))),
                   0, 0, cv::INTER_AREA);
        rgb = small;
    }
    return fromMat(rgb);
}

Image loadPhoto(const std::filesystem::path& file, int maxSide) {
    const std::string bytes = readFileCapped(file, kMaxPhotoFileBytes, "image", hasImageSignature);
    return decodePhoto({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}, file, maxSide);
}

std::vector<std::uint8_t> encodeImage(const Image& image, const std::string& extension) {
    cv::Mat bgr;
    cv::cvtColor(toMat(image), bgr, cv::COLOR_RGB2BGR);
    std::vector<std::uint8_t> encoded;
    try {
        if (cv::imencode(extension, bgr, encoded)) return encoded;
    } catch (const cv::Exception& e) {
        throw Error("OpenCV could not encode the image as " + extension + ": " + e.err);
    }
    throw Error("OpenCV could not encode the image as " + extension + " (is it an image format?)");
}

void saveImage(const Image& image, const std::filesystem::path& file) {
    writeNewFile(file, encodeImage(image, file.extension().string()));
}

}  // namespace flashface::face
