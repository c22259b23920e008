#include "face/photo.h"

#include "common/error.h"
#include "face/cv_image.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <string_view>
#include <system_error>
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

std::vector<std::uint8_t> readFileBytes(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw FileError(file, "does not exist");
    if (std::filesystem::is_directory(file, ec)) throw FileError(file, "is a folder, not an image file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw FileError(file, "cannot be opened for reading (check its permissions)");
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw FileError(file, "could not be read completely");
    return bytes;
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
    // IMREAD_UNCHANGED keeps alpha and 16-bit samples; it also skips OpenCV's own EXIF handling,
    // which we do ourselves for every container.
    const cv::Mat raw(1, static_cast<int>(encoded.size()), CV_8U, const_cast<std::uint8_t*>(encoded.data()));
    cv::Mat decoded;
    try {
        decoded = cv::imdecode(raw, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
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
    const auto bytes = readFileBytes(file);
    return decodePhoto(bytes, file, maxSide);
}

void saveImage(const Image& image, const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) throw FileError(file, "already exists; it was not replaced");
    cv::Mat bgr;
    cv::cvtColor(toMat(image), bgr, cv::COLOR_RGB2BGR);
    bool written = false;
    try {
        written = cv::imwrite(file.string(), bgr);
    } catch (const cv::Exception& e) {
        throw FileError(file, std::string("could not be written: ") + e.err);
    }
    if (!written) throw FileError(file, "could not be written (is the folder writable, and the extension an image format?)");
}

}  // namespace flashface::face
