#include "pipeline/model_verify.h"

#include "checkpoint/format.h"
#include "checkpoint/mapped_file.h"
#include "checkpoint/zip.h"
#include "common/error.h"
#include "tokenizer/bpe_model.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <optional>

namespace flashface::pipeline {

namespace {

constexpr std::array<OfficialModelFile, 5> kOfficialFiles{{
    {"bpe_simple_vocab_16e6.txt.gz", "the CLIP tokenizer vocabulary", 1'360'000, FileContent::Vocabulary},
    {"retinaface_resnet50.pth", "the RetinaFace face detector", 110'000'000, FileContent::Checkpoint},
    {"sd-v1-vae.pth", "the Stable Diffusion 1.5 autoencoder", 335'000'000, FileContent::Checkpoint},
    {"openai-clip-vit-large-14.pth", "the CLIP ViT-L/14 text encoder", 1'710'000'000, FileContent::Checkpoint},
    {"flashface.ckpt", "the FlashFace reference UNet", 10'600'000'000, FileContent::Checkpoint},
}};

std::string quoted(const std::filesystem::path& file) {
    std::string text = file.string();
    text.insert(text.begin(), '\'');
    text.push_back('\'');
    return text;
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// One pass over the mapped file in order: every byte goes to the SHA-256 (when asked) and, when it
// lies in a zip entry's data, to that entry's CRC-32. Only the span holding entry data is read
// when no hash is wanted. Pages are dropped once checked, so a 10 GB file never stays resident.
void scanFile(const checkpoint::MappedFile& mapped, std::vector<checkpoint::ZipEntry> entries, Sha256* sha,
              const VerifyOptions& options, const std::filesystem::path& file, std::vector<std::string>& problems) {
    constexpr std::size_t kChunk = 8u << 20;
    const auto bytes = mapped.bytes();
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
    std::vector<uLong> crcs(entries.size(), crc32_z(0, nullptr, 0));
    std::uint64_t start = sha ? 0 : bytes.size(), stop = sha ? bytes.size() : 0;
    for (const auto& entry : entries) {
        start = std::min(start, entry.offset);
        stop = std::max(stop, entry.offset + entry.size);
    }
    std::size_t next = 0;  // the first entry not yet fully taken in
    for (std::uint64_t offset = start; offset < stop;) {
        throwIfCancelled(options.cancel);
        const auto chunk = bytes.subspan(offset, std::min<std::uint64_t>(kChunk, stop - offset));
        const std::uint64_t end = offset + chunk.size();
        if (sha) sha->update(chunk.data(), chunk.size());
        for (std::size_t k = next; k < entries.size() && entries[k].offset < end; ++k) {
            const std::uint64_t from = std::max(offset, entries[k].offset);
            const std::uint64_t to = std::min(end, entries[k].offset + entries[k].size);
            if (to > from) crcs[k] = crc32_z(crcs[k], reinterpret_cast<const Bytef*>(bytes.data() + from), to - from);
        }
        while (next < entries.size() && entries[next].offset + entries[next].size <= end) ++next;
        mapped.release(chunk);
        offset = end;
        if (options.progress) options.progress(offset - start, stop - start);
    }
    for (std::size_t k = 0; k < entries.size(); ++k)
        if (static_cast<std::uint32_t>(crcs[k]) != entries[k].crc32)
            problems.push_back("The entry '" + entries[k].name + "' of " + quoted(file) +
                               " is corrupt: its CRC-32 does not match.");
}

// The checkpoint as the loader reads it: format, state dict, storages, keys; then the zip CRCs.
void checkCheckpoint(const std::filesystem::path& file, const FileExpectation& expected, Sha256* sha,
                     const VerifyOptions& options, VerifyResult& result) {
    std::optional<checkpoint::MappedFile> mapped;
    std::vector<checkpoint::ZipEntry> entries;
    try {
        mapped.emplace(file);
        const auto index = checkpoint::parseCheckpoint(file, mapped->bytes());
        result.tensors = index.tensors.size();
        if (expected.keys) {
            std::vector<checkpoint::TensorShape> found;
            for (const auto& tensor : index.tensors) found.push_back({tensor.name, tensor.shape});
            checkpoint::checkKeys(file, *expected.keys, found);
        }
        if (index.format == checkpoint::Format::TorchZip) entries = checkpoint::readZipDirectory(file, mapped->bytes());
    } catch (const FileError& e) {
        result.problems.push_back(quoted(file) + " does not load: " + e.what() + ".");
        return;
    }
    scanFile(*mapped, entries, sha, options, file, result.problems);
    result.zipEntries = entries.size();
}

void checkVocabulary(const std::filesystem::path& file, VerifyResult& result) {
    try {
        tokenizer::clip::readMerges(file);
    } catch (const FileError& e) {
        result.problems.push_back(quoted(file) + " does not load: " + e.what());
    }
}

// Every byte into the SHA-256, for files whose content is not otherwise read.
void hashFile(const std::filesystem::path& file, Sha256& sha, const VerifyOptions& options,
              std::vector<std::string>& problems) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        problems.push_back("Cannot open " + quoted(file) + " for reading.");
        return;
    }
    const std::uint64_t size = std::filesystem::file_size(file);
    std::vector<char> buffer(4 << 20);
    std::uint64_t done = 0;
    while (in) {
        throwIfCancelled(options.cancel);
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        sha.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
        done += static_cast<std::uint64_t>(in.gcount());
        if (options.progress) options.progress(done, size);
    }
    if (in.bad()) problems.push_back("Reading " + quoted(file) + " failed at byte " + std::to_string(done) + ".");
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
    if (const auto* official = findOfficialModelFile(name)) expected.content = official->content;
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
    std::optional<Sha256> sha;
    if (expected.sha256 || options.computeSha256) sha.emplace();
    switch (expected.content) {
        case FileContent::Checkpoint: checkCheckpoint(file, expected, sha ? &*sha : nullptr, options, result); break;
        case FileContent::Vocabulary:
            checkVocabulary(file, result);
            if (sha) hashFile(file, *sha, options, result.problems);
            break;
        case FileContent::Unchecked:
            if (sha) hashFile(file, *sha, options, result.problems);
            break;
    }
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

}  // namespace flashface::pipeline
