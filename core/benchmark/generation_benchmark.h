#pragma once

// Whole generations at full size with random weights, timed stage by stage through the shipping
// sampling loop (pipeline/sampling.h), in the optimised computation and the original's, and a
// second optimised run with the same references (its reference latents and features cached, as
// the application's next run has them), interleaved in one process so that their ratios hold on
// a busy machine. No real weights are needed.

#include "benchmark/operator_profile.h"
#include "models/autoencoder.h"
#include "models/clip_text.h"
#include "models/unet.h"
#include "pipeline/request.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace flashface::benchmark {

struct GenerationBenchmarkOptions {
    int width = 512, height = 512;  // multiples of 8
    int references = 4;
    int images = 1;
    // With the default launch step, 2 steps are one of each kind: 2 condition groups (t = 999)
    // and 3 (t = 499, reference guidance).
    int steps = 2;
    int launchStep = 750;
    int repeats = 1;  // each computation runs this often, alternating
    pipeline::DeviceChoice device = pipeline::DeviceChoice::Auto;
    pipeline::PrecisionChoice precision = pipeline::PrecisionChoice::Auto;
    std::vector<models::UNetComputation> computations = {models::UNetComputation::Original,
                                                         models::UNetComputation::Optimised};
    // With the optimised computation: a second run that finds the first one's reference latents
    // and features (pipeline/reference_feature_cache.h) as the application's next run does.
    bool cachedRun = true;
    // The optimised computation's tensors come from the reusing CPU allocator (as in the
    // application); false: both on libtorch's, to compare the algorithms alone.
    bool reuseMemory = true;
    // Each stage's time by libtorch operator (libtorch's profiler; adds a little overhead).
    bool profileOperators = false;
    // The networks' sizes: the real FlashFace-SD1.5 ones by default.
    models::ClipTextConfig clip;
    models::AutoencoderConfig vae;
    models::UNetConfig unet;
    std::uint64_t seed = 0;
};

// The stages, in order; per-step stages are reported per step. "main UNet, k groups" is the rest
// of a step with k condition groups after its reference pass (the main pass, then the guidance's
// and the sampler's arithmetic); "step, k groups" the whole step: reference pass plus main UNet.
inline const std::array<const char*, 9> kStages = {
    "text encoding",  "reference encoding", "reference pass", "main UNet, 2 groups", "main UNet, 3 groups",
    "step, 2 groups", "step, 3 groups",     "VAE decode",     "whole run"};

struct StageMeasurement {
    std::string stage;
    double seconds = 0;    // per occurrence (per step for per-step stages)
    int occurrences = 0;   // 0: the run had no such stage
    std::int64_t peakBytes = 0;   // resident memory peak of the process during the stage
    std::int64_t extraBytes = 0;  // that peak above the resident memory when the stage began
    std::int64_t gpuPeakBytes = 0;  // on CUDA: the tensors' peak in the caching allocator
    std::vector<OperatorTime> operators = {};  // with profileOperators: self times per occurrence
};

// What a run measures: the original's computation; the optimised one as a first run (its
// reference features computed, and kept for the next); the optimised one as the next run with the
// same references (latents and features from the first).
enum class RunKind { Original, Optimised, Cached };

struct RunMeasurement {
    RunKind kind = RunKind::Optimised;
    int repeat = 0;
    int referenceHits = 0;  // reference passes answered by the cache
    std::vector<StageMeasurement> stages;  // one per kStages entry
    at::Tensor images;                     // [n, 3, H, W] float32 in [-1, 1], to compare computations
};

struct GenerationBenchmarkReport {
    GenerationBenchmarkOptions options;
    std::string device;  // e.g. "CPU float32, 2 threads"
    bool gpu = false;
    std::string libtorch;  // see libtorchBuild()
    std::string waitPolicy;  // OMP_WAIT_POLICY as set, or "" (libgomp's default: spin, then sleep)
    std::array<double, 3> loadBefore{}, loadAfter{};
    double setupSeconds = 0;  // building the networks with random weights
    std::int64_t weightBytes = 0;
    bool peakMemoryResets = false;  // false: per-stage peaks count from the process start
    std::vector<RunMeasurement> runs;
    // Largest |difference| between the first run's images and each other computation's.
    double maxImageDifference = 0;
    // Largest |difference| between a cached run's images and its first run's (0: bit for bit).
    double cachedImageDifference = 0;
    // The reference features of one model timestep, as the cache holds them.
    std::int64_t referenceFeatureBytes = 0;
};

// Runs the benchmark; `log` receives one line per finished run.
GenerationBenchmarkReport runGenerationBenchmark(const GenerationBenchmarkOptions& options,
                                                 const std::function<void(const std::string&)>& log = {});

const char* runName(RunKind kind);

// The median over repeats of a stage's seconds for one kind of run (0 if it never occurred).
double medianSeconds(const GenerationBenchmarkReport& report, RunKind kind, const std::string& stage);

// Every number of the report, per run, plus the medians and the ratios between kinds of run.
nlohmann::json toJson(const GenerationBenchmarkReport& report);

// A table for people: per stage the median seconds and peak memory of each kind of run and
// their ratios, with the conditions of the measurement above it.
std::string formatReport(const GenerationBenchmarkReport& report);

}  // namespace flashface::benchmark
