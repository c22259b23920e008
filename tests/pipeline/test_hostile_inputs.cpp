// Hostile files and faults (issue 12): crafted metadata, configs and manifests are refused with a
// named error before they cost memory or time; files appear atomically; every exception kind has
// its message and exit code.
#include "common/atomic_file.h"
#include "common/error.h"
#include "models/clip_text.h"
#include "models/unet.h"
#include "pipeline/failure.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/model_checks.h"
#include "pipeline/model_files.h"
#include "pipeline/png_metadata.h"
#include "pipeline/validation.h"
#include "support/fixtures.h"

#include <c10/util/Exception.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <zlib.h>

#include <sys/file.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <new>

namespace flashface::pipeline {
namespace {

namespace fs = std::filesystem;

std::vector<std::uint8_t> bytesOf(const std::string& text) { return {text.begin(), text.end()}; }

Image grey(int side) { return {side, side, std::vector<std::uint8_t>(static_cast<std::size_t>(side) * side * 3, 128)}; }

void writeFile(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                static_cast<std::streamsize>(bytes.size()));
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A PNG whose `flashface` chunk holds `record`.
fs::path imageWithRecord(const fs::path& dir, const std::string& record) {
    const fs::path file = dir / "shared.png";
    writeFile(file, encodePng(grey(8), {{kSettingsChunk, record}}));
    return file;
}

std::string errorOf(const std::function<void()>& run) {
    try {
        run();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(HostileMetadata, DeeplyNestedSettingsAreRefusedNotRecursedInto) {
    test::TempDir dir;
    const auto file = imageWithRecord(dir.path(), R"({"settings": )" + nested(100'000) + "}");
    const std::string message = errorOf([&] { readImageMetadata(file); });
    EXPECT_NE(message.find("nests deeper"), std::string::npos) << message;
    EXPECT_LT(message.size(), 400u);
}

TEST(HostileMetadata, ErrorsQuoteAnExcerptNotTheValue) {
    test::TempDir dir;
    const auto file = imageWithRecord(dir.path(), R"({"settings": {"prompt": [")" + std::string(100'000, 'x') + "\"]}}");
    const std::string message = errorOf([&] { readImageMetadata(file); });
    EXPECT_NE(message.find("prompt"), std::string::npos) << message;
    EXPECT_LT(message.size(), 400u);
}

TEST(HostileMetadata, HugeNumbersAreRefusedNotCast) {
    for (const char* field : {"width", "steps", "seed", "num_images", "launch_step"}) {
        for (const char* value : {"1e30", "-1e30", "2.5", "4294967296000"}) {
            const auto json = nlohmann::json::parse(std::string(R"({")") + field + R"(": )" + value + "}");
            EXPECT_THROW(settingsFromJson(json), InvalidRequest) << field << " " << value;
        }
    }
    EXPECT_THROW(settingsFromJson(nlohmann::json::parse(R"({"lambda": 1e300})")), InvalidRequest);
    EXPECT_EQ(settingsFromJson(nlohmann::json::parse(R"({"width": 512.0})")).width, 512);
}

TEST(HostileMetadata, TextChunkInflationIsCapped) {
    // A few kB of deflate that would inflate to far more than any metadata.
    std::vector<std::uint8_t> zeros(kMaxPngTextBytes * 4, 'a');
    std::vector<std::uint8_t> packed(compressBound(zeros.size()));
    uLongf packedSize = packed.size();
    ASSERT_EQ(compress2(packed.data(), &packedSize, zeros.data(), zeros.size(), 9), Z_OK);
    packed.resize(packedSize);
    // zTXt: keyword, NUL, method 0, data; spliced after IHDR like encodePng's chunks.
    const std::string data = std::string(kSettingsChunk) + '\0' + '\0' +
                             std::string(reinterpret_cast<const char*>(packed.data()), packed.size());
    const auto bigEndian = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                           static_cast<char>(v)};
    };
    const std::string typed = "zTXt" + data;
    const std::string chunk = bigEndian(static_cast<std::uint32_t>(data.size())) + typed +
                              bigEndian(static_cast<std::uint32_t>(
                                  crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()))));
    const auto encoded = encodePng(grey(8), {});
    constexpr std::size_t kAfterHeader = 33;  // signature and IHDR
    std::string file(encoded.begin(), encoded.begin() + kAfterHeader);
    file += chunk;
    file.append(encoded.begin() + kAfterHeader, encoded.end());
    const std::vector<std::uint8_t> png(file.begin(), file.end());
    const std::string message = errorOf([&] { readPngTexts(png); });
    EXPECT_NE(message.find("expands past"), std::string::npos) << message;
}

TEST(HostileMetadata, DevicesAndOversizedFilesAreRefusedUnread) {
    const std::string message = errorOf([] { readImageMetadata("/dev/zero"); });
    EXPECT_NE(message.find("not a regular file"), std::string::npos) << message;
}

TEST(RequestBounds, StepsImagesSizesLaunchStepAndReferencesAreBounded) {
    GenerationRequest r;
    r.references.push_back({grey(8), true, 0, {}, "ref"});
    r.settings.prompt = "a man";
    r.settings.width = r.settings.height = kSideRange.min;
    EXPECT_NO_THROW(validateRequest(r));
    const auto expectInvalid = [&](auto change) {
        GenerationRequest bad = r;
        change(bad);
        EXPECT_THROW(validateRequest(bad), InvalidRequest);
    };
    expectInvalid([](auto& b) { b.settings.steps = kStepsRange.max + 1; });
    expectInvalid([](auto& b) { b.settings.numImages = kImagesRange.max + 1; });
    expectInvalid([](auto& b) { b.settings.width = kSideRange.max + 8; });
    expectInvalid([](auto& b) { b.settings.guidance.launchStep = kLaunchStepRange.max + 1; });
    expectInvalid([](auto& b) { b.settings.guidance.launchStep = kLaunchStepRange.min - 1; });
    expectInvalid([](auto& b) { b.references.resize(kReferencesRange.max + 1, b.references[0]); });
    expectInvalid([](auto& b) { b.settings.prompt = "bad \xC3\x28 utf-8"; });
}

TEST(HostileConfigs, LoopCountsAndWidthsAreBounded) {
    auto unet = test::readJson(test::fixture("unet/config.json"));
    EXPECT_NO_THROW(models::UNetConfig::fromJson(unet, "unet.json"));
    for (const char* key : {"num_res_blocks", "num_attn_blocks", "dim"}) {
        auto bad = unet;
        bad[key] = 1e9;
        EXPECT_THROW(models::UNetConfig::fromJson(bad, "unet.json"), FileError) << key;
    }
    auto clip = test::readJson(test::fixture("clip_text/config.json"));
    EXPECT_NO_THROW(models::ClipTextConfig::fromJson(clip, "clip.json"));
    for (const char* key : {"num_layers", "text_len", "vocab_size"}) {
        auto bad = clip;
        bad[key] = 1'000'000'000;
        EXPECT_THROW(models::ClipTextConfig::fromJson(bad, "clip.json"), FileError) << key;
    }
    auto fraction = clip;
    fraction["num_layers"] = 1e30;  // would be an undefined cast
    EXPECT_THROW(models::ClipTextConfig::fromJson(fraction, "clip.json"), FileError);
}

TEST(HostileConfigs, DeeplyNestedManifestIsAFileError) {
    test::TempDir dir;
    std::ofstream(dir / "models.json") << R"({"unet": )" << nested(100'000) << "}";
    const std::string message = errorOf([&] { missingModelFiles(dir.path()); });
    EXPECT_NE(message.find("nests deeper"), std::string::npos) << message;
}

TEST(AtomicFiles, NumberedFilesNeverReplaceAndLeaveNoTemporary) {
    test::TempDir dir;
    const auto first = writeNumberedFile(dir.path(), "img", ".png", bytesOf("one"));
    const auto second = writeNumberedFile(dir.path(), "img", ".png", bytesOf("two"));
    EXPECT_EQ(first.filename(), "img-00001.png");
    EXPECT_EQ(second.filename(), "img-00002.png");
    EXPECT_EQ(test::readText(first), "one");
    EXPECT_THROW(writeNewFile(first, bytesOf("three")), FileError);
    EXPECT_EQ(test::readText(first), "one");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 2u);
}

TEST(AtomicFiles, StrayTemporariesOfKilledWritersAreRemovedLiveOnesKept) {
    test::TempDir dir;
    {
        // What a killed writer leaves: a temporary nobody holds locked.
        std::ofstream(dir / ".flashface-abc123") << "half an image";
    }
    AtomicFile live(dir.path());
    live.write(bytesOf("in progress"));
    writeNumberedFile(dir.path(), "img", ".png", bytesOf("next run"));
    EXPECT_FALSE(fs::exists(dir / ".flashface-abc123"));
    EXPECT_TRUE(fs::exists(live.temporaryPath())) << "a live writer's temporary was removed";
}

TEST(AtomicFiles, AWriteOnlyFolderGetsTheImageNotAHiddenTemporary) {
    test::TempDir dir;
    const fs::path out = dir / "out";
    fs::create_directories(out);
    fs::permissions(dir.path(), fs::perms::others_exec, fs::perm_options::add);
    fs::permissions(out, fs::perms::owner_write | fs::perms::owner_exec | fs::perms::group_write |
                             fs::perms::group_exec | fs::perms::others_write | fs::perms::others_exec);
    // Root lists any folder, so the writing runs as an unprivileged user.
    const pid_t child = ::fork();
    if (child == 0) {
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(2);
        try {
            const auto path = writeNumberedFile(out, "flashface", ".png", bytesOf("pixels"));
            ::_exit(path.filename() == "flashface-00001.png" ? 0 : 3);
        } catch (...) {
            ::_exit(4);
        }
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << "2: no unprivileged user, 3: wrong name, 4: failed";
    fs::permissions(out, fs::perms::owner_all);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(out)) names.push_back(entry.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"flashface-00001.png"});
}

// A manifest line: "<key> <d0>x<d1>x..." or "<key> scalar".
std::vector<checkpoint::TensorShape> readManifest(const fs::path& file) {
    std::vector<checkpoint::TensorShape> tensors;
    std::ifstream in(file);
    for (std::string name, shape; in >> name >> shape;) {
        checkpoint::TensorShape tensor{name, {}};
        if (shape != "scalar") {
            std::stringstream dims(shape);
            for (std::string d; std::getline(dims, d, 'x');) tensor.shape.push_back(std::stoll(d));
        }
        tensors.push_back(std::move(tensor));
    }
    return tensors;
}

// What `models verify` and the download expect of the official files is exactly what the real
// files hold (their key lists are in the fixtures' manifests).
TEST(OfficialKeySets, MatchTheManifestsOfTheFullSizeFiles) {
    std::size_t compared = 0;
    for (const auto& check : modelFileChecks(ModelFiles{})) {
        if (!check.expected.keys) continue;
        std::string normalized = check.officialName;
        std::replace(normalized.begin(), normalized.end(), '.', '_');
        std::replace(normalized.begin(), normalized.end(), '-', '_');
        for (const auto& entry : fs::directory_iterator(test::fixture("manifests"))) {
            if (!normalized.starts_with(entry.path().stem().string())) continue;
            EXPECT_NO_THROW(checkpoint::checkKeys(check.officialName, *check.expected.keys, readManifest(entry.path())))
                << entry.path();
            ++compared;
        }
    }
    EXPECT_EQ(compared, static_cast<std::size_t>(std::distance(fs::directory_iterator(test::fixture("manifests")),
                                                               fs::directory_iterator())));
}

Failure failureOf(const std::function<void()>& thrower) {
    try {
        thrower();
    } catch (...) {
        return describeFailure(std::current_exception());
    }
    return {ExitCode::Success, {}};
}

TEST(Failures, EveryKindOfExceptionHasAMessageAndItsExitCode) {
    EXPECT_EQ(failureOf([] { throw InvalidRequest("bad box"); }).code, ExitCode::Failed);
    EXPECT_EQ(failureOf([] { throw Cancelled(); }).code, ExitCode::Cancelled);
    const auto fsError = failureOf([] {
        throw fs::filesystem_error("mkdir", "/out", std::make_error_code(std::errc::permission_denied));
    });
    EXPECT_EQ(fsError.code, ExitCode::FileSystem);
    EXPECT_NE(fsError.message.find("/out"), std::string::npos) << fsError.message;
    EXPECT_EQ(failureOf([] { throw std::bad_alloc(); }).code, ExitCode::OutOfMemory);
    EXPECT_EQ(failureOf([] { throw cv::Exception(cv::Error::StsNoMem, "Insufficient memory", "f", "file", 1); }).code,
              ExitCode::OutOfMemory);
    EXPECT_EQ(failureOf([] { throw cv::Exception(cv::Error::StsBadArg, "bad", "f", "file", 1); }).code,
              ExitCode::Internal);
    const auto torch = failureOf([] { TORCH_CHECK(false, "shape mismatch\nbacktrace line 1\nline 2"); });
    EXPECT_EQ(torch.code, ExitCode::Internal);
    EXPECT_EQ(torch.message.find('\n'), std::string::npos) << torch.message;
    EXPECT_EQ(failureOf([] { throw std::runtime_error("odd"); }).code, ExitCode::Internal);
    EXPECT_EQ(failureOf([] { throw 42; }).code, ExitCode::Internal);
    for (const auto& [code, meaning] : exitCodeMeanings()) EXPECT_FALSE(std::string(meaning).empty());
}

}  // namespace
}  // namespace flashface::pipeline
