#include "pipeline/face_finder.h"

#include "face/faces.h"
#include "pipeline/compute_device.h"
#include "pipeline/target.h"

#include <ATen/ATen.h>

namespace flashface::pipeline {

FaceFinder::FaceFinder(const ModelFiles& files, DeviceChoice device)
    : detector_(face::sharedFaceDetector(files.faceDetector,
                                         face::RetinaFaceConfig::fromJson(files.faceDetectorConfig, files.faceDetector),
                                         resolveComputeDevice(device, PrecisionChoice::Auto).device)) {}

FaceFinder::~FaceFinder() = default;

const face::FaceDetector& FaceFinder::detector() const {
    return *detector_;
}

std::vector<FaceCandidate> FaceFinder::find(const Image& photo) const {
    std::vector<FaceCandidate> candidates;
    for (const face::DetectedFace& face : detector_->detect(photo)) {
        FaceCandidate c{face.x1, face.y1, face.x2, face.y2, face.score, {}, face.warning, face::alignFace(photo, face)};
        for (std::size_t i = 0; i < face.landmarks.size(); ++i) c.landmarks[i] = {face.landmarks[i].x, face.landmarks[i].y};
        candidates.push_back(std::move(c));
    }
    return candidates;
}

Image repaintedRegion(const Target& target, int workingSide, const FaceFinder* finder) {
    const PreparedTarget prepared = prepareTarget(target, workingSide, finder ? &finder->detector() : nullptr);
    const int width = target.image.width, height = target.image.height;
    const at::Tensor grey = compositeWeights(prepared, target.image).mul(255).round().to(at::kByte);
    const at::Tensor rgb = grey.unsqueeze(2).expand({height, width, 3}).contiguous();
    const std::uint8_t* data = rgb.data_ptr<std::uint8_t>();
    return Image{width, height, std::vector<std::uint8_t>(data, data + rgb.numel())};
}

}  // namespace flashface::pipeline
