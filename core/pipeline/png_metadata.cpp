#include "pipeline/png_metadata.h"

#include "common/bounded_read.h"
#include "common/error.h"
#include "face/photo.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <zlib.h>


#include <algorithm>
#include <array>

namespace flashface::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::uint8_t, 8> kSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

std::uint32_t readBE32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

void appendBE32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void appendChunk(std::vector<std::uint8_t>& out, const char type[4], const std::vector<std::uint8_t>& data) {
    appendBE32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t typeAt = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    const auto crc = crc32(0L, out.data() + typeAt, static_cast<uInt>(4 + data.size()));
    appendBE32(out, static_cast<std::uint32_t>(crc));
}

bool isAscii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::vector<std::uint8_t> textChunkData(const PngText& t, bool international) {
    std::vector<std::uint8_t> data(t.keyword.begin(), t.keyword.end());
    data.push_back(0);
    // iTXt: compression flag 0, method 0, empty language tag and translated keyword.
    if (international) data.insert(data.end(), {0, 0, 0, 0});
    data.insert(data.end(), t.text.begin(), t.text.end());
    return data;
}

void checkKeyword(const std::string& keyword) {
    const bool printable = std::all_of(keyword.begin(), keyword.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u >= 32 && u <= 126) || u >= 161;
    });
    if (keyword.empty() || keyword.size() > 79 || !printable)
        throw Error("\"" + keyword + "\" is not a valid PNG text keyword (1-79 printable characters).");
}

std::string inflateText(const std::uint8_t* data, std::size_t size, const fs::path& file) {
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) throw FileError(file, "cannot start zlib to read a compressed text chunk.");
    stream.next_in = const_cast<Bytef*>(data);
    stream.avail_in = static_cast<uInt>(size);
    std::string out;
    std::array<char, 16384> buffer{};
    int status = Z_OK;
    while (status == Z_OK && out.size() <= kMaxPngTextBytes) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
        stream.avail_out = static_cast<uInt>(buffer.size());
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer.data(), buffer.size() - stream.avail_out);
    }
    inflateEnd(&stream);
    // A few kB of deflate can expand a thousandfold: the text is refused before it fills memory.
    if (out.size() > kMaxPngTextBytes)
        throw FileError(file, "a compressed PNG text chunk expands past " + byteCount(kMaxPngTextBytes) +
                                  "; it is not image metadata this program reads.");
    if (status != Z_STREAM_END) throw FileError(file, "a compressed PNG text chunk is damaged.");
    return out;
}

// One text chunk's keyword and text; `type` is tEXt, zTXt or iTXt.
PngText parseTextChunk(const std::string& type, const std::uint8_t* data, std::size_t size, const fs::path& file) {
    const auto* end = data + size;
    const auto* nul = std::find(data, end, std::uint8_t{0});
    if (nul == end) throw FileError(file, "a PNG " + type + " chunk has no keyword terminator.");
    PngText t{std::string(data, nul), {}};
    const std::uint8_t* p = nul + 1;
    if (type == "tEXt") {
        t.text.assign(p, end);
    } else if (type == "zTXt") {
        if (p >= end) throw FileError(file, "a PNG zTXt chunk is truncated.");
        t.text = inflateText(p + 1, static_cast<std::size_t>(end - p - 1), file);
    } else {
        if (end - p < 2) throw FileError(file, "a PNG iTXt chunk is truncated.");
        const bool compressed = p[0] != 0;
        p += 2;
        for (int field = 0; field < 2; ++field) {  // language tag, translated keyword
            p = std::find(p, end, std::uint8_t{0});
            if (p == end) throw FileError(file, "a PNG iTXt chunk is truncated.");
            ++p;
        }
        t.text = compressed ? inflateText(p, static_cast<std::size_t>(end - p), file) : std::string(p, end);
    }
    return t;
}

}  // namespace

std::vector<std::uint8_t> encodePng(const Image& image, const std::vector<PngText>& texts) {
    if (image.empty() || image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
        throw Error("cannot encode an empty or inconsistent image as PNG.");
    for (const auto& t : texts) checkKeyword(t.keyword);
    const cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.rgb.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<std::uint8_t> encoded;
    if (!cv::imencode(".png", bgr, encoded)) throw Error("OpenCV could not encode the image as PNG.");

    // The text chunks go right after IHDR (signature + IHDR chunk of 13 data bytes = 33 bytes).
    constexpr std::size_t kAfterHeader = 8 + 4 + 4 + 13 + 4;
    std::vector<std::uint8_t> out(encoded.begin(), encoded.begin() + kAfterHeader);
    for (const auto& t : texts) {
        const bool international = !isAscii(t.text);
        appendChunk(out, international ? "iTXt" : "tEXt", textChunkData(t, international));
    }
    out.insert(out.end(), encoded.begin() + kAfterHeader, encoded.end());
    return out;
}

std::vector<PngText> readPngTexts(std::span<const std::uint8_t> png, const fs::path& file) {
    if (png.size() < kSignature.size() || !std::equal(kSignature.begin(), kSignature.end(), png.begin()))
        throw FileError(file, "not a PNG file.");
    std::vector<PngText> texts;
    std::size_t textBytes = 0;
    std::size_t at = kSignature.size();
    while (at + 12 <= png.size()) {
        const std::uint32_t length = readBE32(png.data() + at);
        const std::string type(reinterpret_cast<const char*>(png.data() + at + 4), 4);
        if (length > png.size() - at - 12) throw FileError(file, "the PNG chunk " + type + " runs past the end of the file.");
        const std::uint8_t* data = png.data() + at + 8;
        const auto crc = crc32(0L, png.data() + at + 4, static_cast<uInt>(4 + length));
        if (readBE32(data + length) != static_cast<std::uint32_t>(crc))
            throw FileError(file, "the PNG chunk " + type + " is damaged (CRC mismatch).");
        if (type == "tEXt" || type == "zTXt" || type == "iTXt") {
            texts.push_back(parseTextChunk(type, data, length, file));
            textBytes += texts.back().text.size();
            if (textBytes > kMaxPngTextBytes)
                throw FileError(file, "the PNG's text chunks hold more than " + byteCount(kMaxPngTextBytes) +
                                          "; it is not image metadata this program reads.");
        }
        if (type == "IEND") return texts;
        at += 12 + length;
    }
    throw FileError(file, "the PNG file is truncated (no IEND chunk).");
}

std::vector<PngText> readPngTexts(const fs::path& file) {
    // The signature is checked before the rest is read: `--from` may name any file.
    const SignatureCheck isPng = [](std::string_view start) {
        return start.size() >= kSignature.size() && std::equal(kSignature.begin(), kSignature.end(), start.begin(),
                                                               [](std::uint8_t a, char b) { return a == std::uint8_t(b); });
    };
    const std::string bytes = readFileCapped(file, face::kMaxPhotoFileBytes, "PNG image", isPng);
    return readPngTexts({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}, file);
}

}  // namespace flashface::pipeline
