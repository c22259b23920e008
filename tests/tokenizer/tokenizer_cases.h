#pragma once

#include "support/fixtures.h"

#include <fstream>
#include <string>
#include <vector>

namespace flashface::test {

// One {"text", "ids"} object per line of a tokenizer case file.
inline std::vector<nlohmann::json> readCaseFile(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open " + file.string());
    std::vector<nlohmann::json> cases;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) cases.push_back(nlohmann::json::parse(line));
    return cases;
}

// The fixture set's tokenizer/<name>.
inline std::vector<nlohmann::json> readTokenizerCases(const std::string& name) {
    return readCaseFile(fixture("tokenizer/" + name));
}

inline std::filesystem::path mergesFile() {
    return fixture("tokenizer/bpe_simple_vocab_16e6.txt.gz");
}

}  // namespace flashface::test
