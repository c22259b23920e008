// `flashface generate` end to end: the built binary on the fixture models (a models.json in a
// temporary folder) and the fixture's reference crops, against the original's images.
#include "../pipeline/fixture_models.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/png_metadata.h"
#include "support/child_process.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <signal.h>

#include <fstream>
#include <iterator>
#include <sstream>

namespace flashface {
namespace {

namespace fs = std::filesystem;

struct Finished {
    int exitCode = -1;
    std::string out, err;
};

using test::Process;
using test::readText;

// The CLI's default output names: flashface-00001.png, flashface-00002.png, ...
std::string numberedName(std::size_t number) {
    std::string digits = std::to_string(number);
    return "flashface-" + std::string(digits.size() < 5 ? 5 - digits.size() : 0, '0') + digits + ".png";
}

class GenerateCli : public ::testing::Test {
protected:
    void SetUp() override { test::writeFixtureModelsJson(models()); }

    fs::path models() const { return dir_.path(); }
    fs::path out() const { return dir_.path() / "out"; }

    // The fixture's run as command-line options, plus `extra`.
    std::vector<std::string> fixtureArgs(const std::vector<std::string>& extra = {}) const {
        const auto c = test::readJson(test::fixture("pipeline/config.json"));
        const auto box = c.at("face_bbox");
        std::vector<std::string> args = {FLASHFACE_CLI, "--threads", "1", "generate"};
        const auto refs = referenceArgs();
        args.insert(args.end(), refs.begin(), refs.end());
        const auto number = [](const nlohmann::json& v) { return v.dump(); };
        const std::vector<std::string> rest = {
            "--prompt", c.at("pos_prompt").get<std::string>(),
            "--negative", c.at("neg_prompt").get<std::string>(),
            "--face-box", number(box[0]) + "," + number(box[1]) + "," + number(box[2]) + "," + number(box[3]),
            "--steps", number(c.at("steps")),
            "--images", number(c.at("num_sample")),
            "--size", number(c.at("W")) + "x" + number(c.at("H")),
            "--text-guidance", number(c.at("text_control_scale")),
            "--lambda", number(c.at("lamda_feat")),
            "--ref-guidance", number(c.at("face_guidence")),
            "--launch-step", number(c.at("step_to_launch_face_guidence")),
            "--lambda-before", number(c.at("lamda_feat_before_ref_guidence")),
            "--guidance-rescale", number(c.at("guide_rescale")),
            "--device", "cpu",
            "--models", models().string(),
            "--out", out().string()};
        args.insert(args.end(), rest.begin(), rest.end());
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }

    // --ref-crop FILE for each of the fixture run's reference crops.
    static std::vector<std::string> referenceArgs() {
        std::vector<std::string> args;
        for (const auto& file : test::pipelineReferenceFiles()) {
            args.push_back("--ref-crop");
            args.push_back(file.string());
        }
        return args;
    }

    // The number of images the fixture's run makes.
    static std::size_t fixtureImages() {
        return test::readJson(test::fixture("pipeline/config.json")).at("num_sample").get<std::size_t>();
    }

    Finished run(const std::vector<std::string>& args) const {
        const fs::path errFile = dir_.path() / "stderr.txt";
        Finished f;
        {
            Process p(args, errFile);
            for (std::string line; p.readLine(line);) f.out += line + "\n";
            f.exitCode = p.wait();
        }
        f.err = readText(errFile);
        return f;
    }

    std::vector<fs::path> outputs() const {
        std::vector<fs::path> files;
        if (fs::exists(out()))
            for (const auto& e : fs::directory_iterator(out())) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        return files;
    }

    test::TempDir dir_;
};

TEST_F(GenerateCli, ReproducesTheOriginalImagesAndStoresTheirSettings) {
    // The fixture's noise: our seeds cannot produce the original's random numbers. float32 as the
    // original's fixtures (automatic precision is bfloat16 on CPUs that compute it).
    const auto f = run(fixtureArgs({"--seed", "77", "--precision", "float32", "--initial-noise",
                                    test::fixture("pipeline/io.safetensors").string()}));
    ASSERT_EQ(f.exitCode, 0) << f.err;
    const auto files = outputs();
    ASSERT_EQ(files.size(), fixtureImages()) << f.out;
    std::vector<std::string> labels;
    for (const auto& file : test::pipelineReferenceFiles()) labels.push_back(file.filename().string());
    for (std::size_t i = 0; i < files.size(); ++i) {
        EXPECT_EQ(files[i].filename(), numberedName(i + 1));
        EXPECT_NE(f.out.find(files[i].string()), std::string::npos) << f.out;
        const cv::Mat ours = cv::imread(files[i].string(), cv::IMREAD_COLOR);
        const cv::Mat theirs = cv::imread(test::fixture("pipeline/out" + std::to_string(i) + ".png").string(), cv::IMREAD_COLOR);
        ASSERT_EQ(ours.size(), theirs.size());
        cv::Mat diff;
        cv::absdiff(ours, theirs, diff);
        double worst = 0;
        cv::minMaxLoc(diff.reshape(1), nullptr, &worst);
        // Same computation to float rounding; truncation to 8 bits may differ by one.
        EXPECT_LE(worst, 1.0) << files[i];

        const pipeline::ImageMetadata metadata = pipeline::readImageMetadata(files[i]);
        const auto c = test::readJson(test::fixture("pipeline/config.json"));
        EXPECT_EQ(metadata.settings.prompt, c.at("pos_prompt").get<std::string>());
        EXPECT_EQ(metadata.settings.negativePrompt, c.at("neg_prompt").get<std::string>());
        EXPECT_EQ(metadata.settings.steps, c.at("steps").get<int>());
        EXPECT_EQ(metadata.settings.width, c.at("W").get<int>());
        EXPECT_FLOAT_EQ(metadata.settings.guidance.lambda, c.at("lamda_feat").get<float>());
        EXPECT_FLOAT_EQ(metadata.settings.faceBox.y1, c.at("face_bbox")[1].get<float>());
        EXPECT_EQ(metadata.settings.seed, 77u + i);  // image i: seed + i
        EXPECT_EQ(metadata.referenceLabels, labels);
        const auto texts = pipeline::readPngTexts(files[i]);
        const auto parameters = std::find_if(texts.begin(), texts.end(), [](const pipeline::PngText& t) { return t.keyword == "parameters"; });
        ASSERT_NE(parameters, texts.end());
        EXPECT_EQ(parameters->text.rfind(c.at("final_pos_prompt").get<std::string>() + "\nNegative prompt: " +
                                             c.at("final_neg_prompt").get<std::string>() + "\n", 0), 0u);
    }
}

TEST_F(GenerateCli, ASecondRunNeverOverwritesAndFromReproducesAnImage) {
    const auto first = run(fixtureArgs({"--seed", "5", "--steps", "2"}));
    ASSERT_EQ(first.exitCode, 0) << first.err;
    const auto before = outputs();
    const std::size_t n = fixtureImages();
    ASSERT_EQ(before.size(), n);
    const std::string firstBytes = readText(before[0]);

    // The first image's stored settings (its run's image count included), re-imported: the same
    // images again, under new names after the first run's; without the reference-feature cache too.
    std::vector<std::string> args = {FLASHFACE_CLI, "--threads", "1", "generate", "--from", before[0].string()};
    const auto refs = referenceArgs();
    args.insert(args.end(), refs.begin(), refs.end());
    args.insert(args.end(), {"--device", "cpu", "--models", models().string(), "--out", out().string(),
                             "--cache-budget", "0"});
    const auto again = run(args);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    const auto after = outputs();
    ASSERT_EQ(after.size(), 2 * n);
    EXPECT_EQ(readText(after[0]), firstBytes) << "an existing image was replaced";
    EXPECT_EQ(after[n].filename(), numberedName(n + 1));
    EXPECT_EQ(cv::norm(cv::imread(after[0].string()), cv::imread(after[n].string()), cv::NORM_INF), 0.0);
    EXPECT_EQ(pipeline::readImageMetadata(after[n]).settings.seed, 5u);
}

TEST_F(GenerateCli, ReferenceWeightsAreStoredAndRestoredByFrom) {
    const std::size_t refs = test::pipelineReferenceFiles().size();
    std::vector<std::string> weights(refs, "1");
    weights[0] = "2.5";
    std::string list;
    for (const auto& w : weights) list += (list.empty() ? "" : ",") + w;
    const auto first = run(fixtureArgs({"--seed", "9", "--steps", "1", "--images", "1", "--ref-weights", list}));
    ASSERT_EQ(first.exitCode, 0) << first.err;
    const auto files = outputs();
    ASSERT_EQ(files.size(), 1u);
    std::vector<double> expected(refs, 1.0);
    expected[0] = 2.5;
    EXPECT_EQ(pipeline::readImageMetadata(files[0]).referenceWeights, expected);

    // --from brings the weights back: the same image again.
    std::vector<std::string> args = {FLASHFACE_CLI, "--threads", "1", "generate", "--from", files[0].string()};
    const auto refArgs = referenceArgs();
    args.insert(args.end(), refArgs.begin(), refArgs.end());
    args.insert(args.end(), {"--device", "cpu", "--models", models().string(), "--out", out().string()});
    ASSERT_EQ(run(args).exitCode, 0);
    const auto after = outputs();
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(pipeline::readImageMetadata(after[1]).referenceWeights, expected);
    EXPECT_EQ(cv::norm(cv::imread(after[0].string()), cv::imread(after[1].string()), cv::NORM_INF), 0.0);

    // One weight too many is refused before any work, saying how many are expected.
    const auto wrong = run(fixtureArgs({"--ref-weights", list + ",1"}));
    EXPECT_EQ(wrong.exitCode, 1);
    EXPECT_NE(wrong.err.find("one weight per reference, " + std::to_string(refs)), std::string::npos) << wrong.err;
}

TEST_F(GenerateCli, JsonProgressIsOneObjectALine) {
    const auto f = run(fixtureArgs({"--seed", "1", "--steps", "3", "--images", "1", "--json"}));
    ASSERT_EQ(f.exitCode, 0) << f.err;
    std::istringstream lines(f.out);
    int steps = 0, images = 0, done = 0;
    for (std::string line; std::getline(lines, line);) {
        const auto event = nlohmann::json::parse(line);  // throws on anything but JSON
        const auto kind = event.at("event").get<std::string>();
        if (kind == "step") {
            EXPECT_EQ(event.at("step").get<int>(), ++steps);
            EXPECT_EQ(event.at("total").get<int>(), 3);
        } else if (kind == "image") {
            ++images;
            EXPECT_TRUE(fs::exists(event.at("path").get<std::string>()));
            EXPECT_EQ(event.at("seed").get<std::uint32_t>(), 1u);
        } else if (kind == "done") {
            ++done;
            EXPECT_EQ(event.at("settings").at("steps").get<int>(), 3);
        }
    }
    EXPECT_EQ(steps, 3);
    EXPECT_EQ(images, 1);
    EXPECT_EQ(done, 1);
}

TEST_F(GenerateCli, CtrlCCancelsCleanly) {
    const fs::path errFile = dir_.path() / "stderr.txt";
    Process p(fixtureArgs({"--steps", "500", "--json"}), errFile);
    bool sawStep = false;
    for (std::string line; p.readLine(line);) {
        if (nlohmann::json::parse(line).at("event") == "step") {
            sawStep = true;
            p.signal(SIGINT);
            break;
        }
    }
    ASSERT_TRUE(sawStep);
    for (std::string line; p.readLine(line);) {
        EXPECT_NE(nlohmann::json::parse(line).at("event"), "image");
    }
    EXPECT_EQ(p.wait(), 130);
    EXPECT_NE(readText(errFile).find("cancelled"), std::string::npos) << readText(errFile);
    EXPECT_TRUE(outputs().empty());
}

// Face swap from the command line: the images get the target photo's size, and far from the
// masked region its pixels stay the photo's; the target's options are refused without one, and
// --size with the whole picture (drawn at the photo's size).
TEST_F(GenerateCli, TargetPhotoAndMask) {
    auto args = fixtureArgs({"--seed", "3", "--steps", "2", "--images", "1"});
    // The fixture's size: the working size of the mask's window, and about the photo's.
    const std::string sizeValue = *(std::find(args.begin(), args.end(), "--size") + 1);
    const cv::Size photoSize(std::stoi(sizeValue) - 3, std::stoi(sizeValue.substr(sizeValue.find('x') + 1)) - 5);
    cv::Mat photo(photoSize, CV_8UC3);
    cv::randu(photo, 0, 256);
    cv::Mat mask = cv::Mat::zeros(photoSize, CV_8UC3);
    mask(cv::Rect(0, 0, 4, 4)).setTo(cv::Scalar(255, 255, 255));
    const fs::path photoFile = dir_.path() / "target.png", maskFile = dir_.path() / "mask.png";
    ASSERT_TRUE(cv::imwrite(photoFile.string(), photo));
    ASSERT_TRUE(cv::imwrite(maskFile.string(), mask));

    auto swap = args;
    swap.insert(swap.end(), {"--target", photoFile.string(), "--mask", maskFile.string(), "--strength", "0.9"});
    const auto done = run(swap);
    ASSERT_EQ(done.exitCode, 0) << done.err;
    const auto files = outputs();
    ASSERT_EQ(files.size(), 1u);
    const cv::Mat image = cv::imread(files[0].string());
    ASSERT_EQ(image.size(), photoSize);
    const cv::Rect far(photoSize.width / 2, photoSize.height / 2, photoSize.width / 2, photoSize.height / 2);
    EXPECT_EQ(cv::norm(image(far), photo(far), cv::NORM_INF), 0.0);
    const auto target = pipeline::readImageMetadata(files[0]).target;
    ASSERT_TRUE(target);
    EXPECT_EQ(target->label, "target.png");
    EXPECT_EQ(target->region, pipeline::TargetRegion::Mask);
    EXPECT_EQ(target->strength, 0.9);

    auto wholeWithSize = args;
    wholeWithSize.insert(wholeWithSize.end(), {"--target", photoFile.string(), "--whole"});
    EXPECT_NE(run(wholeWithSize).exitCode, 0);
    auto maskAlone = args;
    maskAlone.insert(maskAlone.end(), {"--mask", maskFile.string()});
    const auto refused = run(maskAlone);
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_NE(refused.err.find("--target"), std::string::npos) << refused.err;
    EXPECT_EQ(outputs().size(), 1u);
}

TEST_F(GenerateCli, MistakesAreReportedClearly) {
    const auto badBox = run(fixtureArgs({"--face-box", "0.6,0.1,0.3,0.4"}));
    EXPECT_EQ(badBox.exitCode, 1);
    EXPECT_NE(badBox.err.find("x2 > x1"), std::string::npos) << badBox.err;

    const auto badSize = run(fixtureArgs({"--size", "60x64"}));
    EXPECT_EQ(badSize.exitCode, 1);
    EXPECT_NE(badSize.err.find("multiple of 8"), std::string::npos) << badSize.err;

    const auto badBudget = run(fixtureArgs({"--cache-budget", "lots"}));
    EXPECT_NE(badBudget.exitCode, 0);
    EXPECT_NE(badBudget.err.find("--cache-budget"), std::string::npos) << badBudget.err;

    const fs::path empty = dir_.path() / "no-models";
    fs::create_directories(empty);
    auto args = fixtureArgs({"--models", empty.string()});
    const auto missing = run(args);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find("flashface.ckpt"), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("https://huggingface.co/shilongz/FlashFace-SD1.5/resolve/main/"), std::string::npos);

    const auto noRefs = run({FLASHFACE_CLI, "generate", "--prompt", "a man", "--out", out().string()});
    EXPECT_NE(noRefs.exitCode, 0);
    EXPECT_NE(noRefs.err.find("--ref"), std::string::npos) << noRefs.err;
    EXPECT_TRUE(outputs().empty());
}

}  // namespace
}  // namespace flashface
