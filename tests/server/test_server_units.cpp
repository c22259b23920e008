// The parts of `flashface serve` on their own: base64, auth, request documents, limits, and the
// job queue on a stand-in engine (no models, no network).
#include "common/error.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/png_metadata.h"
#include "server/api_request.h"
#include "server/auth.h"
#include "server/base64.h"
#include "server/job_queue.h"
#include "server/limits.h"
#include "support/fixtures.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>

namespace flashface::server {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::span<const std::uint8_t> bytesOf(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(Base64, RoundTripsEveryLengthAndRefusesWhatIsNotCanonical) {
    std::string bytes;
    for (int length = 0; length < 10; ++length, bytes.push_back(static_cast<char>(0xF0 + length))) {
        const std::string text = base64Encode(bytesOf(bytes));
        EXPECT_EQ(text.size() % 4, 0u);
        EXPECT_EQ(base64Decode(text), bytes) << text;
    }
    EXPECT_EQ(base64Encode(bytesOf("flashface")), "Zmxhc2hmYWNl");
    EXPECT_FALSE(base64Decode("Zmxhc2hmYWN"));     // not a multiple of 4
    EXPECT_FALSE(base64Decode("Zmxh c2hmYWNl"));   // white space
    EXPECT_FALSE(base64Decode("Zmxh\nc2hmYWNl"));
    EXPECT_FALSE(base64Decode("Zm!hc2hmYWNl"));    // not in the alphabet
}

TEST(BearerAuth, AcceptsOnlyTheTokenAfterTheScheme) {
    const BearerAuth none(std::nullopt);
    EXPECT_FALSE(none.enabled());
    EXPECT_TRUE(none.accepts(""));
    const BearerAuth auth(std::string("tok-123"));
    EXPECT_TRUE(auth.enabled());
    EXPECT_TRUE(auth.accepts("Bearer tok-123"));
    EXPECT_TRUE(auth.accepts("bearer tok-123"));  // the scheme is case-insensitive
    for (const char* wrong : {"", "Bearer ", "Bearer tok-12", "Bearer tok-1234", "Bearer TOK-123", "Basic tok-123",
                              "tok-123", "Bearer  tok-123"})
        EXPECT_FALSE(auth.accepts(wrong)) << wrong;
}

TEST(Auth, LoopbackHostsAreThoseNoOtherMachineReaches) {
    for (const char* host : {"127.0.0.1", "127.8.9.10", "::1", "localhost"}) EXPECT_TRUE(isLoopbackHost(host)) << host;
    for (const char* host : {"0.0.0.0", "::", "192.168.1.7", "10.0.0.1", "example.com", "", "128.0.0.1"})
        EXPECT_FALSE(isLoopbackHost(host)) << host;
}

TEST(Auth, TokenComesFromTheFileElseTheEnvironment) {
    const test::TempDir dir;
    ::setenv(kTokenEnvironment, "  from-env \n", 1);
    EXPECT_EQ(loadToken(std::nullopt), "from-env");
    std::ofstream(dir / "token") << "  from-file  \nsecond line\n";
    EXPECT_EQ(loadToken(dir / "token"), "from-file");
    std::ofstream(dir / "empty") << "\n";
    EXPECT_THROW(loadToken(dir / "empty"), FileError);
    EXPECT_THROW(loadToken(dir / "missing"), FileError);
    ::setenv(kTokenEnvironment, " ", 1);
    EXPECT_THROW(loadToken(std::nullopt), InvalidRequest);
    ::unsetenv(kTokenEnvironment);
    EXPECT_EQ(loadToken(std::nullopt), std::nullopt);
}

// A 2×2 PNG, as an uploaded photo.
std::string tinyPng() {
    Image image{2, 2, std::vector<std::uint8_t>(12, 128)};
    const auto png = pipeline::encodePng(image, {});
    return {png.begin(), png.end()};
}

const FileLookup kNoFiles = [](const std::string&) { return std::optional<UploadedFile>(); };

std::string refusal(const json& document, const FileLookup& files = kNoFiles) {
    try {
        parseGenerationRequest(document, files);
    } catch (const Error& e) {
        return e.what();
    }
    return "accepted";
}

TEST(ApiRequest, ReadsReferencesInlineOrFromFormFields) {
    const std::string png = tinyPng();
    const json document = {
        {"settings", {{"prompt", "a man"}, {"steps", 3}}},
        {"references",
         {{{"image", base64Encode(bytesOf(png))}, {"crop", true}, {"weight", 2.5}},
          {{"file", "photo"}, {"face", 2}},
          {{"file", "photo"}, {"label", "mine"}}}}};
    const FileLookup files = [&](const std::string& field) -> std::optional<UploadedFile> {
        if (field != "photo") return std::nullopt;
        return UploadedFile{"me.png", png};
    };
    const pipeline::GenerationRequest request = parseGenerationRequest(document, files);
    EXPECT_EQ(request.settings.prompt, "a man");
    EXPECT_EQ(request.settings.steps, 3);
    EXPECT_EQ(request.settings.width, pipeline::GenerationSettings{}.width);  // absent: the default
    ASSERT_EQ(request.references.size(), 3u);
    EXPECT_TRUE(request.references[0].isCrop);
    EXPECT_EQ(request.references[0].weight, 2.5);
    EXPECT_EQ(request.references[0].label, "reference 1");
    EXPECT_EQ(request.references[0].image.width, 2);
    EXPECT_FALSE(request.references[1].isCrop);
    EXPECT_EQ(request.references[1].faceIndex, 1);
    EXPECT_EQ(request.references[1].label, "me.png");
    EXPECT_EQ(request.references[2].label, "mine");

    // A seed given is kept; none given is drawn at random (two draws differ, almost surely twice).
    json seeded = document;
    seeded["settings"]["seed"] = 42;
    EXPECT_EQ(parseGenerationRequest(seeded, files).settings.seed, 42u);
    const auto s1 = parseGenerationRequest(document, files).settings.seed;
    const auto s2 = parseGenerationRequest(document, files).settings.seed;
    const auto s3 = parseGenerationRequest(document, files).settings.seed;
    EXPECT_FALSE(s1 == s2 && s2 == s3);
}

TEST(ApiRequest, NamesWhatIsWrong) {
    const std::string image = base64Encode(bytesOf(tinyPng()));
    const json good = {{"settings", {{"prompt", "a man"}}}, {"references", {{{"image", image}}}}};
    EXPECT_EQ(refusal(good), "accepted");
    const auto with = [&](const char* key, const json& value) {
        json d = good;
        d[key] = value;
        return d;
    };
    EXPECT_NE(refusal(json::array()).find("JSON object"), std::string::npos);
    EXPECT_NE(refusal(json{{"references", good["references"]}}).find("\"settings\""), std::string::npos);
    EXPECT_NE(refusal(with("settings", json::object())).find("settings.prompt"), std::string::npos);
    EXPECT_NE(refusal(with("settings", {{"prompt", "x"}, {"steps", "many"}})).find("\"steps\""), std::string::npos);
    EXPECT_NE(refusal(with("references", json::array())).find("\"references\""), std::string::npos);
    EXPECT_NE(refusal(with("references", {{{"image", "!!!!"}}})).find("references[0].image"), std::string::npos);
    EXPECT_NE(refusal(with("references", {{{"image", image}, {"file", "x"}}})).find("exactly one"), std::string::npos);
    EXPECT_NE(refusal(with("references", {{{"file", "x"}}})).find("\"x\""), std::string::npos);
    EXPECT_NE(refusal(with("references", {{{"image", image}, {"face", 0}}})).find("references[0].face"), std::string::npos);
    EXPECT_NE(refusal(with("references", {{{"image", image}, {"crop", "yes"}}})).find("references[0].crop"), std::string::npos);
    EXPECT_NE(refusal(with("references", {{{"image", base64Encode(bytesOf("not an image"))}}})).find("references[0]"),
              std::string::npos);
    // Too many references are refused before any is decoded (these would not decode).
    json many = good;
    many["references"] = json::array();
    for (int i = 0; i <= pipeline::kReferencesRange.max; ++i) many["references"].push_back({{"image", "!!!!"}});
    EXPECT_NE(refusal(many).find(pipeline::kReferencesRange.text()), std::string::npos) << refusal(many);
}

TEST(ApiRequest, ReadsAHandDrawnBoxAndATargetPhotoWithItsMask) {
    const std::string png = tinyPng();
    const std::string image = base64Encode(bytesOf(png));
    const FileLookup files = [&](const std::string& field) -> std::optional<UploadedFile> {
        if (field != "photo") return std::nullopt;
        return UploadedFile{"target.png", png};
    };
    json document = {{"settings", {{"prompt", "a man"}}},
                     {"references", {{{"image", image}, {"box", {0, 0, 2, 1}}}}},
                     {"target", {{"file", "photo"}, {"region", "mask"}, {"mask", {{"image", image}}}, {"face", 2},
                                 {"strength", 0.5}, {"use_settings_face_box", true}}}};
    pipeline::GenerationRequest request = parseGenerationRequest(document, files);
    ASSERT_TRUE(request.references[0].manualBox);
    EXPECT_EQ(request.references[0].manualBox->x2, 2);
    EXPECT_EQ(request.references[0].manualBox->y2, 1);
    ASSERT_TRUE(request.target);
    EXPECT_EQ(request.target->region, pipeline::TargetRegion::Mask);
    EXPECT_EQ(request.target->image.width, 2);
    EXPECT_EQ(request.target->mask.width, 2);
    EXPECT_EQ(request.target->faceIndex, 1);
    EXPECT_EQ(request.target->strength, 0.5);
    EXPECT_TRUE(request.target->useSettingsFaceBox);
    EXPECT_EQ(request.target->label, "target.png");

    // The region's usual strength when none is given; no target: none.
    document["target"] = {{"image", image}, {"region", "whole"}};
    request = parseGenerationRequest(document, files);
    EXPECT_EQ(request.target->strength, pipeline::defaultStrength(pipeline::TargetRegion::Whole));
    EXPECT_EQ(request.target->label, "target");
    document.erase("target");
    EXPECT_FALSE(parseGenerationRequest(document, files).target);

    const auto with = [&](const json& target) {
        json d = document;
        d["target"] = target;
        return refusal(d, files);
    };
    EXPECT_NE(with({{"image", image}, {"region", "hair"}}).find("target.region"), std::string::npos);
    EXPECT_NE(with({{"image", image}, {"region", "mask"}}).find("target.mask"), std::string::npos);
    EXPECT_NE(with({{"image", image}, {"mask", {{"image", image}}}}).find("target.mask"), std::string::npos);
    EXPECT_NE(with({{"image", image}, {"face", 0}}).find("target.face"), std::string::npos);
    EXPECT_NE(with({{"region", "face"}}).find("exactly one"), std::string::npos);
    EXPECT_NE(with({{"file", "other"}}).find("\"other\""), std::string::npos);
    json boxed = document;
    boxed["references"][0]["box"] = {1, 2, 3};
    EXPECT_NE(refusal(boxed, files).find("references[0].box"), std::string::npos);
}

TEST(ApiRequest, MalformedJsonIsAnInvalidRequest) {
    EXPECT_THROW(parseRequestDocument("{\"settings\": "), InvalidRequest);
    EXPECT_THROW(parseRequestDocument(std::string(100, '[')), InvalidRequest);  // deeper than allowed
    EXPECT_TRUE(parseRequestDocument("{}").is_object());
}

TEST(ServeLimits, TightenTheEngineBounds) {
    ServeLimits limits;
    limits.maxSteps = 10;
    limits.maxSide = 512;
    pipeline::GenerationRequest request;
    request.settings.width = request.settings.height = 512;
    request.settings.steps = 10;
    EXPECT_NO_THROW(checkServeLimits(request, limits));
    request.settings.steps = 11;
    EXPECT_THROW(checkServeLimits(request, limits), InvalidRequest);
    request.settings.steps = 10;
    request.settings.height = 520;
    EXPECT_THROW(checkServeLimits(request, limits), InvalidRequest);
    request.settings.height = 512;
    // The whole picture of a target photo is generated at the photo's size: it is bounded too.
    request.target.emplace();
    request.target->image = Image{512, 520, std::vector<std::uint8_t>(512 * 520 * 3)};
    request.target->region = pipeline::TargetRegion::Whole;
    EXPECT_THROW(checkServeLimits(request, limits), InvalidRequest);
    request.target->region = pipeline::TargetRegion::Face;  // a region: generated at the settings' size
    EXPECT_NO_THROW(checkServeLimits(request, limits));
    EXPECT_EQ(sideRange(ServeLimits{}).max, pipeline::kSideRange.max);  // by default, the engine's own
}

// A stand-in for the Pipeline: one step per setting's step, each waiting for the test's go-ahead
// when `gated`; images of the request's size filled with its seed.
class FakeEngine {
public:
    explicit FakeEngine(bool gated = false) : gated_(gated) {}

    Engine engine() {
        return [this](const pipeline::GenerationRequest& request, const pipeline::ProgressCallback& progress, const CancelToken* cancel) {
            {
                const std::lock_guard lock(mutex_);
                started_.push_back(request.settings.prompt);
            }
            changed_.notify_all();
            const auto& s = request.settings;
            for (int step = 1; step <= s.steps; ++step) {
                std::unique_lock lock(mutex_);
                // The token notifies no one: look at it every few milliseconds, as the engine does between passes.
                while (!changed_.wait_for(lock, 5ms, [&] { return !gated_ || open_ || cancel->isCancelled(); })) {
                }
                lock.unlock();
                if (cancel->isCancelled()) throw Cancelled();
                if (s.prompt == "fail") throw InvalidRequest("the fake engine refuses this");
                pipeline::StepProgress p;
                p.step = step;
                p.totalSteps = s.steps;
                p.previews.push_back(Image{8, 8, std::vector<std::uint8_t>(8 * 8 * 3, 50)});
                progress(p);
            }
            pipeline::GenerationResult result;
            result.settings = s;
            for (int i = 0; i < s.numImages; ++i)
                result.images.push_back(Image{s.width, s.height,
                                              std::vector<std::uint8_t>(s.width * s.height * 3, static_cast<std::uint8_t>(s.seed + i))});
            return result;
        };
    }
    void open() {
        {
            const std::lock_guard lock(mutex_);
            open_ = true;
        }
        changed_.notify_all();
    }
    void waitStarted(std::size_t count) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return started_.size() >= count; });
    }
    std::vector<std::string> started() {
        const std::lock_guard lock(mutex_);
        return started_;
    }

private:
    bool gated_;
    bool open_ = false;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::string> started_;
};

pipeline::GenerationRequest fakeRequest(const std::string& prompt, std::uint32_t seed = 0, int steps = 2) {
    pipeline::GenerationRequest request;
    request.settings.prompt = prompt;
    request.settings.seed = seed;
    request.settings.steps = steps;
    request.settings.width = request.settings.height = 16;
    request.settings.numImages = 2;
    pipeline::Reference ref;
    ref.label = "ref.png";
    request.references.push_back(ref);
    return request;
}

JobSnapshot waitFinished(const Job& job) {
    JobSnapshot s = job.snapshot();
    while (!isFinished(s.state)) s = job.waitForChange(s.version, 1s);
    return s;
}

TEST(JobQueue, RunsJobsInOrderAndKeepsTheirPngs) {
    FakeEngine fake;
    JobQueue queue(fake.engine(), 4, 8, "gpu0-");
    const auto a = queue.submit(fakeRequest("a", 10));
    const auto b = queue.submit(fakeRequest("b", 20));
    EXPECT_EQ(a->id().rfind("gpu0-", 0), 0u);
    EXPECT_NE(a->id(), b->id());
    const JobSnapshot sb = waitFinished(*b);
    const JobSnapshot sa = waitFinished(*a);
    EXPECT_EQ(fake.started(), (std::vector<std::string>{"a", "b"}));
    ASSERT_EQ(sa.state, JobState::Succeeded);
    EXPECT_EQ(sa.step, 2);
    EXPECT_EQ(sa.imageCount, 2u);
    ASSERT_TRUE(sa.previews);
    EXPECT_EQ(sa.previews->size(), 1u);
    EXPECT_EQ(sb.settings.seed, 20u);
    // Image i carries its own seed, as generate's PNGs do.
    const auto png = a->image(1);
    ASSERT_TRUE(png);
    bool found = false;
    for (const pipeline::PngText& text : pipeline::readPngTexts(*png))
        if (text.keyword == pipeline::kSettingsChunk) {
            found = true;
            EXPECT_EQ(json::parse(text.text).at("settings").at("seed"), 11);
            EXPECT_EQ(json::parse(text.text).at("references"), json::array({"ref.png"}));
        }
    EXPECT_TRUE(found);
    EXPECT_FALSE(a->image(2));
    EXPECT_EQ(queue.find(a->id()), a);
    EXPECT_EQ(queue.find("gpu0-nothing"), nullptr);
}

TEST(JobQueue, AFullLineIsRefusedAndCancelledJobsNeverRun) {
    FakeEngine fake(/*gated=*/true);
    JobQueue queue(fake.engine(), 2, 8);
    const auto running = queue.submit(fakeRequest("running"));
    fake.waitStarted(1);
    const auto first = queue.submit(fakeRequest("first"));
    const auto second = queue.submit(fakeRequest("second"));
    EXPECT_THROW(queue.submit(fakeRequest("third")), QueueFull);
    EXPECT_EQ(queue.queuePosition(*first), 0u);
    EXPECT_EQ(queue.queuePosition(*second), 1u);
    EXPECT_EQ(queue.counts().waiting, 2u);
    EXPECT_EQ(queue.counts().running, 1u);

    const std::uint64_t before = second->snapshot().version;
    EXPECT_EQ(queue.cancelOrForget(first->id()), JobQueue::Removal::Cancelled);
    EXPECT_EQ(first->snapshot().state, JobState::Cancelled);
    EXPECT_EQ(queue.queuePosition(*second), 0u);
    EXPECT_GT(second->snapshot().version, before);  // its watchers hear that it moved up
    const auto third = queue.submit(fakeRequest("third"));  // the line has room again

    EXPECT_EQ(queue.cancelOrForget(running->id()), JobQueue::Removal::Cancelled);
    EXPECT_EQ(waitFinished(*running).state, JobState::Cancelled);
    fake.open();
    EXPECT_EQ(waitFinished(*second).state, JobState::Succeeded);
    EXPECT_EQ(waitFinished(*third).state, JobState::Succeeded);
    EXPECT_EQ(fake.started(), (std::vector<std::string>{"running", "second", "third"}));
    // Finished: a DELETE forgets it.
    EXPECT_EQ(queue.cancelOrForget(second->id()), JobQueue::Removal::Forgotten);
    EXPECT_EQ(queue.find(second->id()), nullptr);
    EXPECT_EQ(queue.cancelOrForget(second->id()), JobQueue::Removal::Unknown);
}

TEST(JobQueue, AFailureIsTheJobsNotTheQueues) {
    FakeEngine fake;
    JobQueue queue(fake.engine(), 4, 8);
    const auto bad = queue.submit(fakeRequest("fail"));
    const auto good = queue.submit(fakeRequest("good"));
    const JobSnapshot s = waitFinished(*bad);
    EXPECT_EQ(s.state, JobState::Failed);
    EXPECT_NE(s.error.find("the fake engine refuses this"), std::string::npos);
    EXPECT_EQ(waitFinished(*good).state, JobState::Succeeded);
}

TEST(JobQueue, KeepsOnlyTheNewestFinishedJobs) {
    FakeEngine fake;
    constexpr std::size_t kKept = 2;
    JobQueue queue(fake.engine(), 8, kKept);
    std::vector<std::shared_ptr<Job>> jobs;
    for (int i = 0; i < 3; ++i) jobs.push_back(queue.submit(fakeRequest("job" + std::to_string(i), 0, 1)));
    for (const auto& job : jobs) waitFinished(*job);
    EXPECT_EQ(queue.find(jobs[0]->id()), nullptr);
    EXPECT_EQ(queue.find(jobs[1]->id()), jobs[1]);
    EXPECT_EQ(queue.find(jobs[2]->id()), jobs[2]);
    EXPECT_TRUE(jobs[0]->image(0));  // a client still holding the job keeps its images
}

TEST(JobQueue, StoppingCancelsEveryJob) {
    FakeEngine fake(/*gated=*/true);
    std::shared_ptr<Job> running, waiting;
    {
        JobQueue queue(fake.engine(), 4, 8);
        running = queue.submit(fakeRequest("running"));
        waiting = queue.submit(fakeRequest("waiting"));
        fake.waitStarted(1);
    }
    EXPECT_EQ(running->snapshot().state, JobState::Cancelled);
    EXPECT_EQ(waiting->snapshot().state, JobState::Cancelled);
    EXPECT_NE(waiting->snapshot().error.find("stopped"), std::string::npos);
    EXPECT_EQ(fake.started(), std::vector<std::string>{"running"});
}

}  // namespace
}  // namespace flashface::server
