#pragma once

#include "pipeline/request.h"

#include <cstddef>
#include <cstdint>

// What one `flashface serve` instance accepts and keeps. The per-request bounds start at the
// engine's (pipeline/request.h) and may only be tightened by the operator.
namespace flashface::server {

struct ServeLimits {
    int maxSide = pipeline::kSideRange.max;      // pixels per side
    int maxSteps = pipeline::kStepsRange.max;
    int maxImages = pipeline::kImagesRange.max;
    // The whole request body: JSON with base64 images, or multipart. Enough for a few phone photos.
    std::uint64_t maxUploadBytes = 64u << 20;
    std::size_t queueLength = 8;       // jobs waiting behind the running one; more get 429
    std::size_t keptJobs = 32;         // finished jobs (with their images) kept for download
    // Connections served at once; an event stream holds one for the whole run of its job.
    std::size_t connections = 64;
};

// The operator's bounds, as IntRanges within the engine's: for --help and the OpenAPI document.
inline pipeline::IntRange sideRange(const ServeLimits& l) { return {pipeline::kSideRange.min, l.maxSide}; }
inline pipeline::IntRange stepsRange(const ServeLimits& l) { return {pipeline::kStepsRange.min, l.maxSteps}; }
inline pipeline::IntRange imagesRange(const ServeLimits& l) { return {pipeline::kImagesRange.min, l.maxImages}; }

// Throws InvalidRequest, naming the setting and this server's bound, when `request` asks for more
// than `limits` allow. The engine's own checks (validateRequest) come on top.
void checkServeLimits(const pipeline::GenerationRequest& request, const ServeLimits& limits);

}  // namespace flashface::server
