// The sampler choice in the settings: JSON, the web UI's parameters text, the PNG metadata.
#include "common/error.h"
#include "pipeline/generation_metadata.h"
#include "support/fixtures.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace flashface::sampler {
namespace {

TEST(SamplerSettings, RoundTripThroughJsonByName) {
    for (const SamplerName& name : kSamplerNames) {
        pipeline::GenerationSettings s;
        s.sampler = name.kind;
        const nlohmann::json json = pipeline::settingsToJson(s);
        EXPECT_EQ(json.at("sampler"), name.id);
        EXPECT_EQ(pipeline::settingsFromJson(json).sampler, name.kind);
    }
}

TEST(SamplerSettings, OlderSettingsMeanDdimAndAnUnknownNameIsRefused) {
    EXPECT_EQ(pipeline::settingsFromJson(nlohmann::json::object()).sampler, SamplerKind::Ddim);
    try {
        pipeline::settingsFromJson({{"sampler", "heun"}});
        FAIL() << "accepted an unknown sampler";
    } catch (const InvalidRequest& e) {
        EXPECT_NE(std::string(e.what()).find("sampler"), std::string::npos) << e.what();
    }
    EXPECT_THROW(pipeline::settingsFromJson({{"sampler", 3}}), InvalidRequest);
}

TEST(SamplerSettings, ParametersTextNamesSamplerAndScheduleAsTheWebUi) {
    pipeline::GenerationSettings s;
    EXPECT_NE(pipeline::a1111Parameters(s).find(", Sampler: DDIM, Schedule type: trailing, "), std::string::npos);
    s.sampler = SamplerKind::EulerAncestral;
    EXPECT_NE(pipeline::a1111Parameters(s).find(", Sampler: Euler a, Schedule type: trailing, "), std::string::npos);
    s.sampler = SamplerKind::Dpmpp2mKarras;
    EXPECT_NE(pipeline::a1111Parameters(s).find(", Sampler: DPM++ 2M, Schedule type: Karras, "), std::string::npos);
}

TEST(SamplerSettings, StoredInTheImageAndReadBack) {
    const test::TempDir folder;
    Image image;
    image.width = 4;
    image.height = 3;
    image.rgb.assign(4 * 3 * 3, 128);
    pipeline::ImageMetadata metadata;
    metadata.settings.sampler = SamplerKind::Dpmpp2m;
    const auto png = pipeline::saveGeneratedImage(folder.path(), image, metadata);
    EXPECT_EQ(pipeline::readImageMetadata(png).settings.sampler, SamplerKind::Dpmpp2m);
}

}  // namespace
}  // namespace flashface::sampler
