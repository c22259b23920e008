// Two `flashface serve` instances behind nginx, configured by the sample in docs/deploy.md: jobs
// run on both at once, and when one instance dies its job fails with a clear error while the
// other keeps serving.
#include "serve_instance.h"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>
#include <thread>

namespace flashface {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

std::optional<fs::path> findNginx() {
    for (const char* candidate : {"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"})
        if (::access(candidate, X_OK) == 0) return fs::path(candidate);
    return std::nullopt;
}

// A loopback port no one listens on now (the kernel's choice for a socket bound to port 0).
int freePort() {
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(sock);
    return ntohs(address.sin_port);
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
}

// nginx as this user, in the foreground, with everything it writes under `prefix`.
class Nginx {
public:
    Nginx(const fs::path& binary, const fs::path& prefix, const std::string& site, int port) : port_(port) {
        for (const char* dir : {"logs", "temp"}) fs::create_directories(prefix / dir);
        // Workers may run as another user (when the test runs as root): they write the temp files.
        fs::permissions(prefix / "temp", fs::perms::all);
        const std::string temp = (prefix / "temp").string();
        std::ofstream(prefix / "site.conf") << site;
        std::ofstream(prefix / "nginx.conf")
            << "worker_processes 1;\npid " << (prefix / "nginx.pid").string() << ";\nerror_log "
            << (prefix / "logs/error.log").string() << ";\nevents { worker_connections 256; }\nhttp {\n"
            << "  access_log off;\n  client_body_temp_path " << temp << "/body;\n  proxy_temp_path " << temp
            << "/proxy;\n  fastcgi_temp_path " << temp << "/fastcgi;\n  uwsgi_temp_path " << temp
            << "/uwsgi;\n  scgi_temp_path " << temp << "/scgi;\n  include " << (prefix / "site.conf").string()
            << ";\n}\n";
        process_ = std::make_unique<test::Process>(
            std::vector<std::string>{binary.string(), "-p", prefix.string(), "-c", (prefix / "nginx.conf").string(),
                                     "-g", "daemon off;"},
            prefix / "logs/stderr.txt");
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (client().Get("/openapi.json")) return;
            std::this_thread::sleep_for(100ms);
        }
        throw std::runtime_error("nginx did not start: " + test::readText(prefix / "logs/error.log"));
    }
    ~Nginx() {
        process_->signal(SIGQUIT);
        process_->wait();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(120);
        return c;
    }

private:
    int port_;
    std::unique_ptr<test::Process> process_;
};

json getJob(httplib::Client& client, const std::string& id, int* status = nullptr) {
    const auto res = client.Get("/v1/generations/" + id);
    if (!res) throw std::runtime_error("no answer from nginx");
    if (status) *status = res->status;
    return json::parse(res->body);
}

json waitFor(httplib::Client& client, const std::string& id) {
    for (;;) {
        const json job = getJob(client, id);
        if (job.at("state") != "queued" && job.at("state") != "running") return job;
        std::this_thread::sleep_for(50ms);
    }
}

TEST(ServeBehindNginx, JobsRunInParallelAndADeadInstanceFailsOnlyItsJobs) {
    const auto nginx = findNginx();
    if (!nginx) GTEST_SKIP() << "nginx is not installed (scripts/install-deps.sh installs nginx-light)";
    const test::TempDir dir;
    fs::create_directories(dir / "gpu0");
    fs::create_directories(dir / "gpu1");
    auto gpu0 = std::make_unique<test::ServeInstance>(dir / "gpu0", std::vector<std::string>{"--instance", "gpu0"});
    const test::ServeInstance gpu1(dir / "gpu1", {"--instance", "gpu1"});

    // The documented configuration, with this test's ports.
    std::string site = test::readText(FLASHFACE_NGINX_SAMPLE);
    ASSERT_NE(site.find("127.0.0.1:8781"), std::string::npos);
    const int port = freePort();
    replaceAll(site, "127.0.0.1:8781", "127.0.0.1:" + std::to_string(gpu0->port()));
    replaceAll(site, "127.0.0.1:8782", "127.0.0.1:" + std::to_string(gpu1.port()));
    replaceAll(site, "listen 8780;", "listen 127.0.0.1:" + std::to_string(port) + ";");
    const Nginx proxy(*nginx, dir / "nginx", site, port);
    auto client = proxy.client();

    // Two jobs long enough to overlap: least_conn gives one to each idle instance.
    std::map<std::string, std::string> idByInstance;
    for (int i = 0; i < 2; ++i) {
        const auto res = client.Post("/v1/generations", test::fixtureMultipart(test::fixtureSettings(200, 1, 7 + i)));
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 202) << res->body;
        const std::string id = json::parse(res->body).at("id");
        idByInstance[id.substr(0, id.find('-'))] = id;
    }
    ASSERT_EQ(idByInstance.size(), 2u) << "both jobs went to one instance";
    bool both = false;
    for (int poll = 0; poll < 600 && !both; ++poll) {
        both = getJob(client, idByInstance["gpu0"]).at("state") == "running" &&
               getJob(client, idByInstance["gpu1"]).at("state") == "running";
        if (!both) std::this_thread::sleep_for(50ms);
    }
    EXPECT_TRUE(both) << "the two jobs never ran at the same time";

    // gpu0 dies mid-run: its job reports a clear error, gpu1's job and new jobs carry on.
    gpu0->kill();
    int status = 0;
    const json lost = getJob(client, idByInstance["gpu0"], &status);
    EXPECT_EQ(status, 502);
    EXPECT_NE(lost.at("error").at("message").get<std::string>().find("not answering"), std::string::npos) << lost.dump();
    const int stepBefore = getJob(client, idByInstance["gpu1"]).at("step");
    bool advanced = false;
    for (int poll = 0; poll < 600 && !advanced; ++poll) {
        const json job = getJob(client, idByInstance["gpu1"]);
        advanced = job.at("state") == "succeeded" || job.at("step").get<int>() > stepBefore;
        if (!advanced) std::this_thread::sleep_for(50ms);
    }
    EXPECT_TRUE(advanced) << "gpu1's job stopped when gpu0 died";
    client.Delete("/v1/generations/" + idByInstance["gpu1"]);  // no need to wait for all its steps
    EXPECT_EQ(waitFor(client, idByInstance["gpu1"]).at("state"), "cancelled");
    for (int i = 0; i < 2; ++i) {
        const auto res = client.Post("/v1/generations", test::fixtureMultipart(test::fixtureSettings(1, 1, 20 + i)));
        ASSERT_TRUE(res);
        ASSERT_EQ(res->status, 202) << res->body;
        const std::string id = json::parse(res->body).at("id");
        EXPECT_EQ(id.rfind("gpu1-", 0), 0u) << id;
        const json done = waitFor(client, id);
        ASSERT_EQ(done.at("state"), "succeeded") << done.dump();
        const auto png = client.Get(done.at("images")[0].get<std::string>());
        ASSERT_TRUE(png);
        EXPECT_EQ(png->status, 200);
        EXPECT_EQ(png->body.substr(1, 3), "PNG");
    }
}

}  // namespace
}  // namespace flashface
