#include "pipeline/references.h"

#include "common/error.h"
#include "face/faces.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace flashface::pipeline {

namespace {

// `given` repeated in order up to kMinReferences (a, b → a, b, a, b).
template <class T>
std::vector<T> cycledToMinimum(std::vector<T> given) {
    const std::size_t count = given.size();
    for (std::size_t i = count; count > 0 && i < static_cast<std::size_t>(kMinReferences); ++i) given.push_back(given[i % count]);
    return given;
}

std::string describe(const Reference& reference, std::size_t index) {
    return reference.label.empty() ? "reference " + std::to_string(index + 1) : reference.label;
}

Image prepareOne(const Reference& reference, std::size_t index, const face::FaceDetector* detector) {
    if (reference.isCrop) return face::prepareCrop(reference.image);
    const std::string label = describe(reference, index);
    if (reference.manualBox) {
        const PixelBox& b = *reference.manualBox;
        return face::prepareCrop(face::cropRegion(reference.image, b.x1, b.y1, b.x2, b.y2, label));
    }
    if (!detector)
        throw InvalidRequest("Cannot find the face in " + label + ": no face detector is loaded (give a face crop or a box).");
    const auto faces = detector->detect(reference.image);
    return face::prepareReference(reference.image, face::chooseFace(faces, reference.faceIndex, label));
}

}  // namespace

std::vector<Image> prepareReferenceImages(const std::vector<Reference>& references,
                                          const face::FaceDetector* detector) {
    std::vector<Image> prepared;
    for (std::size_t i = 0; i < references.size(); ++i) prepared.push_back(prepareOne(references[i], i, detector));
    if (prepared.empty()) throw InvalidRequest("At least one reference face is needed.");
    return cycledToMinimum(std::move(prepared));
}

std::vector<double> referenceWeights(const std::vector<Reference>& references) {
    std::vector<double> weights;
    for (const auto& reference : references) weights.push_back(reference.weight);
    if (std::all_of(weights.begin(), weights.end(), [](double w) { return w == 1.0; })) return {};
    return cycledToMinimum(std::move(weights));
}

at::Tensor imagesToTensor(const std::vector<Image>& images) {
    std::vector<at::Tensor> rows;
    for (const Image& image : images) {
        const auto bytes = at::from_blob(const_cast<std::uint8_t*>(image.rgb.data()), {image.height, image.width, 3}, at::kByte);
        rows.push_back(bytes.permute({2, 0, 1}).to(at::kFloat) / 127.5 - 1.0);
    }
    return at::stack(rows);
}


}  // namespace flashface::pipeline
