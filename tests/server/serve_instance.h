#pragma once

#include "support/child_process.h"
#include "support/fixtures.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace flashface::test {

// A `flashface serve` process on a free loopback port with the fixture models (one CPU thread, so
// that its images are those of `flashface generate --threads 1`). Stopped by SIGTERM when destroyed.
class ServeInstance {
public:
    ServeInstance(const std::filesystem::path& folder, const std::vector<std::string>& extraArgs = {});
    ~ServeInstance();

    int port() const { return port_; }
    httplib::Client client(const std::string& token = {}) const;
    void kill();  // SIGKILL, as a crash would
    std::string stderrText() const;

private:
    std::filesystem::path errFile_;
    std::unique_ptr<Process> process_;
    int port_ = 0;
    bool running_ = true;
};

// The command line that starts `flashface serve` on the fixture models in `folder` (models.json
// written there) with `extraArgs`, for tests that check how it refuses to start.
std::vector<std::string> serveArgs(const std::filesystem::path& folder, const std::vector<std::string>& extraArgs);

// The fixture run's settings (pipeline/config.json) as the API takes them, with `steps`, `images`
// and `seed`.
nlohmann::json fixtureSettings(int steps, int images, std::uint32_t seed);

// A multipart POST /v1/generations body: the `request` field with `settings` and the fixture's
// reference crops as files.
httplib::MultipartFormDataItems fixtureMultipart(const nlohmann::json& settings);

// The same as one JSON document with the crops inline (base64).
nlohmann::json fixtureJsonRequest(const nlohmann::json& settings);

}  // namespace flashface::test
