#include "remote_fixture.h"

#include "../server/serve_instance.h"
#include "imageconversion.h"
#include "pipeline/generation_metadata.h"
#include "support/pipeline_fixture.h"

#include <QImage>

namespace flashface::test {

pipeline::GenerationRequest fixtureRunRequest(int steps, int images, std::uint32_t seed) {
    pipeline::GenerationRequest request;
    request.settings = pipeline::settingsFromJson(fixtureSettings(steps, images, seed));
    for (const auto& file : pipelineReferenceFiles()) {
        pipeline::Reference ref;
        ref.image = ui::toImage(QImage(QString::fromStdString(file.string())));
        ref.isCrop = true;
        ref.label = file.filename().string();
        request.references.push_back(std::move(ref));
    }
    request.preview = pipeline::PreviewMode::Fast;
    return request;
}

int fixtureRunImages() { return readJson(fixture("pipeline/config.json")).at("num_sample").get<int>(); }

ui::EngineSettings remoteEngine(int port, const QString& token) {
    ui::EngineSettings settings;
    settings.kind = ui::EngineKind::Remote;
    settings.server = {QStringLiteral("http://127.0.0.1:%1").arg(port), token};
    return settings;
}

}  // namespace flashface::test
