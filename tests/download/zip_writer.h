#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace flashface::test {

struct ZipTestEntry {
    std::string name;
    std::string data;
    bool deflate = false;
};

// Writes a zip archive the way the checks must read it: stored or raw-deflate entries with
// CRC-32s, and with `zip64` every size and offset in the zip64 extra fields and records
// (the layout of archives over 4 GiB, like the real flashface.ckpt).
void writeTestZip(const std::filesystem::path& file, const std::vector<ZipTestEntry>& entries, bool zip64);

}  // namespace flashface::test
