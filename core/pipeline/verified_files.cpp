#include "pipeline/verified_files.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/untrusted_json.h"
#include "pipeline/weights_cache.h"

#include <nlohmann/json.hpp>

#include <chrono>

namespace flashface::pipeline {

namespace fs = std::filesystem;

namespace {

// What identifies a file's current contents well enough: its size and modification time.
nlohmann::json stamp(const fs::path& file) {
    const auto mtime = fs::last_write_time(file).time_since_epoch();
    return {{"size", fs::file_size(file)},
            {"mtime_ns", std::chrono::duration_cast<std::chrono::nanoseconds>(mtime).count()}};
}

// The record as it is on disk; an unreadable or damaged one counts as empty (files get checked again).
nlohmann::json load(const fs::path& record) {
    std::error_code error;
    if (!fs::exists(record, error)) return nlohmann::json::object();
    try {
        auto json = readUntrustedJsonFile(record, "record of verified model files");
        if (json.is_object()) return json;
    } catch (const FileError&) {
    }
    return nlohmann::json::object();
}

// Best effort: a record that cannot be written only means checking the file again next time.
void save(const fs::path& record, const nlohmann::json& json) {
    try {
        std::error_code error;
        fs::create_directories(record.parent_path(), error);
        const std::string text = json.dump(1);
        AtomicFile file(record.parent_path());
        file.write(text.data(), text.size());
        file.publishReplacing(record);
    } catch (const FileError&) {
    }
}

}  // namespace

VerifiedFiles::VerifiedFiles(fs::path record) : record_(std::move(record)) {}

fs::path VerifiedFiles::defaultRecord() { return userCacheFolder() / "verified-files.json"; }

void VerifiedFiles::requireIntact(const fs::path& file, FileContent content, const VerifyOptions& options) {
    const std::string key = fs::absolute(file).lexically_normal().string();
    nlohmann::json now;
    try {
        now = stamp(file);
    } catch (const fs::filesystem_error& e) {
        throw FileError(file, "cannot be examined: " + e.code().message());
    }
    if (load(record_).value(key, nlohmann::json()) == now) return;

    FileExpectation expected;
    expected.content = content;
    const VerifyResult result = verifyModelFile(file, expected, options);
    nlohmann::json json = load(record_);  // again: another process may have added files meanwhile
    if (!result.ok()) {
        json.erase(key);
        save(record_, json);
        std::string problems;
        for (const auto& problem : result.problems) problems += "\n  " + problem;
        throw FileError(file, "is damaged and was not loaded; delete it and download it again "
                              "(`flashface models download`):" + problems);
    }
    json[key] = now;
    save(record_, json);
}

}  // namespace flashface::pipeline
