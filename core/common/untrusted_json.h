#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

// JSON from files a user may have been handed (PNG metadata, models.json, model configs): parsed
// with bounded nesting, converted without undefined casts, quoted in errors by short excerpts.
namespace flashface {

// Deeper nesting is refused while parsing: nothing legitimate nests this deep, and nlohmann's
// dump() and destructor recurse once per level.
inline constexpr int kMaxJsonDepth = 64;
// JSON files larger than this are refused before they are read (configs and manifests are a few kB).
inline constexpr std::uint64_t kMaxJsonFileBytes = 16u << 20;

// Throws FileError naming `source` and `what` ("model configuration", ...) on a syntax error or
// nesting deeper than kMaxJsonDepth.
nlohmann::json parseUntrustedJson(std::string_view text, const std::filesystem::path& source, const std::string& what);

// Reads (at most kMaxJsonFileBytes) and parses a JSON file as above.
nlohmann::json readUntrustedJsonFile(const std::filesystem::path& file, const std::string& what);

// At most a line of `value`'s JSON text, for error messages (never the whole value).
std::string jsonExcerpt(const nlohmann::json& value);

// `value` as an Int when it is a number with an integral value within Int's range (2, 2.0 and
// 1e3 are; 2.5, 1e30 and "2" are not).
template <class Int>
std::optional<Int> jsonInteger(const nlohmann::json& value) {
    if (value.is_number_integer()) {
        if (value.is_number_unsigned()) {
            const auto v = value.get<std::uint64_t>();
            if (v > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) return std::nullopt;
            return static_cast<Int>(v);
        }
        const auto v = value.get<std::int64_t>();
        if (v < static_cast<std::int64_t>(std::numeric_limits<Int>::min()) ||
            (v > 0 && static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())))
            return std::nullopt;
        return static_cast<Int>(v);
    }
    if (!value.is_number_float()) return std::nullopt;
    const double v = value.get<double>();
    // The bounds as doubles are exact for every integer type up to 64 bits (powers of two).
    const double low = static_cast<double>(std::numeric_limits<Int>::min());
    const double high = static_cast<double>(std::numeric_limits<Int>::max()) + 1.0;
    if (!(v >= low && v < high) || std::trunc(v) != v) return std::nullopt;
    return static_cast<Int>(v);
}

// `value` as a float when it is a number within float's range (casting 1e300 is undefined).
inline std::optional<float> jsonFloat(const nlohmann::json& value) {
    if (!value.is_number()) return std::nullopt;
    const double v = value.get<double>();
    if (!(std::fabs(v) <= static_cast<double>(std::numeric_limits<float>::max()))) return std::nullopt;
    return static_cast<float>(v);
}

}  // namespace flashface
