// `flashface` against hostile files and faults (issue 12), as a user runs it: every failure is a
// named error with its documented exit code (never a signal or std::terminate), limits apply
// before work, files appear atomically, and damaged weights are never run.
#include "../checkpoint/checkpoint_files.h"
#include "../pipeline/fixture_models.h"
#include "pipeline/failure.h"
#include "pipeline/png_metadata.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace flashface {
namespace {

namespace fs = std::filesystem;

struct Outcome {
    int code = -1;  // the exit status, or 128 + the signal
    std::string err;
};

struct RunOptions {
    std::uint64_t addressSpace = 0;  // RLIMIT_AS for the child, 0 = unlimited
    bool unprivileged = false;       // run as nobody (root writes anywhere)
};

Outcome runCli(const std::vector<std::string>& args, const fs::path& errFile, const RunOptions& options = {}) {
    const pid_t child = ::fork();
    if (child == 0) {
        const int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(err, STDERR_FILENO);
        ::dup2(null, STDOUT_FILENO);
        if (options.addressSpace) {
            const rlimit limit{options.addressSpace, options.addressSpace};
            ::setrlimit(RLIMIT_AS, &limit);
        }
        if (options.unprivileged && ::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(99);
        std::vector<char*> argv{const_cast<char*>(FLASHFACE_CLI)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(FLASHFACE_CLI, argv.data());
        ::_exit(98);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), test::readText(errFile)};
}

constexpr int code(pipeline::ExitCode c) { return static_cast<int>(c); }

class HostileCli : public ::testing::Test {
protected:
    void SetUp() override {
        fs::permissions(dir_.path(), fs::perms::others_exec | fs::perms::others_read, fs::perm_options::add);
        test::writeFixtureModelsJson(models());
        // The record of verified files goes here, not into the user's cache.
        ::setenv("XDG_CACHE_HOME", (dir_ / "cache").c_str(), 1);
        // Set, so that the binary does not re-execute itself to set it (halves each run's start).
        ::setenv("OMP_WAIT_POLICY", "passive", 0);
    }

    fs::path models() const { return dir_.path(); }
    Outcome run(const std::vector<std::string>& args, const RunOptions& options = {}) const {
        return runCli(args, dir_ / "stderr.txt", options);
    }
    std::vector<std::string> generate(const std::vector<std::string>& extra, const fs::path& out) const {
        std::vector<std::string> args = {"--threads", "1", "generate", "--ref-crop",
                                         test::pipelineReferenceFiles().at(0).string(), "--prompt", "a man",
                                         "--size", "64x64", "--steps", "1", "--images", "1", "--seed", "3",
                                         "--device", "cpu", "--models", models().string(), "--out", out.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }
    fs::path pngWithSettings(const std::string& record) const {
        const Image tiny{8, 8, std::vector<std::uint8_t>(8 * 8 * 3, 100)};
        const auto png = pipeline::encodePng(tiny, {{"flashface", record}});
        const fs::path file = dir_ / "shared.png";
        std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(png.data()),
                                                    static_cast<std::streamsize>(png.size()));
        return file;
    }

    test::TempDir dir_;
};

TEST_F(HostileCli, DeeplyNestedFromIsAnErrorNotASegfault) {
    const auto from = pngWithSettings(R"({"settings": )" + std::string(100'000, '[') + std::string(100'000, ']') + "}");
    const auto r = run(generate({"--from", from.string()}, dir_ / "out"));
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("nests deeper"), std::string::npos) << r.err;
    EXPECT_LT(r.err.size(), 400u);
}

TEST_F(HostileCli, HugeNumbersAndEndlessStepsFromAnImageAreRefused) {
    auto r = run(generate({"--from", pngWithSettings(R"({"settings": {"prompt": "x", "width": 1e30}})").string()},
                          dir_ / "out"));
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("width"), std::string::npos) << r.err;
    // --from's settings come first; the command line's --steps would override them, so it is left out.
    auto args = generate({}, dir_ / "out");
    const auto steps = std::find(args.begin(), args.end(), "--steps");
    args.erase(steps, steps + 2);
    args.insert(args.end(), {"--from", pngWithSettings(R"({"settings": {"prompt": "x", "steps": 1e9}})").string()});
    r = run(args);
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("steps"), std::string::npos) << r.err;
}

TEST_F(HostileCli, DevicesAreRefusedUnreadAsPhotosAndAsFrom) {
    auto r = run({"generate", "--ref", "/dev/zero", "--prompt", "x", "--out", (dir_ / "out").string()},
                 {4ull << 30, false});
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    r = run({"generate", "--ref-crop", test::pipelineReferenceFiles().at(0).string(), "--from", "/dev/zero", "--out",
             (dir_ / "out").string()},
            {4ull << 30, false});
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
}

TEST_F(HostileCli, NumberOptionsOutOfRangeAreUsageErrorsWithTheirBounds) {
    for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
             {"--steps", "0"}, {"--launch-step", "2000"}}) {
        const auto r = run({"generate", option, value, "--out", (dir_ / "out").string()});
        EXPECT_EQ(r.code, code(pipeline::ExitCode::Usage)) << option << ": " << r.err;
        EXPECT_LT(r.err.size(), 200u) << r.err;
        EXPECT_NE(r.err.find(option), std::string::npos) << r.err;
    }
}

TEST_F(HostileCli, InvalidUtf8InThePromptIsReportedBeforeAnyModelLoads) {
    auto args = generate({}, dir_ / "out");
    *(std::find(args.begin(), args.end(), "a man")) = "bad \xC3\x28 text";
    const auto r = run(args);
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("UTF-8"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("loading"), std::string::npos) << r.err;
}

TEST_F(HostileCli, AWriteOnlyOutputFolderGetsTheImage) {
    const fs::path out = dir_ / "out";
    fs::create_directories(out);
    fs::permissions(out, fs::perms::owner_write | fs::perms::owner_exec | fs::perms::group_write |
                             fs::perms::group_exec | fs::perms::others_write | fs::perms::others_exec);
    const auto r = run(generate({}, out), {0, true});
    fs::permissions(out, fs::perms::owner_all);
    ASSERT_NE(r.code, 99) << "no unprivileged user to run as";
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Success)) << r.err;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(out)) names.push_back(entry.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"flashface-00001.png"});
}

TEST_F(HostileCli, AnUnwritableOutputFolderIsAFileSystemErrorNotAnAbort) {
    const fs::path parent = dir_ / "locked";
    fs::create_directories(parent);
    fs::permissions(parent, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                                fs::perms::others_exec);
    const auto r = run(generate({}, parent / "out"), {0, true});
    fs::permissions(parent, fs::perms::owner_all);
    ASSERT_NE(r.code, 99) << "no unprivileged user to run as";
    EXPECT_TRUE(r.code == code(pipeline::ExitCode::Failed) || r.code == code(pipeline::ExitCode::FileSystem)) << r.code << ": " << r.err;
    EXPECT_NE(r.err.find("out"), std::string::npos) << r.err;
}

TEST_F(HostileCli, DamagedWeightsAreNeverRun) {
    // A copy of the autoencoder's weights with one byte of tensor data flipped.
    auto manifest = test::readJson(models() / "models.json");
    const fs::path damaged = dir_ / "vae.pth";
    fs::copy_file(manifest["vae"]["file"].get<std::string>(), damaged);
    fs::permissions(damaged, fs::perms::owner_read | fs::perms::owner_write);
    {
        std::fstream io(damaged, std::ios::binary | std::ios::in | std::ios::out);
        io.seekg(static_cast<std::streamoff>(fs::file_size(damaged) / 2));
        char byte = 0;
        io.read(&byte, 1);
        io.seekp(static_cast<std::streamoff>(fs::file_size(damaged) / 2));
        byte = static_cast<char>(byte ^ 0x40);
        io.write(&byte, 1);
    }
    manifest["vae"]["file"] = damaged.string();
    std::ofstream(models() / "models.json") << manifest.dump();
    const auto r = run(generate({}, dir_ / "out"));
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("damaged"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "flashface-00001.png"));
}

TEST_F(HostileCli, ADeeplyNestedManifestIsAnErrorNotASegfault) {
    const fs::path folder = dir_ / "nested";
    fs::create_directories(folder);
    std::ofstream(folder / "models.json") << R"({"unet": )" << std::string(100'000, '[') << std::string(100'000, ']') << "}";
    const auto r = run({"models", "status", "--models", folder.string()});
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("nests deeper"), std::string::npos) << r.err;
}

TEST_F(HostileCli, VerifyCallsNothingIntactThatLoadingRefuses) {
    auto manifest = test::readJson(models() / "models.json");
    const fs::path random = dir_ / "random.safetensors";
    std::string noise(4096, '\0');
    for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 2654435761u) >> 11);
    std::ofstream(random, std::ios::binary) << noise;
    manifest["vae"]["file"] = random.string();
    std::ofstream(models() / "models.json") << manifest.dump();
    const auto r = run({"models", "verify", "--models", models().string()});
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("damaged"), std::string::npos) << r.err;
}

TEST_F(HostileCli, DetectWritesAtomicallyAndRemovesWhatAKilledRunLeft) {
    const fs::path out = dir_ / "faces";
    fs::create_directories(out);
    std::ofstream(out / ".flashface-Ab12Cd") << "half a PNG";  // a killed run's temporary
    const auto manifest = test::readJson(models() / "models.json");
    const auto r = run({"detect", test::pipelineReferenceFiles().at(0).string(), "--out", out.string(), "--detector",
                        manifest["face_detector"]["file"].get<std::string>()});
    ASSERT_EQ(r.code, code(pipeline::ExitCode::Success)) << r.err;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(out)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    const std::string stem = test::pipelineReferenceFiles().at(0).stem().string();
    EXPECT_EQ(names, (std::vector<std::string>{stem + "-face1.png", stem + "-faces.png"}));
}

TEST_F(HostileCli, AStrideZeroNoiseOfATrillionElementsIsRefusedUnread) {
    // One float of storage viewed as 1024^4 elements: reading it would allocate 4 TB.
    const auto pickle = test::stateDictPickle({{"noise", "FloatStorage", "0", 1, 0, {1024, 1024, 1024, 1024}, {0, 0, 0, 0}}});
    const auto file = test::torchCheckpoint(pickle, {{"0", test::Bytes(4)}});
    const fs::path noise = dir_ / "noise.pth";
    std::ofstream(noise, std::ios::binary).write(reinterpret_cast<const char*>(file.data()),
                                                 static_cast<std::streamsize>(file.size()));
    const auto r = run(generate({"--initial-noise", noise.string()}, dir_ / "out"));
    EXPECT_EQ(r.code, code(pipeline::ExitCode::Failed)) << r.err;
    EXPECT_NE(r.err.find("noise"), std::string::npos) << r.err;
}

TEST_F(HostileCli, TheHelpListsEveryExitCode) {
    const fs::path outFile = dir_ / "help.txt";
    const pid_t child = ::fork();
    if (child == 0) {
        const int fd = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        ::dup2(fd, STDOUT_FILENO);
        ::execl(FLASHFACE_CLI, FLASHFACE_CLI, "--help", nullptr);
        ::_exit(98);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    const std::string help = test::readText(outFile);
    for (const auto& [c, meaning] : pipeline::exitCodeMeanings()) EXPECT_NE(help.find(meaning), std::string::npos) << meaning;
}

}  // namespace
}  // namespace flashface
