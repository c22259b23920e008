#pragma once

#include "common/image.h"
#include "pipeline/model_files.h"
#include "pipeline/request.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace flashface::face {
class FaceDetector;
}

namespace flashface::pipeline {

// A face the engine's detector found in a photo (photo pixels), with the aligned crop the
// engine makes of it: exactly what the model will see, so it can be shown and passed on as is.
struct FaceCandidate {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    float score = 0;
    std::array<std::array<float, 2>, 5> landmarks{};  // eyes, nose, mouth corners
    std::string warning;                              // e.g. too small to be a good reference
    Image aligned;                                    // the box cut out with the eyes levelled
};

// Face finding for a front end, behind a libtorch-free header: the detector of the models folder
// on the device the pipeline would compute on, the same loaded instance as the pipeline's
// (face::sharedFaceDetector), so the studio holds one RetinaFace however many panels and
// pipelines find faces. find() is const and may run on any thread.
class FaceFinder {
public:
    // Throws FileError when the detector weights are missing or unreadable, InvalidRequest for
    // CUDA without a GPU.
    explicit FaceFinder(const ModelFiles& files, DeviceChoice device = DeviceChoice::Auto);
    ~FaceFinder();
    FaceFinder(const FaceFinder&) = delete;
    FaceFinder& operator=(const FaceFinder&) = delete;

    // Most confident first; empty when there is no face.
    std::vector<FaceCandidate> find(const Image& photo) const;

    const face::FaceDetector& detector() const;

private:
    std::shared_ptr<const face::FaceDetector> detector_;
};

// How much of each pixel of the target photo a generation repaints, as the engine computes it
// (pipeline/target.h compositeWeights): white where the result is generated, black where it keeps
// the photo's bytes, grey in the feathered edge; the photo's size. `workingSide` is the settings'
// longer side; `finder` finds the face of a Face region (none is needed otherwise). Throws
// InvalidRequest as a generation would: no face, a mask of another size.
Image repaintedRegion(const Target& target, int workingSide, const FaceFinder* finder);

}  // namespace flashface::pipeline
