#pragma once

#include "common/cancel.h"
#include "common/image.h"
#include "sampler/guidance_settings.h"
#include "sampler/sampler_kind.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// The engine's public vocabulary for one generation: plain data, no libtorch, no Qt.
namespace flashface::pipeline {

inline constexpr const char* kDefaultPositivePostfix =
    "best quality, masterpiece,ultra-detailed, UHD 4K, photographic";
inline constexpr const char* kDefaultNegativePostfix =
    "blurry, ugly, tiling, poorly drawn hands, poorly drawn feet, poorly drawn face, out of frame, "
    "extra limbs, disfigured, deformed, body out of frame, bad anatomy, watermark, signature, cut off, "
    "low contrast, underexposed, overexposed, bad art, beginner, amateur, distorted face";

// A face position in normalised output coordinates. The model uses the square with the box's
// longer side anchored at (x1, y1). All zeros means "no constraint".
struct FaceBox {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    bool isNone() const { return x1 == 0 && y1 == 0 && x2 == 0 && y2 == 0; }
};

inline constexpr FaceBox kOfficialFaceBox{0.3f, 0.1f, 0.6f, 0.4f};
inline constexpr FaceBox kPortraitFaceBox{0.3f, 0.2f, 0.6f, 0.5f};

// A pixel rectangle in a reference photo.
struct PixelBox {
    int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

// One reference: either a face crop used as is, or a photo in which a face is detected
// (faceIndex picks among several, most confident first) or cut out by a manual box.
struct Reference {
    Image image;
    bool isCrop = false;
    int faceIndex = 0;
    std::optional<PixelBox> manualBox;
    std::string label;  // shown in errors (usually the file name)
    // Identity mixing: this reference counts as `weight` references (an integer w is exactly the
    // reference given w times); 1 is the original's behaviour.
    double weight = 1.0;
};

// Face swap and img2img: a photo to keep everywhere but a region, which is repainted from the
// references and the prompt (docs/model.md "Target photo"). The output has the photo's size.
enum class TargetRegion {
    Face,   // the detected face at `faceIndex`, grown by a margin
    Mask,   // the white part of `mask`
    Whole,  // the whole picture (img2img)
};

// The usual strength: a face or mask region is repainted from pure noise (the references give
// it its identity); the whole picture keeps its composition and colours.
inline constexpr double defaultStrength(TargetRegion region) {
    return region == TargetRegion::Whole ? 0.75 : 1.0;
}

// Whether a mask pixel (RGB) asks for repainting: white, that is luminance >= 128 with Rec. 601
// weights.
inline constexpr bool repaintsPixel(const std::uint8_t* rgb) {
    return 299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2] >= 128'000;
}

struct Target {
    Image image;
    TargetRegion region = TargetRegion::Face;
    int faceIndex = 0;  // Face: among the detected faces, most confident first
    Image mask;         // Mask: the photo's size; repaintsPixel() tells which pixels are repainted
    // (0, 1]: how far back along the trajectory sampling starts; 1 starts from pure noise.
    double strength = defaultStrength(TargetRegion::Face);
    // Face and Mask: the face position is the region's bounding square unless the settings'
    // face box is asked for. Whole: always the settings' face box.
    bool useSettingsFaceBox = false;
    std::string label;  // shown in errors (usually the file name)
};

struct GenerationSettings {
    std::string prompt;
    std::string negativePrompt;
    bool usePositivePostfix = true;
    bool useNegativePostfix = true;
    std::string positivePostfix = kDefaultPositivePostfix;
    std::string negativePostfix = kDefaultNegativePostfix;

    FaceBox faceBox = kOfficialFaceBox;
    int width = 768;   // multiple of 8
    int height = 768;  // multiple of 8
    int steps = 35;
    sampler::SamplerKind sampler = sampler::SamplerKind::Ddim;
    std::uint32_t seed = 0;
    int numImages = 4;

    sampler::GuidanceSettings guidance;
};

// The bounds of a request, checked before any work (validateRequest) and stated in the command
// line's help: a shared PNG or a typo must not start a run that cannot end or fit in memory.
struct IntRange {
    int min, max;
    bool contains(long long v) const { return v >= min && v <= max; }
    std::string text() const { return std::to_string(min) + "-" + std::to_string(max); }
};
inline constexpr IntRange kSideRange{64, 2048};          // pixels per side (and a multiple of 8)
inline constexpr IntRange kStepsRange{1, 1000};          // the schedule has 1000 timesteps
inline constexpr IntRange kImagesRange{1, 16};
inline constexpr IntRange kLaunchStepRange{0, 1000};     // a timestep
inline constexpr IntRange kReferencesRange{1, 16};       // fewer than 4 are cycled up to 4
inline constexpr double kMaxReferenceWeight = 100;       // a reference's weight: (0, 100]

enum class DeviceChoice { Auto, Cpu, Cuda };
enum class PrecisionChoice { Auto, Float32, Float16, BFloat16 };

// How the per-step previews are made.
enum class PreviewMode {
    None,  // no previews
    Fast,  // a linear latent → RGB approximation at 1/8 resolution (no model call)
};

struct GenerationRequest {
    std::vector<Reference> references;  // at least one
    GenerationSettings settings;
    PreviewMode preview = PreviewMode::Fast;
    // Advanced: the initial latent noise, row-major [numImages, 4, height/8, width/8], instead of
    // the seed's (to reproduce a run of another implementation exactly). Empty = from the seed.
    std::vector<float> initialNoise;
    // Face swap / img2img: its size replaces the settings' width and height.
    std::optional<Target> target;
};

// Image i of a generation starts from the noise of seed + i (wrapping around), so
// settingsForImage(s, i) regenerates it as the first image of a new run (up to the rounding
// differences of batched arithmetic).
inline GenerationSettings settingsForImage(GenerationSettings batch, int index) {
    batch.seed += static_cast<std::uint32_t>(index);
    return batch;
}

struct StepProgress {
    int step = 0;        // 1-based
    int totalSteps = 0;
    int timestep = 0;    // the model timestep of this step
    double elapsedSeconds = 0;
    double secondsLeft = 0;
    std::vector<Image> previews;  // one x0 preview per image
};

struct GenerationResult {
    std::vector<Image> images;
    GenerationSettings settings;  // exactly what produced the images (seed included)
    double seconds = 0;
    std::int64_t gpuPeakBytes = 0;  // on CUDA: the tensors' peak during the run; 0 on the CPU
};

using ProgressCallback = std::function<void(const StepProgress&)>;

}  // namespace flashface::pipeline
