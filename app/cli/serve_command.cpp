// `flashface serve`: the engine behind an HTTP/1.1 JSON API (server/), models loaded once.

#include "commands.h"
#include "device_options.h"

#include "common/bounded_read.h"
#include "common/error.h"
#include "pipeline/model_files.h"
#include "pipeline/pipeline.h"
#include "server/auth.h"
#include "server/http_api.h"
#include "server/job_queue.h"

#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace flashface::cli {

namespace {

namespace fs = std::filesystem;

constexpr int kDefaultPort = 8780;
constexpr const char* kDefaultHost = "127.0.0.1";

struct ServeOptions {
    std::string host = kDefaultHost;
    int port = kDefaultPort;
    std::optional<fs::path> tokenFile;
    std::string instance;
    fs::path models;
    pipeline::DeviceChoice device = pipeline::DeviceChoice::Auto;
    pipeline::PrecisionChoice precision = pipeline::PrecisionChoice::Auto;
    server::ServeLimits limits;
    int maxUploadMiB = static_cast<int>(server::ServeLimits{}.maxUploadBytes >> 20);
};

// SIGINT and SIGTERM, taken by a thread of their own (sigwait) rather than a handler, so that what
// they trigger (stopping the server, cancelling the load) may take locks. Blocked in every thread
// started after this is built.
class StopSignals {
public:
    explicit StopSignals(std::function<void()> onStop) : onStop_(std::move(onStop)) {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set_, &previous_);
        thread_ = std::thread([this] {
            int signal = 0;
            sigwait(&set_, &signal);
            if (!quitting_.load()) onStop_();
        });
    }
    ~StopSignals() {
        quitting_.store(true);
        pthread_kill(thread_.native_handle(), SIGTERM);  // ends its sigwait if no signal came
        thread_.join();
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    std::function<void()> onStop_;
    sigset_t set_{}, previous_{};
    std::atomic<bool> quitting_{false};
    std::thread thread_;
};

void runServe(ServeOptions o, const GlobalOptions& global) {
    std::optional<std::string> token = server::loadToken(o.tokenFile);
    if (!token && !server::isLoopbackHost(o.host))
        throw InvalidRequest("Listening on " + o.host + " lets other machines in: give a token with --token-file FILE or " +
                             server::kTokenEnvironment + " (or listen on 127.0.0.1).");
    o.limits.maxUploadBytes = static_cast<std::uint64_t>(o.maxUploadMiB) << 20;
    std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up mid-answer is not the server's end

    // Who a signal stops: the load while it runs, then the server.
    std::mutex stopMutex;
    CancelToken loadCancel;
    server::HttpApi* running = nullptr;
    bool stopped = false;
    const StopSignals signals([&] {
        const std::lock_guard lock(stopMutex);
        stopped = true;
        loadCancel.cancel();
        if (running) running->stop();
        std::cerr << "flashface serve: stopping\n";
    });

    const pipeline::ModelFiles files = pipeline::resolveModelFiles(o.models.empty() ? pipeline::defaultModelsFolder() : o.models);
    pipeline::Pipeline pipeline(files, {o.device, o.precision, global.threads});
    server::JobQueue jobs(
        [&pipeline](const pipeline::GenerationRequest& request, const pipeline::ProgressCallback& progress, const CancelToken* cancel) {
            return pipeline.generate(request, progress, cancel);
        },
        o.limits.queueLength, o.limits.keptJobs, o.instance.empty() ? std::string() : o.instance + "-");
    server::HttpApi api(jobs, {o.limits, token, FLASHFACE_VERSION,
                               {{"device", pipeline.deviceDescription()},
                                {"instance", o.instance},
                                {"models", {{"folder", files.folder.string()}, {"loaded", true}}}}});
    // Bound before the models load, so that a taken port is reported at once; connections made
    // meanwhile wait in the backlog and are answered once the models are in memory.
    const int port = api.bind(o.host, o.port);
    pipeline.load([](const pipeline::LoadProgress& p) { if (p.fraction < 1.0) std::cerr << "loading " << p.stage << "...\n"; },
                  &loadCancel);
    {
        const std::lock_guard lock(stopMutex);
        if (stopped) throw Cancelled();
        running = &api;
    }
    const bool ipv6 = o.host.find(':') != std::string::npos;
    std::cout << "flashface serve: listening on http://" << (ipv6 ? "[" + o.host + "]" : o.host) << ':' << port << " ("
              << pipeline.deviceDescription() << (token ? ", bearer token required" : ", no token: this machine only")
              << ")" << std::endl;
    api.run();
    const std::lock_guard lock(stopMutex);
    running = nullptr;
}

}  // namespace

void addServeCommand(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<ServeOptions>();
    const server::ServeLimits defaults;
    auto* cmd = app.add_subcommand(
        "serve",
        "Serve generations over HTTP (JSON API, OpenAPI document at /openapi.json): models load once and stay "
        "loaded, one generation runs at a time and the rest wait in a queue. TLS: put a reverse proxy in front "
        "(docs/deploy.md).");
    cmd->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cmd->add_option("--host", o->host,
                    std::string("Address to listen on (default: ") + kDefaultHost +
                        ", this machine only; any other address needs a token)");
    cmd->add_option("--port", o->port, "TCP port, 0 = any free one (default: " + std::to_string(kDefaultPort) + ")")
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--token-file", o->tokenFile,
                    std::string("File whose first line is the bearer token clients must send (or set ") +
                        server::kTokenEnvironment + ")")
        ->check(CLI::ExistingFile);
    cmd->add_option("--instance", o->instance,
                    "A name that starts every job id, so a load balancer can send a job's requests to its instance")
        ->check(CLI::Validator(
            [](std::string& name) -> std::string {
                const bool ok = !name.empty() && name.size() <= 32 &&
                                name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") ==
                                    std::string::npos;
                return ok ? std::string() : "--instance takes 1-32 letters and digits, got \"" + name + "\"";
            },
            "NAME"));
    cmd->add_option("--queue", o->limits.queueLength,
                    "Jobs that may wait behind the running one; more are refused with 429 (default: " +
                        std::to_string(defaults.queueLength) + ")")
        ->check(CLI::Range(std::size_t{0}, std::size_t{10000}));
    cmd->add_option("--keep", o->limits.keptJobs,
                    "Finished jobs kept with their images for download, oldest dropped first (default: " +
                        std::to_string(defaults.keptJobs) + ")")
        ->check(CLI::Range(std::size_t{1}, std::size_t{10000}));
    cmd->add_option("--max-side", o->limits.maxSide,
                    "Largest image side a request may ask for, within " + pipeline::kSideRange.text() + " (default: " +
                        std::to_string(defaults.maxSide) + ")")
        ->check(numberRange(pipeline::kSideRange));
    cmd->add_option("--max-steps", o->limits.maxSteps,
                    "Most sampling steps a request may ask for, within " + pipeline::kStepsRange.text() + " (default: " +
                        std::to_string(defaults.maxSteps) + ")")
        ->check(numberRange(pipeline::kStepsRange));
    cmd->add_option("--max-images", o->limits.maxImages,
                    "Most images a request may ask for, within " + pipeline::kImagesRange.text() + " (default: " +
                        std::to_string(defaults.maxImages) + ")")
        ->check(numberRange(pipeline::kImagesRange));
    cmd->add_option("--max-upload", o->maxUploadMiB,
                    "Largest request body in MiB (JSON or multipart, with the photos; default: " +
                        std::to_string(o->maxUploadMiB) + ")")
        ->check(CLI::Range(1, 4096));
    cmd->add_option("--connections", o->limits.connections,
                    "Connections served at once; each event stream holds one (default: " +
                        std::to_string(defaults.connections) + ")")
        ->check(CLI::Range(std::size_t{2}, std::size_t{4096}));
    addDeviceOptions(*cmd, o->device, o->precision);
    cmd->add_option("--models", o->models, "Models folder (default: the standard location)");
    cmd->callback([o, &global] { runServe(*o, global); });
}

}  // namespace flashface::cli
