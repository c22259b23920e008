#include "fixture_request.h"

#include "face/photo.h"
#include "fixture_models.h"
#include "support/fixtures.h"

#include <ATen/ATen.h>

#include <vector>

namespace flashface::test {

const PipelineFixture& pipelineFixture() {
    static const PipelineFixture f{readJson(fixture("pipeline/config.json")), readAll(fixture("pipeline/io.safetensors"))};
    return f;
}

pipeline::Pipeline& fixturePipeline() {
    static const TempDir folder;
    static pipeline::Pipeline pipeline = [] {
        writeFixtureModelsJson(folder.path());
        // float32 as the original's fixtures (automatic precision may be bfloat16 on this CPU).
        return pipeline::Pipeline(pipeline::resolveModelFiles(folder.path()),
                                  {pipeline::DeviceChoice::Cpu, pipeline::PrecisionChoice::Float32, 1});
    }();
    return pipeline;
}

pipeline::GenerationRequest fixtureRequest() {
    const auto& c = pipelineFixture().config;
    pipeline::GenerationRequest request;
    for (const auto& file : c.at("ref_files")) {
        pipeline::Reference ref;
        ref.image = face::loadPhoto(fixture("pipeline/" + file.get<std::string>()));
        ref.isCrop = true;
        ref.label = file.get<std::string>();
        request.references.push_back(std::move(ref));
    }
    pipeline::GenerationSettings& s = request.settings;
    s.prompt = c.at("pos_prompt").get<std::string>();
    s.negativePrompt = c.at("neg_prompt").get<std::string>();
    const auto box = c.at("face_bbox").get<std::vector<float>>();
    s.faceBox = {box[0], box[1], box[2], box[3]};
    s.width = c.at("W").get<int>();
    s.height = c.at("H").get<int>();
    s.steps = c.at("steps").get<int>();
    s.numImages = c.at("num_sample").get<int>();
    s.guidance.textScale = c.at("text_control_scale").get<float>();
    s.guidance.rescale = c.at("guide_rescale").get<float>();
    s.guidance.lambda = c.at("lamda_feat").get<float>();
    s.guidance.referenceScale = c.at("face_guidence").get<float>();
    s.guidance.launchStep = c.at("step_to_launch_face_guidence").get<int>();
    s.guidance.lambdaBefore = c.at("lamda_feat_before_ref_guidence").get<float>();
    return request;
}

pipeline::SamplingInputs fixtureSamplingInputs() {
    const auto& io = pipelineFixture().io;
    pipeline::SamplingInputs in;
    in.noise = io.at("noise");
    in.refLatents = io.at("ref_latents");
    in.refContext = io.at("ref_context").expand({in.refLatents.size(0), -1, -1}).contiguous();
    in.positive = io.at("context_pos");
    in.negative = io.at("context_neg");
    in.mask = io.at("mask");
    return in;
}

}  // namespace flashface::test
