#pragma once

#include "common/error.h"
#include "common/untrusted_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

namespace flashface::models {

// Bounds of architecture fields: far above every released model, far below sizes whose module
// trees or buffers alone would exhaust memory before a weight is read (a config is a file a user
// may have been handed).
inline constexpr std::int64_t kMaxConfigCount = 256;      // layers, blocks, heads, levels, multipliers
inline constexpr std::int64_t kMaxConfigWidth = 1 << 16;  // channels and embedding widths, after multipliers
inline constexpr std::int64_t kMaxConfigLength = 4096;    // sequence lengths (square buffers)
inline constexpr std::int64_t kMaxConfigTable = 1 << 20;  // vocabulary sizes, detection top-k

// Parses a model's config.json; a FileError when it is unreadable, too large, too deeply nested
// or not JSON.
nlohmann::json readConfigFile(const std::filesystem::path& file);

// Reads a model's config.json field by field: a field that is absent keeps the caller's
// default (the full-size model), a field of the wrong type (or an integer field holding a
// fraction or a number past its type) is a FileError naming it.
class ConfigReader {
public:
    // `json` must outlive the reader.
    ConfigReader(const nlohmann::json& json, std::filesystem::path source);

    template <class T>
    void read(const char* key, T& field) const {
        const auto it = json_.find(key);
        if (it == json_.end() || it->is_null()) return;
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            field = integer<T>(key, *it);
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
            if (!it->is_array()) fail(key, "must be a list of integers, got " + jsonExcerpt(*it));
            field.clear();
            for (const auto& element : *it) field.push_back(integer<std::int64_t>(key, element));
        } else {
            try {
                field = it->get<T>();
            } catch (const nlohmann::json::exception& e) {
                fail(key, e.what());
            }
            if constexpr (std::is_floating_point_v<T>)
                if (!std::isfinite(field)) fail(key, "must be a finite number");
        }
    }

    // Reports `key` unless min <= value <= max.
    void requireWithin(const char* key, std::int64_t value, std::int64_t min, std::int64_t max) const;
    void requireWithin(const char* key, const std::vector<std::int64_t>& values, std::int64_t min,
                       std::int64_t max) const;

    // Reports an unusable value of `key`.
    [[noreturn]] void fail(const char* key, const std::string& why) const;

private:
    template <class Int>
    Int integer(const char* key, const nlohmann::json& value) const {
        const auto v = jsonInteger<Int>(value);
        if (!v) fail(key, "must be an integer, got " + jsonExcerpt(value));
        return *v;
    }

    const nlohmann::json& json_;
    std::filesystem::path source_;
};

}  // namespace flashface::models
