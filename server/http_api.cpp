#include "server/http_api.h"

#include "common/bounded_read.h"
#include "common/error.h"
#include "pipeline/failure.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/validation.h"
#include "server/api_request.h"
#include "server/auth.h"
#include "server/base64.h"
#include "server/openapi.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <charconv>

namespace flashface::server {

namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kJsonType = "application/json";
constexpr const char* kJobPath = R"(/v1/generations/([A-Za-z0-9_-]{1,128}))";
// How often an event stream looks at the server stopping, and how often it sends a comment so
// that proxies and clients see a live connection.
constexpr auto kEventPoll = 500ms;
constexpr int kPollsPerKeepAlive = 30;
// httplib listens with a backlog of 5, and a burst of clients beyond it gets connections reset
// (Linux drops what overflows, then syncookies answer with RST): listen() again raises it.
constexpr int kListenBacklog = SOMAXCONN;
// A full queue's Retry-After: about a step's time on a GPU, so clients do not hammer.
constexpr int kRetryAfterSeconds = 5;

void sendJson(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), kJsonType);
}

void sendError(httplib::Response& res, int status, const std::string& message) {
    sendJson(res, status, {{"error", {{"status", status}, {"message", message}}}});
}

std::string jobPath(const std::string& id) { return "/v1/generations/" + id; }

// The job's state; `withSettings` adds its settings (a few kB with the postfixes), which progress
// events leave out.
json jobJson(const JobSnapshot& s, std::optional<std::size_t> queuePosition, bool withSettings = true) {
    json out = {
        {"id", s.id},
        {"state", stateName(s.state)},
        {"step", s.step},
        {"total_steps", s.totalSteps},
        {"elapsed_seconds", s.elapsedSeconds},
        {"seconds_left", s.secondsLeft},
        {"cancel_requested", s.cancelRequested},
    };
    if (withSettings) out["settings"] = pipeline::settingsToJson(s.settings);
    if (queuePosition) out["queue_position"] = *queuePosition;
    if (!s.error.empty()) out["error"] = s.error;
    if (s.state == JobState::Succeeded) {
        json images = json::array();
        for (std::size_t i = 0; i < s.imageCount; ++i) images.push_back(jobPath(s.id) + "/images/" + std::to_string(i));
        out["images"] = images;
        out["seconds"] = s.seconds;
    }
    return out;
}

std::string sseEvent(const char* name, const json& data) {
    return std::string("event: ") + name + "\ndata: " + data.dump() + "\n\n";
}

json previewJson(const JobSnapshot& s) {
    json images = json::array();
    for (const auto& jpeg : *s.previews) images.push_back(base64Encode(jpeg));
    return {{"step", s.previewStep}, {"images", images}};
}

bool startsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

struct HttpApi::Impl {
    Impl(JobQueue& q, ApiOptions o) : jobs(q), options(std::move(o)), auth(options.token) {
        openApi = openApiDocument(options.limits, options.version).dump();
        routes();
    }

    void routes() {
        // Not httplib's default options: its SO_REUSEPORT would let a second instance share the
        // port unnoticed (the kernel splitting connections between them). SO_REUSEADDR alone lets
        // a restarted server bind while old connections linger.
        server.set_socket_options([this](socket_t sock) {
            const int yes = 1;
            ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
            listening = sock;
        });
        server.new_task_queue = [n = options.limits.connections] { return new httplib::ThreadPool(n); };
        server.set_payload_max_length(options.limits.maxUploadBytes);
        server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!startsWith(req.path, "/v1/") || auth.accepts(req.get_header_value("Authorization")))
                return httplib::Server::HandlerResponse::Unhandled;
            res.set_header("WWW-Authenticate", "Bearer");
            sendError(res, 401, auth.enabled() && req.has_header("Authorization")
                                    ? "The bearer token is wrong."
                                    : "This server needs a bearer token: send \"Authorization: Bearer <token>\".");
            return httplib::Server::HandlerResponse::Handled;
        });
        // Answers httplib makes itself (unknown paths, oversized bodies) get a JSON body too.
        server.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;
            if (res.status == 413)
                sendError(res, 413, "The request is larger than this server takes (" +
                                        byteCount(options.limits.maxUploadBytes) + ").");
            else if (res.status == 404)
                sendError(res, 404, "No such endpoint; /openapi.json lists them.");
            else
                sendError(res, res.status, "The request was refused (HTTP " + std::to_string(res.status) + ").");
        });
        server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
            sendError(res, 500, pipeline::describeFailure(error).message);
        });

        server.Get("/openapi.json", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(openApi, kJsonType);
        });
        server.Get("/v1/health", [this](const httplib::Request&, httplib::Response& res) { health(res); });
        server.Post("/v1/generations", [this](const httplib::Request& req, httplib::Response& res) { submit(req, res); });
        server.Get(kJobPath, [this](const httplib::Request& req, httplib::Response& res) {
            if (const auto job = findJob(req, res)) sendJson(res, 200, jobJson(job->snapshot(), jobs.queuePosition(*job)));
        });
        server.Delete(kJobPath, [this](const httplib::Request& req, httplib::Response& res) { remove(req, res); });
        server.Get(std::string(kJobPath) + "/events",
                   [this](const httplib::Request& req, httplib::Response& res) { events(req, res); });
        server.Get(std::string(kJobPath) + R"(/images/(\d{1,9}))",
                   [this](const httplib::Request& req, httplib::Response& res) { image(req, res); });
    }

    std::shared_ptr<Job> findJob(const httplib::Request& req, httplib::Response& res) const {
        auto job = jobs.find(req.matches[1]);
        if (!job) sendError(res, 404, "No job \"" + std::string(req.matches[1]) + "\" (unknown, or finished and no longer kept).");
        return job;
    }

    void health(httplib::Response& res) const {
        const auto counts = jobs.counts();
        const auto& l = options.limits;
        json body = {
            {"status", "ok"},
            {"version", options.version},
            {"queue", {{"waiting", counts.waiting}, {"running", counts.running}, {"capacity", counts.capacity}}},
            {"limits",
             {{"max_side", l.maxSide}, {"max_steps", l.maxSteps}, {"max_images", l.maxImages},
              {"max_upload_bytes", l.maxUploadBytes}}},
        };
        body.update(options.engine);
        sendJson(res, 200, body);
    }

    void submit(const httplib::Request& req, httplib::Response& res) {
        pipeline::GenerationRequest request;
        try {
            json document;
            FileLookup files = [](const std::string&) { return std::optional<UploadedFile>(); };
            if (req.is_multipart_form_data()) {
                if (!req.has_file("request"))
                    return sendError(res, 400, "The multipart form needs a \"request\" field holding the JSON request.");
                document = parseRequestDocument(req.get_file_value("request").content);
                files = [&req](const std::string& field) -> std::optional<UploadedFile> {
                    const auto it = req.files.find(field);
                    if (it == req.files.end() || field == "request") return std::nullopt;
                    return UploadedFile{it->second.filename, it->second.content};
                };
            } else if (startsWith(req.get_header_value("Content-Type"), kJsonType)) {
                document = parseRequestDocument(req.body);
            } else {
                return sendError(res, 415, "Send the request as application/json or multipart/form-data.");
            }
            request = parseGenerationRequest(document, files);
            checkServeLimits(request, options.limits);
            pipeline::validateRequest(request);
        } catch (const Error& e) {  // InvalidRequest, or FileError for an undecodable image
            return sendError(res, 400, e.what());
        }
        request.preview = pipeline::PreviewMode::Fast;
        try {
            const auto job = jobs.submit(std::move(request));
            res.set_header("Location", jobPath(job->id()));
            sendJson(res, 202, jobJson(job->snapshot(), jobs.queuePosition(*job)));
        } catch (const QueueFull& e) {
            res.set_header("Retry-After", std::to_string(kRetryAfterSeconds));
            sendError(res, 429, e.what());
        }
    }

    void remove(const httplib::Request& req, httplib::Response& res) {
        const std::string id = req.matches[1];
        const auto job = jobs.find(id);
        switch (jobs.cancelOrForget(id)) {
            case JobQueue::Removal::Unknown:
                return sendError(res, 404, "No job \"" + id + "\" (unknown, or finished and no longer kept).");
            case JobQueue::Removal::Forgotten:
                res.status = 204;
                return;
            case JobQueue::Removal::Cancelled:
                return sendJson(res, 202, jobJson(job->snapshot(), std::nullopt));
        }
    }

    void image(const httplib::Request& req, httplib::Response& res) const {
        const auto job = findJob(req, res);
        if (!job) return;
        const std::string digits = req.matches[2];
        std::size_t index = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), index);
        const JobSnapshot s = job->snapshot();
        if (s.state != JobState::Succeeded)
            return sendError(res, 409, "The job is " + std::string(stateName(s.state)) + "; its images come once it has succeeded.");
        const auto png = job->image(index);
        if (!png) return sendError(res, 404, "The job made " + std::to_string(s.imageCount) + " images (0-based index).");
        res.set_content(reinterpret_cast<const char*>(png->data()), png->size(), "image/png");
    }

    // The stream sends the job as it stands first, then what changes; watchers that read slowly
    // skip intermediate steps (the job keeps only its latest state), never the final event.
    void events(const httplib::Request& req, httplib::Response& res) {
        const auto job = findJob(req, res);
        if (!job) return;
        res.set_header("Cache-Control", "no-cache");
        res.set_header("X-Accel-Buffering", "no");  // nginx: pass events on as they come
        struct Seen {
            std::optional<std::uint64_t> version;
            int previewStep = 0;
            int idlePolls = 0;
        };
        auto seen = std::make_shared<Seen>();
        res.set_chunked_content_provider("text/event-stream", [this, job, seen](std::size_t, httplib::DataSink& sink) {
            const JobSnapshot s = seen->version ? job->waitForChange(*seen->version, kEventPoll) : job->snapshot();
            if (stopping.load()) return false;
            std::string text;
            if (seen->version == s.version) {
                if (++seen->idlePolls < kPollsPerKeepAlive) return sink.is_writable();
                text = ": keep-alive\n\n";
            } else {
                const bool finished = isFinished(s.state);
                const json state = jobJson(s, finished ? std::nullopt : jobs.queuePosition(*job), finished);
                if (s.previews && s.previewStep != seen->previewStep) text += sseEvent("preview", previewJson(s));
                text += sseEvent(finished ? "done" : "progress", state);
                seen->version = s.version;
                seen->previewStep = s.previewStep;
            }
            seen->idlePolls = 0;
            if (!sink.write(text.data(), text.size())) return false;
            if (isFinished(s.state)) sink.done();
            return true;
        });
    }

    JobQueue& jobs;
    ApiOptions options;
    BearerAuth auth;
    std::string openApi;
    std::atomic<bool> stopping{false};
    socket_t listening = INVALID_SOCKET;
    httplib::Server server;
};

HttpApi::HttpApi(JobQueue& jobs, ApiOptions options) : impl_(std::make_unique<Impl>(jobs, std::move(options))) {}

HttpApi::~HttpApi() = default;

int HttpApi::bind(const std::string& host, int port) {
    const int bound = port == 0 ? impl_->server.bind_to_any_port(host) : (impl_->server.bind_to_port(host, port) ? port : -1);
    if (bound <= 0)
        throw Error("Cannot listen on " + host + ":" + std::to_string(port) +
                    " (the address is not this machine's, or the port is taken).");
    ::listen(impl_->listening, kListenBacklog);  // Linux updates a listening socket's backlog
    return bound;
}

void HttpApi::run() { impl_->server.listen_after_bind(); }

void HttpApi::stop() {
    impl_->stopping.store(true);
    impl_->server.stop();
}

}  // namespace flashface::server
