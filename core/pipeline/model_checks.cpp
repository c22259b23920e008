#include "pipeline/model_checks.h"

#include "common/untrusted_json.h"
#include "face/retinaface.h"
#include "models/autoencoder.h"
#include "models/clip_text.h"
#include "models/unet.h"
#include "nn/load_state.h"

namespace flashface::pipeline {

namespace {

nlohmann::json configOf(const std::string& text, const std::filesystem::path& source) {
    if (text.empty()) return nlohmann::json::object();
    return parseUntrustedJson(text, source, "configuration in models.json");
}

FileExpectation weights(nn::Module& model, const nn::LoadOptions& options) {
    FileExpectation expected;
    expected.content = FileContent::Checkpoint;
    expected.keys = nn::expectedKeys(model, options);
    return expected;
}

}  // namespace

std::vector<ModelFileCheck> modelFileChecks(const ModelFiles& files) {
    // Module trees only: parameters stay undefined until loadState fills them.
    models::ClipTextEncoder clip(models::ClipTextConfig::fromJson(configOf(files.clipConfig, files.clip), files.clip));
    models::Autoencoder vae(models::AutoencoderConfig::fromJson(configOf(files.vaeConfig, files.vae), files.vae));
    face::RetinaFace detector(face::RetinaFaceConfig::fromJson(files.faceDetectorConfig, files.faceDetector));
    models::UNet unet(models::UNetConfig::fromJson(configOf(files.unetConfig, files.unet), files.unet));

    nn::LoadOptions clipOptions;
    clipOptions.prefix = files.clipPrefix;
    clipOptions.expectedExtras = models::ClipTextConfig::otherTowerKeys();
    nn::LoadOptions unetOptions;
    unetOptions.expectedExtras = models::UNet::skippedCheckpointKeys();
    FileExpectation vocabulary;
    vocabulary.content = FileContent::Vocabulary;
    return {
        {"bpe_simple_vocab_16e6.txt.gz", files.vocabulary, vocabulary},
        {"retinaface_resnet50.pth", files.faceDetector, weights(detector, {})},
        {"sd-v1-vae.pth", files.vae, weights(vae, {})},
        {"openai-clip-vit-large-14.pth", files.clip, weights(clip, clipOptions)},
        {"flashface.ckpt", files.unet, weights(unet, unetOptions)},
    };
}

}  // namespace flashface::pipeline
