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
        {"face_detector", model("retinaface/resnet50")},
        {"vocabulary", fixture("tokenizer/bpe_simple_vocab_16e6.txt.gz").string()},
    };
    manifest["clip"]["prefix"] = "";
    std::ofstream out(folder / "models.json");
    out << manifest.dump(2);
    if (!out) throw std::runtime_error("cannot write " + (folder / "models.json").string());
}

}  // namespace flashface::test
