#pragma once

// Reference faces: finding faces in a photo, choosing one, and turning it into the 224×224
// reference image the model reads (FlashFace's own preparation, docs/model.md "Faces").
//
// Typical use (what `generate --ref PHOTO` does):
//
//     const face::FaceDetector detector(files.faceDetector,
//                                       face::RetinaFaceConfig::fromJson(files.faceDetectorConfig, files.faceDetector));
//     const Image photo = face::loadPhoto(path);                    // upright 8-bit RGB
//     const auto faces = detector.detect(photo);                    // most confident first
//     const auto& chosen = face::chooseFace(faces, index, label);   // error naming `label` if none
//     const Image reference = face::prepareReference(photo, chosen); // 224×224, eyes level
//
// A ready-made face crop skips detection: face::prepareCrop(crop). A manual box in a photo
// skips it too: face::prepareCrop(face::cropRegion(photo, box..., label)).
// The model's input tensor is the reference in [-1, 1] (x / 127.5 - 1), RGB, [3,224,224].

#include "common/image.h"
#include "face/retinaface.h"

#include <c10/core/Device.h>
#include <c10/core/ScalarType.h>

#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace flashface::face {

inline constexpr int kDetectionSize = 640;  // detector input: photo fitted into 640×640
inline constexpr int kReferenceSize = 224;  // reference image side
inline constexpr int kSmallFaceSide = 64;   // faces with a shorter side get a warning

struct Point {
    float x = 0, y = 0;
};

// RetinaFace's landmark order.
enum LandmarkIndex { kLeftEye = 0, kRightEye, kNose, kMouthLeft, kMouthRight };

// One face found in a photo, in the photo's pixel coordinates.
struct DetectedFace {
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;  // box corners
    float score = 0;                       // detector confidence, 0..1
    std::array<Point, 5> landmarks{};      // see LandmarkIndex ("left" = the photo's left)
    // A sentence for the user when the face is too small to make a good reference (shorter
    // box side under kSmallFaceSide pixels); empty otherwise.
    std::string warning;

    float width() const { return x2 - x1; }
    float height() const { return y2 - y1; }
};

// RetinaFace on whole photos. Loading reads the weights once; detect() may be called any number
// of times (it is const and does not keep state between calls).
class FaceDetector {
public:
    // Throws FileError naming `weights` if it is missing or not a RetinaFace of `config`'s
    // backbone. Runs in float32 on the CPU unless told otherwise.
    explicit FaceDetector(const std::filesystem::path& weights, const RetinaFaceConfig& config = {},
                          c10::Device device = c10::kCPU, at::ScalarType dtype = at::kFloat);
    ~FaceDetector();
    FaceDetector(FaceDetector&&) noexcept;
    FaceDetector& operator=(FaceDetector&&) noexcept;

    // Every face in `photo`, most confident first; empty when there is none. The photo is
    // fitted into 640×640 as the original does (longer side 640, bicubic, centred on black),
    // detected, and the results mapped back to the photo. Detections centred outside the photo
    // (in the padding) are dropped.
    std::vector<DetectedFace> detect(const Image& photo) const;

    const RetinaFace& model() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The process's one detector for `weights`, `config` and `device` (float32), loaded on the first
// call and shared while anyone holds it: the studio's reference and target panels and its
// pipeline find faces with the same loaded RetinaFace instead of each loading its own. detect()
// is const, so the holders may use it from their own threads. A file changed on disk since the
// load (size or modification time) is loaded anew. Throws as the constructor does.
std::shared_ptr<const FaceDetector> sharedFaceDetector(const std::filesystem::path& weights,
                                                       const RetinaFaceConfig& config, c10::Device device);

// The detector's view of a photo: [1,3,640,640] RGB in [0,1], float32 on the CPU.
at::Tensor detectionInput(const Image& photo);

// `faces[index]` (0 = most confident). InvalidRequest naming `label` (usually the file name)
// when there is no face or `index` is out of range.
const DetectedFace& chooseFace(const std::vector<DetectedFace>& faces, int index, const std::string& label);

// The counter-clockwise rotation (degrees, as PIL's Image.rotate takes it) that levels the
// eyes, computed as the original does (law of cosines on the eye triangle); 0 when the eyes
// coincide or are vertically aligned.
double eyeLevelRotation(Point leftEye, Point rightEye);

// The face as the original cuts it: the box rounded to whole pixels (black beyond the photo),
// rotated about its centre by eyeLevelRotation (nearest neighbour, same size, black corners).
Image alignFace(const Image& photo, const DetectedFace& face);

// A user-drawn box [x1,x2)×[y1,y2) in photo pixels, cut without rotation. InvalidRequest
// naming `label` when the box is empty or does not overlap the photo.
Image cropRegion(const Image& photo, int x1, int y1, int x2, int y2, const std::string& label);

// A face crop → the 224×224 reference: longer side to 224 (bicubic), centred on black.
Image prepareCrop(const Image& crop);

// prepareCrop(alignFace(photo, face)).
Image prepareReference(const Image& photo, const DetectedFace& face);

// A copy of `photo` with every face's box and landmarks drawn and numbered from 1 (most
// confident); the face at `chosen` (0-based, -1 for none) is drawn in green, the others in red.
Image drawFaces(const Image& photo, const std::vector<DetectedFace>& faces, int chosen = -1);

}  // namespace flashface::face
