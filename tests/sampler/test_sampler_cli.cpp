// `flashface generate --sampler`: listed in --help, stored in the images, restored by --from (the
// ancestral noise included), overridden on the command line, refused when unknown.
#include "../pipeline/fixture_models.h"
#include "face/photo.h"
#include "pipeline/generation_metadata.h"
#include "support/fixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

namespace flashface::sampler {
namespace {

namespace fs = std::filesystem;

struct Finished {
    int exitCode = -1;
    std::string output;  // stdout and stderr
};

// The arguments are fixture paths and plain words: quoted for the shell, none holds a quote.
Finished runCli(const std::vector<std::string>& args) {
    std::string command = "'" FLASHFACE_CLI "'";
    for (const auto& a : args) command += " '" + a + "'";
    command += " 2>&1";
    Finished done;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) done.output.append(buffer, n);
    const int status = ::pclose(pipe);
    done.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return done;
}

class SamplerCli : public ::testing::Test {
protected:
    SamplerCli() { test::writeFixtureModelsJson(models_.path()); }

    // A generation with the pipeline fixture's size, steps and first reference crop.
    std::vector<std::string> generate(const fs::path& out, std::vector<std::string> extra) const {
        const auto config = test::readJson(test::fixture("pipeline/config.json"));
        std::vector<std::string> args = {
            "generate", "--models", models_.path().string(), "--device", "cpu", "--out", out.string(),
            "--ref-crop", test::fixture("pipeline/" + config.at("ref_files").at(0).get<std::string>()).string(),
            "--steps", std::to_string(config.at("steps").get<int>()),
            "--size", std::to_string(config.at("W").get<int>()) + "x" + std::to_string(config.at("H").get<int>())};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }

    static std::vector<fs::path> images(const fs::path& folder) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        return files;
    }

    test::TempDir models_, out_;
};

TEST_F(SamplerCli, HelpListsEverySampler) {
    const Finished help = runCli({"generate", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    for (const SamplerName& name : kSamplerNames) EXPECT_NE(help.output.find(name.id), std::string::npos) << name.id;
    EXPECT_NE(help.output.find("(default: ddim)"), std::string::npos) << help.output;
}

TEST_F(SamplerCli, TheSamplerIsStoredRestoredAndOverridden) {
    const Finished first = runCli(generate(out_ / "a", {"--prompt", "a man", "--sampler", "euler_a", "--images", "2",
                                                        "--seed", "9"}));
    ASSERT_EQ(first.exitCode, 0) << first.output;
    const auto made = images(out_ / "a");
    ASSERT_EQ(made.size(), 2u);
    for (const auto& png : made) EXPECT_EQ(pipeline::readImageMetadata(png).settings.sampler, SamplerKind::EulerAncestral);

    // The second image again, alone, from its own settings: its per-step noise comes from its seed.
    const Finished again = runCli(generate(out_ / "b", {"--from", made[1].string(), "--images", "1"}));
    ASSERT_EQ(again.exitCode, 0) << again.output;
    const auto remade = images(out_ / "b");
    ASSERT_EQ(remade.size(), 1u);
    EXPECT_EQ(pipeline::readImageMetadata(remade[0]).settings.sampler, SamplerKind::EulerAncestral);
    const Image before = face::loadPhoto(made[1]), after = face::loadPhoto(remade[0]);
    ASSERT_EQ(before.rgb.size(), after.rgb.size());
    int largest = 0;
    for (std::size_t i = 0; i < before.rgb.size(); ++i) largest = std::max(largest, std::abs(before.rgb[i] - after.rgb[i]));
    EXPECT_LE(largest, 1) << "batched and single runs differ only by rounding";

    const Finished other = runCli(
        generate(out_ / "c", {"--from", made[1].string(), "--images", "1", "--sampler", "dpmpp_2m_karras"}));
    ASSERT_EQ(other.exitCode, 0) << other.output;
    EXPECT_EQ(pipeline::readImageMetadata(images(out_ / "c").at(0)).settings.sampler, SamplerKind::Dpmpp2mKarras);
}

TEST_F(SamplerCli, AnUnknownSamplerIsRefusedWithTheChoices) {
    const Finished refused = runCli(generate(out_ / "d", {"--prompt", "a man", "--sampler", "heun"}));
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_NE(refused.output.find(samplerIds().back()), std::string::npos) << refused.output;
    EXPECT_FALSE(fs::exists(out_ / "d") && !fs::is_empty(out_ / "d"));
}

}  // namespace
}  // namespace flashface::sampler
