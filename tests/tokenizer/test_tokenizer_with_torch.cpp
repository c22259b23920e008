// sentencepiece and libtorch in one process (docs/architecture.md, "Rules the layout keeps"): linked together they crash at
// start-up; with sentencepiece in the dlopen'ed flashface_spm module they must coexist.

#include "tokenizer/tokenizer.h"
#include "tokenizer_cases.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <link.h>

#include <string>
#include <vector>

namespace flashface::tokenizer {
namespace {

bool isLoaded(const std::string& library) {
    std::vector<std::string> names;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* out) {
            static_cast<std::vector<std::string>*>(out)->emplace_back(info->dlpi_name ? info->dlpi_name : "");
            return 0;
        },
        &names);
    for (const auto& name : names)
        if (name.find(library) != std::string::npos) return true;
    return false;
}

TEST(TokenizerWithTorch, TokenizesInAProcessThatLinksLibtorch) {
    // libtorch brings its own protobuf: Debian's links libprotobuf, PyPI's has it built in.
    ASSERT_TRUE(isLoaded("libtorch_cpu")) << "the test must run with libtorch in the process";

    const auto tokenizer = Tokenizer::fromMergesFile(test::mergesFile());
    EXPECT_TRUE(isLoaded("libsentencepiece")) << "the tokenizer must have loaded sentencepiece";

    const auto cases = test::readTokenizerCases("cases.jsonl");
    ASSERT_FALSE(cases.empty());
    for (const auto& c : cases) {
        auto ids = tokenizer.encode(c.at("text").get<std::string>());
        const auto tokens = at::from_blob(ids.data(), {static_cast<std::int64_t>(ids.size())}, at::kLong).clone();
        auto expected = c.at("ids").get<std::vector<std::int64_t>>();
        const auto reference =
            at::from_blob(expected.data(), {static_cast<std::int64_t>(expected.size())}, at::kLong).clone();
        EXPECT_TRUE(at::equal(tokens, reference)) << c.at("text");
    }
}

}  // namespace
}  // namespace flashface::tokenizer
