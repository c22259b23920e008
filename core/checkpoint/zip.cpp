// A zip central-directory reader for torch checkpoints. Only what torch.save writes is accepted:
// stored (uncompressed) entries, one disk, optionally zip64.

#include "checkpoint/zip.h"

#include "checkpoint/byte_reader.h"
#include "common/error.h"

#include <algorithm>
#include <unordered_set>

namespace flashface::checkpoint {

namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint16_t kZip64ExtraField = 0x0001;
constexpr std::size_t kEndOfDirectorySize = 22;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kCentralHeaderSize = 46;

struct ZipError {
    std::string what;
};

struct Directory {
    std::uint64_t entries;
    std::uint64_t size;
    std::uint64_t offset;
    std::uint64_t end;  // where the directory must end: the (zip64) end record
};

std::size_t findEndOfDirectory(std::span<const std::byte> bytes) {
    if (bytes.size() < kEndOfDirectorySize) throw ZipError{"it is too short to be a zip archive"};
    // The end record is last, followed only by a comment of at most 64 KiB.
    const std::size_t lowest = bytes.size() - kEndOfDirectorySize - std::min<std::size_t>(bytes.size() - kEndOfDirectorySize, 0xffff);
    for (std::size_t pos = bytes.size() - kEndOfDirectorySize + 1; pos-- > lowest;) {
        ByteReader r(bytes, pos);
        std::uint32_t signature = 0;
        r.read(signature);
        if (signature != kEndOfDirectory) continue;
        std::uint16_t commentLength = 0;
        ByteReader(bytes, pos + 20).read(commentLength);
        if (pos + kEndOfDirectorySize + commentLength == bytes.size()) return pos;
    }
    throw ZipError{"the zip end-of-directory record is missing; the file is truncated or not a zip archive"};
}

Directory readZip64Directory(std::span<const std::byte> bytes, std::size_t locatorPos) {
    ByteReader locator(bytes, locatorPos + 4);
    std::uint32_t disk = 0, disks = 0;
    std::uint64_t recordPos = 0;
    locator.read(disk);
    locator.read(recordPos);
    locator.read(disks);
    if (disk != 0 || disks > 1) throw ZipError{"multi-disk zip archives are not supported"};
    if (recordPos > locatorPos) throw ZipError{"the zip64 end-of-directory record lies outside the file"};
    ByteReader record(bytes, static_cast<std::size_t>(recordPos));
    std::uint32_t signature = 0, thisDisk = 0, directoryDisk = 0;
    std::uint64_t recordSize = 0, entriesHere = 0, entries = 0, size = 0, offset = 0;
    std::uint16_t versionMade = 0, versionNeeded = 0;
    const bool complete = record.read(signature) && record.read(recordSize) && record.read(versionMade) &&
                          record.read(versionNeeded) && record.read(thisDisk) && record.read(directoryDisk) &&
                          record.read(entriesHere) && record.read(entries) && record.read(size) && record.read(offset);
    if (!complete || signature != kZip64EndOfDirectory || record.position() > locatorPos)
        throw ZipError{"the zip64 end-of-directory record is corrupt"};
    if (thisDisk != 0 || directoryDisk != 0 || entriesHere != entries)
        throw ZipError{"multi-disk zip archives are not supported"};
    return {entries, size, offset, recordPos};
}

Directory readDirectoryLocation(std::span<const std::byte> bytes) {
    const std::size_t endPos = findEndOfDirectory(bytes);
    if (endPos >= kZip64LocatorSize) {
        std::uint32_t signature = 0;
        ByteReader(bytes, endPos - kZip64LocatorSize).read(signature);
        if (signature == kZip64Locator) return readZip64Directory(bytes, endPos - kZip64LocatorSize);
    }
    ByteReader r(bytes, endPos + 4);
    std::uint16_t disk = 0, directoryDisk = 0, entriesHere = 0, entries = 0;
    std::uint32_t size = 0, offset = 0;
    r.read(disk);
    r.read(directoryDisk);
    r.read(entriesHere);
    r.read(entries);
    r.read(size);
    r.read(offset);
    if (disk != 0 || directoryDisk != 0 || entriesHere != entries)
        throw ZipError{"multi-disk zip archives are not supported"};
    return {entries, size, offset, endPos};
}

// Sizes and offsets that do not fit 32 bits are 0xffffffff in the header and follow, in this
// order and only when so marked, in the zip64 extra field.
void applyZip64Extra(std::string_view extra, std::uint64_t& size, std::uint64_t& compressed, std::uint64_t& offset) {
    const auto bytes = std::as_bytes(std::span(extra.data(), extra.size()));
    ByteReader r(bytes);
    while (r.remaining() >= 4) {
        std::uint16_t id = 0, length = 0;
        r.read(id);
        r.read(length);
        std::string_view body;
        if (!r.read(body, length)) throw ZipError{"a zip extra field runs past its header"};
        if (id != kZip64ExtraField) continue;
        ByteReader field(std::as_bytes(std::span(body.data(), body.size())));
        for (std::uint64_t* value : {&size, &compressed, &offset})
            if (*value == 0xffffffff && !field.read(*value)) throw ZipError{"a zip64 extra field is too short"};
    }
}

std::uint64_t localDataOffset(std::span<const std::byte> bytes, const std::string& name, std::uint64_t headerPos) {
    if (headerPos > bytes.size()) throw ZipError{"entry \"" + name + "\" starts beyond the end of the file"};
    ByteReader r(bytes, static_cast<std::size_t>(headerPos));
    std::uint32_t signature = 0;
    std::uint16_t nameLength = 0, extraLength = 0;
    std::string_view localName;
    const bool complete = r.read(signature) && r.skip(22) && r.read(nameLength) && r.read(extraLength) &&
                          r.read(localName, nameLength) && r.skip(extraLength);
    if (!complete || signature != kLocalHeader) throw ZipError{"the local header of entry \"" + name + "\" is corrupt"};
    if (localName != name)
        throw ZipError{"entry \"" + name + "\" has a local header naming \"" + std::string(localName) + "\""};
    return r.position();
}

ZipEntry readCentralEntry(std::span<const std::byte> bytes, ByteReader& r, const Directory& directory) {
    std::uint32_t signature = 0, crc = 0, compressed32 = 0, size32 = 0, offset32 = 0;
    std::uint16_t flags = 0, method = 0, nameLength = 0, extraLength = 0, commentLength = 0, disk = 0;
    std::string_view name, extra;
    const bool complete = r.read(signature) && r.skip(4) && r.read(flags) && r.read(method) && r.skip(4) && r.read(crc) &&
                          r.read(compressed32) && r.read(size32) && r.read(nameLength) && r.read(extraLength) &&
                          r.read(commentLength) && r.read(disk) && r.skip(6) && r.read(offset32) &&
                          r.read(name, nameLength) && r.read(extra, extraLength) && r.skip(commentLength);
    if (!complete || signature != kCentralHeader || r.position() > directory.offset + directory.size)
        throw ZipError{"the zip central directory is corrupt"};
    const std::string entry(name);
    std::uint64_t size = size32, compressed = compressed32, headerPos = offset32;
    applyZip64Extra(extra, size, compressed, headerPos);
    if (flags & 0x1) throw ZipError{"entry \"" + entry + "\" is encrypted"};
    if (method != 0)
        throw ZipError{"entry \"" + entry + "\" is compressed (method " + std::to_string(method) +
                       "); torch checkpoints store entries uncompressed, so re-save it with torch.save"};
    if (compressed != size) throw ZipError{"entry \"" + entry + "\" is stored but its two sizes differ"};
    if (disk != 0) throw ZipError{"multi-disk zip archives are not supported"};
    const std::uint64_t dataPos = localDataOffset(bytes, entry, headerPos);
    if (dataPos > directory.offset || size > directory.offset - dataPos)
        throw ZipError{"the data of entry \"" + entry + "\" runs into the central directory; the file is truncated or corrupt"};
    return {entry, dataPos, size, crc};
}

}  // namespace

std::vector<ZipEntry> readZipDirectory(const std::filesystem::path& file, std::span<const std::byte> bytes) {
    try {
        const Directory directory = readDirectoryLocation(bytes);
        if (directory.offset > directory.end || directory.size > directory.end - directory.offset)
            throw ZipError{"the zip central directory lies outside the file; the file is truncated or corrupt"};
        if (directory.entries > directory.size / kCentralHeaderSize)
            throw ZipError{"the zip central directory claims more entries than it can hold"};
        std::vector<ZipEntry> entries;
        entries.reserve(static_cast<std::size_t>(directory.entries));
        std::unordered_set<std::string> names;
        ByteReader r(bytes, static_cast<std::size_t>(directory.offset));
        for (std::uint64_t i = 0; i < directory.entries; ++i) {
            entries.push_back(readCentralEntry(bytes, r, directory));
            if (!names.insert(entries.back().name).second)
                throw ZipError{"the zip archive holds \"" + entries.back().name + "\" twice"};
        }
        return entries;
    } catch (const ZipError& e) {
        throw FileError(file, "is not a readable torch checkpoint: " + e.what);
    }
}

}  // namespace flashface::checkpoint
