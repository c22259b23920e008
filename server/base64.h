#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

// Base64 (RFC 4648, with padding) for images inside JSON: uploads and previews.
namespace flashface::server {

std::string base64Encode(std::span<const std::uint8_t> bytes);

// nullopt unless `text` is canonical padded base64 (no white space, no other characters).
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace flashface::server
