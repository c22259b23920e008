#pragma once

#include "pipeline/model_verify.h"

#include <filesystem>

namespace flashface::pipeline {

// Model files that passed verifyModelFile, remembered by absolute path, size and modification
// time in a small JSON record (verified-files.json under userCacheFolder()), so that every zip
// CRC of a file is checked on its first load only and a damaged file is never run.
class VerifiedFiles {
public:
    explicit VerifiedFiles(std::filesystem::path record);
    static std::filesystem::path defaultRecord();

    // Verifies `file` as `content` unless it is recorded as it is now; records it when intact.
    // Throws FileError listing the problems of a damaged file (and forgets it).
    void requireIntact(const std::filesystem::path& file, FileContent content, const VerifyOptions& options = {});

private:
    std::filesystem::path record_;
};

}  // namespace flashface::pipeline
