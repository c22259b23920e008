#include "benchmark/generation_benchmark.h"

#include "benchmark/random_weights.h"
#include "benchmark/system_probe.h"
#include "common/cpu_memory.h"
#include "common/error.h"
#include "pipeline/compute_device.h"
#include "pipeline/face_mask.h"
#include "pipeline/references.h"
#include "pipeline/sampling.h"
#include "sampler/ddim.h"

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
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

namespace flashface::bench {

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
        noise.push_back(seededNoise(static_cast<std::uint32_t>(o.seed) + static_cast<std::uint32_t>(i),
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
    StageClock(c10::Device device, bool peakResets, TakeTurns& turns, std::size_t player, bool reuseMemory)
        : device_(device), peakResets_(peakResets), turns_(turns), player_(player), reuseMemory_(reuseMemory) {
        turns_.wait(player_);
        startTurn();
    }

    template <class F>
    auto measure(StageMeasurement& stage, F&& work) {
        if (peakResets_) resetPeakMemory();
        resetGpuMemoryPeak(device_);
        const auto before = memoryUsage().current;
        const auto start = Clock::now();
        auto result = work();
        synchronize(device_);
        stage.seconds += secondsSince(start);
        ++stage.occurrences;
        const auto usage = memoryUsage();
        stage.peakBytes = std::max(stage.peakBytes, usage.peak);
        stage.extraBytes = std::max(stage.extraBytes, usage.peak - before);
        stage.gpuPeakBytes = std::max(stage.gpuPeakBytes, gpuMemoryPeak(device_).allocatedBytes);
        pause(false);
        return result;
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
    Clock::time_point activeSince_;
    double active_ = 0;
};

StageMeasurement& stageNamed(RunMeasurement& run, const std::string& name) {
    for (auto& stage : run.stages)
        if (stage.stage == name) return stage;
    throw std::logic_error("no benchmark stage named " + name);
}

RunMeasurement runOnce(const Networks& nets, const Inputs& in, const GenerationBenchmarkOptions& o,
                       UNetComputation computation, c10::Device device, at::ScalarType dtype, bool peakResets,
                       TakeTurns& turns, std::size_t player) {
    RunMeasurement run;
    run.computation = computation;
    for (const char* name : kStages) run.stages.push_back({name});
    // The original runs on libtorch's allocator, as it does in PyTorch.
    StageClock clock(device, peakResets, turns, player, o.reuseMemory && computation == UNetComputation::Optimised);
    const auto on = at::TensorOptions().device(device).dtype(dtype);
    const std::int64_t n = o.images;

    const auto [positive, negative] = clock.measure(stageNamed(run, "text encoding"), [&] {
        return std::pair(nets.clip.forward(in.positiveTokens.to(device)), nets.clip.forward(in.negativeTokens.to(device)));
    });
    const at::Tensor refLatents = clock.measure(stageNamed(run, "reference encoding"),
                                                [&] { return encodeLatents(nets.vae, in.faces.to(on)); });

    const auto positiveRows = positive.expand({n, -1, -1}).contiguous();
    const auto negativeRows = negative.expand({n, -1, -1}).contiguous();
    const auto contexts2 = at::cat({positiveRows, negativeRows});
    const auto contexts3 = at::cat({positiveRows, positiveRows, negativeRows});
    const auto refContext = negative.expand({refLatents.size(0), -1, -1}).contiguous();
    GenerationSettings settings;
    settings.guidance.launchStep = o.launchStep;
    const auto mask = faceMask(settings.faceBox, o.width, o.height).to(on).unsqueeze(0).expand({n, -1, -1}).contiguous();

    const auto predict = [&](const at::Tensor& x, int t, const GuidanceStep& step) {
        const auto features = clock.measure(stageNamed(run, "reference pass"), [&] {
            return nets.unet.referenceFeatures(refLatents, t, refContext, computation);
        });
        const auto stage = step.groups == 3 ? "main UNet, 3 groups" : "main UNet, 2 groups";
        return clock.measure(stageNamed(run, stage), [&] {
            return nets.unet.denoise(x.to(on), t, step.groups == 3 ? contexts3 : contexts2, mask, features,
                                     step.lambda, step.groups);
        });
    };
    static const NoiseSchedule schedule = NoiseSchedule::scaledLinear();
    const at::Tensor latents = sampleDdim(in.noise.to(device), schedule, o.steps, settings.guidance, predict);
    run.images = clock.measure(stageNamed(run, "VAE decode"), [&] { return decodeLatents(nets.vae, latents, dtype); });

    auto& whole = stageNamed(run, "whole run");
    whole.seconds = clock.activeSeconds();
    whole.occurrences = 1;
    for (auto& stage : run.stages) {
        if (&stage == &whole || stage.occurrences == 0) continue;
        whole.peakBytes = std::max(whole.peakBytes, stage.peakBytes);
        whole.extraBytes = std::max(whole.extraBytes, stage.extraBytes);
        whole.gpuPeakBytes = std::max(whole.gpuPeakBytes, stage.gpuPeakBytes);
        stage.seconds /= stage.occurrences;
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

// One generation per computation, in threads taking turns stage by stage.
std::vector<RunMeasurement> runInTurns(const Networks& nets, const Inputs& in, const GenerationBenchmarkOptions& o,
                                       c10::Device device, at::ScalarType dtype, bool peakResets) {
    const auto players = o.computations.size();
    std::vector<RunMeasurement> runs(players);
    std::vector<std::exception_ptr> errors(players);
    TakeTurns turns(players);
    const int threads = at::get_num_threads();
    std::vector<std::thread> generations;
    for (std::size_t i = 0; i < players; ++i) {
        generations.emplace_back([&, i] {
            // Thread-local settings of libtorch (and OpenMP) start afresh in a new thread.
            at::set_num_threads(threads);
            at::NoGradGuard noGrad;
            try {
                runs[i] = runOnce(nets, in, o, o.computations[i], device, dtype, peakResets, turns, i);
            } catch (...) {
                errors[i] = std::current_exception();
            }
            turns.pass(i, true);
        });
    }
    for (auto& generation : generations) generation.join();
    for (const auto& error : errors)
        if (error) std::rethrow_exception(error);
    return runs;
}

double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// The largest per-run figure of a stage for one computation (memory peaks).
std::int64_t maxBytes(const GenerationBenchmarkReport& r, UNetComputation c, const std::string& stage,
                      std::int64_t StageMeasurement::*field) {
    std::int64_t most = 0;
    for (const auto& run : r.runs)
        for (const auto& s : run.stages)
            if (run.computation == c && s.stage == stage) most = std::max(most, s.*field);
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

bool measured(const GenerationBenchmarkReport& r, UNetComputation c) {
    return std::find(r.options.computations.begin(), r.options.computations.end(), c) != r.options.computations.end();
}

}  // namespace

const char* computationName(UNetComputation computation) {
    return computation == UNetComputation::Original ? "original" : "optimised";
}

GenerationBenchmarkReport runGenerationBenchmark(const GenerationBenchmarkOptions& options,
                                                 const std::function<void(const std::string&)>& log) {
    validate(options);
    GenerationBenchmarkReport report;
    report.options = options;
    const auto compute = resolveComputeDevice(options.device, options.precision);
    const auto device = compute.device;
    const auto dtype = compute.dtype;
    report.device = describeComputeDevice(compute, at::get_num_threads());
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
    if (!device.is_cpu() || dtype != at::kFloat)
        for (nn::Module* m : {static_cast<nn::Module*>(&nets->clip), static_cast<nn::Module*>(&nets->vae),
                              static_cast<nn::Module*>(&nets->unet)})
            m->to(dtype, device);
    report.weightBytes = nets->bytes();
    const Inputs inputs = randomInputs(options);
    report.setupSeconds = secondsSince(setupStart);
    report.peakMemoryResets = resetPeakMemory();

    // Each computation's turns choose the allocator; the caller's choice comes back at the end.
    const bool wasReusing = reusingCpuMemory();
    for (int repeat = 0; repeat < options.repeats; ++repeat) {
        auto runs = runInTurns(*nets, inputs, options, device, dtype, report.peakMemoryResets);
        for (auto& run : runs) {
            run.repeat = repeat;
            if (!report.runs.empty())
                report.maxImageDifference = std::max(
                    report.maxImageDifference, (run.images - report.runs.front().images).abs().max().item<double>());
            if (log) {
                std::ostringstream line;
                line << computationName(run.computation) << " run " << repeat + 1 << "/" << options.repeats << ": "
                     << stageNamed(run, "whole run").seconds << " s";
                log(line.str());
            }
            report.runs.push_back(std::move(run));
        }
    }
    reuseCpuMemory(wasReusing);
    if (!wasReusing) releaseCachedCpuMemory();
    report.loadAfter = loadAverage();
    return report;
}

double medianSeconds(const GenerationBenchmarkReport& report, UNetComputation computation, const std::string& stage) {
    std::vector<double> values;
    for (const auto& run : report.runs)
        for (const auto& s : run.stages)
            if (run.computation == computation && s.stage == stage && s.occurrences > 0) values.push_back(s.seconds);
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
        for (const auto& s : run.stages)
            if (s.occurrences)
                stages.push_back({{"stage", s.stage},
                                  {"seconds", s.seconds},
                                  {"occurrences", s.occurrences},
                                  {"peak_bytes", s.peakBytes},
                                  {"extra_bytes", s.extraBytes},
                                  {"gpu_peak_bytes", s.gpuPeakBytes}});
        out["runs"].push_back({{"computation", computationName(run.computation)}, {"repeat", run.repeat}, {"stages", stages}});
    }
    json summary = json::array();
    for (const char* stage : kStages) {
        json row = {{"stage", stage}};
        for (const auto c : o.computations) {
            const double seconds = medianSeconds(r, c, stage);
            if (seconds == 0) continue;
            row[computationName(c)] = {{"median_seconds", seconds},
                                       {"peak_bytes", maxBytes(r, c, stage, &StageMeasurement::peakBytes)},
                                       {"extra_bytes", maxBytes(r, c, stage, &StageMeasurement::extraBytes)},
                                       {"gpu_peak_bytes", maxBytes(r, c, stage, &StageMeasurement::gpuPeakBytes)}};
        }
        const double original = medianSeconds(r, UNetComputation::Original, stage);
        const double optimised = medianSeconds(r, UNetComputation::Optimised, stage);
        if (original > 0 && optimised > 0) row["optimised_over_original"] = optimised / original;
        if (row.size() > 1) summary.push_back(row);
    }
    out["summary"] = summary;
    if (r.runs.size() > 1) out["max_image_difference"] = r.maxImageDifference;
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

    const bool both = measured(r, UNetComputation::Original) && measured(r, UNetComputation::Optimised);
    char line[256];
    std::snprintf(line, sizeof line, "\n%-22s", "stage (median s)");
    out << line;
    for (const auto c : o.computations) {
        std::snprintf(line, sizeof line, " %11s %14s", computationName(c), r.gpu ? "GPU peak MiB" : "peak (+) MiB");
        out << line;
    }
    out << (both ? "   opt/orig\n" : "\n");
    for (const char* stage : kStages) {
        if (std::all_of(o.computations.begin(), o.computations.end(),
                        [&](UNetComputation c) { return medianSeconds(r, c, stage) == 0; }))
            continue;
        std::snprintf(line, sizeof line, "%-22s", stage);
        out << line;
        for (const auto c : o.computations) {
            if (r.gpu)
                std::snprintf(line, sizeof line, " %11.3f %14.0f", medianSeconds(r, c, stage),
                              mib(maxBytes(r, c, stage, &StageMeasurement::gpuPeakBytes)));
            else
                std::snprintf(line, sizeof line, " %11.3f %7.0f (%+5.0f)", medianSeconds(r, c, stage),
                              mib(maxBytes(r, c, stage, &StageMeasurement::peakBytes)),
                              mib(maxBytes(r, c, stage, &StageMeasurement::extraBytes)));
            out << line;
        }
        if (both) {
            const double original = medianSeconds(r, UNetComputation::Original, stage);
            std::snprintf(line, sizeof line, "   %8.3f",
                          original > 0 ? medianSeconds(r, UNetComputation::Optimised, stage) / original : 0.0);
            out << line;
        }
        out << "\n";
    }
    out << (r.gpu ? "(per-step stages: seconds per step; GPU peak: bytes held by tensors in CUDA's caching allocator)\n"
                  : "(per-step stages: seconds per step; peak: resident memory of the process, (+): above the stage's start)\n");
    if (r.runs.size() > 1) out << "largest image difference between runs: " << r.maxImageDifference << "\n";
    return out.str();
}

}  // namespace flashface::bench
