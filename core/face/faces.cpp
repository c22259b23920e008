#include "face/faces.h"

#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "face/cv_image.h"
#include "face/image_ops.h"
#include "nn/load_state.h"

#include <ATen/ATen.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <sstream>

namespace flashface::face {

namespace {

std::string smallFaceWarning(const DetectedFace& face) {
    std::ostringstream s;
    s << "the face is only " << std::lround(face.width()) << "×" << std::lround(face.height())
      << " pixels (under " << kSmallFaceSide
      << "); the reference will lack detail: use a larger photo or one where the face is closer";
    return s.str();
}

// Detections on the 640×640 canvas → faces in photo pixels. The arithmetic is the original's
// (float32: subtract the padding, divide by the scale).
// Detections centred in the black padding are dropped: they cannot be a face of the photo (the
// original keeps them, and would crop a black reference).
std::vector<DetectedFace> toPhotoFaces(const RetinaFaceDetections& detections, const SquareFit& fit, int width,
                                       int height) {
    const auto boxes = detections.boxes.to(at::kCPU, at::kFloat).contiguous();
    const auto landmarks = detections.landmarks.to(at::kCPU, at::kFloat).contiguous();
    const auto b = boxes.accessor<float, 2>();
    const auto l = landmarks.accessor<float, 3>();
    const auto scale = static_cast<float>(fit.scale);
    const auto left = static_cast<float>(fit.left), top = static_cast<float>(fit.top);

    std::vector<DetectedFace> faces;
    for (std::int64_t i = 0; i < boxes.size(0); ++i) {
        DetectedFace f;
        f.x1 = (b[i][0] - left) / scale;
        f.y1 = (b[i][1] - top) / scale;
        f.x2 = (b[i][2] - left) / scale;
        f.y2 = (b[i][3] - top) / scale;
        f.score = b[i][4];
        for (int k = 0; k < 5; ++k) f.landmarks[k] = {(l[i][k][0] - left) / scale, (l[i][k][1] - top) / scale};
        const float cx = (f.x1 + f.x2) / 2, cy = (f.y1 + f.y2) / 2;
        if (cx < 0 || cy < 0 || cx >= static_cast<float>(width) || cy >= static_cast<float>(height)) continue;
        if (std::min(f.width(), f.height()) < kSmallFaceSide) f.warning = smallFaceWarning(f);
        faces.push_back(std::move(f));
    }
    std::stable_sort(faces.begin(), faces.end(),
                     [](const DetectedFace& a, const DetectedFace& b) { return a.score > b.score; });
    return faces;
}

// torch.round: halves to the even neighbour.
int roundHalfEven(float v) {
    return static_cast<int>(std::nearbyint(v));
}

float distance(Point a, Point b) {
    return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
}

}  // namespace

struct FaceDetector::Impl {
    RetinaFace model;
    c10::Device device;
    at::ScalarType dtype;

    Impl(const RetinaFaceConfig& config, c10::Device device_, at::ScalarType dtype_)
        : model(config), device(device_), dtype(dtype_) {}
};

FaceDetector::FaceDetector(const std::filesystem::path& weights, const RetinaFaceConfig& config, c10::Device device,
                           at::ScalarType dtype)
    : impl_(std::make_unique<Impl>(config, device, dtype)) {
    const auto checkpoint = checkpoint::Checkpoint::open(weights);
    nn::LoadOptions options;
    options.dtype = dtype;
    options.device = device;
    nn::loadState(impl_->model, checkpoint, options);
}

FaceDetector::~FaceDetector() = default;
FaceDetector::FaceDetector(FaceDetector&&) noexcept = default;
FaceDetector& FaceDetector::operator=(FaceDetector&&) noexcept = default;

std::shared_ptr<const FaceDetector> sharedFaceDetector(const std::filesystem::path& weights,
                                                       const RetinaFaceConfig& config, c10::Device device) {
    std::error_code error;
    const auto file = std::filesystem::weakly_canonical(weights, error);
    const auto size = std::filesystem::file_size(file, error);
    const auto modified = std::filesystem::last_write_time(file, error).time_since_epoch().count();
    std::ostringstream key;
    key << file.string() << '\n'
        << size << ' ' << modified << ' ' << device.str() << ' ' << config.backbone << ' ' << config.minScore << ' '
        << config.nmsThreshold << ' ' << config.preNmsTopK << ' ' << config.postNmsTopK;

    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<const FaceDetector>> loaded;
    // Held while loading, so that two first callers load the file once.
    const std::lock_guard lock(mutex);
    std::erase_if(loaded, [](const auto& entry) { return entry.second.expired(); });
    if (auto existing = loaded[key.str()].lock()) return existing;
    auto detector = std::make_shared<const FaceDetector>(weights, config, device, at::kFloat);
    loaded[key.str()] = detector;
    return detector;
}

const RetinaFace& FaceDetector::model() const {
    return impl_->model;
}

std::vector<DetectedFace> FaceDetector::detect(const Image& photo) const {
    if (photo.empty()) throw InvalidRequest("cannot detect faces in an empty image");
    const auto input = detectionInput(photo).to(impl_->device, impl_->dtype);
    const auto detections = impl_->model.detect(input);
    return toPhotoFaces(detections.front(), fitInSquare(photo.width, photo.height, kDetectionSize), photo.width,
                        photo.height);
}

at::Tensor detectionInput(const Image& photo) {
    Image canvas = padToSquare(photo, kDetectionSize);
    const auto pixels = at::from_blob(canvas.rgb.data(), {kDetectionSize, kDetectionSize, 3}, at::kByte);
    return pixels.permute({2, 0, 1}).unsqueeze(0).to(at::kFloat).div_(255.0).contiguous();
}

const DetectedFace& chooseFace(const std::vector<DetectedFace>& faces, int index, const std::string& label) {
    if (faces.empty())
        throw InvalidRequest("no face was found in " + label +
                             "; use a photo where the face is clearly visible, or mark the face with a box");
    if (index < 0 || index >= static_cast<int>(faces.size()))
        throw InvalidRequest(label + " has " + std::to_string(faces.size()) + " face(s); face " +
                             std::to_string(index + 1) + " does not exist (faces are numbered from 1, most confident first)");
    return faces[index];
}

double eyeLevelRotation(Point leftEye, Point rightEye) {
    // The right triangle's third corner lies level with the lower eye; the original rotates
    // by the angle at the right eye (direction +1) or its complement (direction −1).
    const bool leftLower = leftEye.y > rightEye.y;
    const Point third = leftLower ? Point{rightEye.x, leftEye.y} : Point{leftEye.x, rightEye.y};
    const double direction = leftLower ? -1.0 : 1.0;
    const double a = distance(leftEye, third);
    const double b = distance(rightEye, third);
    const double c = distance(rightEye, leftEye);
    if (b == 0 || c == 0) return 0;
    const double cosA = std::clamp((b * b + c * c - a * a) / (2 * b * c), -1.0, 1.0);
    double angle = std::acos(cosA) * 180.0 / M_PI;
    if (direction < 0) angle = 90 - angle;
    return direction * angle;
}

Image alignFace(const Image& photo, const DetectedFace& face) {
    const Image crop = cropBox(photo, roundHalfEven(face.x1), roundHalfEven(face.y1), roundHalfEven(face.x2),
                               roundHalfEven(face.y2));
    const double degrees = eyeLevelRotation(face.landmarks[kLeftEye], face.landmarks[kRightEye]);
    return degrees == 0 ? crop : rotateNearest(crop, degrees);
}

Image cropRegion(const Image& photo, int x1, int y1, int x2, int y2, const std::string& label) {
    if (x2 <= x1 || y2 <= y1)
        throw InvalidRequest("the face box for " + label + " is empty (" + std::to_string(x1) + "," +
                             std::to_string(y1) + " to " + std::to_string(x2) + "," + std::to_string(y2) + ")");
    if (x2 <= 0 || y2 <= 0 || x1 >= photo.width || y1 >= photo.height)
        throw InvalidRequest("the face box for " + label + " lies outside the " + std::to_string(photo.width) + "×" +
                             std::to_string(photo.height) + " photo");
    return cropBox(photo, x1, y1, x2, y2);
}

Image prepareCrop(const Image& crop) {
    if (crop.empty()) throw InvalidRequest("cannot make a reference from an empty face crop");
    return padToSquare(crop, kReferenceSize);
}

Image prepareReference(const Image& photo, const DetectedFace& face) {
    return prepareCrop(alignFace(photo, face));
}

Image drawFaces(const Image& photo, const std::vector<DetectedFace>& faces, int chosen) {
    Image out = photo;
    cv::Mat canvas = toMat(out);
    const double unit = std::max(1.0, std::max(photo.width, photo.height) / 400.0);
    const int thickness = static_cast<int>(std::lround(unit));
    const auto draw = [&](int i) {
        const DetectedFace& f = faces[i];
        const cv::Scalar colour = i == chosen ? cv::Scalar(0, 220, 0) : cv::Scalar(230, 30, 30);
        cv::rectangle(canvas, cv::Point(std::lround(f.x1), std::lround(f.y1)),
                      cv::Point(std::lround(f.x2), std::lround(f.y2)), colour, thickness, cv::LINE_AA);
        for (const Point& p : f.landmarks)
            cv::circle(canvas, cv::Point(std::lround(p.x), std::lround(p.y)), thickness + 1, colour, cv::FILLED,
                       cv::LINE_AA);
        cv::putText(canvas, std::to_string(i + 1),
                    cv::Point(std::lround(f.x1) + thickness, std::lround(f.y1) - 2 * thickness),
                    cv::FONT_HERSHEY_SIMPLEX, 0.5 * unit, colour, thickness, cv::LINE_AA);
    };
    // Least confident first and the chosen face last, so the numbers that matter stay on top.
    for (int i = static_cast<int>(faces.size()) - 1; i >= 0; --i)
        if (i != chosen) draw(i);
    if (chosen >= 0 && chosen < static_cast<int>(faces.size())) draw(chosen);
    return out;
}

}  // namespace flashface::face
