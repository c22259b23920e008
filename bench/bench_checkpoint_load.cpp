// Loading the UNet's weights in float16, as on CUDA: from the float32 .pth (converted on every
// start) against the float16 .safetensors cache the pipeline writes on the first start. Each load
// runs in a fresh process (this program re-executed) so that its peak resident memory is its own.
// The checkpoint is random, written into a temporary folder with the fixture UNet's keys (aliases
// included, as in flashface.ckpt) at a larger width:
//   bench_checkpoint_load [--dim=N (default 96; the fixture's is 32, the real model's 320)]
// FLASHFACE_FIXTURES names the fixture root (default: the shared fixtures beside the checkout).

#include "checkpoint/checkpoint.h"
#include "checkpoint/checkpoint_files.h"
#include "models/unet.h"
#include "nn/load_state.h"
#include "pipeline/weights_cache.h"

#include <ATen/ATen.h>
#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

namespace {

namespace fs = std::filesystem;
using flashface::models::UNet;
using flashface::models::UNetConfig;
namespace test = flashface::test;

fs::path fixtureRoot() {
    const char* env = std::getenv("FLASHFACE_FIXTURES");
    return env && *env ? fs::path(env) : fs::path(FLASHFACE_DEFAULT_FIXTURES);
}

nlohmann::json scaledConfig(int dim) {
    std::ifstream in(fixtureRoot() / "unet/config.json");
    if (!in) throw std::runtime_error("cannot read " + (fixtureRoot() / "unet/config.json").string());
    auto json = nlohmann::json::parse(in);
    json["dim"] = dim;
    return json;
}

// The fixture checkpoint's keys with the shapes of the wider model; aliases take their original's.
void writeRandomCheckpoint(const nlohmann::json& config, const fs::path& file) {
    UNet unet(UNetConfig::fromJson(config, file));
    std::map<std::string, std::vector<std::int64_t>> shapes;
    for (const auto& p : unet.parameters()) shapes[p.name] = p.shape;
    // "ori_encoder.x" → "encoder.x", "ref_middle.x" → "middle.x".
    const auto original = [](const std::string& name) {
        const bool alias = name.rfind("ori_", 0) == 0 || name.rfind("ref_middle.", 0) == 0;
        return alias ? name.substr(4) : name;
    };
    std::vector<test::TensorSpec> specs;
    std::vector<std::pair<std::string, test::Bytes>> storages;
    std::mt19937 random(7);
    std::normal_distribution<float> normal(0.0f, 0.05f);
    const auto fixture = flashface::checkpoint::Checkpoint::open(fixtureRoot() / "unet/weights.pth");
    for (const auto& info : fixture.tensors()) {
        const auto it = shapes.find(original(info.name));
        if (it == shapes.end()) throw std::runtime_error("no parameter for key " + info.name);
        std::vector<std::int32_t> shape(it->second.begin(), it->second.end()), strides(shape.size(), 1);
        std::int64_t numel = 1;
        for (std::size_t i = shape.size(); i-- > 0;) strides[i] = static_cast<std::int32_t>(numel), numel *= shape[i];
        const std::string key = std::to_string(specs.size());
        specs.push_back({info.name, "FloatStorage", key, numel, 0, shape, strides});
        test::Bytes data(static_cast<std::size_t>(numel) * 4);
        for (std::int64_t i = 0; i < numel; ++i) {
            const float value = normal(random);
            std::memcpy(data.data() + i * 4, &value, 4);
        }
        storages.emplace_back(key, std::move(data));
    }
    const auto bytes = test::torchCheckpoint(test::stateDictPickle(specs), storages, true);
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
}

// In the child: one load into float16, then "seconds peak-RSS-KiB" on stdout.
int childLoad(const nlohmann::json& config, const fs::path& checkpoint) {
    const auto start = std::chrono::steady_clock::now();
    UNet unet(UNetConfig::fromJson(config, checkpoint));
    flashface::nn::LoadOptions options;
    options.dtype = at::kHalf;
    options.expectedExtras = UNet::skippedCheckpointKeys();
    flashface::nn::loadState(unet, flashface::checkpoint::Checkpoint::open(checkpoint), options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%.6f %ld\n", seconds, usage.ru_maxrss);
    return 0;
}

struct Setup {
    int dim = 96;
    fs::path folder, pth, cache;
    double cacheWriteSeconds = 0;
};
Setup gSetup;
std::map<std::string, std::pair<double, double>> gLast;  // name → (seconds, peak MiB) of the last iteration

void loadInChild(benchmark::State& state, const fs::path& file, const std::string& name) {
    const std::string command =
        "/proc/" + std::to_string(::getpid()) + "/exe --child --dim=" + std::to_string(gSetup.dim) + " '" + file.string() + "'";
    for (auto _ : state) {
        FILE* pipe = ::popen(command.c_str(), "r");
        double seconds = 0;
        long rssKiB = 0;
        const int read = pipe ? std::fscanf(pipe, "%lf %ld", &seconds, &rssKiB) : 0;
        if (!pipe || ::pclose(pipe) != 0 || read != 2) {
            state.SkipWithError("the loading child failed");
            return;
        }
        state.SetIterationTime(seconds);
        state.counters["peak_rss_MiB"] = double(rssKiB) / 1024.0;
        gLast[name] = {seconds, double(rssKiB) / 1024.0};
    }
    state.counters["file_MiB"] = double(fs::file_size(file)) / (1024.0 * 1024.0);
}

void BM_LoadFloat32Pth(benchmark::State& state) { loadInChild(state, gSetup.pth, "pth"); }
void BM_LoadFloat16Cache(benchmark::State& state) { loadInChild(state, gSetup.cache, "cache"); }
BENCHMARK(BM_LoadFloat32Pth)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_LoadFloat16Cache)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

int main(int argc, char** argv) {
    std::vector<char*> rest{argv[0]};
    bool child = false;
    fs::path childFile;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--child") child = true;
        else if (arg.rfind("--dim=", 0) == 0) gSetup.dim = std::stoi(arg.substr(6));
        else if (child) childFile = arg;
        else rest.push_back(argv[i]);
    }
    if (child) return childLoad(scaledConfig(gSetup.dim), childFile);

    gSetup.folder = fs::temp_directory_path() / ("flashface-bench-load-" + std::to_string(::getpid()));
    fs::create_directories(gSetup.folder);
    gSetup.pth = gSetup.folder / "flashface.ckpt";
    writeRandomCheckpoint(scaledConfig(gSetup.dim), gSetup.pth);
    // The first start's extra cost, once.
    const auto start = std::chrono::steady_clock::now();
    gSetup.cache = flashface::pipeline::openThroughFloat16Cache(gSetup.pth, UNet::skippedCheckpointKeys()).path();
    gSetup.cacheWriteSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    int count = static_cast<int>(rest.size());
    benchmark::Initialize(&count, rest.data());
    benchmark::AddCustomContext("unet_dim", std::to_string(gSetup.dim));
    benchmark::AddCustomContext("cache_write_s", std::to_string(gSetup.cacheWriteSeconds));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (gLast.count("pth") && gLast.count("cache"))
        std::printf("float32 .pth / float16 cache: load time %.2fx, peak RSS %.2fx (cache written once in %.2f s)\n",
                    gLast["pth"].first / gLast["cache"].first, gLast["pth"].second / gLast["cache"].second,
                    gSetup.cacheWriteSeconds);
    fs::remove_all(gSetup.folder);
    return 0;
}
