#pragma once

#include "pipeline/model_files.h"
#include "pipeline/model_verify.h"

#include <filesystem>
#include <vector>

namespace flashface::pipeline {

struct ModelFileCheck {
    const char* officialName;  // which of officialModelFiles() it is
    std::filesystem::path path;
    FileExpectation expected;
};

// What `flashface models verify` checks of each file of `files`: what loading it needs — its
// format and, for the weights, every key and shape that the models built from their
// configurations load (no weight is read or allocated to learn them). FileError for a bad config.
std::vector<ModelFileCheck> modelFileChecks(const ModelFiles& files);

}  // namespace flashface::pipeline
