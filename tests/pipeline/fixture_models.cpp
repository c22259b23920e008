#include "fixture_models.h"

#include "support/fixtures.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace flashface::test {

void writeFixtureModelsJson(const std::filesystem::path& folder) {
    const auto model = [](const std::string& dir) {
        return nlohmann::json{{"file", fixture(dir + "/weights.pth").string()},
                              {"config", readJson(fixture(dir + "/config.json"))}};
    };
    nlohmann::json manifest = {
        {"unet", model("unet")},
        {"vae", model("vae")},
        {"clip", model("clip_text")},
        // The product's detector; the GPU bundle carries only the small backbone.
        {"face_detector", model(std::filesystem::exists(fixture("retinaface/resnet50")) ? "retinaface/resnet50"
                                                                                         : "retinaface/mobilenetv1")},
        {"vocabulary", fixture("tokenizer/bpe_simple_vocab_16e6.txt.gz").string()},
    };
    manifest["clip"]["prefix"] = "";
    std::ofstream out(folder / "models.json");
    out << manifest.dump(2);
    if (!out) throw std::runtime_error("cannot write " + (folder / "models.json").string());
}

}  // namespace flashface::test
