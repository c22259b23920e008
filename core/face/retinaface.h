#pragma once

#include "nn/module.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace flashface::face {

// Which RetinaFace to build and how its detections are filtered. The defaults are the
// official detector (ResNet-50, the thresholds of the FlashFace demo).
struct RetinaFaceConfig {
    std::string backbone = "resnet50";  // "resnet50" or "mobilenetv1"
    double minScore = 0.6;              // keep detections scoring above this
    double nmsThreshold = 0.4;          // suppress overlaps with IoU above this
    std::int64_t preNmsTopK = 5000;     // best-scoring priors considered before NMS
    std::int64_t postNmsTopK = 750;     // detections kept after NMS

    // From a config.json text: {"backbone": ..., "detect": {"min_thr", "nms_thr",
    // "pre_nms_topk", "post_nms_topk"}}; absent fields keep the defaults, an empty text is the
    // official detector. `source` names the text in errors (FileError).
    static RetinaFaceConfig fromJson(const std::string& text, const std::filesystem::path& source);
};

// Network outputs per prior: class logits [B,A,2], box offsets [B,A,4], landmark offsets [B,A,10].
struct RetinaFaceOutputs {
    at::Tensor scores, boxes, landmarks;
};

// Detections of one image in its input pixels, best first after NMS:
// boxes [K,5] = x1,y1,x2,y2,score; landmarks [K,5,2] = left eye, right eye, nose, mouth corners.
struct RetinaFaceDetections {
    at::Tensor boxes, landmarks;
};

namespace detail {
class Backbone;
class FeaturePyramid;
class ContextModule;
class HeadList;
}  // namespace detail

// RetinaFace (Pytorch_Retinaface layout). The module tree mirrors the checkpoint keys
// (`body.*`, `fpn.*`, `ssh1..3.*`, `class_head.N.*`, `bbox_head.N.*`, `landmark_head.N.*`), so
// nn::loadState fills it from retinaface_resnet50.pth directly. BatchNorms run in eval mode.
class RetinaFace : public nn::Module {
public:
    explicit RetinaFace(const RetinaFaceConfig& config = {});
    ~RetinaFace() override;

    const RetinaFaceConfig& config() const { return config_; }

    // `input`: [B,3,H,W] already converted to BGR×255 minus the channel means.
    RetinaFaceOutputs forward(const at::Tensor& input) const;

    // `images`: [B,3,H,W] RGB in [0,1], in the parameters' dtype and device. Converts, runs the network, decodes the priors,
    // filters by score and NMS; one result per image.
    std::vector<RetinaFaceDetections> detect(const at::Tensor& images) const;

    // The post-processing of detect() on outputs of forward() for an input of height×width:
    // prior decoding (variances 0.1/0.2), score = softmax[..., 1], the config's score threshold,
    // top-k and NMS.
    std::vector<RetinaFaceDetections> decode(const RetinaFaceOutputs& outputs, std::int64_t height,
                                             std::int64_t width) const;

private:
    RetinaFaceConfig config_;
    detail::Backbone* body_;
    detail::FeaturePyramid* fpn_;
    detail::ContextModule* ssh_[3];
    detail::HeadList* classHead_;
    detail::HeadList* boxHead_;
    detail::HeadList* landmarkHead_;
};

// The anchor boxes of an H×W input, [A,4] = cx, cy, w, h normalised to the input size; level by
// level (strides 8/16/32), row-major cells, two sizes per cell (the network's output order).
at::Tensor retinaFacePriors(std::int64_t height, std::int64_t width);

// Greedy non-maximum suppression on [N,5] (x1,y1,x2,y2,score) with the "+1 pixel" area
// convention of the original; returns the kept row indices, best score first.
at::Tensor nonMaximumSuppression(const at::Tensor& detections, double iouThreshold);

}  // namespace flashface::face
