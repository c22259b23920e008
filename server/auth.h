#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// Who may use `flashface serve`: a bearer token, and where the server may listen without one.
namespace flashface::server {

// The environment variable that may hold the token (never the URL: it would end up in logs).
inline constexpr const char* kTokenEnvironment = "FLASHFACE_SERVE_TOKEN";

// The token from `file` (its first line, surrounding white space dropped) when one is given, else
// from $FLASHFACE_SERVE_TOKEN; nullopt when neither is set. Throws FileError for an unreadable
// file, InvalidRequest for an empty token.
std::optional<std::string> loadToken(const std::optional<std::filesystem::path>& file);

// Checks `Authorization: Bearer <token>` headers. Compares SHA-256 digests with CRYPTO_memcmp, so
// that neither the token's bytes nor its length can be found by timing the answers.
class BearerAuth {
public:
    explicit BearerAuth(std::optional<std::string> token);
    bool enabled() const { return digest_.has_value(); }
    // True when auth is disabled, or the header carries the token.
    bool accepts(std::string_view authorizationHeader) const;

private:
    std::optional<std::string> digest_;
};

// 127.0.0.0/8, ::1 and "localhost": addresses no other machine can reach.
bool isLoopbackHost(const std::string& host);

}  // namespace flashface::server
