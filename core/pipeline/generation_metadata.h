#pragma once

#include "common/image.h"
#include "pipeline/request.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flashface::pipeline {

// Settings as JSON (snake_case keys; numbers as typed, e.g. 0.85 not 0.8500000238).
nlohmann::json settingsToJson(const GenerationSettings& settings);
// Keys that are absent keep their defaults, unknown keys are ignored (files from newer
// versions); a key of the wrong type or range is an InvalidRequest naming it.
GenerationSettings settingsFromJson(const nlohmann::json& json);

// The Stable Diffusion web UI's "parameters" text (final prompt, "Negative prompt: ...", then
// "Key: value" pairs), so that common image tools show how the image was made.
std::string a1111Parameters(const GenerationSettings& settings);

// A face swap's or img2img's target photo as an image records it (the photo itself is not stored).
struct TargetRecord {
    std::string label;  // the photo's file name, for information
    TargetRegion region = TargetRegion::Face;
    int faceIndex = 0;
    double strength = 1.0;
};

// A target region's name in records and the server's requests: "face", "mask", "whole".
const char* targetRegionName(TargetRegion region);
std::optional<TargetRegion> targetRegionFromName(std::string_view name);

// What a generated PNG carries about itself.
struct ImageMetadata {
    GenerationSettings settings;               // regenerates this image as the first of a run
    std::vector<std::string> referenceLabels;  // the reference files, for information
    std::vector<double> referenceWeights;      // identity mixing, in reference order; empty: all 1
    std::optional<TargetRecord> target;        // set when the image was made over a target photo
};

// The JSON record an image carries (settings, final prompts, reference labels and weights, the
// target), the same in every format that holds one; and read back (InvalidRequest or a json
// exception when it is unusable).
std::string metadataRecord(const ImageMetadata& metadata);
ImageMetadata metadataFromRecord(const nlohmann::json& record);
// The `parameters` text an image carries: a1111Parameters() and, over a target photo, its
// strength as "Denoising strength".
std::string imageParameters(const ImageMetadata& metadata);

inline constexpr const char* kSettingsChunk = "flashface";     // metadataRecord()
inline constexpr const char* kParametersChunk = "parameters";  // imageParameters()

// The references' part of an image's record: their labels, and their weights unless all are 1
// (then none, as the original stores them).
ImageMetadata referenceMetadata(const std::vector<Reference>& references);

// What image `index` of `request`'s `result` carries: its own seed (settingsForImage), the
// references' part (referenceMetadata), and the target photo's record.
ImageMetadata metadataForImage(const GenerationRequest& request, const GenerationResult& result, int index);

// `image` as PNG with a `parameters` and a `flashface` (JSON) text chunk.
std::vector<std::uint8_t> encodeGeneratedImage(const Image& image, const ImageMetadata& metadata);

// encodeGeneratedImage's PNG written into `folder` as `<stem>-NNNNN.png`, atomically and never
// replacing a file. Returns the path.
std::filesystem::path saveGeneratedImage(const std::filesystem::path& folder, const Image& image,
                                         const ImageMetadata& metadata, const std::string& stem = "flashface");

// Reads the metadata back from a PNG written by saveGeneratedImage. FileError naming the file
// when it has no (valid) `flashface` chunk.
ImageMetadata readImageMetadata(const std::filesystem::path& png);

}  // namespace flashface::pipeline
