// A models folder's models.json and the model configurations it names or holds: FileError, never
// a crash, a sanitizer report or another exception. The folder's other files do not exist, so
// resolving always reports them missing after parsing the manifest.

#include "common/error.h"
#include "common/untrusted_json.h"
#include "models/config.h"
#include "pipeline/model_files.h"
#include "scratch_file.h"

namespace {

// Every kind of field the architecture readers take.
void readConfig(const nlohmann::json& json) {
    const flashface::models::ConfigReader reader(json, "config.json");
    std::int64_t count = 0;
    double ratio = 0;
    bool flag = false;
    std::string name;
    std::vector<std::int64_t> multipliers;
    std::vector<double> scales;
    reader.read("dim", count);
    reader.requireWithin("dim", count, 0, flashface::models::kMaxConfigWidth);
    reader.read("mlp_ratio", ratio);
    reader.read("causal", flag);
    reader.read("activation", name);
    reader.read("dim_mult", multipliers);
    reader.requireWithin("dim_mult", multipliers, 1, flashface::models::kMaxConfigCount);
    reader.read("attn_scales", scales);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto manifest = flashface::fuzz::writeScratch("models.json", data, size);
    try {
        flashface::pipeline::missingModelFiles(manifest.parent_path());
    } catch (const flashface::FileError&) {
    }
    try {
        readConfig(flashface::readUntrustedJsonFile(manifest, "model configuration"));
    } catch (const flashface::FileError&) {
    }
    return 0;
}
