// `flashface bench`: whole generations at full size with random weights, stage by stage, in the
// optimised computation and the original's, and a second optimised run with the same references
// (cached), with their ratios; a table and optionally JSON.

#include "commands.h"

#include "device_options.h"

#include "benchmark/generation_benchmark.h"
#include "common/atomic_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

namespace flashface::cli {

namespace {

namespace fs = std::filesystem;

struct BenchOptions {
    benchmark::GenerationBenchmarkOptions run;
    int size = 0;
    std::string computation = "both";
    fs::path json, architecture;
};

void applyChoices(BenchOptions& o) {
    using models::UNetComputation;
    if (o.size > 0) o.run.width = o.run.height = o.size;
    if (o.computation == "original") o.run.computations = {UNetComputation::Original};
    if (o.computation == "optimised") o.run.computations = {UNetComputation::Optimised};
    // Smaller networks of the same structure, from the config.json files of a folder laid out as
    // the parity fixtures (clip_text/, vae/, unet/): for trying the tool quickly and for its tests.
    if (!o.architecture.empty()) {
        o.run.clip = models::ClipTextConfig::fromFile(o.architecture / "clip_text" / "config.json");
        o.run.vae = models::AutoencoderConfig::fromFile(o.architecture / "vae" / "config.json");
        o.run.unet = models::UNetConfig::fromFile(o.architecture / "unet" / "config.json");
    }
}

void run(BenchOptions o) {
    applyChoices(o);
    std::cerr << "building the networks with random weights...\n";
    const auto report = benchmark::runGenerationBenchmark(o.run, [](const std::string& line) { std::cerr << line << '\n'; });
    std::cout << benchmark::formatReport(report);
    if (o.json.empty()) return;
    const std::string text = benchmark::toJson(report).dump(2) + '\n';
    AtomicFile file(o.json.parent_path());
    file.write(text.data(), text.size());
    file.publishReplacing(o.json);
    std::cerr << "wrote " << o.json.string() << '\n';
}

}  // namespace

void addBenchCommand(CLI::App& app) {
    auto o = std::make_shared<BenchOptions>();
    auto* cmd = app.add_subcommand(
        "bench",
        "Time whole generations stage by stage with random weights (no model files needed), in the optimised "
        "computation and the original's, and a second optimised run with the same references (their features "
        "cached); report their ratios and peak memory");
    const auto& d = o->run;
    cmd->add_option("--size", o->size, "Square image size in pixels, a multiple of 8 (default: 512)")
        ->check(numberRange(pipeline::kSideRange));
    cmd->add_option("--width", o->run.width, "Image width (default: 512)")->check(numberRange(pipeline::kSideRange));
    cmd->add_option("--height", o->run.height, "Image height (default: 512)")->check(numberRange(pipeline::kSideRange));
    cmd->add_option("--references", o->run.references,
                    "Reference faces (default: " + std::to_string(d.references) + ")")
        ->check(numberRange(pipeline::kReferencesRange));
    cmd->add_option("--images", o->run.images, "Images per generation (default: 1)")->check(numberRange(pipeline::kImagesRange));
    cmd->add_option("--steps", o->run.steps,
                    "Sampling steps (default: 2, one without and one with reference guidance)")
        ->check(numberRange(pipeline::kStepsRange));
    cmd->add_option("--launch-step", o->run.launchStep,
                    "Reference guidance for model timesteps up to this (default: " + std::to_string(d.launchStep) + ")")
        ->check(numberRange(pipeline::kLaunchStepRange));
    cmd->add_option("--repeats", o->run.repeats, "Runs of each computation, alternating (default: 1)")
        ->check(numberRange(pipeline::kStepsRange));
    cmd->add_option("--computation", o->computation, "both, optimised or original (default: both)")
        ->check(CLI::IsMember({"both", "optimised", "original"}));
    addDeviceOptions(*cmd, o->run.device, o->run.precision);
    cmd->add_option("--seed", o->run.seed, "Seed of the random weights and inputs (default: 0)");
    cmd->add_flag("!--no-cached-run", o->run.cachedRun,
                  "Leave out the second optimised run, which finds the first one's reference features cached");
    cmd->add_flag("!--no-memory-reuse", o->run.reuseMemory,
                  "Run the optimised computation on libtorch's allocator too (compares the algorithms alone)");
    cmd->add_flag("--profile", o->run.profileOperators,
                  "Also time every stage by libtorch operator (self time) and list where the time goes");
    cmd->add_option("--json", o->json, "Also write every measurement to this JSON file");
    cmd->add_option("--architecture", o->architecture,
                    "Folder with clip_text/, vae/ and unet/ config.json files describing smaller networks")
        ->check(CLI::ExistingDirectory);
    cmd->callback([o] { run(*o); });
}

}  // namespace flashface::cli
