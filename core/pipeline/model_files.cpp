#include "pipeline/model_files.h"

#include "common/error.h"
#include "common/untrusted_json.h"
#include "pipeline/model_verify.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <sstream>

namespace flashface::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifestName = "models.json";

// One file of a models folder: its manifest key, official name, and where it goes in ModelFiles.
struct Slot {
    const char* key;
    const char* officialName;
    fs::path ModelFiles::*file;
    std::string ModelFiles::*config;  // nullptr: the file has no architecture
};

constexpr Slot kSlots[] = {
    {"unet", "flashface.ckpt", &ModelFiles::unet, &ModelFiles::unetConfig},
    {"vae", "sd-v1-vae.pth", &ModelFiles::vae, &ModelFiles::vaeConfig},
    {"clip", "openai-clip-vit-large-14.pth", &ModelFiles::clip, &ModelFiles::clipConfig},
    {"face_detector", "retinaface_resnet50.pth", &ModelFiles::faceDetector, &ModelFiles::faceDetectorConfig},
    {"vocabulary", "bpe_simple_vocab_16e6.txt.gz", &ModelFiles::vocabulary, nullptr},
};

nlohmann::json readJsonFile(const fs::path& file, const char* what) {
    return readUntrustedJsonFile(file, what);
}

fs::path resolveAgainst(const fs::path& folder, const std::string& path) {
    const fs::path p(path);
    return p.is_absolute() ? p : folder / p;
}

// An entry of models.json: "file" or {"file": ..., "config": {...} or "config.json", "prefix": ...}.
void applyManifestEntry(ModelFiles& files, const Slot& slot, const nlohmann::json& entry, const fs::path& manifest) {
    const auto fail = [&](const std::string& why) -> void {
        throw FileError(manifest, std::string("entry \"") + slot.key + "\": " + why);
    };
    if (entry.is_string()) {
        files.*slot.file = resolveAgainst(files.folder, entry.get<std::string>());
        return;
    }
    if (!entry.is_object() || !entry.contains("file") || !entry.at("file").is_string())
        fail("expected a file name or an object with a \"file\" string.");
    files.*slot.file = resolveAgainst(files.folder, entry.at("file").get<std::string>());
    if (const auto config = entry.find("config"); config != entry.end() && !config->is_null()) {
        if (!slot.config) fail("this file takes no \"config\".");
        if (config->is_object()) {
            files.*slot.config = config->dump();
        } else if (config->is_string()) {
            const fs::path configFile = resolveAgainst(files.folder, config->get<std::string>());
            files.*slot.config = readJsonFile(configFile, "model configuration").dump();
        } else {
            fail("\"config\" must be an object or the path of a JSON file.");
        }
    }
    if (const auto prefix = entry.find("prefix"); prefix != entry.end()) {
        if (slot.file != &ModelFiles::clip) fail("only the \"clip\" entry takes a \"prefix\".");
        if (!prefix->is_string()) fail("\"prefix\" must be a string.");
        files.clipPrefix = prefix->get<std::string>();
    }
}

// Every path of `folder`, from its manifest where there is one, else the official names.
ModelFiles locate(const fs::path& folder) {
    ModelFiles files;
    files.folder = folder;
    for (const Slot& slot : kSlots) files.*slot.file = folder / slot.officialName;

    const fs::path manifest = folder / kManifestName;
    if (!fs::exists(manifest)) return files;
    const nlohmann::json json = readJsonFile(manifest, "models manifest");
    if (!json.is_object()) throw FileError(manifest, "the models manifest must be a JSON object keyed by model.");
    for (const auto& [key, entry] : json.items()) {
        const Slot* slot = nullptr;
        for (const Slot& s : kSlots)
            if (key == s.key) slot = &s;
        if (!slot)
            throw FileError(manifest, "unknown entry " + jsonExcerpt(key) +
                                          " (expected unet, vae, clip, face_detector or vocabulary).");
        applyManifestEntry(files, *slot, entry, manifest);
    }
    return files;
}

std::string purposeOf(const char* officialName) {
    const OfficialModelFile* official = findOfficialModelFile(officialName);
    return official ? official->purpose : officialName;
}

}  // namespace

fs::path defaultModelsFolder() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
        return fs::path(xdg) / "flashface-studio" / "models";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "share" / "flashface-studio" / "models";
}

std::vector<MissingModelFile> missingModelFiles(const fs::path& folder) {
    const ModelFiles files = locate(folder);
    std::vector<MissingModelFile> missing;
    for (const Slot& slot : kSlots) {
        const fs::path& path = files.*slot.file;
        std::error_code error;
        if (fs::is_regular_file(path, error)) continue;
        missing.push_back({slot.officialName, path, modelFileUrl(kOfficialModelsBaseUrl, slot.officialName),
                           purposeOf(slot.officialName)});
    }
    return missing;
}

ModelFiles resolveModelFiles(const fs::path& folder) {
    const auto missing = missingModelFiles(folder);
    if (!missing.empty()) {
        std::ostringstream s;
        s << "the models folder lacks " << missing.size() << (missing.size() == 1 ? " file" : " files")
          << " (download them into it):";
        for (const auto& m : missing)
            s << "\n  - " << m.name << " (" << m.purpose << "): looked for " << m.expectedAt << "; get it from "
              << m.url;
        throw FileError(folder, s.str());
    }
    return locate(folder);
}

}  // namespace flashface::pipeline
