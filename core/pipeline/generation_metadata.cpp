#include "pipeline/generation_metadata.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/untrusted_json.h"
#include "pipeline/number_format.h"
#include "pipeline/png_metadata.h"
#include "pipeline/prompts.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <sstream>
#include <utility>
#include <type_traits>

namespace flashface::pipeline {

namespace {

constexpr const char* kFormat = "flashface-studio/1";

// A float as the number the user typed.
nlohmann::json number(float value) {
    return decimalValue(value);
}

[[noreturn]] void unusable(const char* key, const nlohmann::json& value) {
    throw InvalidRequest(std::string("The setting \"") + key + "\" has an unusable value: " + jsonExcerpt(value) + ".");
}

template <class T>
void readKey(const nlohmann::json& json, const char* key, T& field) {
    const auto it = json.find(key);
    if (it == json.end() || it->is_null()) return;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        // get<int>() of 1e30 is an undefined cast: only integers that fit are taken.
        const auto value = jsonInteger<T>(*it);
        if (!value) unusable(key, *it);
        field = *value;
    } else if constexpr (std::is_same_v<T, float>) {
        const auto value = jsonFloat(*it);
        if (!value) unusable(key, *it);
        field = *value;
    } else if constexpr (std::is_same_v<T, std::vector<float>>) {
        if (!it->is_array()) unusable(key, *it);
        field.clear();
        for (const auto& element : *it) {
            const auto value = jsonFloat(element);
            if (!value) unusable(key, *it);
            field.push_back(*value);
        }
    } else {
        try {
            field = it->get<T>();
        } catch (const nlohmann::json::exception&) {
            unusable(key, *it);
        }
    }
}

// A1111 quotes a value that contains its separators.
std::string quoted(const std::string& value) {
    if (value.find_first_of(",:\"") == std::string::npos) return value;
    return nlohmann::json(value).dump();
}

std::string boxText(const FaceBox& box) {
    if (box.isNone()) return "none";
    std::ostringstream s;
    s << '[' << formatNumber(box.x1) << ", " << formatNumber(box.y1) << ", " << formatNumber(box.x2) << ", "
      << formatNumber(box.y2) << ']';
    return s.str();
}


nlohmann::json targetToJson(const TargetRecord& t) {
    return {{"file", t.label}, {"region", targetRegionName(t.region)}, {"face", t.faceIndex + 1},
            {"strength", number(static_cast<float>(t.strength))}};
}

TargetRecord targetFromJson(const nlohmann::json& json) {
    if (!json.is_object()) unusable("target", json);
    TargetRecord t;
    readKey(json, "file", t.label);
    std::string region = "face";
    readKey(json, "region", region);
    const auto known = targetRegionFromName(region);
    if (!known) unusable("target region", json.at("region"));
    t.region = *known;
    int face = 1;
    readKey(json, "face", face);
    if (face < 1) unusable("target face", json.at("face"));
    t.faceIndex = face - 1;
    float strength = 1.0f;
    readKey(json, "strength", strength);
    if (!(strength > 0 && strength <= 1)) unusable("target strength", json.at("strength"));
    t.strength = decimalValue(strength);
    return t;
}

}  // namespace

namespace {
constexpr std::pair<TargetRegion, const char*> kRegionNames[] = {
    {TargetRegion::Face, "face"}, {TargetRegion::Mask, "mask"}, {TargetRegion::Whole, "whole"}};
}  // namespace

const char* targetRegionName(TargetRegion region) {
    for (const auto& [kind, name] : kRegionNames)
        if (kind == region) return name;
    return "face";
}

std::optional<TargetRegion> targetRegionFromName(std::string_view name) {
    for (const auto& [kind, known] : kRegionNames)
        if (name == known) return kind;
    return std::nullopt;
}

nlohmann::json settingsToJson(const GenerationSettings& s) {
    return {
        {"prompt", s.prompt},
        {"negative_prompt", s.negativePrompt},
        {"use_positive_postfix", s.usePositivePostfix},
        {"use_negative_postfix", s.useNegativePostfix},
        {"positive_postfix", s.positivePostfix},
        {"negative_postfix", s.negativePostfix},
        {"face_box", {number(s.faceBox.x1), number(s.faceBox.y1), number(s.faceBox.x2), number(s.faceBox.y2)}},
        {"width", s.width},
        {"height", s.height},
        {"steps", s.steps},
        {"sampler", sampler::samplerName(s.sampler).id},
        {"seed", s.seed},
        {"num_images", s.numImages},
        {"text_guidance", number(s.guidance.textScale)},
        {"guide_rescale", number(s.guidance.rescale)},
        {"lambda", number(s.guidance.lambda)},
        {"reference_guidance", number(s.guidance.referenceScale)},
        {"launch_step", s.guidance.launchStep},
        {"lambda_before", number(s.guidance.lambdaBefore)},
    };
}

GenerationSettings settingsFromJson(const nlohmann::json& json) {
    if (!json.is_object()) throw InvalidRequest("Generation settings must be a JSON object, got " + jsonExcerpt(json) + ".");
    GenerationSettings s;
    readKey(json, "prompt", s.prompt);
    readKey(json, "negative_prompt", s.negativePrompt);
    readKey(json, "use_positive_postfix", s.usePositivePostfix);
    readKey(json, "use_negative_postfix", s.useNegativePostfix);
    readKey(json, "positive_postfix", s.positivePostfix);
    readKey(json, "negative_postfix", s.negativePostfix);
    std::vector<float> box;
    readKey(json, "face_box", box);
    if (json.contains("face_box")) {
        if (box.size() != 4)
            throw InvalidRequest("The setting \"face_box\" must hold 4 numbers [x1, y1, x2, y2], got " +
                                 jsonExcerpt(json.at("face_box")) + ".");
        s.faceBox = {box[0], box[1], box[2], box[3]};
    }
    readKey(json, "width", s.width);
    readKey(json, "height", s.height);
    readKey(json, "steps", s.steps);
    // Absent from the images made before there was a choice: DDIM made those.
    std::string sampler = sampler::samplerName(s.sampler).id;
    readKey(json, "sampler", sampler);
    if (const auto kind = sampler::parseSampler(sampler)) s.sampler = *kind;
    else unusable("sampler", json.at("sampler"));
    readKey(json, "seed", s.seed);
    readKey(json, "num_images", s.numImages);
    readKey(json, "text_guidance", s.guidance.textScale);
    readKey(json, "guide_rescale", s.guidance.rescale);
    readKey(json, "lambda", s.guidance.lambda);
    readKey(json, "reference_guidance", s.guidance.referenceScale);
    readKey(json, "launch_step", s.guidance.launchStep);
    readKey(json, "lambda_before", s.guidance.lambdaBefore);
    return s;
}

std::string a1111Parameters(const GenerationSettings& s) {
    const PromptPair prompts = assemblePrompts(s);
    std::ostringstream out;
    out << prompts.positive << "\nNegative prompt: " << prompts.negative << '\n'
        << "Steps: " << s.steps << ", Sampler: " << sampler::samplerName(s.sampler).label
        << ", Schedule type: " << sampler::samplerName(s.sampler).schedule << ", CFG scale: " << formatNumber(s.guidance.textScale)
        << ", Seed: " << s.seed << ", Size: " << s.width << 'x' << s.height
        << ", Model: FlashFace-SD1.5, CFG rescale: " << formatNumber(s.guidance.rescale)
        << ", Face box: " << quoted(boxText(s.faceBox)) << ", Reference strength: " << formatNumber(s.guidance.lambda)
        << ", Reference guidance: " << formatNumber(s.guidance.referenceScale) << ", Reference launch step: " << s.guidance.launchStep
        << ", Reference strength before launch: " << formatNumber(s.guidance.lambdaBefore);
    return out.str();
}

ImageMetadata referenceMetadata(const std::vector<Reference>& references) {
    ImageMetadata metadata;
    for (const auto& ref : references) {
        metadata.referenceLabels.push_back(ref.label);
        metadata.referenceWeights.push_back(ref.weight);
    }
    const auto& weights = metadata.referenceWeights;
    if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 1.0; })) metadata.referenceWeights.clear();
    return metadata;
}

ImageMetadata metadataForImage(const GenerationRequest& request, const GenerationResult& result, int index) {
    ImageMetadata metadata = referenceMetadata(request.references);
    metadata.settings = settingsForImage(result.settings, index);
    if (const auto& t = request.target) metadata.target = TargetRecord{t->label, t->region, t->faceIndex, t->strength};
    return metadata;
}

std::string metadataRecord(const ImageMetadata& metadata) {
    const PromptPair prompts = assemblePrompts(metadata.settings);
    nlohmann::json record = {
        {"format", kFormat},
        {"settings", settingsToJson(metadata.settings)},
        {"final_prompt", prompts.positive},
        {"final_negative_prompt", prompts.negative},
        {"references", metadata.referenceLabels},
    };
    if (!metadata.referenceWeights.empty()) record["reference_weights"] = metadata.referenceWeights;
    if (metadata.target) record["target"] = targetToJson(*metadata.target);
    return record.dump();
}

ImageMetadata metadataFromRecord(const nlohmann::json& record) {
    ImageMetadata metadata;
    metadata.settings = settingsFromJson(record.at("settings"));
    if (const auto refs = record.find("references"); refs != record.end())
        metadata.referenceLabels = refs->get<std::vector<std::string>>();
    if (const auto weights = record.find("reference_weights"); weights != record.end())
        metadata.referenceWeights = weights->get<std::vector<double>>();
    if (const auto target = record.find("target"); target != record.end()) metadata.target = targetFromJson(*target);
    return metadata;
}

std::string imageParameters(const ImageMetadata& metadata) {
    std::string parameters = a1111Parameters(metadata.settings);
    if (metadata.target)
        parameters += ", Denoising strength: " + formatNumber(static_cast<float>(metadata.target->strength));
    return parameters;
}

std::vector<std::uint8_t> encodeGeneratedImage(const Image& image, const ImageMetadata& metadata) {
    return encodePng(image, {{kParametersChunk, imageParameters(metadata)}, {kSettingsChunk, metadataRecord(metadata)}});
}

std::filesystem::path saveGeneratedImage(const std::filesystem::path& folder, const Image& image,
                                         const ImageMetadata& metadata, const std::string& stem) {
    return writeNumberedFile(folder, stem, ".png", encodeGeneratedImage(image, metadata));
}

ImageMetadata readImageMetadata(const std::filesystem::path& png) {
    for (const PngText& text : readPngTexts(png)) {
        if (text.keyword != kSettingsChunk) continue;
        try {
            return metadataFromRecord(parseUntrustedJson(text.text, png, "FlashFace settings stored in the image"));
        } catch (const nlohmann::json::exception& e) {
            throw FileError(png, std::string("the FlashFace settings stored in the image are damaged: ") + e.what());
        } catch (const InvalidRequest& e) {
            throw FileError(png, std::string("the FlashFace settings stored in the image are unusable: ") + e.what());
        }
    }
    throw FileError(png, "the image carries no FlashFace settings (it was not made by FlashFace Studio).");
}

}  // namespace flashface::pipeline
