#pragma once

#include "pipeline/pipeline.h"
#include "pipeline/request.h"
#include "pipeline/sampling.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace flashface::test {

// The original's whole generation in fixtures/pipeline/: its parameters and its tensors.
struct PipelineFixture {
    nlohmann::json config;
    std::map<std::string, at::Tensor> io;
};
const PipelineFixture& pipelineFixture();

// A pipeline on the fixture models (a models folder naming them), made on first use and kept for
// the test program's life; one thread: the tiny models gain nothing from more, and the test
// machines are shared.
pipeline::Pipeline& fixturePipeline();

// The request the fixture ran: its parameters and its reference crops.
pipeline::GenerationRequest fixtureRequest();

// The denoising loop's inputs of the fixture's run, from its tensors (DDIM).
pipeline::SamplingInputs fixtureSamplingInputs();

}  // namespace flashface::test
