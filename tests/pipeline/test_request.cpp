#include "common/error.h"
#include "pipeline/face_mask.h"
#include "pipeline/prompts.h"
#include "pipeline/validation.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>

namespace flashface::pipeline {
namespace {

nlohmann::json pipelineConfig() {
    return test::readJson(test::fixture("pipeline/config.json"));
}

TEST(Prompts, AppendTheDefaultPostfixesAsTheOriginal) {
    const auto config = pipelineConfig();
    GenerationSettings s;
    s.prompt = config.at("pos_prompt").get<std::string>();
    s.negativePrompt = config.at("neg_prompt").get<std::string>();
    const PromptPair prompts = assemblePrompts(s);
    EXPECT_EQ(prompts.positive, config.at("final_pos_prompt").get<std::string>());
    EXPECT_EQ(prompts.negative, config.at("final_neg_prompt").get<std::string>());
}

TEST(Prompts, AnEmptyNegativePromptIsThePostfixAlone) {
    GenerationSettings s;
    s.prompt = "a portrait";
    EXPECT_EQ(assemblePrompts(s).negative, kDefaultNegativePostfix);
}

TEST(Prompts, PostfixesCanBeSwitchedOffOrEdited) {
    GenerationSettings s;
    s.prompt = "a portrait";
    s.negativePrompt = "hat";
    s.usePositivePostfix = false;
    s.negativePostfix = "blurry";
    const PromptPair prompts = assemblePrompts(s);
    EXPECT_EQ(prompts.positive, "a portrait");
    EXPECT_EQ(prompts.negative, "hat, blurry");
    s.useNegativePostfix = false;
    EXPECT_EQ(assemblePrompts(s).negative, "hat");
    s.usePositivePostfix = true;
    s.positivePostfix = "";
    EXPECT_EQ(assemblePrompts(s).positive, "a portrait");
}

TEST(FaceMask, MatchesThePipelineFixture) {
    const auto config = pipelineConfig();
    const auto box = config.at("face_bbox").get<std::vector<float>>();
    const auto expected = test::readAll(test::fixture("pipeline/io.safetensors")).at("mask");
    const at::Tensor mask = faceMask({box[0], box[1], box[2], box[3]}, config.at("W").get<int>(), config.at("H").get<int>());
    for (std::int64_t i = 0; i < expected.size(0); ++i) EXPECT_TRUE(mask.equal(expected[i])) << "sample " << i;
}

TEST(FaceMask, IsASquareOfTheLongerSideFromTheTopLeftCorner) {
    // x1: 0.08125·800 is 65 in float64 (what the original computes) but 64.99... with float32's
    // 0.08125f: the mask uses the number as typed.
    const at::Tensor mask = faceMask({0.08125f, 0.1f, 0.2f, 0.15f}, 800, 800);
    ASSERT_EQ(mask.sizes(), at::IntArrayRef({100, 100}));
    // Pixels x 65..160, y 80..175 (side = the width 95 > the height 40); every 8th pixel kept:
    // columns 72..152 → 9..19, rows 80..168 → 10..21.
    const at::Tensor expected = at::zeros({100, 100});
    expected.slice(0, 10, 22).slice(1, 9, 20).fill_(1);
    EXPECT_TRUE(mask.equal(expected));
}

TEST(FaceMask, IsClippedAtTheImageEdges) {
    const at::Tensor mask = faceMask({0.75f, 0.0f, 1.0f, 1.0f}, 64, 64);
    const at::Tensor expected = at::zeros({8, 8});
    expected.slice(1, 6, 8).fill_(1);
    EXPECT_TRUE(mask.equal(expected));
}

TEST(FaceMask, NoBoxMeansNoConstraint) {
    EXPECT_TRUE(faceMask({}, 64, 128).equal(at::zeros({16, 8})));
}

GenerationRequest validRequest() {
    GenerationRequest request;
    Reference ref;
    ref.image.width = ref.image.height = 4;
    ref.image.rgb.assign(4 * 4 * 3, 128);
    ref.isCrop = true;
    request.references.push_back(ref);
    request.settings.prompt = "a portrait";
    return request;
}

void expectInvalid(const GenerationRequest& request, const std::string& mentions) {
    try {
        validateRequest(request);
        ADD_FAILURE() << "accepted a request that should mention " << mentions;
    } catch (const InvalidRequest& e) {
        EXPECT_NE(std::string(e.what()).find(mentions), std::string::npos) << e.what();
    }
}

TEST(Validation, AcceptsTheDefaults) {
    EXPECT_NO_THROW(validateRequest(validRequest()));
    auto request = validRequest();
    request.settings.faceBox = {};
    EXPECT_NO_THROW(validateRequest(request));
}

TEST(Validation, RejectsBadRequestsWithAClearMessage) {
    auto r = validRequest();
    r.references.clear();
    expectInvalid(r, "reference");
    r = validRequest();
    r.references[0].image.rgb.clear();
    expectInvalid(r, "Reference 1");
    r = validRequest();
    r.settings.width = 100;
    expectInvalid(r, "width must be a positive multiple of 8 pixels, got 100");
    r = validRequest();
    r.settings.height = 0;
    expectInvalid(r, "height");
    r = validRequest();
    r.settings.faceBox = {0.5f, 0.1f, 0.4f, 0.4f};
    expectInvalid(r, "x2 > x1");
    r = validRequest();
    r.settings.faceBox = {0.1f, 0.1f, 1.2f, 0.4f};
    expectInvalid(r, "within [0, 1]");
    r = validRequest();
    r.settings.steps = 0;
    expectInvalid(r, "steps");
    r = validRequest();
    r.settings.numImages = 0;
    expectInvalid(r, "number of images");
    r = validRequest();
    r.settings.guidance.rescale = 2;
    expectInvalid(r, "rescale");
    for (const double weight : {0.0, -1.0, kMaxReferenceWeight * 2, std::nan("")}) {
        r = validRequest();
        r.references[0].weight = weight;
        expectInvalid(r, "weight of reference 1");
    }
}

}  // namespace
}  // namespace flashface::pipeline
