// `flashface generate`: reference faces + prompt → images, each PNG carrying its settings.

#include "commands.h"
#include "device_options.h"

#include "checkpoint/checkpoint.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "face/photo.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/model_files.h"
#include "pipeline/number_format.h"
#include "pipeline/pipeline.h"
#include "pipeline/validation.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <unistd.h>

namespace flashface::cli {

namespace {

namespace fs = std::filesystem;

struct GenerateOptions {
    std::vector<fs::path> refs, refCrops;
    std::vector<double> refWeights;
    int face = 1;
    fs::path from;
    std::string prompt, negative, positivePostfix, negativePostfix, faceBox, size, sampler;
    pipeline::DeviceChoice device = pipeline::DeviceChoice::Auto;
    pipeline::PrecisionChoice precision = pipeline::PrecisionChoice::Auto;
    bool noDefaultPostfix = false;
    int steps = 0, images = 0, launchStep = 0;
    std::uint32_t seed = 0;
    float textGuidance = 0, lambda = 0, refGuidance = 0, lambdaBefore = 0, rescale = 0;
    fs::path models, out, initialNoise;
    bool json = false;
    fs::path target, mask;
    int targetFace = 1;
    bool whole = false;
    double strength = 0;
    std::uint64_t cacheBudget = pipeline::kDefaultReferenceCacheBytes;
};

// Ctrl-C asks the running generation to stop at its next check; a second one ends the process.
CancelToken* gInterruptTarget = nullptr;

void onInterrupt(int) {
    if (gInterruptTarget) gInterruptTarget->cancel();
    static const char message[] = "\nflashface: stopping after the current model pass (Ctrl-C again to quit now)\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
}

class InterruptGuard {
public:
    explicit InterruptGuard(CancelToken& token) {
        gInterruptTarget = &token;
        struct sigaction action {};
        action.sa_handler = onInterrupt;
        action.sa_flags = SA_RESETHAND;  // the second Ctrl-C gets the default: terminate
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &previous_);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &previous_, nullptr);
        gInterruptTarget = nullptr;
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction previous_ {};
};

pipeline::FaceBox parseFaceBox(const std::string& text) {
    if (text == "none") return {};
    std::vector<float> values;
    std::stringstream s(text);
    std::string part;
    try {
        while (std::getline(s, part, ',')) {
            std::size_t used = 0;
            values.push_back(std::stof(part, &used));
            if (part.find_first_not_of(' ', used) != std::string::npos) throw std::invalid_argument(part);
        }
    } catch (const std::exception&) {
        values.clear();
    }
    if (values.size() != 4)
        throw InvalidRequest("--face-box takes x1,y1,x2,y2 as fractions of the image (e.g. 0.3,0.1,0.6,0.4) or "
                             "\"none\", got \"" + text + "\".");
    const pipeline::FaceBox box{values[0], values[1], values[2], values[3]};
    pipeline::validateFaceBox(box);
    return box;
}

void parseSize(const std::string& text, pipeline::GenerationSettings& s) {
    int width = 0, height = 0;
    char x = 0, extra = 0;
    std::stringstream in(text);
    if (!(in >> width >> x >> height) || (x != 'x' && x != 'X') || (in >> extra))
        throw InvalidRequest("--size takes WIDTHxHEIGHT in pixels (e.g. 768x768), got \"" + text + "\".");
    s.width = width;
    s.height = height;
}

// Latent channels a --initial-noise tensor may have: SD's 4 and then some, so that a crafted shape
// is refused before it is read.
constexpr std::int64_t kMaxLatentChannels = 64;

std::uint32_t randomSeed() {
    std::random_device device;
    return device();
}

// The noise tensor is checked against the request before a byte of it is read: a crafted file can
// declare a view of 2^40 elements over a few bytes (stride 0).
std::vector<float> readInitialNoise(const fs::path& file, const pipeline::GenerationSettings& s) {
    const auto checkpoint = checkpoint::Checkpoint::open(file);
    const checkpoint::TensorInfo* noise = checkpoint.find("noise");
    if (!noise) throw FileError(file, "holds no tensor named \"noise\" (the initial latent noise).");
    const auto& shape = noise->shape;
    if (shape.size() != 4 || shape[0] != s.numImages || shape[1] < 1 || shape[1] > kMaxLatentChannels ||
        shape[2] != s.height / 8 || shape[3] != s.width / 8)
        throw FileError(file, "its \"noise\" tensor must be [" + std::to_string(s.numImages) + ", channels, " +
                                  std::to_string(s.height / 8) + ", " + std::to_string(s.width / 8) +
                                  "] for this request's images and size.");
    const at::Tensor values = checkpoint.read("noise", at::kFloat).contiguous();
    return {values.data_ptr<float>(), values.data_ptr<float>() + values.numel()};
}

// Progress for people (a bar on stderr) or for scripts (one JSON object a line on stdout).
class Reporter {
public:
    explicit Reporter(bool json) : json_(json), tty_(::isatty(STDERR_FILENO) != 0) {}

    void loading(const pipeline::LoadProgress& p) {
        if (json_) return emit({{"event", "loading"}, {"stage", p.stage}, {"fraction", p.fraction}});
        std::cerr << (p.fraction < 1.0 ? "loading " + p.stage + "..." : std::string("models loaded")) << '\n';
    }

    void step(const pipeline::StepProgress& p) {
        if (json_)
            return emit({{"event", "step"},
                         {"step", p.step},
                         {"total", p.totalSteps},
                         {"timestep", p.timestep},
                         {"elapsed_seconds", p.elapsedSeconds},
                         {"seconds_left", p.secondsLeft}});
        constexpr int kWidth = 30;
        const int filled = p.totalSteps > 0 ? kWidth * p.step / p.totalSteps : kWidth;
        char line[160];
        std::snprintf(line, sizeof line, "step %3d/%-3d [%-*s] %6.1fs elapsed, ~%.0fs left", p.step, p.totalSteps,
                      kWidth, std::string(static_cast<std::size_t>(filled), '#').c_str(), p.elapsedSeconds,
                      p.secondsLeft);
        std::cerr << (tty_ ? "\r" : "") << line << (tty_ && p.step < p.totalSteps ? "" : "\n") << std::flush;
    }

    void image(const fs::path& path, int index, std::uint32_t seed) {
        if (json_) return emit({{"event", "image"}, {"index", index}, {"path", path.string()}, {"seed", seed}});
        std::cout << path.string() << " (seed " << seed << ")\n";
    }

    void done(const pipeline::GenerationResult& result, const std::string& device) {
        if (json_)
            return emit({{"event", "done"},
                         {"seconds", result.seconds},
                         {"device", device},
                         {"gpu_peak_bytes", result.gpuPeakBytes},
                         {"settings", pipeline::settingsToJson(result.settings)}});
        std::cerr << "done in " << result.seconds << " s on " << device;
        if (result.gpuPeakBytes > 0) std::cerr << ", GPU memory peak " << result.gpuPeakBytes / (1 << 20) << " MiB";
        std::cerr << '\n';
    }

private:
    void emit(const nlohmann::json& event) { std::cout << event.dump() << std::endl; }

    bool json_, tty_;
};

// The settings: from --from's image (if any), then every option given on the command line.
pipeline::GenerationSettings buildSettings(const GenerateOptions& o, const CLI::App& cmd) {
    pipeline::GenerationSettings s = o.from.empty() ? pipeline::GenerationSettings{} : pipeline::readImageMetadata(o.from).settings;
    const auto given = [&](const char* name) { return cmd.count(name) > 0; };
    if (given("--prompt")) s.prompt = o.prompt;
    if (given("--negative")) s.negativePrompt = o.negative;
    if (o.noDefaultPostfix) s.usePositivePostfix = s.useNegativePostfix = false;
    if (given("--positive-postfix")) s.positivePostfix = o.positivePostfix, s.usePositivePostfix = true;
    if (given("--negative-postfix")) s.negativePostfix = o.negativePostfix, s.useNegativePostfix = true;
    if (given("--face-box")) s.faceBox = parseFaceBox(o.faceBox);
    if (given("--size")) parseSize(o.size, s);
    if (given("--steps")) s.steps = o.steps;
    if (given("--sampler")) s.sampler = *sampler::parseSampler(o.sampler);  // checked by the option's IsMember
    if (given("--images")) s.numImages = o.images;
    if (given("--text-guidance")) s.guidance.textScale = o.textGuidance;
    if (given("--guidance-rescale")) s.guidance.rescale = o.rescale;
    if (given("--lambda")) s.guidance.lambda = o.lambda;
    if (given("--ref-guidance")) s.guidance.referenceScale = o.refGuidance;
    if (given("--launch-step")) s.guidance.launchStep = o.launchStep;
    if (given("--lambda-before")) s.guidance.lambdaBefore = o.lambdaBefore;
    if (given("--seed")) s.seed = o.seed;
    else if (o.from.empty()) s.seed = randomSeed();
    if (s.prompt.empty()) throw InvalidRequest("A prompt is needed: --prompt \"a photo of a man in the forest\".");
    return s;
}

// --ref-weights, else the weights stored in --from's image when it had as many references.
void applyReferenceWeights(const GenerateOptions& o, std::vector<pipeline::Reference>& references) {
    std::vector<double> weights = o.refWeights;
    if (weights.empty() && !o.from.empty()) {
        weights = pipeline::readImageMetadata(o.from).referenceWeights;
        if (weights.size() != references.size()) weights.clear();
    }
    if (weights.empty()) return;
    if (weights.size() != references.size())
        throw InvalidRequest("--ref-weights takes one weight per reference, " + std::to_string(references.size()) +
                             " here (--ref photos first, then --ref-crop crops); got " + std::to_string(weights.size()) + ".");
    for (std::size_t i = 0; i < weights.size(); ++i) references[i].weight = weights[i];
}

// --target and its region: the detected face (--target-face), a --mask, or --whole. What is not
// given comes from --from's image when it was made over a target (a mask region cannot: its
// mask is not stored), else from the defaults.
std::optional<pipeline::Target> buildTarget(const GenerateOptions& o, const CLI::App& cmd) {
    if (o.target.empty()) return std::nullopt;
    const auto given = [&](const char* name) { return cmd.count(name) > 0; };
    std::optional<pipeline::TargetRecord> earlier;
    if (!o.from.empty()) earlier = pipeline::readImageMetadata(o.from).target;
    pipeline::Target target;
    target.image = face::loadPhoto(o.target);
    target.label = o.target.filename().string();
    if (o.whole) target.region = pipeline::TargetRegion::Whole;
    if (!o.mask.empty()) {
        target.region = pipeline::TargetRegion::Mask;
        target.mask = face::loadPhoto(o.mask);
    }
    const bool regionGiven = o.whole || !o.mask.empty() || given("--target-face");
    if (earlier && !regionGiven && earlier->region == pipeline::TargetRegion::Whole) target.region = pipeline::TargetRegion::Whole;
    target.faceIndex = given("--target-face") || !earlier ? o.targetFace - 1 : earlier->faceIndex;
    target.strength = given("--strength")               ? o.strength
                      : earlier && earlier->region == target.region ? earlier->strength
                                                                   : pipeline::defaultStrength(target.region);
    target.useSettingsFaceBox = given("--face-box");
    return target;
}

void runGenerate(const GenerateOptions& o, const CLI::App& cmd, const GlobalOptions& global) {
    if (o.refs.empty() && o.refCrops.empty())
        throw InvalidRequest("No reference: give at least one photo of the person with --ref PHOTO "
                             "(or a face crop with --ref-crop CROP).");
    // Before any photo is read.
    if (!pipeline::kReferencesRange.contains(static_cast<long long>(o.refs.size() + o.refCrops.size())))
        throw InvalidRequest("Too many references: " + pipeline::kReferencesRange.text() + " --ref and --ref-crop files in all.");
    pipeline::GenerationRequest request;
    request.settings = buildSettings(o, cmd);
    // Photos first, then crops: the order in which references are cycled up to four.
    const auto addReferences = [&](const std::vector<fs::path>& files, bool isCrop) {
        for (const auto& file : files) {
            pipeline::Reference ref;
            ref.image = face::loadPhoto(file);
            ref.isCrop = isCrop;
            ref.faceIndex = o.face - 1;
            ref.label = file.filename().string();
            request.references.push_back(std::move(ref));
        }
    };
    addReferences(o.refs, false);
    addReferences(o.refCrops, true);
    applyReferenceWeights(o, request.references);
    request.target = buildTarget(o, cmd);
    request.preview = pipeline::PreviewMode::None;
    pipeline::validateRequest(request);  // before the weights load: mistakes are reported at once
    if (!o.initialNoise.empty()) {
        request.initialNoise = readInitialNoise(o.initialNoise, request.settings);
        std::cerr << "flashface: the initial noise comes from " << o.initialNoise.string()
                  << "; the seed stored in the images will not reproduce them\n";
    }

    requireWritableFolder(o.out);  // now, not after the generation

    Reporter reporter(o.json);
    const pipeline::ModelFiles files = pipeline::resolveModelFiles(o.models.empty() ? pipeline::defaultModelsFolder() : o.models);
    pipeline::RuntimeOptions runtime{o.device, o.precision, global.threads};
    runtime.referenceCacheBytes = o.cacheBudget;
    pipeline::Pipeline pipeline(files, runtime);
    CancelToken cancel;
    const InterruptGuard interrupt(cancel);
    pipeline.load([&](const pipeline::LoadProgress& p) { reporter.loading(p); }, &cancel);
    const pipeline::GenerationResult result =
        pipeline.generate(request, [&](const pipeline::StepProgress& p) { reporter.step(p); }, &cancel);

    for (std::size_t i = 0; i < result.images.size(); ++i) {
        const pipeline::ImageMetadata metadata = pipeline::metadataForImage(request, result, static_cast<int>(i));
        const fs::path path = pipeline::saveGeneratedImage(o.out, result.images[i], metadata);
        reporter.image(path, static_cast<int>(i), metadata.settings.seed);
    }
    reporter.done(result, pipeline.deviceDescription());
}

}  // namespace

void addGenerateCommand(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<GenerateOptions>();
    const pipeline::GenerationSettings defaults;
    auto* cmd = app.add_subcommand("generate",
                                   "Generate images of the person in the reference photos. Each image is written as "
                                   "a new PNG (never replacing a file) that carries all its settings.");
    // A repeated option takes its last value (scripts can append overrides); --ref collects all.
    cmd->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cmd->add_option("--ref", o->refs,
                                "A photo of the person; its face is detected (repeat for more; 1-4 typical, "
                                "up to " + std::to_string(pipeline::kReferencesRange.max) + " with --ref-crop)")
                    ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                    ->check(CLI::ExistingFile);
    cmd->add_option("--ref-crop", o->refCrops,
                                    "A face crop used as it is, no detection (e.g. from `flashface detect`); "
                                    "repeatable, used after the --ref photos")
                        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                        ->check(CLI::ExistingFile);
    cmd->add_option("--ref-weights", o->refWeights,
                    "Identity mixing: a weight per reference, comma-separated, --ref photos first, then --ref-crop "
                    "crops (default: 1 each; a weight of 2 counts a reference twice; above 0, at most " +
                        pipeline::formatNumber(static_cast<float>(pipeline::kMaxReferenceWeight)) + ")")
        ->delimiter(',');
    cmd->add_option("--face", o->face,
                    "Which face of each --ref photo to use when it has several, 1 = most confident (default: 1)")
        ->check(positiveInt());
    cmd->add_option("--from", o->from, "Start from the settings stored in an image made by FlashFace Studio")
        ->check(CLI::ExistingFile);
    cmd->add_option("--prompt", o->prompt, "What to generate, e.g. \"a handsome young man in the forest\"");
    cmd->add_option("--negative", o->negative, "What to avoid, e.g. \"glasses, beard\"");
    cmd->add_flag("--no-default-postfix", o->noDefaultPostfix,
                  "Do not append the default quality words to the prompts");
    cmd->add_option("--positive-postfix", o->positivePostfix, "Replace the default words appended to the prompt");
    cmd->add_option("--negative-postfix", o->negativePostfix,
                    "Replace the default words appended to the negative prompt");
    cmd->add_option("--face-box", o->faceBox,
                    "Where the face goes: x1,y1,x2,y2 as fractions of the image, or none (default: " +
                        pipeline::formatNumber(defaults.faceBox.x1) + "," + pipeline::formatNumber(defaults.faceBox.y1) + "," +
                        pipeline::formatNumber(defaults.faceBox.x2) + "," + pipeline::formatNumber(defaults.faceBox.y2) + ")");
    cmd->add_option("--steps", o->steps,
                    "Sampling steps, " + pipeline::kStepsRange.text() + " (default: " + std::to_string(defaults.steps) + ")")
        ->check(numberRange(pipeline::kStepsRange));
    cmd->add_option("--sampler", o->sampler,
                    std::string("Sampler; euler_a adds noise from the seed at every step (default: ") +
                        sampler::samplerName(defaults.sampler).id + ")")
        ->check(CLI::IsMember(sampler::samplerIds()));
    cmd->add_option("--seed", o->seed, "Random seed; image i uses seed + i (default: random)");
    cmd->add_option("--images", o->images,
                    "How many images, " + pipeline::kImagesRange.text() + " (default: " + std::to_string(defaults.numImages) + ")")
        ->check(numberRange(pipeline::kImagesRange));
    auto* size = cmd->add_option("--size", o->size,
                                 "Image size WIDTHxHEIGHT, multiples of 8 within " + pipeline::kSideRange.text() +
                                     " (default: " + std::to_string(defaults.width) + "x" +
                                     std::to_string(defaults.height) + ")");
    auto* target = cmd->add_option("--target", o->target,
                                   "Face swap / img2img: a photo to keep but for a region, repainted with the "
                                   "references' person; the images get its size, and the region is drawn in a "
                                   "window around it at --size's longer side")
                       ->check(CLI::ExistingFile);
    cmd->add_option("--target-face", o->targetFace,
                    "The region is this detected face of --target, grown by a margin, 1 = most confident (default)")
        ->check(positiveInt())
        ->needs(target);
    auto* mask = cmd->add_option("--mask", o->mask,
                                 "The region is the white part of this image (the --target photo's size)")
                     ->check(CLI::ExistingFile)
                     ->needs(target);
    cmd->add_flag("--whole", o->whole, "The region is the whole --target picture (img2img), drawn at its size")
        ->needs(target)
        ->excludes(mask)
        ->excludes(size);
    cmd->add_option("--strength", o->strength,
                    "How much of the region changes, above 0 to 1; 1 repaints from pure noise (default: " +
                        pipeline::formatNumber(static_cast<float>(pipeline::defaultStrength(pipeline::TargetRegion::Face))) + ", with --whole " +
                        pipeline::formatNumber(static_cast<float>(pipeline::defaultStrength(pipeline::TargetRegion::Whole))) + ")")
        ->needs(target);
    const sampler::GuidanceSettings& guidance = defaults.guidance;
    cmd->add_option("--text-guidance", o->textGuidance,
                    "How strongly to follow the prompt (default: " + pipeline::formatNumber(guidance.textScale) + ")");
    cmd->add_option("--guidance-rescale", o->rescale,
                    "Rescale of the guided prediction, 0-1 (default: " + pipeline::formatNumber(guidance.rescale) + ")");
    cmd->add_option("--lambda", o->lambda,
                    "Reference feature strength, 0.7-1.4 (default: " + pipeline::formatNumber(guidance.lambda) + ")");
    cmd->add_option("--ref-guidance", o->refGuidance,
                    "Reference guidance strength, 1.8-4 (default: " + pipeline::formatNumber(guidance.referenceScale) + ")");
    cmd->add_option("--launch-step", o->launchStep,
                    "Reference guidance applies from this timestep down, " + pipeline::kLaunchStepRange.text() +
                        " (default: " + std::to_string(guidance.launchStep) + ")")
        ->check(numberRange(pipeline::kLaunchStepRange));
    cmd->add_option("--lambda-before", o->lambdaBefore,
                    "Reference strength before the launch step (default: " + pipeline::formatNumber(guidance.lambdaBefore) + ")");
    addDeviceOptions(*cmd, o->device, o->precision);
    cmd->add_option("--cache-budget", o->cacheBudget,
                    "Memory for the reference pass's features, kept per timestep for later runs with the same "
                    "references and negative prompt, e.g. 512MiB; 0 keeps none (default: " +
                        std::to_string(pipeline::kDefaultReferenceCacheBytes >> 30) +
                        " GiB). One generate is one run, whose timesteps differ: 0 saves that memory")
        ->transform(CLI::AsSizeValue(false).description(""))
        ->type_name("SIZE");
    cmd->add_option("--models", o->models, "Models folder (default: the standard location)");
    cmd->add_option("--out", o->out, "Folder for the images (created if needed)")->required();
    cmd->add_flag("--json", o->json, "Report progress and results as one JSON object a line on stdout");
    // For reproducing another implementation's run exactly: the initial latent as a tensor named
    // "noise" [images, 4, height/8, width/8] in a .safetensors or .pth file. Not shown in --help.
    cmd->add_option("--initial-noise", o->initialNoise)->check(CLI::ExistingFile)->group("");
    cmd->callback([o, cmd, &global] { runGenerate(*o, *cmd, global); });
}

}  // namespace flashface::cli
