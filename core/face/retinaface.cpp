#include "face/retinaface.h"

#include "common/error.h"
#include "common/untrusted_json.h"
#include "models/config.h"
#include "nn/layers.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <optional>

namespace flashface::face {

namespace {

constexpr std::array<std::int64_t, 3> kStrides{8, 16, 32};
constexpr std::array<std::array<double, 2>, 3> kAnchorSizes{{{16, 32}, {64, 128}, {256, 512}}};
constexpr std::int64_t kAnchorsPerCell = 2;
constexpr double kCentreVariance = 0.1;
constexpr double kSizeVariance = 0.2;
constexpr std::array<double, 3> kBgrMean{104, 117, 123};
constexpr int kLandmarks = 5;

// torch.nn.BatchNorm2d in eval mode. num_batches_tracked is part of the checkpoint's state and
// is registered so the key list matches the file exactly; it is not used.
class BatchNorm2d : public nn::Module {
public:
    explicit BatchNorm2d(std::int64_t channels) {
        registerParameter("weight", weight, {channels});
        registerParameter("bias", bias, {channels});
        registerParameter("running_mean", runningMean, {channels});
        registerParameter("running_var", runningVar, {channels});
        registerParameter("num_batches_tracked", batchesTracked, {});
    }

    at::Tensor forward(const at::Tensor& x) const {
        return at::batch_norm(x, weight, bias, runningMean, runningVar, /*training=*/false, 0.0, kEps,
                              /*cudnn_enabled=*/true);
    }

    at::Tensor weight, bias, runningMean, runningVar, batchesTracked;

private:
    static constexpr double kEps = 1e-5;
};

// Leaky ReLU with the original's slopes; a slope of 0 is a plain ReLU.
at::Tensor activate(const at::Tensor& x, double slope) {
    return slope == 0 ? at::relu(x) : at::leaky_relu(x, slope);
}

// Every layer of the backbone and the context modules: one image tensor in, one out.
class Layer : public nn::Module {
public:
    virtual at::Tensor forward(const at::Tensor& x) const = 0;
};

// nn.Sequential(Conv2d (no bias), BatchNorm2d[, LeakyReLU]): keys "0.*" and "1.*".
class ConvBn : public Layer {
public:
    ConvBn(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride,
           std::optional<double> slope, std::int64_t groups = 1)
        : conv_(in, out, kernel, stride, kernel / 2, /*bias=*/false, groups), bn_(out), slope_(slope) {
        registerModule("0", conv_);
        registerModule("1", bn_);
    }

    at::Tensor forward(const at::Tensor& x) const override {
        auto y = bn_.forward(conv_.forward(x));
        return slope_ ? activate(y, *slope_) : y;
    }

private:
    nn::Conv2d conv_;
    BatchNorm2d bn_;
    std::optional<double> slope_;
};

// MobileNet's conv_dw: depthwise 3×3 + BN + LeakyReLU, pointwise 1×1 + BN + LeakyReLU, as one
// nn.Sequential whose activations occupy indices 2 and 5 (keys "0", "1", "3", "4").
class DepthwiseSeparable : public Layer {
public:
    DepthwiseSeparable(std::int64_t in, std::int64_t out, std::int64_t stride)
        : depthwise_(in, in, 3, stride, 1, /*bias=*/false, /*groups=*/in),
          bn1_(in),
          pointwise_(in, out, 1, 1, 0, /*bias=*/false),
          bn2_(out) {
        registerModule("0", depthwise_);
        registerModule("1", bn1_);
        registerModule("3", pointwise_);
        registerModule("4", bn2_);
    }

    at::Tensor forward(const at::Tensor& x) const override {
        auto y = activate(bn1_.forward(depthwise_.forward(x)), kSlope);
        return activate(bn2_.forward(pointwise_.forward(y)), kSlope);
    }

private:
    static constexpr double kSlope = 0.1;
    nn::Conv2d depthwise_;
    BatchNorm2d bn1_;
    nn::Conv2d pointwise_;
    BatchNorm2d bn2_;
};

// nn.Sequential of layers, children named "0", "1", ...
class Sequence : public Layer {
public:
    template <class L, class... Args>
    Sequence& add(Args&&... args) {
        layers_.push_back(&addModule<L>(std::to_string(layers_.size()), std::forward<Args>(args)...));
        return *this;
    }

    at::Tensor forward(const at::Tensor& x) const override {
        at::Tensor y = x;
        for (const Layer* layer : layers_) y = layer->forward(y);
        return y;
    }

private:
    std::vector<const Layer*> layers_;
};

// torchvision's ResNet-50 bottleneck (stride on the 3×3 convolution).
class Bottleneck : public Layer {
public:
    static constexpr std::int64_t kExpansion = 4;

    Bottleneck(std::int64_t in, std::int64_t planes, std::int64_t stride)
        : conv1_(in, planes, 1, 1, 0, false),
          bn1_(planes),
          conv2_(planes, planes, 3, stride, 1, false),
          bn2_(planes),
          conv3_(planes, planes * kExpansion, 1, 1, 0, false),
          bn3_(planes * kExpansion) {
        registerModule("conv1", conv1_);
        registerModule("bn1", bn1_);
        registerModule("conv2", conv2_);
        registerModule("bn2", bn2_);
        registerModule("conv3", conv3_);
        registerModule("bn3", bn3_);
        if (stride != 1 || in != planes * kExpansion)
            downsample_ = &addModule<ConvBn>("downsample", in, planes * kExpansion, 1, stride, std::nullopt);
    }

    at::Tensor forward(const at::Tensor& x) const override {
        auto y = at::relu(bn1_.forward(conv1_.forward(x)));
        y = at::relu(bn2_.forward(conv2_.forward(y)));
        y = bn3_.forward(conv3_.forward(y));
        return at::relu(y + (downsample_ ? downsample_->forward(x) : x));
    }

private:
    nn::Conv2d conv1_;
    BatchNorm2d bn1_;
    nn::Conv2d conv2_;
    BatchNorm2d bn2_;
    nn::Conv2d conv3_;
    BatchNorm2d bn3_;
    const ConvBn* downsample_ = nullptr;
};

}  // namespace

namespace detail {

// The feature extractor under "body": three feature maps at strides 8, 16 and 32.
class Backbone : public nn::Module {
public:
    virtual std::array<at::Tensor, 3> forward(const at::Tensor& x) const = 0;
    virtual std::array<std::int64_t, 3> channels() const = 0;
    virtual std::int64_t pyramidChannels() const = 0;
};

}  // namespace detail

namespace {

class ResNet50 : public detail::Backbone {
public:
    ResNet50() : conv1_(3, 64, 7, 2, 3, false), bn1_(64) {
        registerModule("conv1", conv1_);
        registerModule("bn1", bn1_);
        constexpr std::array<std::int64_t, 4> blocks{3, 4, 6, 3};
        std::int64_t in = 64;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            const std::int64_t planes = 64 << i;
            auto& layer = addModule<Sequence>("layer" + std::to_string(i + 1));
            for (std::int64_t b = 0; b < blocks[i]; ++b) {
                layer.add<Bottleneck>(in, planes, b == 0 && i > 0 ? 2 : 1);
                in = planes * Bottleneck::kExpansion;
            }
            layers_[i] = &layer;
        }
    }

    std::array<at::Tensor, 3> forward(const at::Tensor& x) const override {
        auto y = at::relu(bn1_.forward(conv1_.forward(x)));
        y = at::max_pool2d(y, {3, 3}, {2, 2}, {1, 1});
        y = layers_[0]->forward(y);
        auto c3 = layers_[1]->forward(y);
        auto c4 = layers_[2]->forward(c3);
        auto c5 = layers_[3]->forward(c4);
        return {c3, c4, c5};
    }

    std::array<std::int64_t, 3> channels() const override { return {512, 1024, 2048}; }
    std::int64_t pyramidChannels() const override { return 256; }

private:
    nn::Conv2d conv1_;
    BatchNorm2d bn1_;
    std::array<const Sequence*, 4> layers_{};
};

// MobileNetV1 at width 0.25, without its classifier.
class MobileNetV1 : public detail::Backbone {
public:
    MobileNetV1() {
        constexpr double kSlope = 0.1;
        auto& stage1 = addModule<Sequence>("stage1");
        stage1.add<ConvBn>(3, 8, 3, 2, kSlope);
        stage1.add<DepthwiseSeparable>(8, 16, 1).add<DepthwiseSeparable>(16, 32, 2);
        stage1.add<DepthwiseSeparable>(32, 32, 1).add<DepthwiseSeparable>(32, 64, 2);
        stage1.add<DepthwiseSeparable>(64, 64, 1);
        auto& stage2 = addModule<Sequence>("stage2");
        stage2.add<DepthwiseSeparable>(64, 128, 2);
        for (int i = 0; i < 5; ++i) stage2.add<DepthwiseSeparable>(128, 128, 1);
        auto& stage3 = addModule<Sequence>("stage3");
        stage3.add<DepthwiseSeparable>(128, 256, 2).add<DepthwiseSeparable>(256, 256, 1);
        stages_ = {&stage1, &stage2, &stage3};
    }

    std::array<at::Tensor, 3> forward(const at::Tensor& x) const override {
        auto c3 = stages_[0]->forward(x);
        auto c4 = stages_[1]->forward(c3);
        auto c5 = stages_[2]->forward(c4);
        return {c3, c4, c5};
    }

    std::array<std::int64_t, 3> channels() const override { return {64, 128, 256}; }
    std::int64_t pyramidChannels() const override { return 64; }

private:
    std::array<const Sequence*, 3> stages_{};
};

// The original uses leaky activations only in its narrow (MobileNet) configuration.
double slopeFor(std::int64_t channels) {
    return channels <= 64 ? 0.1 : 0.0;
}

}  // namespace

namespace detail {

class FeaturePyramid : public nn::Module {
public:
    FeaturePyramid(const std::array<std::int64_t, 3>& in, std::int64_t out)
        : output1_(in[0], out, 1, 1, slopeFor(out)),
          output2_(in[1], out, 1, 1, slopeFor(out)),
          output3_(in[2], out, 1, 1, slopeFor(out)),
          merge1_(out, out, 3, 1, slopeFor(out)),
          merge2_(out, out, 3, 1, slopeFor(out)) {
        registerModule("output1", output1_);
        registerModule("output2", output2_);
        registerModule("output3", output3_);
        registerModule("merge1", merge1_);
        registerModule("merge2", merge2_);
    }

    std::array<at::Tensor, 3> forward(const std::array<at::Tensor, 3>& features) const {
        auto p3 = output1_.forward(features[0]);
        auto p4 = output2_.forward(features[1]);
        auto p5 = output3_.forward(features[2]);
        p4 = merge2_.forward(p4 + at::upsample_nearest2d(p5, {p4.size(2), p4.size(3)}));
        p3 = merge1_.forward(p3 + at::upsample_nearest2d(p4, {p3.size(2), p3.size(3)}));
        return {p3, p4, p5};
    }

private:
    ConvBn output1_, output2_, output3_, merge1_, merge2_;
};

// The SSH context module: 3×3, 5×5 and 7×7 receptive fields built from stacked 3×3 convolutions.
class ContextModule : public nn::Module {
public:
    ContextModule(std::int64_t in, std::int64_t out)
        : conv3x3_(in, out / 2, 3, 1, std::nullopt),
          conv5x5a_(in, out / 4, 3, 1, slopeFor(out)),
          conv5x5b_(out / 4, out / 4, 3, 1, std::nullopt),
          conv7x7a_(out / 4, out / 4, 3, 1, slopeFor(out)),
          conv7x7b_(out / 4, out / 4, 3, 1, std::nullopt) {
        registerModule("conv3X3", conv3x3_);
        registerModule("conv5X5_1", conv5x5a_);
        registerModule("conv5X5_2", conv5x5b_);
        registerModule("conv7X7_2", conv7x7a_);
        registerModule("conv7x7_3", conv7x7b_);
    }

    at::Tensor forward(const at::Tensor& x) const {
        auto c5a = conv5x5a_.forward(x);
        return at::relu(at::cat({conv3x3_.forward(x), conv5x5b_.forward(c5a),
                                 conv7x7b_.forward(conv7x7a_.forward(c5a))},
                                1));
    }

private:
    ConvBn conv3x3_, conv5x5a_, conv5x5b_, conv7x7a_, conv7x7b_;
};

// One prediction head per pyramid level ("N.conv1x1"), outputs concatenated over the levels
// as [B, A, valuesPerAnchor].
class HeadList : public nn::Module {
public:
    HeadList(std::int64_t in, std::int64_t valuesPerAnchor) : valuesPerAnchor_(valuesPerAnchor) {
        for (std::size_t level = 0; level < kStrides.size(); ++level) {
            auto& head = addModule<nn::Module>(std::to_string(level));
            convs_[level] = &head.addModule<nn::Conv2d>("conv1x1", in, kAnchorsPerCell * valuesPerAnchor, 1);
        }
    }

    at::Tensor forward(const std::array<at::Tensor, 3>& features) const {
        std::vector<at::Tensor> outs;
        for (std::size_t level = 0; level < features.size(); ++level) {
            auto y = convs_[level]->forward(features[level]).permute({0, 2, 3, 1});
            outs.push_back(y.reshape({y.size(0), -1, valuesPerAnchor_}));
        }
        return at::cat(outs, 1);
    }

private:
    std::int64_t valuesPerAnchor_;
    std::array<const nn::Conv2d*, 3> convs_{};
};

}  // namespace detail

RetinaFaceConfig RetinaFaceConfig::fromJson(const std::string& text, const std::filesystem::path& source) {
    RetinaFaceConfig config;
    if (text.empty()) return config;
    const auto json = parseUntrustedJson(text, source, "face detector configuration");
    const models::ConfigReader reader(json, source);
    reader.read("backbone", config.backbone);
    if (const auto detect = json.find("detect"); detect != json.end() && !detect->is_null()) {
        const models::ConfigReader thresholds(*detect, source);
        thresholds.read("min_thr", config.minScore);
        thresholds.read("nms_thr", config.nmsThreshold);
        thresholds.read("pre_nms_topk", config.preNmsTopK);
        thresholds.read("post_nms_topk", config.postNmsTopK);
        thresholds.requireWithin("pre_nms_topk", config.preNmsTopK, 1, models::kMaxConfigTable);
        thresholds.requireWithin("post_nms_topk", config.postNmsTopK, 1, models::kMaxConfigTable);
    }
    if (config.backbone != "resnet50" && config.backbone != "mobilenetv1")
        throw FileError(source, "names the face detector backbone '" + config.backbone +
                                    "'; supported backbones are 'resnet50' and 'mobilenetv1'");
    return config;
}

RetinaFace::RetinaFace(const RetinaFaceConfig& config) : config_(config) {
    if (config.backbone == "resnet50")
        body_ = &addModule<ResNet50>("body");
    else if (config.backbone == "mobilenetv1")
        body_ = &addModule<MobileNetV1>("body");
    else
        throw InvalidRequest("unknown face detector backbone '" + config.backbone + "'");
    const std::int64_t dim = body_->pyramidChannels();
    fpn_ = &addModule<detail::FeaturePyramid>("fpn", body_->channels(), dim);
    for (int i = 0; i < 3; ++i) ssh_[i] = &addModule<detail::ContextModule>("ssh" + std::to_string(i + 1), dim, dim);
    classHead_ = &addModule<detail::HeadList>("class_head", dim, 2);
    boxHead_ = &addModule<detail::HeadList>("bbox_head", dim, 4);
    landmarkHead_ = &addModule<detail::HeadList>("landmark_head", dim, 2 * kLandmarks);
}

RetinaFace::~RetinaFace() = default;

RetinaFaceOutputs RetinaFace::forward(const at::Tensor& input) const {
    const auto pyramid = fpn_->forward(body_->forward(input));
    const std::array<at::Tensor, 3> context{ssh_[0]->forward(pyramid[0]), ssh_[1]->forward(pyramid[1]),
                                            ssh_[2]->forward(pyramid[2])};
    return {classHead_->forward(context), boxHead_->forward(context), landmarkHead_->forward(context)};
}

std::vector<RetinaFaceDetections> RetinaFace::detect(const at::Tensor& images) const {
    c10::InferenceMode guard;
    const std::int64_t height = images.size(2), width = images.size(3);

    const auto mean = at::tensor(std::vector<double>(kBgrMean.begin(), kBgrMean.end()), images.options())
                          .view({1, 3, 1, 1});
    const auto input = images.flip({1}) * 255.0 - mean;
    return decode(forward(input), height, width);
}

std::vector<RetinaFaceDetections> RetinaFace::decode(const RetinaFaceOutputs& out, std::int64_t height,
                                                     std::int64_t width) const {
    c10::InferenceMode guard;
    const auto scores = at::softmax(out.scores.to(at::kFloat), -1).select(-1, 1);
    const auto priors = retinaFacePriors(height, width).to(out.scores.device()).unsqueeze(0);
    const auto centres = priors.narrow(-1, 0, 2);
    const auto sizes = priors.narrow(-1, 2, 2);
    const auto pixels = at::tensor({static_cast<float>(width), static_cast<float>(height)}, priors.options());

    const auto boxDeltas = out.boxes.to(at::kFloat);
    const auto boxCentres = centres + boxDeltas.narrow(-1, 0, 2) * kCentreVariance * sizes;
    const auto boxSizes = sizes * at::exp(boxDeltas.narrow(-1, 2, 2) * kSizeVariance);
    const auto topLeft = boxCentres - boxSizes / 2.0;
    const auto boxes = at::cat({topLeft * pixels, (topLeft + boxSizes) * pixels}, -1);

    const auto landmarkDeltas = out.landmarks.to(at::kFloat).view({out.landmarks.size(0), -1, kLandmarks, 2});
    const auto landmarks =
        (centres.unsqueeze(2) + landmarkDeltas * kCentreVariance * sizes.unsqueeze(2)) * pixels;

    std::vector<RetinaFaceDetections> results;
    const std::int64_t candidates = std::min<std::int64_t>(config_.preNmsTopK, scores.size(1));
    for (std::int64_t b = 0; b < scores.size(0); ++b) {
        const auto [topScores, topIndices] = scores[b].topk(candidates);
        const auto indices = topIndices.masked_select(topScores > config_.minScore);
        const auto detections = at::cat({boxes[b].index_select(0, indices),
                                         scores[b].index_select(0, indices).unsqueeze(-1)},
                                        1);
        auto keep = nonMaximumSuppression(detections, config_.nmsThreshold);
        keep = keep.narrow(0, 0, std::min<std::int64_t>(keep.size(0), config_.postNmsTopK));
        results.push_back({detections.index_select(0, keep),
                           landmarks[b].index_select(0, indices).index_select(0, keep)});
    }
    return results;
}

at::Tensor retinaFacePriors(std::int64_t height, std::int64_t width) {
    std::vector<float> anchors;
    for (std::size_t level = 0; level < kStrides.size(); ++level) {
        const auto stride = static_cast<double>(kStrides[level]);
        const auto rows = static_cast<std::int64_t>(std::ceil(height / stride));
        const auto cols = static_cast<std::int64_t>(std::ceil(width / stride));
        for (std::int64_t i = 0; i < rows; ++i)
            for (std::int64_t j = 0; j < cols; ++j)
                for (const double size : kAnchorSizes[level]) {
                    anchors.push_back(static_cast<float>((j + 0.5) * stride / width));
                    anchors.push_back(static_cast<float>((i + 0.5) * stride / height));
                    anchors.push_back(static_cast<float>(size / width));
                    anchors.push_back(static_cast<float>(size / height));
                }
    }
    const auto count = static_cast<std::int64_t>(anchors.size() / 4);
    return at::from_blob(anchors.data(), {count, 4}, at::kFloat).clone();
}

at::Tensor nonMaximumSuppression(const at::Tensor& detections, double iouThreshold) {
    const auto dets = detections.to(at::kCPU, at::kFloat).contiguous();
    const auto d = dets.accessor<float, 2>();
    const std::int64_t n = dets.size(0);
    std::vector<float> areas(n);
    for (std::int64_t i = 0; i < n; ++i) areas[i] = (d[i][2] - d[i][0] + 1) * (d[i][3] - d[i][1] + 1);

    // Descending score order exactly as the original obtains it (ascending argsort, reversed),
    // so ties resolve the same way.
    const auto orderTensor = dets.select(1, 4).argsort().flip({0}).contiguous();
    std::vector<std::int64_t> order(orderTensor.data_ptr<std::int64_t>(), orderTensor.data_ptr<std::int64_t>() + n);

    const auto threshold = static_cast<float>(iouThreshold);
    std::vector<std::int64_t> keep;
    while (!order.empty()) {
        const std::int64_t i = order.front();
        keep.push_back(i);
        std::vector<std::int64_t> rest;
        for (std::size_t k = 1; k < order.size(); ++k) {
            const std::int64_t j = order[k];
            const float w = std::max(0.0f, std::min(d[i][2], d[j][2]) - std::max(d[i][0], d[j][0]) + 1);
            const float h = std::max(0.0f, std::min(d[i][3], d[j][3]) - std::max(d[i][1], d[j][1]) + 1);
            const float inter = w * h;
            if (inter / (areas[i] + areas[j] - inter) <= threshold) rest.push_back(j);
        }
        order = std::move(rest);
    }
    return at::tensor(keep, at::kLong).to(detections.device());
}

}  // namespace flashface::face
