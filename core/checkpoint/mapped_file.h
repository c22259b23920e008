#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

namespace flashface::checkpoint {

// A read-only memory map of a whole file: the kernel pages in only the storages actually read,
// so a 10 GB checkpoint never has to fit in memory.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& file);
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::span<const std::byte> bytes() const { return {data_, size_}; }

    // Drops the pages holding `range` (a part of bytes()) from this process's memory once a tensor has
    // been copied out, so reading a 10 GB checkpoint tensor by tensor never keeps it all resident.
    // A later read of the same bytes (an aliased key) pages them in again.
    void release(std::span<const std::byte> range) const noexcept;

private:
    void unmap() noexcept;
    const std::byte* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace flashface::checkpoint
