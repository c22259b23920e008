#include "common/atomic_file.h"

#include "common/error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace flashface {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTemporaryPrefix = ".flashface-";
constexpr std::size_t kTemporarySuffixLength = 6;  // mkstemp's XXXXXX

bool isTemporaryName(const std::string& name) {
    return name.size() == kTemporaryPrefix.size() + kTemporarySuffixLength && name.starts_with(kTemporaryPrefix);
}

std::string why(int error) { return std::strerror(error); }

// A temporary nobody holds the lock of belongs to a writer that is gone.
bool isAbandoned(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) return false;
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return free;
}

}  // namespace

void removeStrayTemporaries(const fs::path& folder) {
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const fs::path path = it->path();
        if (isTemporaryName(path.filename().string()) && it->is_regular_file(error) && isAbandoned(path))
            fs::remove(path, error);
    }
}

AtomicFile::AtomicFile(const fs::path& folder) : folder_(folder.empty() ? fs::path(".") : folder) {
    removeStrayTemporaries(folder_);
    std::string pattern = (folder_ / (std::string(kTemporaryPrefix) + std::string(kTemporarySuffixLength, 'X'))).string();
    fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd_ < 0) throw FileError(folder_, "cannot create a file in this folder: " + why(errno));
    temporary_ = pattern;
    ::flock(fd_, LOCK_EX | LOCK_NB);
    ::fchmod(fd_, 0644);
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

void AtomicFile::write(const void* data, std::size_t size) {
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    flushed_ = false;
    while (size > 0) {
        const ssize_t n = ::write(fd_, bytes, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw FileError(folder_, "cannot write a file into this folder: " + why(n < 0 ? errno : ENOSPC));
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
}

void AtomicFile::flush() {
    if (flushed_) return;
    // The rename must not publish a file whose data is still only in the page cache.
    if (::fsync(fd_) != 0) throw FileError(folder_, "cannot write a file into this folder: " + why(errno));
    flushed_ = true;
}

bool renameNoReplace(const fs::path& from, const fs::path& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return true;
    if (errno == EEXIST) return false;
    if (errno == EINVAL || errno == ENOSYS) {
        // A file system without RENAME_NOREPLACE: link() refuses an existing name just as well.
        if (::link(from.c_str(), to.c_str()) == 0) {
            ::unlink(from.c_str());
            return true;
        }
        if (errno == EEXIST) return false;
    }
    throw FileError(to, "cannot be created: " + why(errno));
}

bool AtomicFile::publishNew(const fs::path& target) {
    flush();
    if (!renameNoReplace(temporary_, target)) return false;
    temporary_.clear();
    return true;
}

void AtomicFile::publishReplacing(const fs::path& target) {
    flush();
    if (::rename(temporary_.c_str(), target.c_str()) != 0) throw FileError(target, "cannot be written: " + why(errno));
    temporary_.clear();
}

void writeNewFile(const fs::path& target, std::span<const std::uint8_t> bytes) {
    AtomicFile file(target.parent_path());
    file.write(bytes);
    if (!file.publishNew(target)) throw FileError(target, "already exists; it was not replaced");
}

namespace {

void createFolder(const fs::path& folder) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) throw FileError(folder, "cannot create the output folder: " + error.message());
}

// The highest N among `<stem>-N<extension>` in `folder`; 0 if none or the folder cannot be listed
// (a write-only folder: numbering then probes from 1).
int highestNumber(const fs::path& folder, const std::string& stem, const std::string& extension) {
    int highest = 0;
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= stem.size() + 1 + extension.size() || !name.starts_with(stem + "-") ||
            !name.ends_with(extension))
            continue;
        const std::string digits = name.substr(stem.size() + 1, name.size() - stem.size() - 1 - extension.size());
        if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) continue;
        highest = std::max(highest, std::stoi(digits));
    }
    return highest;
}

std::string numberedName(const std::string& stem, int number, const std::string& extension) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%05d", number);
    return stem + "-" + digits + extension;
}

}  // namespace

void requireWritableFolder(const fs::path& folder) {
    createFolder(folder);
    const AtomicFile probe(folder);
}

fs::path writeNumberedFile(const fs::path& folder, const std::string& stem, const std::string& extension,
                           std::span<const std::uint8_t> bytes) {
    createFolder(folder);
    AtomicFile file(folder);
    file.write(bytes);
    for (int number = highestNumber(folder, stem, extension) + 1;; ++number) {
        const fs::path target = folder / numberedName(stem, number, extension);
        if (file.publishNew(target)) return target;
    }
}

fs::path writeFirstFreeName(const fs::path& folder, const std::string& stem, const std::string& extension,
                            std::span<const std::uint8_t> bytes) {
    createFolder(folder);
    AtomicFile file(folder);
    file.write(bytes);
    for (int n = 1;; ++n) {
        const fs::path target = folder / (n == 1 ? stem + extension : stem + "-" + std::to_string(n) + extension);
        if (file.publishNew(target)) return target;
    }
}

}  // namespace flashface
