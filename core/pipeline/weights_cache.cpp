#include "pipeline/weights_cache.h"

#include "checkpoint/safetensors_writer.h"
#include "common/error.h"

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <optional>
#include <unistd.h>

namespace flashface::pipeline {

namespace fs = std::filesystem;

namespace {

// The cache if it is current and opens; an unreadable one is deleted so it gets rewritten.
std::optional<checkpoint::Checkpoint> openIfCurrent(const fs::path& checkpoint, const fs::path& cache) {
    if (!checkpoint::isFloat16CacheCurrent(checkpoint, cache)) return std::nullopt;
    try {
        return checkpoint::Checkpoint::open(cache);
    } catch (const std::exception&) {
        std::error_code ignored;
        fs::remove(cache, ignored);
        return std::nullopt;
    }
}

// Stable across runs and builds (std::hash is not guaranteed to be), so two models folders
// sharing the user cache folder get distinct names.
std::string fnv1a(const std::string& text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

fs::path userCachePath(const fs::path& checkpoint) {
    const fs::path absolute = fs::absolute(checkpoint).lexically_normal();
    return checkpoint::float16CachePath(userCacheFolder() / (fnv1a(absolute.string()) + "-" + absolute.filename().string()));
}

bool isWritableFolder(const fs::path& folder) {
    return ::access(folder.empty() ? "." : folder.c_str(), W_OK) == 0;
}

}  // namespace

fs::path userCacheFolder() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "flashface-studio";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "flashface-studio";
    return fs::temp_directory_path() / "flashface-studio";
}

checkpoint::Checkpoint openThroughFloat16Cache(const fs::path& checkpoint, const std::vector<std::string>& skipPrefixes,
                                   const std::function<void(double)>& progress, const CancelToken* cancel) {
    const fs::path beside = checkpoint::float16CachePath(checkpoint);
    const fs::path fallback = userCachePath(checkpoint);
    if (auto cached = openIfCurrent(checkpoint, beside)) return std::move(*cached);
    if (auto cached = openIfCurrent(checkpoint, fallback)) return std::move(*cached);

    const fs::path destination = isWritableFolder(checkpoint.parent_path()) ? beside : fallback;
    std::error_code error;
    fs::create_directories(destination.parent_path(), error);
    if (error)
        throw FileError(destination.parent_path(), "cannot be created for the float16 weights cache: " + error.message());

    checkpoint::Float16CacheOptions options;
    options.skipPrefixes = skipPrefixes;
    options.cancel = cancel;
    options.progress = progress;
    checkpoint::writeFloat16Cache(checkpoint::Checkpoint::open(checkpoint), destination, options);
    return checkpoint::Checkpoint::open(destination);
}

}  // namespace flashface::pipeline
