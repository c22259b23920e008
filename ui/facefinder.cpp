// The only UI source that includes an engine header using libtorch (face/faces.h); it is built
// as its own small library so that no widget depends on those headers.
#include "facefinder.h"

#include "face/faces.h"
#include "pipeline/target.h"

#include <ATen/ATen.h>

namespace flashface::ui {

struct FaceFinder::Impl {
    face::FaceDetector detector;
};

FaceFinder::FaceFinder(const pipeline::ModelFiles& files)
    : impl_(std::make_unique<Impl>(Impl{face::FaceDetector(
          files.faceDetector, face::RetinaFaceConfig::fromJson(files.faceDetectorConfig, files.faceDetector))})) {}

FaceFinder::~FaceFinder() = default;

std::vector<FaceCandidate> FaceFinder::find(const Image& photo) const {
    std::vector<FaceCandidate> candidates;
    for (const face::DetectedFace& face : impl_->detector.detect(photo)) {
        FaceCandidate c{face.x1, face.y1, face.x2, face.y2, face.score, {}, face.warning, face::alignFace(photo, face)};
        for (std::size_t i = 0; i < face.landmarks.size(); ++i) c.landmarks[i] = {face.landmarks[i].x, face.landmarks[i].y};
        candidates.push_back(std::move(c));
    }
    return candidates;
}

Image repaintedRegion(const pipeline::Target& target, int workingSide, const FaceFinder* finder) {
    const pipeline::PreparedTarget prepared = pipeline::prepareTarget(target, workingSide, finder ? &finder->impl_->detector : nullptr);
    const int width = target.image.width, height = target.image.height;
    const at::Tensor grey = pipeline::compositeWeights(prepared, target.image).mul(255).round().to(at::kByte);
    const at::Tensor rgb = grey.unsqueeze(2).expand({height, width, 3}).contiguous();
    const std::uint8_t* data = rgb.data_ptr<std::uint8_t>();
    return Image{width, height, std::vector<std::uint8_t>(data, data + rgb.numel())};
}

}  // namespace flashface::ui
