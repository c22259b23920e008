// The full-size architectures, built from the default configs without allocating weights,
// must name and shape their parameters exactly as the real checkpoints do.
#include "models/autoencoder.h"
#include "models/clip_text.h"

#include "common/error.h"
#include "support/fixtures.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace flashface;

// One "name shape" line of a manifest; shapes read like "1280x320", "768" or "scalar".
using Entry = std::pair<std::string, std::string>;

std::vector<Entry> readManifest(const std::string& name, const std::string& prefix = "") {
    const auto file = test::fixture("manifests/" + name);
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open " + file.string());
    std::vector<Entry> entries;
    std::string key, shape;
    while (in >> key >> shape)
        if (key.rfind(prefix, 0) == 0) entries.emplace_back(key, shape);
    return entries;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
    if (shape.empty()) return "scalar";
    std::ostringstream s;
    for (std::size_t i = 0; i < shape.size(); ++i) s << (i ? "x" : "") << shape[i];
    return s.str();
}

std::vector<Entry> architecture(nn::Module& model, const std::string& prefix = "") {
    std::vector<Entry> entries;
    for (const auto& p : model.parameters(prefix)) {
        EXPECT_FALSE(p.tensor->defined()) << p.name << " was allocated";
        entries.emplace_back(p.name, shapeText(p.shape));
    }
    return entries;
}

TEST(Manifests, ClipTextTowerMatchesTheRealCheckpoint) {
    models::ClipTextEncoder model;
    const auto expected = readManifest("openai_clip_vit_large_14.txt", "textual.");
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(architecture(model, "textual."), expected);
}

TEST(Manifests, AutoencoderMatchesTheRealCheckpoint) {
    models::Autoencoder model;
    const auto expected = readManifest("sd_v1_vae.txt");
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(architecture(model), expected);
}

TEST(ModelConfigs, AbsentFieldsAreTheFullSizeModels) {
    const auto empty = nlohmann::json::object();
    const auto clip = models::ClipTextConfig::fromJson(empty, "config.json");
    const models::ClipTextConfig clipDefaults;
    EXPECT_EQ(clip.vocabSize, 49408);
    EXPECT_EQ(clip.textLen, 77);
    EXPECT_EQ(clip.dim, 768);
    EXPECT_EQ(clip.outDim, clipDefaults.outDim);
    EXPECT_EQ(clip.numHeads, 12);
    EXPECT_EQ(clip.numLayers, 12);
    EXPECT_EQ(clip.mlpRatio, 4.0);
    EXPECT_TRUE(clip.causal);
    EXPECT_EQ(clip.activation, models::ClipTextConfig::Activation::QuickGelu);

    const auto vae = models::AutoencoderConfig::fromJson(empty, "config.json");
    EXPECT_EQ(vae.dim, 128);
    EXPECT_EQ(vae.zDim, 4);
    EXPECT_EQ(vae.dimMult, (std::vector<std::int64_t>{1, 2, 4, 4}));
    EXPECT_EQ(vae.numResBlocks, 2);
    EXPECT_TRUE(vae.attnScales.empty());
}

TEST(ModelConfigs, GivenFieldsOverrideOnlyThemselves) {
    const auto clip = models::ClipTextConfig::fromJson({{"dim", 64}, {"num_heads", 4}}, "config.json");
    EXPECT_EQ(clip.dim, 64);
    EXPECT_EQ(clip.numHeads, 4);
    EXPECT_EQ(clip.outDim, 64);  // follows dim when absent, as in the original
    EXPECT_EQ(clip.numLayers, 12);

    const auto vae = models::AutoencoderConfig::fromJson({{"dim_mult", {1, 2}}}, "config.json");
    EXPECT_EQ(vae.dimMult, (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(vae.dim, 128);
}

TEST(ModelConfigs, UnusableFieldIsAFileErrorNamingIt) {
    try {
        models::ClipTextConfig::fromJson({{"num_layers", "twelve"}}, "clip/config.json");
        FAIL() << "a string num_layers was accepted";
    } catch (const FileError& e) {
        EXPECT_NE(std::string(e.what()).find("num_layers"), std::string::npos) << e.what();
        EXPECT_EQ(e.file(), "clip/config.json");
    }
    EXPECT_THROW(models::ClipTextConfig::fromJson({{"activation", "swi_glu"}}, "config.json"), FileError);
    EXPECT_THROW(models::AutoencoderConfig::fromJson({{"dim_mult", {4}}}, "config.json"), FileError);
}

}  // namespace
