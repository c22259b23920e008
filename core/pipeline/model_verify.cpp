#include "pipeline/model_verify.h"

#include "common/error.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <sstream>

namespace flashface {

namespace {

constexpr std::array<OfficialModelFile, 5> kOfficialFiles{{
    {"bpe_simple_vocab_16e6.txt.gz", "the CLIP tokenizer vocabulary", 1'360'000, false},
    {"retinaface_resnet50.pth", "the RetinaFace face detector", 110'000'000, true},
    {"sd-v1-vae.pth", "the Stable Diffusion 1.5 autoencoder", 335'000'000, true},
    {"openai-clip-vit-large-14.pth", "the CLIP ViT-L/14 text encoder", 1'710'000'000, true},
    {"flashface.ckpt", "the FlashFace reference UNet", 10'600'000'000, true},
}};

std::string quoted(const std::filesystem::path& file) {
    std::string text = file.string();
    text.insert(text.begin(), '\'');
    text.push_back('\'');
    return text;
}

std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t le32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint64_t le64(const unsigned char* p) { return le32(p) | (static_cast<std::uint64_t>(le32(p + 4)) << 32); }

// A problem found while parsing the archive's directory: the file is not a complete zip.
struct ZipDamage {
    std::string what;
};

struct ZipEntry {
    std::string name;
    std::uint16_t method = 0;  // 0 stored, 8 deflate
    std::uint32_t crc = 0;
    std::uint64_t compressedSize = 0;
    std::uint64_t size = 0;
    std::uint64_t headerOffset = 0;
    std::uint64_t dataOffset = 0;  // from the local header
};

class ArchiveFile {
public:
    ArchiveFile(std::ifstream& in, std::uint64_t size) : in_(in), size_(size) {}

    std::vector<unsigned char> read(std::uint64_t offset, std::size_t count) {
        if (offset > size_ || count > size_ - offset)
            throw ZipDamage{"a record at byte " + std::to_string(offset) + " lies beyond the end of the file"};
        std::vector<unsigned char> bytes(count);
        in_.clear();
        in_.seekg(static_cast<std::streamoff>(offset));
        in_.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(count));
        if (!in_) throw ZipDamage{"reading " + std::to_string(count) + " bytes at " + std::to_string(offset) + " failed"};
        return bytes;
    }
    std::uint64_t size() const { return size_; }

private:
    std::ifstream& in_;
    std::uint64_t size_;
};

struct Zip64Extra {
    std::optional<std::uint64_t> size, compressedSize, headerOffset;
};

// The zip64 extended-information field holds, in this order, only the fields whose 32-bit
// slot in the central record is saturated.
Zip64Extra parseZip64Extra(const unsigned char* extra, std::size_t length, bool wantSize, bool wantCompressed,
                           bool wantOffset) {
    Zip64Extra out;
    std::size_t pos = 0;
    while (pos + 4 <= length) {
        const auto id = le16(extra + pos);
        const auto fieldLength = le16(extra + pos + 2);
        const unsigned char* field = extra + pos + 4;
        if (pos + 4 + fieldLength > length) break;
        if (id == 0x0001) {
            std::size_t at = 0;
            auto take = [&](bool want, std::optional<std::uint64_t>& slot) {
                if (!want) return;
                if (at + 8 > fieldLength) throw ZipDamage{"a zip64 extra field is too short"};
                slot = le64(field + at);
                at += 8;
            };
            take(wantSize, out.size);
            take(wantCompressed, out.compressedSize);
            take(wantOffset, out.headerOffset);
            return out;
        }
        pos += 4 + fieldLength;
    }
    if (wantSize || wantCompressed || wantOffset) throw ZipDamage{"a zip64 entry lacks its extended information"};
    return out;
}

std::vector<ZipEntry> readZipDirectory(ArchiveFile& file) {
    constexpr std::size_t kEndRecord = 22;
    if (file.size() < kEndRecord) throw ZipDamage{"the file is too small to be a zip archive"};
    // The end record sits in the last 22 + 65535 (comment) bytes.
    const std::uint64_t tailSize = std::min<std::uint64_t>(file.size(), kEndRecord + 65535);
    const auto tail = file.read(file.size() - tailSize, tailSize);
    std::optional<std::size_t> end;
    for (std::size_t i = tail.size() - kEndRecord + 1; i-- > 0;) {
        if (le32(tail.data() + i) == 0x06054b50) {
            end = i;
            break;
        }
    }
    if (!end) throw ZipDamage{"the zip end record is missing (the file is truncated or not a zip archive)"};
    const unsigned char* eocd = tail.data() + *end;
    const std::uint64_t eocdOffset = file.size() - tailSize + *end;
    std::uint64_t count = le16(eocd + 10);
    std::uint64_t directorySize = le32(eocd + 12);
    std::uint64_t directoryOffset = le32(eocd + 16);

    if (count == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF) {
        if (eocdOffset < 20) throw ZipDamage{"the zip64 end locator is missing"};
        const auto locator = file.read(eocdOffset - 20, 20);
        if (le32(locator.data()) != 0x07064b50) throw ZipDamage{"the zip64 end locator is missing"};
        const auto record = file.read(le64(locator.data() + 8), 56);
        if (le32(record.data()) != 0x06064b50) throw ZipDamage{"the zip64 end record is damaged"};
        count = le64(record.data() + 32);
        directorySize = le64(record.data() + 40);
        directoryOffset = le64(record.data() + 48);
    }
    if (directorySize > file.size() || count > directorySize / 46)
        throw ZipDamage{"the zip central directory is damaged"};

    const auto directory = file.read(directoryOffset, directorySize);
    std::vector<ZipEntry> entries;
    entries.reserve(count);
    std::size_t pos = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (pos + 46 > directory.size() || le32(directory.data() + pos) != 0x02014b50)
            throw ZipDamage{"central directory record " + std::to_string(i) + " is damaged"};
        const unsigned char* r = directory.data() + pos;
        ZipEntry entry;
        entry.method = le16(r + 10);
        entry.crc = le32(r + 16);
        entry.compressedSize = le32(r + 20);
        entry.size = le32(r + 24);
        const std::size_t nameLength = le16(r + 28), extraLength = le16(r + 30), commentLength = le16(r + 32);
        entry.headerOffset = le32(r + 42);
        if (pos + 46 + nameLength + extraLength + commentLength > directory.size())
            throw ZipDamage{"central directory record " + std::to_string(i) + " is damaged"};
        entry.name.assign(reinterpret_cast<const char*>(r + 46), nameLength);
        const auto z64 = parseZip64Extra(r + 46 + nameLength, extraLength, entry.size == 0xFFFFFFFF,
                                         entry.compressedSize == 0xFFFFFFFF, entry.headerOffset == 0xFFFFFFFF);
        entry.size = z64.size.value_or(entry.size);
        entry.compressedSize = z64.compressedSize.value_or(entry.compressedSize);
        entry.headerOffset = z64.headerOffset.value_or(entry.headerOffset);
        entries.push_back(std::move(entry));
        pos += 46 + nameLength + extraLength + commentLength;
    }

    for (auto& entry : entries) {
        const auto local = file.read(entry.headerOffset, 30);
        if (le32(local.data()) != 0x04034b50)
            throw ZipDamage{"the local header of entry '" + entry.name + "' is damaged"};
        entry.dataOffset = entry.headerOffset + 30 + le16(local.data() + 26) + le16(local.data() + 28);
        if (entry.dataOffset > directoryOffset || entry.compressedSize > directoryOffset - entry.dataOffset)
            throw ZipDamage{"the data of entry '" + entry.name + "' runs past the central directory"};
    }
    std::sort(entries.begin(), entries.end(),
              [](const ZipEntry& a, const ZipEntry& b) { return a.dataOffset < b.dataOffset; });
    return entries;
}

// CRC-32 of one entry's uncompressed bytes, fed its stored bytes in order.
class EntryChecksum {
public:
    explicit EntryChecksum(const ZipEntry& entry) : entry_(entry) {
        if (entry.method == 8) {
            std::memset(&stream_, 0, sizeof stream_);
            if (inflateInit2(&stream_, -MAX_WBITS) != Z_OK) throw std::bad_alloc();
            inflating_ = true;
        }
    }
    ~EntryChecksum() {
        if (inflating_) inflateEnd(&stream_);
    }
    EntryChecksum(const EntryChecksum&) = delete;
    EntryChecksum& operator=(const EntryChecksum&) = delete;

    void feed(const unsigned char* data, std::size_t size) {
        if (!inflating_) {
            add(data, size);
            return;
        }
        stream_.next_in = const_cast<unsigned char*>(data);
        stream_.avail_in = static_cast<uInt>(size);
        std::array<unsigned char, 1 << 16> out;
        while (stream_.avail_in > 0 && !broken_) {
            stream_.next_out = out.data();
            stream_.avail_out = out.size();
            const int rc = inflate(&stream_, Z_NO_FLUSH);
            add(out.data(), out.size() - stream_.avail_out);
            if (rc == Z_STREAM_END) break;
            if (rc != Z_OK) broken_ = true;
        }
    }

    // Empty when the entry is intact.
    std::string problem() const {
        if (broken_) return "its compressed data is damaged";
        if (produced_ != entry_.size)
            return "it holds " + std::to_string(produced_) + " bytes instead of " + std::to_string(entry_.size);
        if (crc_ != entry_.crc) return "its CRC-32 does not match";
        return {};
    }

private:
    void add(const unsigned char* data, std::size_t size) {
        crc_ = crc32_z(crc_, data, size);
        produced_ += size;
    }

    const ZipEntry& entry_;
    z_stream stream_{};
    bool inflating_ = false;
    bool broken_ = false;
    uLong crc_ = crc32_z(0, nullptr, 0);
    std::uint64_t produced_ = 0;
};

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

void checkCancel(const VerifyOptions& options) {
    if (options.cancel && options.cancel->load()) throw Cancelled();
}

// One front-to-back pass: every byte goes to the SHA-256 (when asked) and, when it lies in an
// entry's data, to that entry's CRC. The entries are sorted by offset and do not overlap.
void scanFile(std::ifstream& in, std::uint64_t size, const std::vector<ZipEntry>& entries, Sha256* sha,
              const VerifyOptions& options, const std::filesystem::path& file, std::vector<std::string>& problems) {
    constexpr std::size_t kChunk = 4 << 20;
    std::vector<unsigned char> buffer(kChunk);
    const bool needAllBytes = sha != nullptr;
    if (!needAllBytes && entries.empty()) return;
    std::size_t next = 0;  // next entry not yet finished
    std::optional<EntryChecksum> current;
    // Without a hash to feed, only the span holding entry data needs reading.
    std::uint64_t offset = needAllBytes ? 0 : entries.front().dataOffset;
    const std::uint64_t stop = needAllBytes ? size : entries.back().dataOffset + entries.back().compressedSize;

    auto finishEntry = [&] {
        if (const auto problem = current->problem(); !problem.empty())
            problems.push_back("The entry '" + entries[next].name + "' of " + quoted(file) + " is corrupt: " + problem +
                               ".");
        current.reset();
        ++next;
    };

    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    while (offset < stop) {
        checkCancel(options);
        const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, stop - offset));
        in.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(count));
        if (!in) {
            problems.push_back("Reading " + quoted(file) + " failed at byte " + std::to_string(offset) + ".");
            return;
        }
        if (sha) sha->update(buffer.data(), count);
        const std::uint64_t chunkEnd = offset + count;
        while (next < entries.size()) {
            const auto& entry = entries[next];
            const std::uint64_t entryEnd = entry.dataOffset + entry.compressedSize;
            const std::uint64_t from = std::max(offset, entry.dataOffset);
            const std::uint64_t to = std::min(chunkEnd, entryEnd);
            if (from > chunkEnd || (from == chunkEnd && entryEnd > from)) break;
            if (!current) current.emplace(entry);
            if (to > from) current->feed(buffer.data() + (from - offset), static_cast<std::size_t>(to - from));
            if (entryEnd > chunkEnd) break;
            finishEntry();
        }
        offset = chunkEnd;
        if (options.progress) options.progress(offset, stop);
    }
}

}  // namespace

std::span<const OfficialModelFile> officialModelFiles() { return kOfficialFiles; }

const OfficialModelFile* findOfficialModelFile(const std::string& name) {
    for (const auto& file : kOfficialFiles)
        if (name == file.name) return &file;
    return nullptr;
}

std::string modelFileUrl(const std::string& base, const std::string& name) {
    if (!base.empty() && base.back() == '/') return base + name;
    return base + "/" + name;
}

FileExpectation officialExpectation(const std::string& name) {
    FileExpectation expected;
    if (const auto* official = findOfficialModelFile(name)) expected.zipArchive = official->isTorchArchive;
    return expected;
}

VerifyResult verifyModelFile(const std::filesystem::path& file, const FileExpectation& expected,
                             const VerifyOptions& options) {
    VerifyResult result;
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) {
        result.problems.push_back("Cannot read " + quoted(file) + ": " + error.message() + ".");
        return result;
    }
    result.size = size;
    if (expected.size && *expected.size != size) {
        result.problems.push_back(quoted(file) + " has " + std::to_string(size) + " bytes, expected " +
                                  std::to_string(*expected.size) + ".");
        return result;  // a wrong size says enough; reading gigabytes more adds nothing
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        result.problems.push_back("Cannot open " + quoted(file) + " for reading.");
        return result;
    }

    std::vector<ZipEntry> entries;
    if (expected.zipArchive) {
        try {
            ArchiveFile archive(in, size);
            entries = readZipDirectory(archive);
        } catch (const ZipDamage& damage) {
            result.problems.push_back(quoted(file) + " is not an intact torch archive: " + damage.what + ".");
            return result;
        }
    }

    std::optional<Sha256> sha;
    if (expected.sha256 || options.computeSha256) sha.emplace();
    scanFile(in, size, entries, sha ? &*sha : nullptr, options, file, result.problems);
    result.zipEntries = entries.size();
    if (sha && result.problems.empty()) {
        result.sha256 = sha->hexDigest();
        if (expected.sha256 && lowercase(*expected.sha256) != result.sha256)
            result.problems.push_back("The SHA-256 of " + quoted(file) + " is " + result.sha256 + ", expected " +
                                      lowercase(*expected.sha256) + ".");
    }
    return result;
}

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
    if (!context_ || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(context_), EVP_sha256(), nullptr) != 1)
        throw Error("OpenSSL could not start a SHA-256 computation.");
}

Sha256::~Sha256() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha256::update(const void* data, std::size_t size) {
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), data, size);
}

std::string Sha256::hexDigest() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), digest, &length);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 15];
    }
    return hex;
}

}  // namespace flashface
