#pragma once

#include "checkpoint/key_check.h"
#include "common/cancel.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Integrity checks of weight files, shared by `flashface models verify`, the download manager and
// the first load of a file. They read files with the loader's own readers (checkpoint/format.h,
// the tokenizer's merges reader), so "intact" means "loads". No Qt and no libtorch.
namespace flashface::pipeline {

// How a file is read when it is used.
enum class FileContent {
    Unchecked,   // only size and SHA-256, when expected
    Checkpoint,  // a torch archive or .safetensors: its structure, keys and every zip entry's CRC-32
    Vocabulary,  // CLIP's gzip'd BPE merges: gzip integrity and the merge rules
};

// Where the official files live; a mirror replaces this prefix.
inline constexpr const char* kOfficialModelsBaseUrl = "https://huggingface.co/shilongz/FlashFace-SD1.5/resolve/main/";

struct OfficialModelFile {
    const char* name;
    const char* purpose;
    std::uint64_t approximateSize;  // bytes, for disk-space estimates before the server tells
    FileContent content;
};

// The five files a models folder needs, in download order (smallest first, so that a user
// with a slow line sees the quick ones complete).
std::span<const OfficialModelFile> officialModelFiles();
const OfficialModelFile* findOfficialModelFile(const std::string& name);

// `base` + `name`, with exactly one '/' between them.
std::string modelFileUrl(const std::string& base, const std::string& name);

// What is known about a file before looking at it. Unknown fields are not checked.
struct FileExpectation {
    std::optional<std::uint64_t> size;
    std::optional<std::string> sha256;  // hex, either case
    FileContent content = FileContent::Unchecked;
    // For a checkpoint: the keys and shapes its model loads (nn::expectedKeys); unset: not checked.
    std::optional<checkpoint::ExpectedKeys> keys;
};

struct VerifyOptions {
    // Called now and then with (bytes read, bytes to read).
    std::function<void(std::uint64_t, std::uint64_t)> progress;
    const CancelToken* cancel = nullptr;  // triggered → throws flashface::Cancelled
    bool computeSha256 = false;            // also when no sha256 is expected
};

struct VerifyResult {
    std::uint64_t size = 0;
    std::size_t zipEntries = 0;  // entries whose CRC-32 was checked
    std::size_t tensors = 0;     // tensors of a checkpoint
    std::string sha256;          // lowercase hex, when computed
    // Complete sentences, each naming the file and what is wrong; empty = intact.
    std::vector<std::string> problems;

    bool ok() const { return problems.empty(); }
};

// Reads the file front to back (a checkpoint through a memory map whose pages are dropped as
// they are checked). An unreadable or missing file is a problem, not an exception; only
// cancellation throws.
VerifyResult verifyModelFile(const std::filesystem::path& file, const FileExpectation& expected,
                             const VerifyOptions& options = {});

// The expectation for an official file by name (its content kind; keys are added by the caller
// that knows the architecture).
FileExpectation officialExpectation(const std::string& name);

// Incremental SHA-256, exposed for the download manager and for tests.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    std::string hexDigest();  // finishes the hash

private:
    void* context_;
};

}  // namespace flashface::pipeline
