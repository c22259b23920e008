#include "checkpoint/checkpoint.h"
#include "common/error.h"
#include "models/unet.h"
#include "nn/load_state.h"
#include "support/fixtures.h"
#include "support/precision.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

using flashface::models::UNet;
using flashface::models::UNetComputation;
using flashface::models::UNetConfig;
using namespace flashface::test;

// The fixture model and its inputs/outputs, read once for every test.
const UNet& fixtureUNet() {
    static const auto unet = [] {
        auto u = std::make_unique<UNet>(UNetConfig::fromFile(fixture("unet/config.json")));
        const auto checkpoint = flashface::checkpoint::Checkpoint::open(fixture("unet/weights.pth"));
        flashface::nn::LoadOptions options;
        options.expectedExtras = UNet::skippedCheckpointKeys();
        flashface::nn::loadState(*u, checkpoint, options);
        return u;
    }();
    return *unet;
}

const std::map<std::string, at::Tensor>& fixtureIO() {
    static const auto io = readAll(fixture("unet/io.safetensors"));
    return io;
}

// The text context of the stacked condition groups: [pos, neg] for k = 2, [pos, pos, neg] for k = 3.
at::Tensor stackedContext(const std::map<std::string, at::Tensor>& io, int numConditions) {
    std::vector<at::Tensor> groups(static_cast<std::size_t>(numConditions - 1), io.at("context_pos"));
    groups.push_back(io.at("context_neg"));
    return at::cat(groups, 0);
}

const char* nameOf(UNetComputation computation) {
    return computation == UNetComputation::Original ? "original computation" : "optimised computation";
}

TEST(UNet, MatchesTheOriginalForEveryCase) {
    const auto& unet = fixtureUNet();
    const auto& io = fixtureIO();
    const auto cases = readJson(fixture("unet/config.json")).at("cases");
    ASSERT_FALSE(cases.empty());
    for (const auto computation : {UNetComputation::Optimised, UNetComputation::Original}) {
        for (const auto& c : cases) {
            const int k = c.at("num_conditions").get<int>();
            const auto t = c.at("t").get<std::int64_t>();
            const auto out =
                unet.forward(io.at("x").repeat({k, 1, 1, 1}), t, stackedContext(io, k), io.at("ref_latents"),
                             io.at("ref_context"), io.at("mask"), c.at("similarity").get<double>(), k, computation);
            EXPECT_TRUE(allClose(out, io.at(c.at("output").get<std::string>()), 1e-4))
                << c.at("output") << ", " << nameOf(computation);
        }
    }
}

TEST(UNet, BFloat16StaysWithinItsPrecisionOfTheFloat32Outputs) {
    // Automatic precision on CPUs with bfloat16 arithmetic (pipeline/compute_device.h): every
    // fixture case, both group counts, computed in bfloat16 against the float32 outputs. The bound
    // is bfloat16's for a network of the UNet's depth, both passes in series (support/precision.h).
    // With ATen's AVX-512 kernels the attention is libtorch's fused bfloat16 kernel, below them the
    // blocked one in float32 (nn/attention.cpp); the bound holds for both.
    UNet unet(UNetConfig::fromFile(fixture("unet/config.json")));
    const auto checkpoint = flashface::checkpoint::Checkpoint::open(fixture("unet/weights.pth"));
    flashface::nn::LoadOptions options;
    options.dtype = at::kBFloat16;
    options.expectedExtras = UNet::skippedCheckpointKeys();
    flashface::nn::loadState(unet, checkpoint, options);
    const auto layers = weightLayers(checkpoint, {"time_embedding.", "encoder.", "middle.", "decoder.", "head.",
                                                  "ref_encoder.", "ref_decoder."});
    ASSERT_GT(layers, 0);
    const auto& io = fixtureIO();
    const auto bf16 = [](const at::Tensor& t) { return t.to(at::kBFloat16); };
    const auto cases = readJson(fixture("unet/config.json")).at("cases");
    ASSERT_FALSE(cases.empty());
    for (const auto& c : cases) {
        const int k = c.at("num_conditions").get<int>();
        const auto out = unet.forward(bf16(io.at("x").repeat({k, 1, 1, 1})), c.at("t").get<std::int64_t>(),
                                      bf16(stackedContext(io, k)), bf16(io.at("ref_latents")), bf16(io.at("ref_context")),
                                      bf16(io.at("mask")), c.at("similarity").get<double>(), k);
        EXPECT_EQ(out.scalar_type(), at::kBFloat16);
        EXPECT_TRUE(closeInPrecisionOf(out, io.at(c.at("output").get<std::string>()), at::kBFloat16, layers))
            << c.at("output");
    }
}

// Two samples with different latents; group 1 of a guided step optionally differing from group 0
// (then the encoder cannot be shared).
at::Tensor twoSampleLatents(const at::Tensor& x, int k, bool groupsDiffer) {
    const auto samples = at::cat({x, x.flip(-1)});
    std::vector<at::Tensor> groups(static_cast<std::size_t>(k), samples);
    if (groupsDiffer) groups[1] = samples * 0.5;
    return at::cat(groups);
}

TEST(UNet, OptimisedComputationEqualsTheOriginalComputation) {
    // Beyond the fixture's cases: several samples, λ of 0 and 1 (where terms are skipped), groups
    // that cannot share the encoder, and features computed once for both group counts.
    const auto& unet = fixtureUNet();
    const auto& io = fixtureIO();
    const auto mask = io.at("mask").repeat({2, 1, 1});
    const auto samplesContext = [&](const at::Tensor& c) { return c.repeat({2, 1, 1}); };
    const auto fast = unet.referenceFeatures(io.at("ref_latents"), 650, io.at("ref_context"));
    const auto original =
        unet.referenceFeatures(io.at("ref_latents"), 650, io.at("ref_context"), UNetComputation::Original);
    EXPECT_TRUE(fast.tokens.empty());
    EXPECT_TRUE(original.keys.empty() && original.values.empty());
    struct Case {
        int k;
        bool groupsDiffer;
        double lambda;
    };
    for (const auto [k, groupsDiffer, lambda] : {Case{2, false, 0.0}, Case{2, false, 1.0}, Case{2, false, 0.85},
                                                 Case{3, false, 0.0}, Case{3, false, 1.0}, Case{3, false, 1.3},
                                                 Case{3, true, 1.3}}) {
        std::vector<at::Tensor> contexts(static_cast<std::size_t>(k - 1), samplesContext(io.at("context_pos")));
        contexts.push_back(samplesContext(io.at("context_neg")));
        const auto context = at::cat(contexts);
        const auto x = twoSampleLatents(io.at("x"), k, groupsDiffer);
        const auto expected = unet.denoise(x, 650, context, mask, original, lambda, k);
        EXPECT_TRUE(allClose(unet.denoise(x, 650, context, mask, fast, lambda, k), expected, 1e-4))
            << k << " groups, λ " << lambda << (groupsDiffer ? ", groups differ" : "");
    }
}

TEST(UNet, ReferenceFeaturesServeEveryGroupOfAStep) {
    // The pipeline computes the reference pass once per step and reuses it for both guidance
    // batches; the split must give the one-call result.
    const auto& unet = fixtureUNet();
    const auto& io = fixtureIO();
    const auto features = unet.referenceFeatures(io.at("ref_latents"), 500, io.at("ref_context"));
    for (int k : {2, 3}) {
        const auto x = io.at("x").repeat({k, 1, 1, 1});
        const auto split = unet.denoise(x, 500, stackedContext(io, k), io.at("mask"), features, 1.1, k);
        const auto whole =
            unet.forward(x, 500, stackedContext(io, k), io.at("ref_latents"), io.at("ref_context"), io.at("mask"), 1.1, k);
        EXPECT_TRUE(allClose(split, whole, 1e-6)) << k << " groups";
    }
}

TEST(UNet, AReferenceOfWeightTwoIsThatReferenceGivenTwice) {
    // Identity mixing: reference r's keys get log w_r in the reference attention, which for w = 2
    // is the same as giving the reference twice; weights of 1 change nothing, bit for bit.
    const auto& unet = fixtureUNet();
    const auto& io = fixtureIO();
    const auto& refs = io.at("ref_latents");
    const auto context = io.at("ref_context").narrow(0, 0, 1);
    const auto x = io.at("x").repeat({2, 1, 1, 1});
    const auto denoise = [&](const flashface::models::ReferenceFeatures& features) {
        return unet.denoise(x, 600, stackedContext(io, 2), io.at("mask"), features, 1.2, 2);
    };
    for (const auto computation : {UNetComputation::Optimised, UNetComputation::Original}) {
        auto weighted = unet.referenceFeatures(refs, 600, context, computation);
        const auto plain = denoise(weighted);
        weighted.referenceWeights.assign(static_cast<std::size_t>(refs.size(0)), 1.0);
        EXPECT_TRUE(at::equal(denoise(weighted), plain)) << nameOf(computation);
        weighted.referenceWeights[0] = 2.0;
        const auto mixed = denoise(weighted);
        const auto twice = unet.referenceFeatures(at::cat({refs.narrow(0, 0, 1), refs}), 600, context, computation);
        EXPECT_TRUE(allClose(mixed, denoise(twice), 1e-5)) << nameOf(computation);
        EXPECT_FALSE(allClose(mixed, plain, 1e-5)) << "a weight of 2 should change the result, " << nameOf(computation);
    }
}

TEST(UNet, OneReferenceContextRowServesEveryReference) {
    const auto& unet = fixtureUNet();
    const auto& io = fixtureIO();
    const auto& refLatents = io.at("ref_latents");
    const auto context = io.at("ref_context").narrow(0, 0, 1);
    const auto once = unet.referenceFeatures(refLatents, 700, context);
    const auto repeated = unet.referenceFeatures(refLatents, 700, context.repeat({refLatents.size(0), 1, 1}));
    ASSERT_EQ(once.keys.size(), repeated.keys.size());
    for (std::size_t i = 0; i < once.keys.size(); ++i) {
        EXPECT_TRUE(allClose(once.keys[i], repeated.keys[i], 1e-6)) << "block " << i;
        EXPECT_TRUE(allClose(once.values[i], repeated.values[i], 1e-6)) << "block " << i;
    }
}

TEST(UNet, RejectsInconsistentInputs) {
    const auto& unet = fixtureUNet();
    const auto& io = fixtureIO();
    const auto features = unet.referenceFeatures(io.at("ref_latents"), 900, io.at("ref_context"));
    // Two condition groups of the fixture's n samples (n = the mask's rows), announced as 4 (no
    // such mode) and as 3 (2n rows are not 3n, for any n).
    const auto x = io.at("x").repeat({2, 1, 1, 1});
    const auto context = stackedContext(io, 2);
    EXPECT_THROW(unet.denoise(x, 900, context, io.at("mask"), features, 1.0, 4), flashface::InternalError);
    EXPECT_THROW(unet.denoise(x, 900, context, io.at("mask"), features, 1.0, 3), flashface::InternalError);
    EXPECT_THROW(unet.denoise(x, 900, context.narrow(0, 0, 1), io.at("mask"), features, 1.0, 2),
                 flashface::InternalError);
    EXPECT_THROW(unet.denoise(x, 900, context, io.at("mask"), {}, 1.0, 2), flashface::InternalError);
    // A reference context is one row for all references or one per reference: R + 1 rows is
    // neither, whatever R the fixture has.
    const auto& refContext = io.at("ref_context");
    EXPECT_THROW(unet.referenceFeatures(io.at("ref_latents"), 900, at::cat({refContext, refContext.narrow(0, 0, 1)})),
                 flashface::InternalError);
    const auto& refLatents = io.at("ref_latents");
    EXPECT_THROW(unet.referenceFeatures(refLatents.narrow(1, 0, refLatents.size(1) - 1), 900, refContext),
                 flashface::InternalError);
}

struct ManifestLine {
    std::string name, shape;  // shape as "1280x320"
};

std::vector<ManifestLine> readManifest(const std::filesystem::path& file) {
    std::ifstream in(file);
    EXPECT_TRUE(in) << "cannot open " << file;
    std::vector<ManifestLine> lines;
    for (std::string name, shape; in >> name >> shape;) lines.push_back({name, shape});
    return lines;
}

std::string shapeString(const std::vector<std::int64_t>& shape) {
    std::string s;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i) s += 'x';
        s += std::to_string(shape[i]);
    }
    return s;
}

// The prefix of `name` among the skipped ones, or "".
std::string skippedPrefix(const std::string& name) {
    for (const auto& prefix : UNet::skippedCheckpointKeys())
        if (name.rfind(prefix, 0) == 0) return prefix;
    return "";
}

TEST(UNet, FullSizeParametersAreTheCheckpointsKeys) {
    UNet unet;  // the real FlashFace-SD1.5 sizes; no weights are allocated
    std::vector<std::string> ours;
    std::map<std::string, std::string> shapes;
    for (const auto& p : unet.parameters()) {
        EXPECT_FALSE(p.tensor->defined()) << p.name;
        ours.push_back(p.name + " " + shapeString(p.shape));
        shapes[p.name] = shapeString(p.shape);
    }

    // Every key of the real file is either a parameter (same order, same shape) or a skipped copy
    // of one: ori_X.* of X.*, ref_middle.* of middle.*.
    std::vector<std::string> expected;
    std::size_t skipped = 0;
    for (const auto& [name, shape] : readManifest(fixture("manifests/flashface_ckpt.txt"))) {
        const auto prefix = skippedPrefix(name);
        if (prefix.empty()) {
            expected.push_back(name + " " + shape);
            continue;
        }
        ++skipped;
        const auto original = (prefix == "ref_middle." ? "middle." : prefix.substr(4)) + name.substr(prefix.size());
        ASSERT_TRUE(shapes.count(original)) << name << " copies no parameter";
        EXPECT_EQ(shapes[original], shape) << name;
    }
    ASSERT_FALSE(expected.empty());
    EXPECT_GT(skipped, 0u);
    EXPECT_EQ(ours, expected);
}

TEST(UNetConfig, DefaultsAreTheRealNetworkAndFieldsAreChecked) {
    const UNetConfig defaults;
    EXPECT_EQ(defaults.dim, 320);
    EXPECT_EQ(defaults.contextDim, 768);
    const auto parse = [](const char* text) { return UNetConfig::fromJson(nlohmann::json::parse(text), "config.json"); };
    EXPECT_EQ(parse(R"({"dim": 64, "head_dim": null})").dim, 64);
    EXPECT_THROW(parse(R"({"dim": "wide"})"), flashface::FileError);
    EXPECT_THROW(parse(R"({"y_dim": 10})"), flashface::FileError);
    EXPECT_THROW(parse(R"({"dim_mult": []})"), flashface::FileError);
    EXPECT_THROW(parse(R"({"dim": 48})"), flashface::FileError);      // not a multiple of 32 groups
    EXPECT_THROW(parse(R"({"num_heads": 7})"), flashface::FileError);  // 7 heads do not divide 320
}

}  // namespace
