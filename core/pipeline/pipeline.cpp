#include "pipeline/pipeline.h"

#include "checkpoint/checkpoint.h"
#include "common/cpu_memory.h"
#include "common/error.h"
#include "common/untrusted_json.h"
#include "common/threads.h"
#include "face/faces.h"
#include "models/autoencoder.h"
#include "models/clip_text.h"
#include "models/unet.h"
#include "nn/load_state.h"
#include "pipeline/compute_device.h"
#include "pipeline/face_mask.h"
#include "pipeline/previews.h"
#include "pipeline/prompts.h"
#include "pipeline/reference_feature_cache.h"
#include "pipeline/references.h"
#include "pipeline/sampling.h"
#include "pipeline/time_left.h"
#include "pipeline/target.h"
#include "pipeline/validation.h"
#include "pipeline/verified_files.h"
#include "pipeline/weights_cache.h"
#include "tokenizer/tokenizer.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>
#include <c10/util/Exception.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <new>
#include <optional>
#include <tuple>

namespace flashface::pipeline {

namespace {

using Clock = std::chrono::steady_clock;

// Text encodings kept between runs; the oldest are dropped past this many prompts.
constexpr std::size_t kTextCacheSize = 32;

nlohmann::json configJson(const std::string& text, const std::filesystem::path& source) {
    if (text.empty()) return nlohmann::json::object();
    return parseUntrustedJson(text, source, "configuration in models.json");
}

// libtorch's and the allocator's failures, as the engine's errors with a sentence for the user.
template <class F>
auto withEngineErrors(F&& run) {
    try {
        return run();
    } catch (const c10::Error& e) {
        throw Error(std::string("The computation failed: ") + e.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        throw Error("Out of memory: try a smaller image size, fewer images or fewer references, or the GPU.");
    }
}

// Whether two reference lists make the same reference latents (labels aside).
bool sameReferences(const std::vector<Reference>& a, const std::vector<Reference>& b) {
    const auto box = [](const std::optional<PixelBox>& p) {
        return p ? std::tuple(true, p->x1, p->y1, p->x2, p->y2) : std::tuple(false, 0, 0, 0, 0);
    };
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [&](const Reference& x, const Reference& y) {
        return x.isCrop == y.isCrop && x.faceIndex == y.faceIndex && box(x.manualBox) == box(y.manualBox) &&
               x.image.width == y.image.width && x.image.height == y.image.height && x.image.rgb == y.image.rgb;
    });
}

double seconds(Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace

struct Pipeline::Impl {
    struct Models {
        tokenizer::Tokenizer tokenizer;
        std::unique_ptr<models::ClipTextEncoder> clip;
        std::unique_ptr<models::Autoencoder> vae;
        std::unique_ptr<models::UNet> unet;
        std::shared_ptr<const face::FaceDetector> detector;
    };

    ModelFiles files;
    RuntimeOptions options;
    const ComputeDevice compute;
    const c10::Device& device = compute.device;
    const at::ScalarType& dtype = compute.dtype;
    int threads;
    std::unique_ptr<Models> models;
    std::map<std::string, at::Tensor> textCache;
    std::vector<std::string> textCacheOrder;
    // The last reference set and its latents: the same photos again (the usual way of trying
    // prompts and settings) skip detection, cropping and encoding.
    std::vector<Reference> cachedReferences;
    at::Tensor cachedReferenceLatents;
    ReferenceFeatureCache referenceFeatures;

    Impl(ModelFiles f, RuntimeOptions o)
        : files(std::move(f)),
          options(o),
          compute(resolveComputeDevice(o.device, o.precision)),
          threads(configureThreads(o.threads)),
          referenceFeatures(o.referenceCacheBytes) {
        // CPU temporaries reuse freed memory instead of faulting it in again (measured in `flashface bench`).
        if (device.is_cpu()) reuseCpuMemory(true);
    }

    void load(const LoadProgressCallback& progress, const CancelToken* cancel);
    at::Tensor encodeText(const std::string& prompt);
    at::Tensor referenceLatents(const std::vector<Reference>& references, const CancelToken* cancel);
    GenerationResult generate(const GenerationRequest& request, const ProgressCallback& progress,
                              const CancelToken* cancel);
};

void Pipeline::Impl::load(const LoadProgressCallback& progress, const CancelToken* cancel) {
    if (models) return;
    // Fractions follow the official files' sizes, so the bar moves evenly.
    const auto report = [&](const char* stage, double fraction) {
        throwIfCancelled(cancel);
        if (progress) progress({stage, fraction});
    };
    report("tokenizer", 0.0);
    auto tokenizer = tokenizer::Tokenizer::fromMergesFile(files.vocabulary);

    // Every zip CRC of a weight file is checked on its first load (remembered afterwards): a
    // damaged download must fail here, not produce images from flipped bits.
    VerifiedFiles verified(VerifiedFiles::defaultRecord());
    VerifyOptions checking;
    checking.progress = [&](std::uint64_t, std::uint64_t) { throwIfCancelled(cancel); };
    for (const auto* weights : {&files.clip, &files.vae, &files.faceDetector, &files.unet}) {
        report("checking model files", 0.005);
        verified.requireIntact(*weights, FileContent::Checkpoint, checking);
    }

    report("text encoder", 0.01);
    auto clip = std::make_unique<models::ClipTextEncoder>(
        models::ClipTextConfig::fromJson(configJson(files.clipConfig, files.clip), files.clip));
    nn::loadState(*clip, checkpoint::Checkpoint::open(files.clip), {files.clipPrefix, dtype, device, models::ClipTextConfig::otherTowerKeys()});

    report("autoencoder", 0.14);
    auto vae = std::make_unique<models::Autoencoder>(
        models::AutoencoderConfig::fromJson(configJson(files.vaeConfig, files.vae), files.vae));
    nn::loadState(*vae, checkpoint::Checkpoint::open(files.vae), {"", dtype, device, {}});

    report("face detector", 0.17);
    // The detector's boxes decide the crops: it runs in float32 like the original's. Shared with
    // the front end's FaceFinder on the same device (one RetinaFace in the studio).
    auto detector = face::sharedFaceDetector(
        files.faceDetector, face::RetinaFaceConfig::fromJson(files.faceDetectorConfig, files.faceDetector), device);

    report("UNet", 0.18);
    auto unet = std::make_unique<models::UNet>(
        models::UNetConfig::fromJson(configJson(files.unetConfig, files.unet), files.unet));
    const auto skipped = models::UNet::skippedCheckpointKeys();
    // Float16 weights need not be converted from the float32 file on every start.
    const checkpoint::Checkpoint unetWeights =
        options.useFloat16Cache && dtype == at::kHalf
            ? openThroughFloat16Cache(
                  files.unet, skipped,
                  [&](double written) { report("preparing float16 weights cache", 0.18 + 0.6 * written); }, cancel)
            : checkpoint::Checkpoint::open(files.unet);
    nn::loadState(*unet, unetWeights, {"", dtype, device, skipped});

    models = std::make_unique<Models>(
        Models{std::move(tokenizer), std::move(clip), std::move(vae), std::move(unet), std::move(detector)});
    if (progress) progress({"ready", 1.0});
}

at::Tensor Pipeline::Impl::encodeText(const std::string& prompt) {
    if (const auto it = textCache.find(prompt); it != textCache.end()) return it->second;
    const auto ids = models->tokenizer.encode(prompt);
    const auto tokens = at::tensor(ids, at::TensorOptions().dtype(at::kLong)).view({1, -1}).to(device);
    at::Tensor encoded = models->clip->forward(tokens);
    if (textCacheOrder.size() >= kTextCacheSize) {
        textCache.erase(textCacheOrder.front());
        textCacheOrder.erase(textCacheOrder.begin());
    }
    textCache.emplace(prompt, encoded);
    textCacheOrder.push_back(prompt);
    return encoded;
}

at::Tensor Pipeline::Impl::referenceLatents(const std::vector<Reference>& references, const CancelToken* cancel) {
    if (cachedReferenceLatents.defined() && sameReferences(references, cachedReferences)) return cachedReferenceLatents;
    const auto images = prepareReferenceImages(references, models->detector.get());
    throwIfCancelled(cancel);
    at::Tensor latents = encodeLatents(*models->vae, imagesToTensor(images).to(device, dtype));
    cachedReferences = references;
    cachedReferenceLatents = latents;
    return latents;
}

GenerationResult Pipeline::Impl::generate(const GenerationRequest& request, const ProgressCallback& progress,
                                          const CancelToken* cancel) {
    // 1. Check the request, load the models.
    validateRequest(request);
    const auto start = Clock::now();
    load({}, cancel);
    resetGpuMemoryPeak(device);

    // 2. A target photo sets the size (its own, or a window's around the region) and, unless told
    // otherwise, the face position.
    GenerationSettings s = request.settings;
    std::optional<PreparedTarget> target;
    if (request.target) {
        target = prepareTarget(*request.target, std::max(s.width, s.height), models->detector.get());
        s.width = target->width();
        s.height = target->height();
        if (request.target->region != TargetRegion::Whole && !request.target->useSettingsFaceBox &&
            target->boundingSquare)
            s.faceBox = *target->boundingSquare;
    }
    const std::int64_t n = s.numImages, h = s.height / 8, w = s.width / 8;
    const std::int64_t channels = models->unet->config().inDim;
    if (!request.initialNoise.empty() &&
        request.initialNoise.size() != static_cast<std::size_t>(n * channels * h * w))
        throw InvalidRequest("The initial noise holds " + std::to_string(request.initialNoise.size()) +
                             " values; " + std::to_string(n) + " images of " + std::to_string(s.width) + "x" +
                             std::to_string(s.height) + " need " + std::to_string(n * channels * h * w) + ".");

    // 3. References, prompts and face position as the UNet reads them.
    const auto on = at::TensorOptions().device(device).dtype(dtype);
    SamplingInputs inputs;
    inputs.sampler = s.sampler;
    inputs.seed = s.seed;
    inputs.refLatents = referenceLatents(request.references, cancel);
    inputs.refWeights = referenceWeights(request.references);
    const std::int64_t r = inputs.refLatents.size(0);

    const PromptPair prompts = assemblePrompts(s);
    const at::Tensor positive = encodeText(prompts.positive);
    const at::Tensor negative = encodeText(prompts.negative);
    inputs.positive = positive.expand({n, -1, -1}).contiguous();
    inputs.negative = negative.expand({n, -1, -1}).contiguous();
    inputs.refContext = negative.expand({r, -1, -1}).contiguous();
    inputs.referenceFeatures = referenceFeatures.provider(*models->unet, inputs.refLatents, inputs.refContext);
    inputs.mask = faceMask(s.faceBox, s.width, s.height).to(on).unsqueeze(0).expand({n, -1, -1}).contiguous();
    if (target) {
        inputs.keep = sampler::LatentKeep{encodeLatents(*models->vae, target->pixels.to(on)).to(at::kFloat),
                                 latentRegion(target->region).to(device), request.target->strength};
    }

    // 4. The initial noise: each image's seed, or the caller's.
    if (request.initialNoise.empty()) {
        std::vector<at::Tensor> noise;
        for (std::int64_t i = 0; i < n; ++i)
            noise.push_back(seededNoise(settingsForImage(s, static_cast<int>(i)).seed, channels, h, w));
        inputs.noise = at::cat(noise).to(device);
    } else {
        inputs.noise = at::tensor(request.initialNoise, at::TensorOptions().dtype(at::kFloat)).view({n, channels, h, w}).to(device);
    }
    throwIfCancelled(cancel);

    // 5. Denoise, reporting each step.
    auto stepStart = Clock::now();
    TimeLeft timeLeft(stepGroups(inputs, s.steps, s.guidance));
    const auto onStep = [&](const sampler::SamplerStep& step) {
        const double left = timeLeft.stepDone(static_cast<std::size_t>(step.index), seconds(stepStart));
        throwIfCancelled(cancel);
        if (!progress) return;
        StepProgress p;
        p.step = step.index + 1;
        p.totalSteps = step.count;
        p.timestep = step.timestep;
        p.elapsedSeconds = seconds(start);
        p.secondsLeft = left;
        if (request.preview == PreviewMode::Fast) p.previews = latentPreviews(*step.x0);
        progress(p);
        stepStart = Clock::now();  // the previews' time counts in no step
    };
    const at::Tensor latents = sampleLatents(*models->unet, inputs, s.steps, s.guidance, cancel, onStep);
    throwIfCancelled(cancel);

    // 6. Decode; a target photo keeps its own pixels outside the region.
    GenerationResult result;
    const at::Tensor decoded = decodeLatents(*models->vae, latents, dtype);
    result.images = target ? compositeOnPhoto(decoded, request.target->image, *target) : tensorToImages(decoded);
    result.settings = s;
    result.seconds = seconds(start);
    result.gpuPeakBytes = gpuMemoryPeak(device).allocatedBytes;
    releaseCachedCpuMemory();  // an idle process keeps no spare blocks
    return result;
}

Pipeline::Pipeline(ModelFiles files, RuntimeOptions options)
    : impl_(std::make_unique<Impl>(std::move(files), options)) {}

Pipeline::~Pipeline() = default;

void Pipeline::load(const LoadProgressCallback& progress, const CancelToken* cancel) {
    withEngineErrors([&] { impl_->load(progress, cancel); });
}

bool Pipeline::isLoaded() const {
    return impl_->models != nullptr;
}

GenerationResult Pipeline::generate(const GenerationRequest& request, const ProgressCallback& progress,
                                    const CancelToken* cancel) {
    return withEngineErrors([&] { return impl_->generate(request, progress, cancel); });
}

void Pipeline::setReferenceCacheBudget(std::uint64_t bytes) {
    impl_->referenceFeatures.setBudget(bytes);
}

std::string Pipeline::deviceDescription() const {
    return describeComputeDevice(impl_->compute, impl_->threads);
}

}  // namespace flashface::pipeline
