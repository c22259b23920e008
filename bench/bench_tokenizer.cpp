// Tokenizer throughput: prompts per second on a batch of long prompts (cut at 75 tokens),
// against two baselines from the same run: short prompts, and text cleaning alone.
// Fixtures: $FLASHFACE_FIXTURES/tokenizer (merges file and the prompts of cases.jsonl).

#include "tokenizer/text_clean.h"
#include "tokenizer/tokenizer.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

namespace {

using flashface::tokenizer::Tokenizer;

std::filesystem::path fixtureRoot() {
    if (const char* env = std::getenv("FLASHFACE_FIXTURES"); env && *env) return env;
    return FLASHFACE_DEFAULT_FIXTURES;
}

std::vector<std::string> fixturePrompts() {
    const auto file = fixtureRoot() / "tokenizer/cases.jsonl";
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open " + file.string() + " (set FLASHFACE_FIXTURES)");
    std::vector<std::string> prompts;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) prompts.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
    return prompts;
}

struct Workload {
    flashface::tokenizer::Tokenizer tokenizer = flashface::tokenizer::Tokenizer::fromMergesFile(fixtureRoot() / "tokenizer/bpe_simple_vocab_16e6.txt.gz");
    std::vector<std::string> shortPrompts;  // the fixture prompts under 80 characters
    std::vector<std::string> longPrompts;   // fixture prompts joined until past the 75-token limit

    Workload() {
        const auto prompts = fixturePrompts();
        for (const auto& p : prompts)
            if (!p.empty() && p.size() < 80) shortPrompts.push_back(p);
        for (std::size_t first = 0; first < prompts.size(); ++first) {
            std::string prompt;
            for (std::size_t i = first; !tokenizer.count(prompt).truncated; i = (i + 1) % prompts.size())
                prompt += prompts[i] + ", ";
            longPrompts.push_back(prompt);
        }
    }
};

const Workload& workload() {
    static const Workload w;
    return w;
}

void encodeBatch(benchmark::State& state, const std::vector<std::string>& prompts) {
    for (auto _ : state) benchmark::DoNotOptimize(workload().tokenizer.encodeBatch(prompts));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(prompts.size()));
}

void BM_EncodeLongPrompts(benchmark::State& state) { encodeBatch(state, workload().longPrompts); }
void BM_EncodeShortPrompts(benchmark::State& state) { encodeBatch(state, workload().shortPrompts); }

void BM_CleanLongPrompts(benchmark::State& state) {
    const auto& prompts = workload().longPrompts;
    for (auto _ : state)
        for (const auto& p : prompts) benchmark::DoNotOptimize(flashface::tokenizer::cleanPrompt(p));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(prompts.size()));
}

BENCHMARK(BM_EncodeLongPrompts)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EncodeShortPrompts)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CleanLongPrompts)->Unit(benchmark::kMicrosecond);

// Prints, after the usual table, the long-prompt rate relative to the baselines.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs)
            if (const auto it = run.counters.find("items_per_second"); it != run.counters.end())
                rates_[run.run_name.function_name] = it->second.value;
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        const double full = rates_["BM_EncodeLongPrompts"];
        if (full <= 0) return;
        std::cout << "long prompts: " << full << " prompts/s\n"
                  << "  short prompts are " << rates_["BM_EncodeShortPrompts"] / full << "x as fast per prompt\n"
                  << "  cleaning alone takes " << full / rates_["BM_CleanLongPrompts"] * 100
                  << "% of the full encode\n";
    }

private:
    std::map<std::string, double> rates_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    const auto& w = workload();
    std::cout << w.longPrompts.size() << " long prompts (" << w.longPrompts.front().size() << "+ bytes), "
              << w.shortPrompts.size() << " short prompts\n";
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
}
