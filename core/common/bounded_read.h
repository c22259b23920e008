#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace flashface {

// Whether the first bytes of a file (up to kSignatureBytes of them) start a file of the expected kind.
using SignatureCheck = bool (*)(std::string_view firstBytes);
inline constexpr std::size_t kSignatureBytes = 64;

// The contents of a regular file of at most `limit` bytes. Throws FileError, saying what the file
// was meant to be (`what`, e.g. "photo"), when it is missing, a folder, a device or pipe (such as
// /dev/zero, which never ends), unreadable, larger than `limit`, or when `signature` rejects its
// first bytes; nothing more is read in those cases.
std::string readFileCapped(const std::filesystem::path& file, std::uint64_t limit, const std::string& what,
                           SignatureCheck signature = nullptr);

// "16 MiB", "512 kB": limits as people read them.
std::string byteCount(std::uint64_t bytes);

}  // namespace flashface
