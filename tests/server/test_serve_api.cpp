// `flashface serve` end to end on loopback: the built binary with the fixture models, driven over
// HTTP by cpp-httplib's client.
#include "serve_instance.h"

#include "pipeline/generation_metadata.h"
#include "pipeline/png_metadata.h"
#include "support/pipeline_fixture.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <thread>

namespace flashface {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::ServeInstance;

struct Event {
    std::string name;
    json data;
};

// Reads a job's Server-Sent Events until `onEvent` returns false or the stream ends.
void readEvents(httplib::Client& client, const std::string& id, const std::function<bool(const Event&)>& onEvent) {
    std::string buffer;
    client.Get("/v1/generations/" + id + "/events", [&](const char* data, std::size_t size) {
        buffer.append(data, size);
        for (std::size_t end; (end = buffer.find("\n\n")) != std::string::npos;) {
            std::istringstream block(buffer.substr(0, end));
            buffer.erase(0, end + 2);
            Event event;
            for (std::string line; std::getline(block, line);) {
                if (line.rfind("event: ", 0) == 0) event.name = line.substr(7);
                if (line.rfind("data: ", 0) == 0) event.data = json::parse(line.substr(6));
            }
            if (!event.name.empty() && !onEvent(event)) return false;
        }
        return true;
    });
}

json post(httplib::Client& client, const httplib::MultipartFormDataItems& items, int expectedStatus = 202) {
    const auto res = client.Post("/v1/generations", items);
    if (!res) throw std::runtime_error("POST failed: " + httplib::to_string(res.error()));
    EXPECT_EQ(res->status, expectedStatus) << res->body;
    return json::parse(res->body);
}

// Polls the job until it has finished.
json waitFor(httplib::Client& client, const std::string& id) {
    for (;;) {
        const auto res = client.Get("/v1/generations/" + id);
        if (!res || res->status != 200) throw std::runtime_error("GET job failed");
        const json job = json::parse(res->body);
        const std::string state = job.at("state");
        if (state != "queued" && state != "running") return job;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

std::string fetchImage(httplib::Client& client, const std::string& path) {
    const auto res = client.Get(path);
    if (!res || res->status != 200) throw std::runtime_error("GET " + path + " failed");
    EXPECT_EQ(res->get_header_value("Content-Type"), "image/png");
    return res->body;
}

pipeline::ImageMetadata metadataOf(const std::string& png) {
    const test::TempDir dir;
    const fs::path file = dir / "image.png";
    std::ofstream(file, std::ios::binary) << png;
    return pipeline::readImageMetadata(file);
}

class ServeApi : public ::testing::Test {
protected:
    test::TempDir dir_;
};

TEST_F(ServeApi, ImagesEqualThoseOfGenerateForTheSameSettings) {
    // `flashface generate --json`: its images, and its settings as the API takes them.
    const int images = static_cast<int>(test::readJson(test::fixture("pipeline/config.json")).at("num_sample"));
    const json requested = test::fixtureSettings(2, images, 11);
    std::vector<std::string> args = {FLASHFACE_CLI, "--threads", "1", "generate", "--json", "--device", "cpu",
                                     "--models", dir_.path().string(), "--out", (dir_ / "cli").string(),
                                     "--prompt", requested.at("prompt"), "--negative", requested.at("negative_prompt"),
                                     "--steps", "2", "--images", std::to_string(images), "--seed", "11",
                                     "--size", requested.at("width").dump() + "x" + requested.at("height").dump()};
    const auto box = requested.at("face_box");
    args.insert(args.end(), {"--face-box", box[0].dump() + "," + box[1].dump() + "," + box[2].dump() + "," + box[3].dump()});
    for (const auto& file : test::pipelineReferenceFiles()) args.insert(args.end(), {"--ref-crop", file.string()});
    ServeInstance serve(dir_.path());  // writes the models.json generate reads too
    json settings;
    std::vector<std::string> cliImages;
    {
        test::Process generate(args, dir_ / "generate.txt");
        for (std::string line; generate.readLine(line);) {
            const json event = json::parse(line);
            if (event.at("event") == "image") cliImages.push_back(test::readText(event.at("path").get<std::string>()));
            if (event.at("event") == "done") settings = event.at("settings");
        }
        ASSERT_EQ(generate.wait(), 0) << test::readText(dir_ / "generate.txt");
    }
    ASSERT_EQ(cliImages.size(), static_cast<std::size_t>(images));

    auto client = serve.client();
    const json job = post(client, test::fixtureMultipart(settings));
    EXPECT_TRUE(job.at("state") == "queued" || job.at("state") == "running") << job.dump();
    int steps = 0, previews = 0;
    json done;
    readEvents(client, job.at("id"), [&](const Event& e) {
        if (e.name == "progress" && e.data.at("step").get<int>() > steps) steps = e.data.at("step");
        if (e.name == "preview") {
            ++previews;
            EXPECT_EQ(e.data.at("images").size(), static_cast<std::size_t>(images));
        }
        if (e.name == "done") done = e.data;
        return true;
    });
    EXPECT_EQ(steps, 2);
    EXPECT_GE(previews, 1);
    ASSERT_EQ(done.at("state"), "succeeded") << done.dump();
    ASSERT_EQ(done.at("images").size(), cliImages.size());
    for (std::size_t i = 0; i < cliImages.size(); ++i) {
        // The same pixels and the same embedded parameters: byte for byte the same PNG.
        const std::string png = fetchImage(client, done.at("images")[i]);
        EXPECT_EQ(png, cliImages[i]) << "image " << i;
        EXPECT_EQ(metadataOf(png).settings.seed, 11u + i);
    }
    // The same request as one JSON document (images inline) gives the same images.
    const auto res = client.Post("/v1/generations", test::fixtureJsonRequest(settings).dump(), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 202) << res->body;
    const json again = waitFor(client, json::parse(res->body).at("id"));
    ASSERT_EQ(again.at("state"), "succeeded") << again.dump();
    EXPECT_EQ(fetchImage(client, again.at("images")[0]), cliImages[0]);
}

TEST_F(ServeApi, DeleteCancelsARunningJobWithinOneStep) {
    ServeInstance serve(dir_.path());
    auto client = serve.client();
    const json job = post(client, test::fixtureMultipart(test::fixtureSettings(500, 1, 3)));
    const std::string id = job.at("id");
    json cancelled, done;
    auto watcher = serve.client();  // a client's connection serves one request at a time
    readEvents(watcher, id, [&](const Event& e) {
        if (e.name == "progress" && e.data.at("step").get<int>() >= 1 && cancelled.is_null()) {
            const auto res = client.Delete("/v1/generations/" + id);
            if (!res || res->status != 202) return false;
            cancelled = json::parse(res->body);
            EXPECT_TRUE(cancelled.at("cancel_requested").get<bool>());
        }
        if (e.name == "done") done = e.data;
        return true;
    });
    ASSERT_FALSE(cancelled.is_null());
    EXPECT_EQ(done.at("state"), "cancelled") << done.dump();
    // The step under way when DELETE came may have been reported; none after it.
    EXPECT_LE(done.at("step").get<int>(), cancelled.at("step").get<int>() + 1);
    EXPECT_EQ(client.Get("/v1/generations/" + id + "/images/0")->status, 409);
    // A finished job is forgotten by a second DELETE.
    EXPECT_EQ(client.Delete("/v1/generations/" + id)->status, 204);
    EXPECT_EQ(client.Get("/v1/generations/" + id)->status, 404);
}

TEST_F(ServeApi, RefusesRequestsWithoutTheRightToken) {
    const std::string token = "s3cret-token-for-the-test";
    std::ofstream(dir_ / "token.txt") << token << "\n";
    ServeInstance serve(dir_.path(), {"--token-file", (dir_ / "token.txt").string()});
    auto anonymous = serve.client();
    const auto none = anonymous.Get("/v1/health");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 401);
    EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(anonymous.Post("/v1/generations", test::fixtureMultipart(test::fixtureSettings(1, 1, 1)))->status, 401);
    auto wrong = serve.client(token + "x");
    EXPECT_EQ(wrong.Get("/v1/health")->status, 401);
    auto shorter = serve.client(token.substr(0, 5));
    EXPECT_EQ(shorter.Get("/v1/health")->status, 401);
    auto right = serve.client(token);
    const auto health = right.Get("/v1/health");
    ASSERT_EQ(health->status, 200);
    EXPECT_EQ(json::parse(health->body).at("models").at("loaded"), true);
    // The document is public: it says how to authenticate.
    const auto openapi = anonymous.Get("/openapi.json");
    ASSERT_EQ(openapi->status, 200);
    const json document = json::parse(openapi->body);
    EXPECT_TRUE(document.at("paths").contains("/v1/generations/{id}/events"));
    // A request's target photo is described, and named from the request.
    const json& schemas = document.at("components").at("schemas");
    EXPECT_EQ(schemas.at("GenerationRequest").at("properties").at("target").at("$ref"), "#/components/schemas/Target");
    EXPECT_EQ(schemas.at("Target").at("properties").at("region").at("enum"), json({"face", "mask", "whole"}));
}

TEST_F(ServeApi, RefusesToListenBeyondLoopbackWithoutAToken) {
    ::unsetenv("FLASHFACE_SERVE_TOKEN");
    test::Process serve(test::serveArgs(dir_.path(), {"--host", "0.0.0.0"}), dir_ / "err.txt");
    EXPECT_EQ(serve.wait(), 1);
    EXPECT_NE(test::readText(dir_ / "err.txt").find("--token-file"), std::string::npos) << test::readText(dir_ / "err.txt");
}

TEST_F(ServeApi, MalformedAndOversizedRequestsGet4xx) {
    ServeInstance serve(dir_.path(), {"--max-upload", "1", "--max-steps", "50"});
    auto client = serve.client();
    const auto status = [&](const std::string& body, const char* type = "application/json") {
        const auto res = client.Post("/v1/generations", body, type);
        if (!res) return -1;
        EXPECT_NE(json::parse(res->body).at("error").at("message").get<std::string>(), "") << res->body;
        return res->status;
    };
    EXPECT_EQ(status("{\"settings\": {\"prompt\": "), 400);
    EXPECT_EQ(status("[1, 2]"), 400);
    EXPECT_EQ(status("hello", "text/plain"), 415);
    EXPECT_EQ(status(json{{"settings", test::fixtureSettings(1, 1, 1)}}.dump()), 400);  // no references
    auto request = test::fixtureJsonRequest(test::fixtureSettings(1, 1, 1));
    request["references"][0]["image"] = "not base64!";
    EXPECT_EQ(status(request.dump()), 400);
    request = test::fixtureJsonRequest(test::fixtureSettings(51, 1, 1));  // over --max-steps
    EXPECT_EQ(status(request.dump()), 400);
    request = test::fixtureJsonRequest(test::fixtureSettings(1, 1, 1));
    request["settings"]["width"] = 65;  // the engine's own rule: multiples of 8
    EXPECT_EQ(status(request.dump()), 400);
    request["settings"]["width"] = "wide";
    EXPECT_EQ(status(request.dump()), 400);
    // Over --max-upload: refused unread.
    request = test::fixtureJsonRequest(test::fixtureSettings(1, 1, 1));
    request["padding"] = std::string((1u << 20) + 1, 'x');
    EXPECT_EQ(status(request.dump()), 413);
    // A multipart form whose reference names a missing field.
    auto items = test::fixtureMultipart(test::fixtureSettings(1, 1, 1));
    items.erase(items.begin());
    const auto missing = client.Post("/v1/generations", items);
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 400);
    EXPECT_NE(missing->body.find("ref0"), std::string::npos) << missing->body;
    EXPECT_EQ(client.Get("/v1/generations/nosuchjob")->status, 404);
    EXPECT_EQ(client.Get("/v1/nothing")->status, 404);
    // The server is still serving.
    EXPECT_EQ(client.Get("/v1/health")->status, 200);
}

TEST_F(ServeApi, AFullQueueAnswers429) {
    ServeInstance serve(dir_.path(), {"--queue", "1"});
    auto client = serve.client();
    const json first = post(client, test::fixtureMultipart(test::fixtureSettings(500, 1, 1)));
    // The first runs or waits; either way one more fills the line of one.
    const auto second = client.Post("/v1/generations", test::fixtureMultipart(test::fixtureSettings(1, 1, 1)));
    const auto third = client.Post("/v1/generations", test::fixtureMultipart(test::fixtureSettings(1, 1, 1)));
    ASSERT_TRUE(second && third);
    EXPECT_TRUE(second->status == 429 || third->status == 429) << second->status << " " << third->status;
    const auto& refused = second->status == 429 ? second : third;
    EXPECT_NE(refused->get_header_value("Retry-After"), "");
    client.Delete("/v1/generations/" + first.at("id").get<std::string>());
}

TEST_F(ServeApi, TwentyConcurrentClientsEachGetTheirOwnImages) {
    constexpr int kClients = 20;
    ServeInstance serve(dir_.path(), {"--queue", std::to_string(kClients)});
    std::vector<json> finished(kClients);
    std::vector<std::string> images(kClients), failures(kClients);
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i)
        clients.emplace_back([&, i] {
            auto client = serve.client();
            json settings = test::fixtureSettings(1, 1, 1000 + i);
            settings["prompt"] = "client " + std::to_string(i);
            const auto res = client.Post("/v1/generations", test::fixtureMultipart(settings));
            if (!res || res->status != 202) {
                failures[i] = res ? res->body : httplib::to_string(res.error());
                return;
            }
            finished[i] = waitFor(client, json::parse(res->body).at("id"));
            if (finished[i].at("state") == "succeeded") images[i] = fetchImage(client, finished[i].at("images")[0]);
        });
    for (auto& t : clients) t.join();
    for (int i = 0; i < kClients; ++i) {
        ASSERT_FALSE(finished[i].is_null()) << "client " << i << " got no job: " << failures[i];
        ASSERT_EQ(finished[i].at("state"), "succeeded") << finished[i].dump();
        const pipeline::ImageMetadata metadata = metadataOf(images[i]);
        EXPECT_EQ(metadata.settings.prompt, "client " + std::to_string(i));
        EXPECT_EQ(metadata.settings.seed, 1000u + i);
    }
}

}  // namespace
}  // namespace flashface
