#pragma once

#include "common/error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace flashface::models {

// Parses a model's config.json; a FileError when it is unreadable or not JSON.
nlohmann::json readConfigFile(const std::filesystem::path& file);

// Reads a model's config.json field by field: a field that is absent keeps the caller's
// default (the full-size model), a field of the wrong type is a FileError naming it.
class ConfigReader {
public:
    // `json` must outlive the reader.
    ConfigReader(const nlohmann::json& json, std::filesystem::path source);

    template <class T>
    void read(const char* key, T& field) const {
        const auto it = json_.find(key);
        if (it == json_.end() || it->is_null()) return;
        try {
            field = it->get<T>();
        } catch (const nlohmann::json::exception& e) {
            fail(key, e.what());
        }
    }

    // Reports an unusable value of `key`.
    [[noreturn]] void fail(const char* key, const std::string& why) const;

private:
    const nlohmann::json& json_;
    std::filesystem::path source_;
};

}  // namespace flashface::models
