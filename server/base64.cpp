#include "server/base64.h"

#include <openssl/evp.h>

namespace flashface::server {

std::string base64Encode(std::span<const std::uint8_t> bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3), '\0');
    // EVP_EncodeBlock writes a terminating NUL after the text.
    text.resize(text.size() + 1);
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), bytes.data(),
                                       static_cast<int>(bytes.size()));
    text.resize(static_cast<std::size_t>(length));
    return text;
}

std::optional<std::string> base64Decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    if (text.empty()) return std::string();
    std::string bytes(3 * (text.size() / 4), '\0');
    // EVP_DecodeBlock skips surrounding white space; canonical input has none.
    if (text.find_first_of(" \t\r\n") != std::string_view::npos) return std::nullopt;
    const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                       reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (length < 0) return std::nullopt;
    // It decodes the padding as zero bytes: drop one per '='.
    std::size_t padding = 0;
    if (text.back() == '=') ++padding;
    if (text.size() >= 2 && text[text.size() - 2] == '=') ++padding;
    bytes.resize(static_cast<std::size_t>(length) - padding);
    return bytes;
}

}  // namespace flashface::server
