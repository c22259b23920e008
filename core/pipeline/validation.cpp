#include "pipeline/validation.h"

#include "common/error.h"
#include "pipeline/number_format.h"
#include "pipeline/target.h"
#include "tokenizer/unicode_text.h"

#include <cmath>
#include <sstream>
#include <string>

namespace flashface::pipeline {

namespace {

std::string formatBox(const FaceBox& box) {
    std::ostringstream s;
    s << '[' << box.x1 << ", " << box.y1 << ", " << box.x2 << ", " << box.y2 << ']';
    return s.str();
}

void requireSize(const char* what, int value) {
    if (!kSideRange.contains(value) || value % 8 != 0)
        throw InvalidRequest("The image " + std::string(what) + " must be a positive multiple of 8 pixels, got " +
                             std::to_string(value) + " (" + kSideRange.text() + " pixels are accepted).");
}

void requireWithin(const std::string& what, const IntRange& range, long long value) {
    if (!range.contains(value))
        throw InvalidRequest("The " + what + " must lie within " + range.text() + ", got " + std::to_string(value) + ".");
}

void requireFinite(const char* what, float value) {
    if (!std::isfinite(value)) throw InvalidRequest("The " + std::string(what) + " must be a finite number.");
}

// The tokenizer refuses it too, but only after every model has loaded.
void requireUtf8(const char* what, const std::string& text) {
    try {
        tokenizer::unicode::decodeUtf8(text);
    } catch (const InvalidRequest& e) {
        throw InvalidRequest("The " + std::string(what) + " is not valid UTF-8 text: " + e.what());
    }
}

void validateTarget(const Target& target) {
    const std::string photo = target.label.empty() ? "target photo" : "target photo (" + target.label + ")";
    if (target.image.empty() ||
        target.image.rgb.size() != static_cast<std::size_t>(target.image.width) * target.image.height * 3)
        throw InvalidRequest("The " + photo + " holds no image data.");
    for (const int side : {target.image.width, target.image.height})
        if (target.region == TargetRegion::Whole && !kSideRange.contains(generationSide(side)))
            throw InvalidRequest("The " + photo + " is " + std::to_string(target.image.width) + "x" +
                                 std::to_string(target.image.height) + " pixels; " + kSideRange.text() +
                                 " pixels a side are accepted for the whole picture: scale it first, or "
                                 "repaint a region of it.");
    if (target.region == TargetRegion::Mask && target.mask.empty())
        throw InvalidRequest("The mask of the " + photo + " holds no image data.");
    if (target.faceIndex < 0) throw InvalidRequest("Faces in the " + photo + " are numbered from 1.");
    if (!(target.strength > 0 && target.strength <= 1))
        throw InvalidRequest("The strength must be above 0 and at most 1, got " +
                             formatNumber(static_cast<float>(target.strength)) + ".");
}

}  // namespace

void validateFaceBox(const FaceBox& box) {
    if (box.isNone()) return;
    for (const float v : {box.x1, box.y1, box.x2, box.y2}) {
        if (!(v >= 0.0f && v <= 1.0f))
            throw InvalidRequest("The face box " + formatBox(box) +
                                 " must lie within [0, 1] (fractions of the image width and height).");
    }
    if (!(box.x2 > box.x1) || !(box.y2 > box.y1))
        throw InvalidRequest("The face box " + formatBox(box) +
                             " must have x2 > x1 and y2 > y1 (or be all zeros for no face position).");
}

void validateRequest(const GenerationRequest& request) {
    if (request.references.empty())
        throw InvalidRequest("At least one reference face is needed: add a photo or a face crop of the person.");
    for (std::size_t i = 0; i < request.references.size(); ++i) {
        const Reference& ref = request.references[i];
        if (ref.image.empty() ||
            ref.image.rgb.size() != static_cast<std::size_t>(ref.image.width) * ref.image.height * 3)
            throw InvalidRequest("Reference " + std::to_string(i + 1) +
                                 (ref.label.empty() ? std::string() : " (" + ref.label + ")") +
                                 " holds no image data.");
        if (!(ref.weight > 0 && ref.weight <= kMaxReferenceWeight))
            throw InvalidRequest("The weight of reference " + std::to_string(i + 1) +
                                 (ref.label.empty() ? std::string() : " (" + ref.label + ")") + " must be above 0 and at most " +
                                 formatNumber(kMaxReferenceWeight) + ", got " + formatNumber(static_cast<float>(ref.weight)) + ".");
    }
    requireWithin("number of references", kReferencesRange, static_cast<long long>(request.references.size()));
    const GenerationSettings& s = request.settings;
    if (request.target) validateTarget(*request.target);
    // The whole picture is generated at the photo's size; otherwise the settings' size is the
    // working size of the region's window.
    if (!request.target || request.target->region != TargetRegion::Whole) {
        requireSize("width", s.width);
        requireSize("height", s.height);
    }
    validateFaceBox(s.faceBox);
    requireWithin("number of steps", kStepsRange, s.steps);
    requireWithin("number of images", kImagesRange, s.numImages);
    requireWithin("reference guidance launch step", kLaunchStepRange, s.guidance.launchStep);
    requireUtf8("prompt", s.prompt);
    requireUtf8("negative prompt", s.negativePrompt);
    requireUtf8("positive postfix", s.positivePostfix);
    requireUtf8("negative postfix", s.negativePostfix);
    requireFinite("text guidance", s.guidance.textScale);
    requireFinite("reference guidance", s.guidance.referenceScale);
    requireFinite("reference strength (lambda)", s.guidance.lambda);
    requireFinite("reference strength before the launch step", s.guidance.lambdaBefore);
    if (!(s.guidance.rescale >= 0.0f && s.guidance.rescale <= 1.0f))
        throw InvalidRequest("The guidance rescale must lie within [0, 1], got " + std::to_string(s.guidance.rescale) + ".");
}

}  // namespace flashface::pipeline
