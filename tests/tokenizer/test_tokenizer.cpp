#include "tokenizer/tokenizer.h"

#include "common/error.h"
#include "tokenizer/spm_model.h"
#include "support/fixtures.h"
#include "tokenizer_cases.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace flashface::tokenizer {
namespace {

class TokenizerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { tokenizer_ = new Tokenizer(Tokenizer::fromMergesFile(test::mergesFile())); }
    static void TearDownTestSuite() {
        delete tokenizer_;
        tokenizer_ = nullptr;
    }
    static const Tokenizer& tokenizer() { return *tokenizer_; }

    // "a a a ... a", n times: n tokens.
    static std::string repeatedWord(int n) {
        std::string prompt;
        for (int i = 0; i < n; ++i) prompt += i ? " a" : "a";
        return prompt;
    }

private:
    static inline Tokenizer* tokenizer_ = nullptr;
};

// Cases generated with the original tokenizer by tools/gen_tokenizer_cases.py.
std::filesystem::path generatedCases(const std::string& name) {
    return std::filesystem::path(FLASHFACE_TOKENIZER_TEST_DATA) / name;
}

// Every case's ids, with the first few prompts that differ when some do (there are thousands).
::testing::AssertionResult matchesEveryCase(const Tokenizer& tokenizer, const std::vector<nlohmann::json>& cases,
                                            Tokenizer::Padding padding) {
    if (cases.empty()) return ::testing::AssertionFailure() << "no cases";
    constexpr int kShown = 10;
    int differing = 0;
    std::string shown;
    for (const auto& c : cases) {
        const auto text = c.at("text").get<std::string>();
        if (tokenizer.encode(text, padding) == c.at("ids").get<std::vector<std::int64_t>>()) continue;
        if (differing++ < kShown) shown += "\n  " + nlohmann::json(text).dump();
    }
    if (differing == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << differing << " of " << cases.size() << " cases differ, among them:" << shown;
}

// The prompt tokens a case's ids keep, from its zero-padded ids: what lies between the
// start marker and the last non-zero id, the end marker. (A prompt may hold the literal
// <|endoftext|>, and id 0 is "!", so neither the first end id nor the non-zero ids tell.)
int keptTokens(const std::vector<std::int64_t>& zeroPaddedIds) {
    const auto last = std::find_if(zeroPaddedIds.rbegin(), zeroPaddedIds.rend(), [](auto id) { return id != 0; });
    return static_cast<int>(zeroPaddedIds.rend() - last) - 2;
}

void expectCountsAgreeWithIds(const Tokenizer& tokenizer, const std::vector<nlohmann::json>& zeroPaddedCases) {
    ASSERT_FALSE(zeroPaddedCases.empty());
    for (const auto& c : zeroPaddedCases) {
        const auto text = c.at("text").get<std::string>();
        const auto count = tokenizer.count(text);
        const auto kept = keptTokens(c.at("ids").get<std::vector<std::int64_t>>());
        EXPECT_EQ(std::min(count.tokens, Tokenizer::kMaxPromptTokens), kept) << text;
        EXPECT_EQ(count.truncated, count.tokens > Tokenizer::kMaxPromptTokens) << text;
    }
}

TEST_F(TokenizerTest, MatchesEveryFixtureCaseWithEndOfTextPadding) {
    EXPECT_TRUE(matchesEveryCase(tokenizer(), test::readTokenizerCases("cases.jsonl"), Tokenizer::Padding::EndOfText));
}

TEST_F(TokenizerTest, MatchesEveryFixtureCaseWithZeroPadding) {
    EXPECT_TRUE(
        matchesEveryCase(tokenizer(), test::readTokenizerCases("cases_zero_padding.jsonl"), Tokenizer::Padding::Zero));
}

TEST_F(TokenizerTest, MatchesTheOriginalOnGeneratedCasesWithEndOfTextPadding) {
    EXPECT_TRUE(matchesEveryCase(tokenizer(), test::readCaseFile(generatedCases("cases.jsonl")),
                                 Tokenizer::Padding::EndOfText));
}

TEST_F(TokenizerTest, MatchesTheOriginalOnGeneratedCasesWithZeroPadding) {
    EXPECT_TRUE(matchesEveryCase(tokenizer(), test::readCaseFile(generatedCases("cases_zero_padding.jsonl")),
                                 Tokenizer::Padding::Zero));
}

TEST_F(TokenizerTest, BatchIsRowsOfSingleEncodes) {
    std::vector<std::string> prompts;
    for (const auto& c : test::readTokenizerCases("cases.jsonl")) prompts.push_back(c.at("text").get<std::string>());
    const auto batch = tokenizer().encodeBatch(prompts, Tokenizer::Padding::Zero);
    ASSERT_EQ(batch.size(), prompts.size() * Tokenizer::kContextLength);
    for (std::size_t i = 0; i < prompts.size(); ++i) {
        const std::vector<std::int64_t> row(batch.begin() + i * Tokenizer::kContextLength,
                                            batch.begin() + (i + 1) * Tokenizer::kContextLength);
        EXPECT_EQ(row, tokenizer().encode(prompts[i], Tokenizer::Padding::Zero)) << prompts[i];
    }
}

TEST_F(TokenizerTest, CountsPromptTokensWithoutMarkers) {
    const auto a = tokenizer().tokenize("a");
    ASSERT_EQ(a.size(), 1U);
    for (const int n : {0, 1, 40, Tokenizer::kMaxPromptTokens}) {
        const auto count = tokenizer().count(repeatedWord(n));
        EXPECT_EQ(count.tokens, n);
        EXPECT_FALSE(count.truncated) << n << " tokens fit";
    }
    const auto ids = tokenizer().encode(repeatedWord(40));
    EXPECT_EQ(std::count(ids.begin(), ids.end(), a[0]), 40);
}

TEST_F(TokenizerTest, CutsPromptsPastTheLimitAndSaysSo) {
    for (const int n : {Tokenizer::kMaxPromptTokens + 1, 200}) {
        const auto count = tokenizer().count(repeatedWord(n));
        EXPECT_EQ(count.tokens, n);
        EXPECT_TRUE(count.truncated) << n << " tokens do not fit";
        const auto ids = tokenizer().encode(repeatedWord(n));
        ASSERT_EQ(ids.size(), static_cast<std::size_t>(Tokenizer::kContextLength));
        EXPECT_EQ(ids.front(), Tokenizer::kStartOfText);
        EXPECT_EQ(ids.back(), Tokenizer::kEndOfText);
        EXPECT_EQ(std::count(ids.begin(), ids.end(), tokenizer().tokenize("a")[0]), Tokenizer::kMaxPromptTokens);
    }
}

TEST_F(TokenizerTest, CountAgreesWithFixtureIds) {
    expectCountsAgreeWithIds(tokenizer(), test::readTokenizerCases("cases_zero_padding.jsonl"));
}

TEST_F(TokenizerTest, CountAgreesWithGeneratedIds) {
    expectCountsAgreeWithIds(tokenizer(), test::readCaseFile(generatedCases("cases_zero_padding.jsonl")));
}

TEST_F(TokenizerTest, RejectsInvalidUtf8) {
    EXPECT_THROW(tokenizer().encode("caf\xC3"), InvalidRequest);
    EXPECT_THROW(tokenizer().count("\xFF\xFE"), InvalidRequest);
}

class MergesFileTest : public ::testing::Test {
protected:

    std::filesystem::path writeFile(const std::string& name, const std::string& bytes) const {
        const auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

    std::filesystem::path writeGzip(const std::string& name, const std::string& text) const {
        const auto path = dir_ / name;
        gzFile out = gzopen(path.c_str(), "wb");
        gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
        gzclose(out);
        return path;
    }

    // Expects FileError naming `path`, with `detail` in the message.
    static void expectFileError(const std::filesystem::path& path, const std::string& detail) {
        try {
            Tokenizer::fromMergesFile(path);
            ADD_FAILURE() << "no error for " << path;
        } catch (const FileError& e) {
            EXPECT_EQ(e.file(), path);
            EXPECT_NE(std::string(e.what()).find(detail), std::string::npos) << e.what();
        }
    }

    test::TempDir temp_;
    const std::filesystem::path dir_ = temp_.path();
};

TEST_F(MergesFileTest, MissingFile) {
    expectFileError(dir_ / "bpe_simple_vocab_16e6.txt.gz", "does not exist");
}

TEST_F(MergesFileTest, NotAMergesFile) {
    expectFileError(writeFile("garbage.txt.gz", "header\nthis is not\x01 a merges file\n"), "not a merge rule");
}

TEST_F(MergesFileTest, TruncatedGzip) {
    std::ifstream in(test::mergesFile(), std::ios::binary);
    const std::string whole((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(whole.size(), 1000U);
    expectFileError(writeFile("truncated.txt.gz", whole.substr(0, whole.size() / 2)), "truncated");
}

TEST_F(MergesFileTest, AGzipBombIsRefusedBeforeItFillsMemory) {
    // 100 MB of zeros deflate to about 100 kB.
    expectFileError(writeGzip("bomb.txt.gz", std::string(std::size_t{100} << 20, '\0')), "inflates to more than");
}

TEST_F(MergesFileTest, TooFewMerges) {
    expectFileError(writeGzip("short.txt.gz", "#version: 0.2\nt h\nth e</w>\n"), "holds 2 merge rules");
}

TEST(SpmModule, IsLoadedFromTheBuildTreeOrTheOverride) {
    // Loading the tokenizer loads the module; its path is one of the documented places.
    Tokenizer::fromMergesFile(test::mergesFile());
    EXPECT_TRUE(std::filesystem::is_regular_file(SpmModel::modulePath())) << SpmModel::modulePath();
}

TEST(SpmModuleDeathTest, MissingModuleIsAClearError) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");  // a fresh process: the module loads once per process
    EXPECT_EXIT(
        {
            ::setenv("FLASHFACE_SPM_MODULE", "/nonexistent/libflashface_spm.so", 1);
            try {
                Tokenizer::fromMergesFile(test::mergesFile());
            } catch (const Error& e) {
                const std::string message = e.what();
                const bool clear = message.find("/nonexistent/libflashface_spm.so") != std::string::npos &&
                                   message.find("FLASHFACE_SPM_MODULE") != std::string::npos;
                std::exit(clear ? 3 : 2);
            }
            std::exit(1);
        },
        ::testing::ExitedWithCode(3), "");
}

}  // namespace
}  // namespace flashface::tokenizer
