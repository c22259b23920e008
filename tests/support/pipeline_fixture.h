#pragma once

// Facts of the fixture set's pipeline/ run that several tests need, read from its config.json
// (fixture sets differ in how many reference crops and images a run has, and in their sizes).

#include "support/fixtures.h"

#include <filesystem>
#include <string>
#include <vector>

namespace flashface::test {

// pipeline/config.json `ref_files`: the reference crops of the run, in order, as paths.
inline std::vector<std::filesystem::path> pipelineReferenceFiles() {
    const auto config = readJson(fixture("pipeline/config.json"));
    std::vector<std::filesystem::path> files;
    for (const auto& name : config.at("ref_files")) files.push_back(fixture("pipeline/" + name.get<std::string>()));
    return files;
}

}  // namespace flashface::test
