#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

// Every file the product writes appears under its final name complete or not at all: it is
// written to a temporary file in the same folder, flushed to disk, then renamed into place.
namespace flashface {

// One file being written. The temporary (".flashface-XXXXXX" in the target's folder) is locked
// while this object lives, so that removeStrayTemporaries() can tell a live writer's temporary
// from one a killed run left behind; it is deleted unless published.
class AtomicFile {
public:
    // `folder` must exist. Stray temporaries in it are removed first.
    explicit AtomicFile(const std::filesystem::path& folder);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, std::size_t size);
    void write(std::span<const std::uint8_t> bytes) { write(bytes.data(), bytes.size()); }
    const std::filesystem::path& temporaryPath() const { return temporary_; }

    // Flushes the data to disk and gives it the name `target` (in the same folder) unless a file
    // of that name exists: then returns false and the data stays ready for another name. Never
    // replaces a file, even one created concurrently.
    bool publishNew(const std::filesystem::path& target);
    // Flushes and renames over `target`, replacing it atomically (for caches and records).
    void publishReplacing(const std::filesystem::path& target);

private:
    void flush();

    std::filesystem::path folder_;
    std::filesystem::path temporary_;
    int fd_ = -1;
    bool flushed_ = false;
};

// Renames `from` to `to` unless `to` exists (then returns false): atomic, never replaces, even a
// file created concurrently. FileError naming `to` on any other failure.
bool renameNoReplace(const std::filesystem::path& from, const std::filesystem::path& to);

// Writes `bytes` as the new file `target` (never replacing one); FileError if it exists.
void writeNewFile(const std::filesystem::path& target, std::span<const std::uint8_t> bytes);

// Writes `bytes` into `folder` (created if absent) as `<stem>-NNNNN<extension>`, numbered one past
// the highest existing number (from 1 when the folder cannot be listed), taking the next number
// when a name is taken meanwhile. Returns the path.
std::filesystem::path writeNumberedFile(const std::filesystem::path& folder, const std::string& stem,
                                        const std::string& extension, std::span<const std::uint8_t> bytes);

// `<stem><extension>`, else `<stem>-2<extension>`, -3, ...: the first free name in `folder`.
std::filesystem::path writeFirstFreeName(const std::filesystem::path& folder, const std::string& stem,
                                         const std::string& extension, std::span<const std::uint8_t> bytes);

// Creates `folder` if needed and checks that files can be created in it (by creating and removing
// a temporary): for checking an output folder before hours of work rather than after. FileError.
void requireWritableFolder(const std::filesystem::path& folder);

// Deletes the temporaries of writers that no longer run (killed mid-write) from `folder`. Quiet:
// a folder that cannot be listed is left as it is.
void removeStrayTemporaries(const std::filesystem::path& folder);

}  // namespace flashface
