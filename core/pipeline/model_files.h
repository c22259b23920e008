#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace flashface::pipeline {

// The weight files a Pipeline needs. A models folder holds them under their official names
// (flashface.ckpt, sd-v1-vae.pth, openai-clip-vit-large-14.pth, retinaface_resnet50.pth,
// bpe_simple_vocab_16e6.txt.gz) or a `models.json` manifest naming the files and, where they
// differ from the SD-1.5 sizes, the architecture configs (used by the tests' small models).
struct ModelFiles {
    std::filesystem::path folder;
    std::filesystem::path unet;          // flashface.ckpt
    std::filesystem::path vae;           // sd-v1-vae.pth
    std::filesystem::path clip;          // openai-clip-vit-large-14.pth
    std::filesystem::path faceDetector;  // retinaface_resnet50.pth
    std::filesystem::path vocabulary;    // bpe_simple_vocab_16e6.txt.gz
    // Architecture overrides from the manifest (JSON text of each config), empty = SD-1.5 sizes.
    std::string unetConfig, vaeConfig, clipConfig, faceDetectorConfig;
    // Key prefix of the text tower inside `clip` ("textual." for the official file).
    std::string clipPrefix = "textual.";
};

struct MissingModelFile {
    std::string name;                // official file name
    std::filesystem::path expectedAt;
    std::string url;                 // where to download it
    std::string purpose;             // what it is for, for the user
};

// The XDG data location: $XDG_DATA_HOME/flashface-studio/models (~/.local/share/...).
std::filesystem::path defaultModelsFolder();

// Files of `folder` that are absent (by manifest or official names).
std::vector<MissingModelFile> missingModelFiles(const std::filesystem::path& folder);

// Resolves the files of `folder`; throws FileError with one message listing every missing file,
// where it looked, and where to get it.
ModelFiles resolveModelFiles(const std::filesystem::path& folder);

}  // namespace flashface::pipeline
