#pragma once

#include "server/job_queue.h"
#include "server/limits.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>

// The HTTP/1.1 JSON API of `flashface serve` over a JobQueue (cpp-httplib does the HTTP):
// auth, routes, request parsing, Server-Sent Events. openapi.cpp documents every route.
namespace flashface::server {

struct ApiOptions {
    ServeLimits limits;
    std::optional<std::string> token;  // none: no auth (loopback only, which serve_command checks)
    std::string version;
    nlohmann::json engine;  // what /v1/health says of the device and models
};

class HttpApi {
public:
    HttpApi(JobQueue& jobs, ApiOptions options);
    ~HttpApi();
    HttpApi(const HttpApi&) = delete;
    HttpApi& operator=(const HttpApi&) = delete;

    // Binds host:port (port 0: a free one) and returns the port. Throws Error when it cannot.
    int bind(const std::string& host, int port);
    // Serves until stop() (from any thread).
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flashface::server
