#pragma once

#include "pipeline/request.h"

namespace flashface::pipeline {

// Throws InvalidRequest, with a sentence naming the setting and its value, for a request the
// engine cannot run: no references (or an empty image), a count, size, step count or launch step
// outside its bound in request.h (sizes also multiples of 8), a face box outside [0,1] or with
// x2 <= x1 / y2 <= y1 (all zeros is allowed: no constraint), non-finite strengths, a rescale
// outside [0,1], prompts that are not UTF-8.
void validateRequest(const GenerationRequest& request);

// The face-box part of validateRequest, for front ends that check a box as it is typed.
void validateFaceBox(const FaceBox& box);

}  // namespace flashface::pipeline
