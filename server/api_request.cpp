#include "server/api_request.h"

#include "common/error.h"
#include "common/untrusted_json.h"
#include "face/photo.h"
#include "pipeline/generation_metadata.h"
#include "server/base64.h"

#include <nlohmann/json.hpp>

#include <random>

namespace flashface::server {

namespace {

[[noreturn]] void refuse(const std::string& key, const std::string& why) {
    throw InvalidRequest("The request's \"" + key + "\" " + why);
}

struct DecodedImage {
    Image image;
    std::string filename;  // of the uploaded file; empty for base64
};

// `object`'s image: inline base64 under "image", or a multipart field named by "file".
DecodedImage readUploadedImage(const nlohmann::json& object, const std::string& key, const FileLookup& files) {
    const auto image = object.find("image");
    const auto file = object.find("file");
    if ((image == object.end()) == (file == object.end()))
        refuse(key, "needs exactly one of \"image\" (base64) and \"file\" (a multipart field name).");
    if (image != object.end()) {
        if (!image->is_string()) refuse(key + ".image", "must be a base64 string.");
        const auto bytes = base64Decode(image->get_ref<const std::string&>());
        if (!bytes) refuse(key + ".image", "is not valid base64 (RFC 4648, padded, no line breaks).");
        const auto* data = reinterpret_cast<const std::uint8_t*>(bytes->data());
        return {face::decodePhoto({data, bytes->size()}, key), {}};
    }
    if (!file->is_string()) refuse(key + ".file", "must name a field of the multipart form.");
    const auto& field = file->get_ref<const std::string&>();
    const auto upload = files(field);
    if (!upload) refuse(key + ".file", "names the form field \"" + field + "\", which the request does not carry.");
    const auto* data = reinterpret_cast<const std::uint8_t*>(upload->bytes.data());
    const std::string name = upload->filename.empty() ? field : upload->filename;
    return {face::decodePhoto({data, upload->bytes.size()}, name), upload->filename};
}

template <class T>
T optionalKey(const nlohmann::json& object, const char* name, const std::string& key, T fallback,
              const char* expected) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) return fallback;
    try {
        if constexpr (std::is_same_v<T, int>) {
            if (const auto value = jsonInteger<int>(*it)) return *value;
            throw std::invalid_argument(name);
        } else {
            return it->get<T>();
        }
    } catch (const std::exception&) {
        refuse(key + "." + name, std::string("must be ") + expected + ", got " + jsonExcerpt(*it) + ".");
    }
}

pipeline::Reference readReference(const nlohmann::json& object, std::size_t index, const FileLookup& files) {
    const std::string key = "references[" + std::to_string(index) + "]";
    if (!object.is_object()) refuse(key, "must be an object, got " + jsonExcerpt(object) + ".");
    DecodedImage decoded = readUploadedImage(object, key, files);
    pipeline::Reference ref;
    ref.image = std::move(decoded.image);
    ref.isCrop = optionalKey(object, "crop", key, false, "true or false");
    const int face = optionalKey(object, "face", key, 1, "a face number from 1");
    if (face < 1) refuse(key + ".face", "must be 1 or more (1 = the most confident face).");
    ref.faceIndex = face - 1;
    ref.weight = optionalKey(object, "weight", key, 1.0, "a number");
    if (const auto box = object.find("box"); box != object.end() && !box->is_null()) {
        const auto corner = [&](std::size_t i) {
            const auto value = box->is_array() && box->size() == 4 ? jsonInteger<int>((*box)[i]) : std::nullopt;
            if (!value) refuse(key + ".box", "must be [x1, y1, x2, y2] in the photo's pixels, got " + jsonExcerpt(*box) + ".");
            return *value;
        };
        ref.manualBox = pipeline::PixelBox{corner(0), corner(1), corner(2), corner(3)};
    }
    const std::string fallback = decoded.filename.empty() ? "reference " + std::to_string(index + 1) : decoded.filename;
    ref.label = optionalKey(object, "label", key, fallback, "a string");
    return ref;
}

pipeline::Target readTarget(const nlohmann::json& object, const FileLookup& files) {
    const std::string key = "target";
    if (!object.is_object()) refuse(key, "must be an object, got " + jsonExcerpt(object) + ".");
    DecodedImage decoded = readUploadedImage(object, key, files);
    pipeline::Target target;
    target.image = std::move(decoded.image);
    const auto region = pipeline::targetRegionFromName(
        optionalKey<std::string>(object, "region", key, "face", "\"face\", \"mask\" or \"whole\""));
    if (!region) refuse(key + ".region", "must be \"face\", \"mask\" or \"whole\", got " + jsonExcerpt(object.at("region")) + ".");
    target.region = *region;
    const int face = optionalKey(object, "face", key, 1, "a face number from 1");
    if (face < 1) refuse(key + ".face", "must be 1 or more (1 = the most confident face).");
    target.faceIndex = face - 1;
    target.strength = optionalKey(object, "strength", key, pipeline::defaultStrength(target.region), "a number");
    target.useSettingsFaceBox = optionalKey(object, "use_settings_face_box", key, false, "true or false");
    target.label = optionalKey(object, "label", key, decoded.filename.empty() ? std::string("target") : decoded.filename,
                               "a string");
    const auto mask = object.find("mask");
    if (target.region == pipeline::TargetRegion::Mask) {
        if (mask == object.end() || !mask->is_object())
            refuse(key + ".mask", "is needed for the mask region: {\"image\": <base64>} or {\"file\": <form field>}.");
        target.mask = readUploadedImage(*mask, key + ".mask", files).image;
    } else if (mask != object.end()) {
        refuse(key + ".mask", "is only for the \"mask\" region.");
    }
    return target;
}

}  // namespace

nlohmann::json parseRequestDocument(std::string_view body) {
    try {
        return parseUntrustedJson(body, "request", "generation request");
    } catch (const FileError& e) {
        throw InvalidRequest(e.what());
    }
}

pipeline::GenerationRequest parseGenerationRequest(const nlohmann::json& document, const FileLookup& files) {
    if (!document.is_object()) throw InvalidRequest("The request must be a JSON object, got " + jsonExcerpt(document) + ".");
    pipeline::GenerationRequest request;
    const auto settings = document.find("settings");
    if (settings == document.end()) refuse("settings", "is missing (at least {\"prompt\": \"...\"}).");
    request.settings = pipeline::settingsFromJson(*settings);
    if (!settings->contains("seed")) request.settings.seed = std::random_device{}();
    if (request.settings.prompt.empty()) refuse("settings.prompt", "is needed, e.g. \"a photo of a man in the forest\".");

    const auto references = document.find("references");
    if (references == document.end() || !references->is_array() || references->empty())
        refuse("references", "must be a list of at least one reference photo or face crop.");
    // Before any image is decoded.
    if (!pipeline::kReferencesRange.contains(static_cast<long long>(references->size())))
        refuse("references", "may hold " + pipeline::kReferencesRange.text() + " references, got " +
                                 std::to_string(references->size()) + ".");
    for (std::size_t i = 0; i < references->size(); ++i)
        request.references.push_back(readReference((*references)[i], i, files));
    if (const auto target = document.find("target"); target != document.end() && !target->is_null())
        request.target = readTarget(*target, files);
    return request;
}

}  // namespace flashface::server
