#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace flashface::checkpoint {

// One member of a zip archive whose bytes are stored as they are (torch.save never compresses).
struct ZipEntry {
    std::string name;
    std::uint64_t offset;  // of the entry's data, from the start of the file
    std::uint64_t size;
    std::uint32_t crc32;  // of the data, as the central directory records it
};

// Reads the central directory (zip64 included, as a 10 GB checkpoint needs). Refuses compressed,
// encrypted and multi-disk archives, duplicate names, and entries whose data lies outside the
// file or disagrees with its local header. Throws FileError.
std::vector<ZipEntry> readZipDirectory(const std::filesystem::path& file, std::span<const std::byte> bytes);


}  // namespace flashface::checkpoint
