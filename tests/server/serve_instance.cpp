#include "serve_instance.h"

#include "../pipeline/fixture_models.h"
#include "server/base64.h"
#include "support/pipeline_fixture.h"

#include <regex>
#include <stdexcept>

namespace flashface::test {

namespace fs = std::filesystem;

std::vector<std::string> serveArgs(const fs::path& folder, const std::vector<std::string>& extraArgs) {
    writeFixtureModelsJson(folder);
    std::vector<std::string> args = {FLASHFACE_CLI, "--threads", "1", "serve", "--device", "cpu",
                                     "--models", folder.string(), "--port", "0"};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    return args;
}

ServeInstance::ServeInstance(const fs::path& folder, const std::vector<std::string>& extraArgs)
    : errFile_(folder / ("serve-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".txt")) {
    process_ = std::make_unique<Process>(serveArgs(folder, extraArgs), errFile_);
    std::string line;
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
    std::smatch match;
    if (!process_->readLine(line) || !std::regex_search(line, match, listening)) {
        process_->wait();
        running_ = false;
        throw std::runtime_error("flashface serve did not start: " + line + "\n" + stderrText());
    }
    port_ = std::stoi(match[1]);
}

ServeInstance::~ServeInstance() {
    if (!running_) return;
    process_->signal(SIGTERM);
    process_->wait();
}

httplib::Client ServeInstance::client(const std::string& token) const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120);
    if (!token.empty()) c.set_bearer_token_auth(token);
    return c;
}

void ServeInstance::kill() {
    process_->signal(SIGKILL);
    process_->wait();
    running_ = false;
}

std::string ServeInstance::stderrText() const { return readText(errFile_); }

nlohmann::json fixtureSettings(int steps, int images, std::uint32_t seed) {
    const auto c = readJson(fixture("pipeline/config.json"));
    return {{"prompt", c.at("pos_prompt")},
            {"negative_prompt", c.at("neg_prompt")},
            {"face_box", c.at("face_bbox")},
            {"width", c.at("W")},
            {"height", c.at("H")},
            {"text_guidance", c.at("text_control_scale")},
            {"guide_rescale", c.at("guide_rescale")},
            {"lambda", c.at("lamda_feat")},
            {"reference_guidance", c.at("face_guidence")},
            {"launch_step", c.at("step_to_launch_face_guidence")},
            {"lambda_before", c.at("lamda_feat_before_ref_guidence")},
            {"steps", steps},
            {"num_images", images},
            {"seed", seed}};
}

httplib::MultipartFormDataItems fixtureMultipart(const nlohmann::json& settings) {
    nlohmann::json references = nlohmann::json::array();
    httplib::MultipartFormDataItems items;
    const auto files = pipelineReferenceFiles();
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string field = "ref" + std::to_string(i);
        references.push_back({{"file", field}, {"crop", true}});
        items.push_back({field, readText(files[i]), files[i].filename().string(), "image/png"});
    }
    items.push_back({"request", nlohmann::json{{"settings", settings}, {"references", references}}.dump(), "",
                     "application/json"});
    return items;
}

nlohmann::json fixtureJsonRequest(const nlohmann::json& settings) {
    nlohmann::json references = nlohmann::json::array();
    for (const auto& file : pipelineReferenceFiles()) {
        const std::string bytes = readText(file);
        const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
        references.push_back({{"image", server::base64Encode({data, bytes.size()})}, {"crop", true},
                              {"label", file.filename().string()}});
    }
    return {{"settings", settings}, {"references", references}};
}

}  // namespace flashface::test
