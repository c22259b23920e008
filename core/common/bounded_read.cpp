#include "common/bounded_read.h"

#include "common/error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace flashface {

namespace {

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

}  // namespace

std::string byteCount(std::uint64_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string readFileCapped(const std::filesystem::path& file, std::uint64_t limit, const std::string& what,
                           SignatureCheck signature) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
    const FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        const int error = errno;
        if (error == ENOENT) throw FileError(file, "does not exist");
        throw FileError(file, "cannot be opened for reading (expected: " + what + "): " + std::strerror(error));
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw FileError(file, std::string("cannot be examined: ") + std::strerror(errno));
    if (S_ISDIR(info.st_mode)) throw FileError(file, "is a folder, not a file (expected: " + what + ")");
    if (!S_ISREG(info.st_mode)) throw FileError(file, "is not a regular file but a device, pipe or socket (expected: " + what + ")");
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (size > limit)
        throw FileError(file, "is " + std::to_string(size) + " bytes; files larger than " + byteCount(limit) +
                                  " are not accepted (expected: " + what + ")");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::size_t done = 0;
    const auto readUpTo = [&](std::size_t end) {
        while (done < end) {
            const ssize_t n = ::read(fd.get(), bytes.data() + done, end - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw FileError(file, std::string("could not be read: ") + std::strerror(errno));
            if (n == 0) break;  // shrank while being read: what is there is all there is
            done += static_cast<std::size_t>(n);
        }
    };
    readUpTo(std::min(bytes.size(), kSignatureBytes));
    if (signature && done > 0 && !signature(std::string_view(bytes.data(), done)))
        throw FileError(file, "is not a readable " + what + " (its first bytes are not those of a supported format)");
    readUpTo(bytes.size());
    bytes.resize(done);
    return bytes;
}

}  // namespace flashface
