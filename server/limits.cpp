#include "server/limits.h"

#include "common/error.h"

#include <string>

namespace flashface::server {

namespace {

void require(const char* what, long long value, const pipeline::IntRange& range) {
    if (!range.contains(value))
        throw InvalidRequest(std::string("This server takes ") + what + " within " + range.text() + ", got " +
                             std::to_string(value) + ".");
}

}  // namespace

void checkServeLimits(const pipeline::GenerationRequest& request, const ServeLimits& limits) {
    const auto& s = request.settings;
    require("an image width", s.width, sideRange(limits));
    require("an image height", s.height, sideRange(limits));
    require("a step count", s.steps, stepsRange(limits));
    require("an image count", s.numImages, imagesRange(limits));
    // The whole picture is generated at the photo's size, which replaces the settings'.
    if (const auto& t = request.target; t && t->region == pipeline::TargetRegion::Whole) {
        require("a target photo width", t->image.width, sideRange(limits));
        require("a target photo height", t->image.height, sideRange(limits));
    }
}

}  // namespace flashface::server
