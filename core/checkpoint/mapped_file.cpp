#include "checkpoint/mapped_file.h"

#include "common/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace flashface::checkpoint {

namespace {

std::string systemError(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

struct FileDescriptor {
    int fd;
    ~FileDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

MappedFile::MappedFile(const std::filesystem::path& file) {
    const FileDescriptor fd{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
    if (fd.fd < 0) throw FileError(file, systemError("cannot open the checkpoint"));
    struct stat st {};
    if (::fstat(fd.fd, &st) != 0) throw FileError(file, systemError("cannot read the checkpoint's size"));
    if (!S_ISREG(st.st_mode)) throw FileError(file, "the checkpoint is not a regular file");
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ == 0) return;  // mmap refuses empty files; the parsers report them as too short
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd.fd, 0);
    if (map == MAP_FAILED) throw FileError(file, systemError("cannot map the checkpoint into memory"));
    data_ = static_cast<const std::byte*>(map);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        unmap();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

MappedFile::~MappedFile() { unmap(); }

void MappedFile::release(std::span<const std::byte> range) const noexcept {
    if (!data_ || range.empty() || range.data() < data_ || range.data() + range.size() > data_ + size_) return;
    static const auto pageSize = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const auto offset = static_cast<std::size_t>(range.data() - data_);
    const std::size_t begin = offset - offset % pageSize;
    // Advice only: failure leaves the pages mapped, which is harmless.
    ::madvise(const_cast<std::byte*>(data_) + begin, offset + range.size() - begin, MADV_DONTNEED);
}

void MappedFile::unmap() noexcept {
    if (data_) ::munmap(const_cast<std::byte*>(data_), size_);
    data_ = nullptr;
}

}  // namespace flashface::checkpoint
