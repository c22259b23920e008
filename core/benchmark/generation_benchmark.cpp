#include "benchmark/generation_benchmark.h"

#include "benchmark/random_weights.h"
#include "benchmark/system_probe.h"
#include "common/cpu_memory.h"
#include "common/error.h"
#include "pipeline/compute_device.h"
#include "pipeline/face_mask.h"
#include "pipeline/reference_feature_cache.h"
#include "pipeline/references.h"
#include "pipeline/sampling.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>
#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

namespace flashface::benchmark {

namespace {

using Clock = std::chrono::steady_clock;
using models::UNetComputation;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void validate(const GenerationBenchmarkOptions& o) {
    if (o.width <= 0 || o.height <= 0 || o.width % 8 || o.height % 8)
        throw InvalidRequest("The image size must be positive multiples of 8, got " + std::to_string(o.width) + "x" +
                             std::to_string(o.height) + ".");
    if (o.references < 1 || o.images < 1 || o.steps < 1 || o.repeats < 1)
        throw InvalidRequest("References, images, steps and repeats must each be at least 1.");
    if (o.computations.empty()) throw InvalidRequest("Choose at least one computation to measure.");
}

// The kinds of run of one round, in turn order: a cached run comes after its first run.
std::vector<RunKind> runKinds(const GenerationBenchmarkOptions& o) {
    std::vector<RunKind> kinds;
    for (const auto c : o.computations) kinds.push_back(c == UNetComputation::Original ? RunKind::Original : RunKind::Optimised);
    if (o.cachedRun && std::find(kinds.begin(), kinds.end(), RunKind::Optimised) != kinds.end())
        kinds.push_back(RunKind::Cached);
    return kinds;
}

struct Networks {
    models::ClipTextEncoder clip;
    models::Autoencoder vae;
    models::UNet unet;

    explicit Networks(const GenerationBenchmarkOptions& o) : clip(o.clip), vae(o.vae), unet(o.unet) {}

    std::int64_t bytes() {
        std::int64_t total = 0;
        for (nn::Module* m : {static_cast<nn::Module*>(&clip), static_cast<nn::Module*>(&vae),
                              static_cast<nn::Module*>(&unet)})
            for (const auto& p : m->parameters()) total += static_cast<std::int64_t>(p.tensor->nbytes());
        return total;
    }
};

// The random inputs of a generation, the same for every run.
struct Inputs {
    at::Tensor positiveTokens, negativeTokens;  // [1, textLen]
    at::Tensor faces;                           // [R, 3, 224, 224] in [-1, 1]
    at::Tensor noise;                           // [n, 4, h, w]
};

Inputs randomInputs(const GenerationBenchmarkOptions& o) {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(o.seed + 1);
    const auto ids = at::TensorOptions().dtype(at::kLong);
    Inputs in;
    in.positiveTokens = at::randint(o.clip.vocabSize, {1, o.clip.textLen}, generator, ids);
    in.negativeTokens = at::randint(o.clip.vocabSize, {1, o.clip.textLen}, generator, ids);
    in.faces = at::rand({o.references, 3, 224, 224}, generator, at::TensorOptions()).mul_(2).sub_(1);
    std::vector<at::Tensor> noise;
    for (int i = 0; i < o.images; ++i)
        noise.push_back(pipeline::seededNoise(static_cast<std::uint32_t>(o.seed) + static_cast<std::uint32_t>(i),
                                    o.unet.inDim, o.height / 8, o.width / 8));
    in.noise = at::cat(noise);
    return in;
}

// Runs several generations, one per thread, taking turns stage by stage: only one computes at a
// time, and the computations alternate at every stage, so a change in the machine's load over
// minutes affects them alike.
class TakeTurns {
public:
    explicit TakeTurns(std::size_t players) : done_(players, false) {}

    void wait(std::size_t me) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return turn_ == me; });
    }
    // Hands the turn to the next player still playing; `finished`: `me` leaves the game.
    void pass(std::size_t me, bool finished) {
        {
            std::lock_guard lock(mutex_);
            done_[me] = finished;
            for (std::size_t step = 1; step <= done_.size(); ++step) {
                const auto next = (me + step) % done_.size();
                if (!done_[next]) {
                    turn_ = next;
                    break;
                }
            }
        }
        changed_.notify_all();
        if (!finished) wait(me);
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t turn_ = 0;
    std::vector<bool> done_;
};

// Times stage occurrences and their resident memory peaks, then gives the turn away.
class StageClock {
public:
    // reuseMemory: the generation's tensors come from the reusing CPU allocator.
    StageClock(c10::Device device, bool peakResets, TakeTurns& turns, std::size_t player, bool reuseMemory,
               bool profile)
        : device_(device), peakResets_(peakResets), turns_(turns), player_(player), reuseMemory_(reuseMemory),
          profile_(profile) {
        turns_.wait(player_);
        startTurn();
    }

    template <class F>
    auto measure(StageMeasurement& stage, F&& work) {
        begin();
        auto result = work();
        end(stage);
        return result;
    }

    // A stage from here to end(): for work that calls back at its end (the sampling loop).
    void begin() {
        if (peakResets_) resetPeakMemory();
        pipeline::resetGpuMemoryPeak(device_);
        before_ = memoryUsage().current;
        if (profile_) profiler_.emplace();
        start_ = Clock::now();
    }

    void end(StageMeasurement& stage) {
        pipeline::synchronize(device_);
        stage.seconds += secondsSince(start_);
        ++stage.occurrences;
        if (profiler_) {
            mergeOperatorTimes(stage.operators, profiler_->stop());
            profiler_.reset();
        }
        const auto usage = memoryUsage();
        stage.peakBytes = std::max(stage.peakBytes, usage.peak);
        stage.extraBytes = std::max(stage.extraBytes, usage.peak - before_);
        stage.gpuPeakBytes = std::max(stage.gpuPeakBytes, pipeline::gpuMemoryPeak(device_).allocatedBytes);
        pause(false);
    }

    // Gives the turn to the other generations (for good when `finished`).
    void pause(bool finished) {
        active_ += secondsSince(activeSince_);
        turns_.pass(player_, finished);
        if (!finished) startTurn();
    }

    // Seconds this generation has computed so far (its turns only).
    double activeSeconds() const { return active_ + secondsSince(activeSince_); }

private:
    void startTurn() {
        reuseCpuMemory(reuseMemory_);
        activeSince_ = Clock::now();
    }

    c10::Device device_;
    bool peakResets_;
    TakeTurns& turns_;
    std::size_t player_;
    bool reuseMemory_;
    bool profile_;
    std::optional<OperatorProfile> profiler_;
    Clock::time_point activeSince_;
    double active_ = 0;
    Clock::time_point start_;
    std::int64_t before_ = 0;
};

const StageMeasurement& stageNamed(const RunMeasurement& run, const std::string& name) {
    for (const auto& stage : run.stages)
        if (stage.stage == name) return stage;
    throw std::logic_error("no benchmark stage named " + name);
}

StageMeasurement& stageNamed(RunMeasurement& run, const std::string& name) {
    return const_cast<StageMeasurement&>(stageNamed(std::as_const(run), name));
}

// What a round's first optimised run leaves for its cached run.
struct FirstRun {
    at::Tensor refLatents;
    pipeline::ReferenceFeatureCache cache{std::numeric_limits<std::uint64_t>::max()};
};

RunMeasurement runOnce(const Networks& nets, const Inputs& in, const GenerationBenchmarkOptions& o, RunKind kind,
                       c10::Device device, at::ScalarType dtype, bool peakResets, TakeTurns& turns, std::size_t player,
                       FirstRun& first) {
    RunMeasurement run;
    run.kind = kind;
    for (const char* name : kStages) run.stages.push_back({name});
    // The original runs on libtorch's allocator, as it does in PyTorch.
    StageClock clock(device, peakResets, turns, player, o.reuseMemory && kind != RunKind::Original, o.profileOperators);
    const auto on = at::TensorOptions().device(device).dtype(dtype);
    const std::int64_t n = o.images;

    const auto [positive, negative] = clock.measure(stageNamed(run, "text encoding"), [&] {
        return std::pair(nets.clip.forward(in.positiveTokens.to(device)), nets.clip.forward(in.negativeTokens.to(device)));
    });
    // The application's next run with the same photos keeps their latents (Pipeline).
    const at::Tensor refLatents = clock.measure(stageNamed(run, "reference encoding"), [&] {
        if (kind == RunKind::Cached) return first.refLatents;
        at::Tensor latents = pipeline::encodeLatents(nets.vae, in.faces.to(on));
        if (kind == RunKind::Optimised) first.refLatents = latents;
        return latents;
    });
    if (!refLatents.defined()) throw std::logic_error("the cached run took its turn before its first run");

    // The application's inputs (Pipeline::generate), through the shipping sampling loop.
    pipeline::GenerationSettings settings;
    settings.guidance.launchStep = o.launchStep;
    pipeline::SamplingInputs inputs;
    inputs.noise = in.noise.to(device);
    inputs.refLatents = refLatents;
    inputs.refContext = negative.expand({refLatents.size(0), -1, -1}).contiguous();
    inputs.positive = positive.expand({n, -1, -1}).contiguous();
    inputs.negative = negative.expand({n, -1, -1}).contiguous();
    inputs.mask = pipeline::faceMask(settings.faceBox, o.width, o.height).to(on).unsqueeze(0).expand({n, -1, -1}).contiguous();
    // The application's runs take the features through its cache; the original computes them at every call.
    const pipeline::ReferenceFeatureProvider pass =
        kind == RunKind::Original
            ? pipeline::ReferenceFeatureProvider([&](std::int64_t t) {
                  return nets.unet.referenceFeatures(inputs.refLatents, t, inputs.refContext, UNetComputation::Original);
              })
            : first.cache.provider(nets.unet, inputs.refLatents, inputs.refContext);
    inputs.referenceFeatures = [&](std::int64_t t) {
        const auto misses = first.cache.misses();
        auto features = clock.measure(stageNamed(run, "reference pass"), [&] { return pass(t); });
        if (kind != RunKind::Original && first.cache.misses() == misses) ++run.referenceHits;
        clock.begin();  // the main UNet, ended by the step's callback
        return features;
    };
    const auto onStep = [&](const sampler::SamplerStep& step) {
        clock.end(stageNamed(run, step.guidance.groups == 3 ? "main UNet, 3 groups" : "main UNet, 2 groups"));
    };
    const at::Tensor latents = pipeline::sampleLatents(nets.unet, inputs, o.steps, settings.guidance, nullptr, onStep);
    run.images = clock.measure(stageNamed(run, "VAE decode"), [&] { return pipeline::decodeLatents(nets.vae, latents, dtype); });

    auto& whole = stageNamed(run, "whole run");
    whole.seconds = clock.activeSeconds();
    whole.occurrences = 1;
    for (auto& stage : run.stages) {
        if (&stage == &whole || stage.occurrences == 0) continue;
        whole.peakBytes = std::max(whole.peakBytes, stage.peakBytes);
        whole.extraBytes = std::max(whole.extraBytes, stage.extraBytes);
        whole.gpuPeakBytes = std::max(whole.gpuPeakBytes, stage.gpuPeakBytes);
        stage.seconds /= stage.occurrences;
        for (auto& op : stage.operators) op.selfSeconds /= stage.occurrences;
    }
    const auto& reference = stageNamed(run, "reference pass");
    for (const auto& [step, main] : {std::pair("step, 2 groups", "main UNet, 2 groups"),
                                     std::pair("step, 3 groups", "main UNet, 3 groups")}) {
        const auto& m = stageNamed(run, main);
        auto& s = stageNamed(run, step);
        if (!m.occurrences) continue;
        s.seconds = reference.seconds + m.seconds;
        s.occurrences = m.occurrences;
        s.peakBytes = std::max(reference.peakBytes, m.peakBytes);
        s.extraBytes = std::max(reference.extraBytes, m.extraBytes);
        s.gpuPeakBytes = std::max(reference.gpuPeakBytes, m.gpuPeakBytes);
    }
    return run;
}

struct Round {
    std::vector<RunMeasurement> runs;
    std::int64_t referenceFeatureBytes = 0;  // of one model timestep (0: no run kept any)
};

// One generation per kind of run, in threads taking turns stage by stage.
Round runInTurns(const Networks& nets, const Inputs& in, const GenerationBenchmarkOptions& o, c10::Device device,
                 at::ScalarType dtype, bool peakResets) {
    const auto kinds = runKinds(o);
    const auto players = kinds.size();
    Round round;
    round.runs.resize(players);
    std::vector<std::exception_ptr> errors(players);
    TakeTurns turns(players);
    FirstRun first;
    const int threads = at::get_num_threads();
    std::vector<std::thread> generations;
    for (std::size_t i = 0; i < players; ++i) {
        generations.emplace_back([&, i] {
            // Thread-local settings of libtorch (and OpenMP) start afresh in a new thread.
            at::set_num_threads(threads);
            at::NoGradGuard noGrad;
            try {
                round.runs[i] = runOnce(nets, in, o, kinds[i], device, dtype, peakResets, turns, i, first);
            } catch (...) {
                errors[i] = std::current_exception();
            }
            turns.pass(i, true);
        });
    }
    for (auto& generation : generations) generation.join();
    for (const auto& error : errors)
        if (error) std::rethrow_exception(error);
    if (first.cache.entries() > 0)
        round.referenceFeatureBytes = static_cast<std::int64_t>(first.cache.bytes() / first.cache.entries());
    return round;
}

double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// The largest per-run figure of a stage for one kind of run (memory peaks).
std::int64_t maxBytes(const GenerationBenchmarkReport& r, RunKind kind, const std::string& stage,
                      std::int64_t StageMeasurement::*field) {
    std::int64_t most = 0;
    for (const auto& run : r.runs)
        for (const auto& s : run.stages)
            if (run.kind == kind && s.stage == stage) most = std::max(most, s.*field);
    return most;
}

double mib(std::int64_t bytes) {
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

std::string loadString(const std::array<double, 3>& load) {
    char text[64];
    std::snprintf(text, sizeof text, "%.2f %.2f %.2f", load[0], load[1], load[2]);
    return text;
}

// The ratios the report shows: numerator and denominator kinds of run.
struct Ratio {
    RunKind over, under;
    const char* column;  // in the table
    const char* key;     // in the JSON summary
};
constexpr std::array<Ratio, 3> kRatios = {{{RunKind::Optimised, RunKind::Original, "opt/orig", "optimised_over_original"},
                                           {RunKind::Cached, RunKind::Original, "cached/orig", "cached_over_original"},
                                           {RunKind::Cached, RunKind::Optimised, "cached/opt", "cached_over_optimised"}}};

bool measured(const GenerationBenchmarkReport& r, RunKind kind) {
    return std::any_of(r.runs.begin(), r.runs.end(), [&](const RunMeasurement& run) { return run.kind == kind; });
}

// The operators taking the most self time in the first run's profiled stages that do most work.
std::string formatOperators(const GenerationBenchmarkReport& r) {
    constexpr std::size_t kShown = 8;
    std::ostringstream out;
    for (const auto kind : runKinds(r.options)) {
        const auto run = std::find_if(r.runs.begin(), r.runs.end(), [&](const RunMeasurement& m) { return m.kind == kind; });
        if (run == r.runs.end()) continue;
        for (const char* name : {"reference pass", "main UNet, 3 groups", "main UNet, 2 groups", "VAE decode"}) {
            const auto& stage = stageNamed(*run, name);
            if (stage.operators.empty() || stage.seconds <= 0) continue;
            char line[256];
            std::snprintf(line, sizeof line, "\n%s run, %s (%.3f s per occurrence), self time by operator:\n",
                          runName(kind), name, stage.seconds);
            out << line;
            for (std::size_t i = 0; i < std::min(kShown, stage.operators.size()); ++i) {
                const auto& op = stage.operators[i];
                std::snprintf(line, sizeof line, "  %-40s %9.3f s %5.1f %% %8lld calls\n", op.name.c_str(), op.selfSeconds,
                              100.0 * op.selfSeconds / stage.seconds,
                              static_cast<long long>(op.calls / std::max(stage.occurrences, 1)));
                out << line;
            }
        }
    }
    return out.str();
}

}  // namespace

const char* runName(RunKind kind) {
    switch (kind) {
        case RunKind::Original: return "original";
        case RunKind::Optimised: return "optimised";
        case RunKind::Cached: return "cached";
    }
    return "?";
}

GenerationBenchmarkReport runGenerationBenchmark(const GenerationBenchmarkOptions& options,
                                                 const std::function<void(const std::string&)>& log) {
    validate(options);
    GenerationBenchmarkReport report;
    report.options = options;
    const auto compute = pipeline::resolveComputeDevice(options.device, options.precision);
    const auto device = compute.device;
    const auto dtype = compute.dtype;
    report.device = pipeline::describeComputeDevice(compute, at::get_num_threads());
    report.gpu = device.is_cuda();
    report.libtorch = libtorchBuild();
    if (const char* policy = std::getenv("OMP_WAIT_POLICY")) report.waitPolicy = policy;
    report.loadBefore = loadAverage();

    at::NoGradGuard noGrad;
    const auto setupStart = Clock::now();
    auto nets = std::make_unique<Networks>(options);
    randomiseParameters(nets->clip, options.seed);
    randomiseParameters(nets->vae, options.seed + 1);
    randomiseParameters(nets->unet, options.seed + 2);
    for (nn::Module* m : {static_cast<nn::Module*>(&nets->clip), static_cast<nn::Module*>(&nets->vae),
                          static_cast<nn::Module*>(&nets->unet)})
        m->to(dtype, device);  // also puts the kernels in the layout the engine computes with
    report.weightBytes = nets->bytes();
    const Inputs inputs = randomInputs(options);
    report.setupSeconds = secondsSince(setupStart);
    report.peakMemoryResets = resetPeakMemory();

    // Each computation's turns choose the allocator; the caller's choice comes back at the end.
    const bool wasReusing = reusingCpuMemory();
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        auto round = runInTurns(*nets, inputs, options, device, dtype, report.peakMemoryResets);
        report.referenceFeatureBytes = std::max(report.referenceFeatureBytes, round.referenceFeatureBytes);
        const auto difference = [](const RunMeasurement& a, const RunMeasurement& b) {
            return (a.images - b.images).abs().max().item<double>();
        };
        for (auto& run : round.runs) {
            run.repeat = repeat;
            if (!report.runs.empty())
                report.maxImageDifference = std::max(report.maxImageDifference, difference(run, report.runs.front()));
            if (run.kind == RunKind::Cached)
                for (const auto& other : round.runs)
                    if (other.kind == RunKind::Optimised)
                        report.cachedImageDifference = std::max(report.cachedImageDifference, difference(run, other));
            if (log) {
                std::ostringstream line;
                line << runName(run.kind) << " run " << repeat + 1 << "/" << options.repeats << ": "
                     << stageNamed(run, "whole run").seconds << " s";
                log(line.str());
            }
        }
        for (auto& run : round.runs) report.runs.push_back(std::move(run));
    }
    reuseCpuMemory(wasReusing);
    if (!wasReusing) releaseCachedCpuMemory();
    report.loadAfter = loadAverage();
    return report;
}

double medianSeconds(const GenerationBenchmarkReport& report, RunKind kind, const std::string& stage) {
    std::vector<double> values;
    for (const auto& run : report.runs)
        for (const auto& s : run.stages)
            if (run.kind == kind && s.stage == stage && s.occurrences > 0) values.push_back(s.seconds);
    return median(values);
}

nlohmann::json toJson(const GenerationBenchmarkReport& r) {
    using nlohmann::json;
    const auto& o = r.options;
    json out;
    out["settings"] = {{"width", o.width},          {"height", o.height}, {"references", o.references},
                       {"images", o.images},        {"steps", o.steps},   {"launch_step", o.launchStep},
                       {"repeats", o.repeats},      {"seed", o.seed},     {"reuse_memory", o.reuseMemory}};
    out["environment"] = {{"device", r.device},
                          {"libtorch", r.libtorch},
                          {"omp_wait_policy", r.waitPolicy},
                          {"load_average_before", r.loadBefore},
                          {"load_average_after", r.loadAfter},
                          {"gpu", r.gpu},
                          {"peak_memory_per_stage", r.peakMemoryResets}};
    out["setup_seconds"] = r.setupSeconds;
    out["weight_bytes"] = r.weightBytes;
    out["runs"] = json::array();
    for (const auto& run : r.runs) {
        json stages = json::array();
        for (const auto& s : run.stages) {
            if (!s.occurrences) continue;
            json stage = {{"stage", s.stage},           {"seconds", s.seconds},
                          {"occurrences", s.occurrences}, {"peak_bytes", s.peakBytes},
                          {"extra_bytes", s.extraBytes},  {"gpu_peak_bytes", s.gpuPeakBytes}};
            for (const auto& op : s.operators)
                stage["operators"].push_back({{"name", op.name}, {"self_seconds", op.selfSeconds}, {"calls", op.calls}});
            stages.push_back(stage);
        }
        out["runs"].push_back({{"run", runName(run.kind)},
                               {"repeat", run.repeat},
                               {"reference_hits", run.referenceHits},
                               {"stages", stages}});
    }
    const auto kinds = runKinds(o);
    json summary = json::array();
    for (const char* stage : kStages) {
        json row = {{"stage", stage}};
        for (const auto kind : kinds) {
            const double seconds = medianSeconds(r, kind, stage);
            if (seconds == 0) continue;
            row[runName(kind)] = {{"median_seconds", seconds},
                                  {"peak_bytes", maxBytes(r, kind, stage, &StageMeasurement::peakBytes)},
                                  {"extra_bytes", maxBytes(r, kind, stage, &StageMeasurement::extraBytes)},
                                  {"gpu_peak_bytes", maxBytes(r, kind, stage, &StageMeasurement::gpuPeakBytes)}};
        }
        for (const auto& ratio : kRatios) {
            const double over = medianSeconds(r, ratio.over, stage), under = medianSeconds(r, ratio.under, stage);
            if (over > 0 && under > 0) row[ratio.key] = over / under;
        }
        if (row.size() > 1) summary.push_back(row);
    }
    out["summary"] = summary;
    if (r.runs.size() > 1) out["max_image_difference"] = r.maxImageDifference;
    if (measured(r, RunKind::Cached)) out["cached_image_difference"] = r.cachedImageDifference;
    if (r.referenceFeatureBytes > 0) out["reference_feature_bytes_per_timestep"] = r.referenceFeatureBytes;
    return out;
}

std::string formatReport(const GenerationBenchmarkReport& r) {
    const auto& o = r.options;
    std::ostringstream out;
    out << o.width << "x" << o.height << ", " << o.references << " references, " << o.images << " image(s), "
        << o.steps << " step(s) (launch at t = " << o.launchStep << "), " << o.repeats << " repeat(s)\n";
    out << "device: " << r.device << "; OMP_WAIT_POLICY: " << (r.waitPolicy.empty() ? "unset" : r.waitPolicy)
        << "; optimised on the " << (o.reuseMemory ? "reusing" : "default") << " CPU allocator\n";
    out << r.libtorch << "\n";
    out << "load average: " << loadString(r.loadBefore) << " before, " << loadString(r.loadAfter) << " after\n";
    out << "weights: " << static_cast<long long>(mib(r.weightBytes)) << " MiB, set up in " << r.setupSeconds << " s\n";
    if (!r.peakMemoryResets) out << "(peak memory counts from the process start: the kernel refused to reset it)\n";

    const auto kinds = runKinds(o);
    std::vector<Ratio> ratios;
    for (const auto& ratio : kRatios)
        if (measured(r, ratio.over) && measured(r, ratio.under)) ratios.push_back(ratio);
    char line[256];
    std::snprintf(line, sizeof line, "\n%-22s", "stage (median s)");
    out << line;
    for (const auto kind : kinds) {
        std::snprintf(line, sizeof line, " %11s %14s", runName(kind), r.gpu ? "GPU peak MiB" : "peak (+) MiB");
        out << line;
    }
    for (const auto& ratio : ratios) {
        std::snprintf(line, sizeof line, " %11s", ratio.column);
        out << line;
    }
    out << "\n";
    for (const char* stage : kStages) {
        if (std::all_of(kinds.begin(), kinds.end(), [&](RunKind kind) { return medianSeconds(r, kind, stage) == 0; }))
            continue;
        std::snprintf(line, sizeof line, "%-22s", stage);
        out << line;
        for (const auto kind : kinds) {
            if (r.gpu)
                std::snprintf(line, sizeof line, " %11.3f %14.0f", medianSeconds(r, kind, stage),
                              mib(maxBytes(r, kind, stage, &StageMeasurement::gpuPeakBytes)));
            else
                std::snprintf(line, sizeof line, " %11.3f %7.0f (%+5.0f)", medianSeconds(r, kind, stage),
                              mib(maxBytes(r, kind, stage, &StageMeasurement::peakBytes)),
                              mib(maxBytes(r, kind, stage, &StageMeasurement::extraBytes)));
            out << line;
        }
        for (const auto& ratio : ratios) {
            const double under = medianSeconds(r, ratio.under, stage);
            std::snprintf(line, sizeof line, " %11.3f", under > 0 ? medianSeconds(r, ratio.over, stage) / under : 0.0);
            out << line;
        }
        out << "\n";
    }
    out << (r.gpu ? "(per-step stages: seconds per step; GPU peak: bytes held by tensors in CUDA's caching allocator)\n"
                  : "(per-step stages: seconds per step; peak: resident memory of the process, (+): above the stage's start)\n");
    if (r.runs.size() > 1) out << "largest image difference between runs: " << r.maxImageDifference << "\n";
    if (measured(r, RunKind::Cached)) {
        int hits = 0, passes = 0;
        for (const auto& run : r.runs)
            if (run.kind == RunKind::Cached) hits += run.referenceHits, passes += stageNamed(run, "reference pass").occurrences;
        out << "cached runs: " << hits << " of " << passes << " reference passes from the cache, images "
            << (r.cachedImageDifference == 0 ? std::string("bit for bit those of the first runs")
                                             : "differing by up to " + std::to_string(r.cachedImageDifference))
            << "\n";
    }
    if (r.referenceFeatureBytes > 0) {
        const int steps = pipeline::GenerationSettings{}.steps;
        out << "reference features: " << mib(r.referenceFeatureBytes) << " MiB per timestep, "
            << mib(r.referenceFeatureBytes) * steps / 1024 << " GiB for a " << steps << "-step run\n";
    }
    out << formatOperators(r);
    return out.str();
}

}  // namespace flashface::benchmark
