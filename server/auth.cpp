#include "server/auth.h"

#include "common/bounded_read.h"
#include "common/error.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>

namespace flashface::server {

namespace {

// A token is a line of text; a file larger than this is not a token file.
constexpr std::uint64_t kMaxTokenFileBytes = 4096;

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string sha256(std::string_view text) {
    std::string digest(SHA256_DIGEST_LENGTH, '\0');
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(),
           reinterpret_cast<unsigned char*>(digest.data()));
    return digest;
}

}  // namespace

std::optional<std::string> loadToken(const std::optional<std::filesystem::path>& file) {
    std::string token;
    if (file) {
        const std::string text = readFileCapped(*file, kMaxTokenFileBytes, "token file");
        token = trimmed(std::string_view(text).substr(0, text.find('\n')));
        if (token.empty()) throw FileError(*file, "holds no token (its first line is empty).");
    } else if (const char* value = std::getenv(kTokenEnvironment)) {
        token = trimmed(value);
        if (token.empty()) throw InvalidRequest(std::string(kTokenEnvironment) + " is set but empty.");
    } else {
        return std::nullopt;
    }
    return token;
}

BearerAuth::BearerAuth(std::optional<std::string> token) {
    if (token) digest_ = sha256(*token);
}

bool BearerAuth::accepts(std::string_view header) const {
    if (!digest_) return true;
    // The scheme's name is case-insensitive (RFC 9110 §11.1).
    constexpr std::string_view kScheme = "bearer ";
    if (header.size() <= kScheme.size()) return false;
    for (std::size_t i = 0; i < kScheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return false;
    const std::string presented = sha256(header.substr(kScheme.size()));
    return CRYPTO_memcmp(presented.data(), digest_->data(), digest_->size()) == 0;
}

bool isLoopbackHost(const std::string& host) {
    if (host == "localhost") return true;
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return ::inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

}  // namespace flashface::server
