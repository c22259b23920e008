#include "remotegenerationworker.h"

#include "common/error.h"
#include "common/human_units.h"
#include "generationoutcome.h"
#include "imageconversion.h"
#include "pipeline/generation_metadata.h"
#include "pipeline/validation.h"

#include <QBuffer>
#include <QCoro/QCoroNetworkReply>
#include <QCoro/QCoroSignal>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <nlohmann/json.hpp>

#include <chrono>

namespace flashface::ui {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Without a byte for this long a request is given up. The event stream's server sends a comment
// every 15 s, so a silent stream is a dead one.
constexpr int kHealthTimeoutMs = 10'000;
constexpr int kTransferTimeoutMs = 120'000;  // uploads of photos and downloads of images
constexpr int kEventsTimeoutMs = 45'000;
// A stream cut off mid-run is followed again this many times, a pause apart, before the run is
// given up (the server keeps running the job meanwhile).
constexpr int kResumeAttempts = 3;
constexpr auto kResumePause = 1s;
// More than this in one answer, or in one event, is refused: the largest image the engine makes
// (2048², a PNG under 13 MiB) and an event with 16 previews are far below it.
constexpr qint64 kMaxAnswerBytes = qint64{256} << 20;

// One Server-Sent Event.
struct Event {
    QByteArray name;
    QByteArray data;
};

// Splits a stream into events: blocks ended by a blank line, of "event:" and "data:" lines
// (comments, starting with ':', are the server's keep-alives).
class EventParser {
public:
    // False once the unparsed part has grown past kMaxAnswerBytes (no event ends in it).
    bool overflowed() const { return buffer_.size() > kMaxAnswerBytes; }
    QList<Event> feed(const QByteArray& bytes) {
        buffer_ += bytes;
        buffer_.replace("\r\n", "\n");
        QList<Event> events;
        for (qsizetype end; (end = buffer_.indexOf("\n\n")) >= 0;) {
            Event event;
            for (const QByteArray& line : buffer_.left(end).split('\n')) {
                if (line.startsWith("event:")) event.name = line.mid(6).trimmed();
                else if (line.startsWith("data:")) event.data += line.mid(5).trimmed();
            }
            buffer_.remove(0, end + 2);
            if (!event.name.isEmpty()) events.append(event);
        }
        return events;
    }

private:
    QByteArray buffer_;
};

QByteArray pngOf(const Image& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    toQImage(image).save(&buffer, "PNG");
    return bytes;
}

void addFile(QHttpMultiPart& form, const QString& field, const Image& image) {
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QStringLiteral("form-data; name=\"%1\"; filename=\"%1.png\"").arg(field));
    part.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("image/png"));
    part.setBody(pngOf(image));
    form.append(part);
}

// The request as the server's multipart form (server/api_request.h): the JSON document and the
// images, lossless, so that the server sees the pixels the local engine would.
QHttpMultiPart* requestForm(const pipeline::GenerationRequest& request) {
    auto* form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    json references = json::array();
    for (std::size_t i = 0; i < request.references.size(); ++i) {
        const pipeline::Reference& ref = request.references[i];
        const QString field = QStringLiteral("ref%1").arg(i);
        addFile(*form, field, ref.image);
        json entry = {{"file", field.toStdString()}, {"crop", ref.isCrop}, {"face", ref.faceIndex + 1},
                      {"weight", ref.weight}, {"label", ref.label}};
        if (const auto& b = ref.manualBox) entry["box"] = {b->x1, b->y1, b->x2, b->y2};
        references.push_back(entry);
    }
    json document = {{"settings", pipeline::settingsToJson(request.settings)}, {"references", references}};
    if (const auto& t = request.target) {
        addFile(*form, QStringLiteral("target"), t->image);
        json target = {{"file", "target"}, {"region", pipeline::targetRegionName(t->region)}, {"face", t->faceIndex + 1},
                       {"strength", t->strength}, {"use_settings_face_box", t->useSettingsFaceBox}, {"label", t->label}};
        if (t->region == pipeline::TargetRegion::Mask) {
            addFile(*form, QStringLiteral("mask"), t->mask);
            target["mask"] = {{"file", "mask"}};
        }
        document["target"] = target;
    }
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader, QStringLiteral("form-data; name=\"request\""));
    part.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    part.setBody(QByteArray::fromStdString(document.dump()));
    form->append(part);
    return form;
}

json parsed(const QByteArray& body) { return json::parse(body.toStdString(), nullptr, false); }

// A key of a server's JSON object, or `fallback` when it is absent or of another type: what a
// server sends is read, never trusted to be well formed.
template <class T>
T field(const json& object, const char* key, T fallback) {
    if (!object.is_object()) return fallback;
    const auto it = object.find(key);
    if (it == object.end()) return fallback;
    if constexpr (std::is_same_v<T, std::string>) {
        if (it->is_string()) return it->get<std::string>();
    } else if (it->is_number()) {
        return it->get<T>();
    }
    return fallback;
}

GenerationOutcome retryable(GenerationOutcome outcome) {
    outcome.canRetry = true;
    return outcome;
}

}  // namespace

RemoteGenerationWorker::RemoteGenerationWorker(QObject* parent)
    : GenerationEngine(parent), network_(new QNetworkAccessManager(this)) {}

RemoteGenerationWorker::~RemoteGenerationWorker() {
    // Suspended runs resume here, see closing_ and end, so that none is left waiting forever.
    closing_ = true;
    emit stopping();
    for (QNetworkReply* reply : network_->findChildren<QNetworkReply*>()) reply->abort();
}

void RemoteGenerationWorker::cancel() {
    cancelled_ = true;
    QMetaObject::invokeMethod(this, &RemoteGenerationWorker::requestCancel, Qt::QueuedConnection);
}

void RemoteGenerationWorker::requestCancel() {
    if (jobPath_.isEmpty()) return;  // not posted yet: runJob stops before posting
    QNetworkReply* reply = network_->deleteResource(request(jobPath_));
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void RemoteGenerationWorker::configure(const EngineSettings& settings) {
    if (settings.server == server_) return;
    server_ = settings.server;
    device_.reset();  // reached again, with the new address or token, before the next run
}

void RemoteGenerationWorker::load() {
    cancelled_ = false;
    connectToServer();
}

void RemoteGenerationWorker::run(const GenerationJob& job) {
    cancelled_ = false;
    runJob(job);
}

QNetworkRequest RemoteGenerationWorker::request(const QString& path) const {
    QUrl url(server_.url.trimmed());
    QString prefix = url.path();
    while (prefix.endsWith(QLatin1Char('/'))) prefix.chop(1);
    url.setPath(prefix + path);
    QNetworkRequest request(url);
    // A redirect is reported, not followed: the token must not travel to another address.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!server_.token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + server_.token.toUtf8());
    request.setTransferTimeout(kTransferTimeoutMs);
    return request;
}

QCoro::Task<RemoteGenerationWorker::Answer> RemoteGenerationWorker::answer(QNetworkReply* reply, bool bounded) {
    bool tooLarge = false;
    if (bounded)
        connect(reply, &QNetworkReply::downloadProgress, reply, [reply, &tooLarge](qint64 received, qint64) {
            if (received <= kMaxAnswerBytes) return;
            tooLarge = true;
            reply->abort();
        });
    co_await qCoro(reply).waitForFinished();
    Answer answer;
    answer.status = tooLarge ? 0 : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = tooLarge ? QByteArray() : reply->readAll();
    if (tooLarge)
        answer.networkError = tr("it sent more than %1 in one answer").arg(QString::fromStdString(formatBytes(kMaxAnswerBytes)));
    else if (answer.status == 0)
        answer.networkError = reply->errorString();
    reply->deleteLater();
    co_return answer;
}

QString RemoteGenerationWorker::problemWith(const Answer& a) const {
    const QString server = server_.url.trimmed();
    if (a.status >= 200 && a.status < 300) return {};
    if (a.status == 0)
        return tr("Cannot reach the server at %1: %2. Check the address in Preferences → Engine, and that "
                  "“flashface serve” runs there.")
            .arg(server, a.networkError);
    const json body = parsed(a.body);
    QString message = QString::fromUtf8(a.body.left(200)).trimmed();
    if (body.is_object() && body.contains("error"))
        if (const std::string text = field(body["error"], "message", std::string()); !text.empty())
            message = QString::fromStdString(text);
    if (a.status == 401)
        return tr("The server at %1 refused the token: %2 Check the token in Preferences → Engine.").arg(server, message);
    if (a.status >= 300 && a.status < 400)
        return tr("The server at %1 answered with a redirect (HTTP %2); enter the address it redirects to in "
                  "Preferences → Engine.")
            .arg(server)
            .arg(a.status);
    return tr("The server at %1 answered HTTP %2: %3").arg(server).arg(a.status).arg(message);
}

QCoro::Task<std::pair<QString, QString>> RemoteGenerationWorker::health() {
    const QUrl url(server_.url.trimmed());
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        co_return std::pair{QString(), tr("“%1” is not a server address: enter one like http://gpu-box:8780 in "
                                          "Preferences → Engine.")
                                           .arg(server_.url)};
    QNetworkRequest get = request(QStringLiteral("/v1/health"));
    get.setTransferTimeout(kHealthTimeoutMs);
    const Answer a = co_await answer(network_->get(get));
    if (closing_) co_return std::pair{QString(), QString()};
    if (const QString problem = problemWith(a); !problem.isEmpty()) co_return std::pair{QString(), problem};
    const json body = parsed(a.body);
    const std::string device = field(body, "device", std::string());
    if (device.empty())
        co_return std::pair{QString(), tr("%1 answers, but not as “flashface serve” does (no device in its "
                                          "/v1/health).")
                                           .arg(server_.url.trimmed())};
    co_return std::pair{tr("%1 on %2").arg(QString::fromStdString(device), url.authority()),
                        QString()};
}

QCoro::Task<QString> RemoteGenerationWorker::connectToServer() {
    const auto [description, problem] = co_await health();
    if (closing_) co_return problem;
    if (problem.isEmpty()) {
        device_ = description;
        emit loaded(description);
    } else {
        device_.reset();
        emit loadFailed(problem);
    }
    co_return problem;
}

QCoro::Task<std::optional<QByteArray>> RemoteGenerationWorker::follow(const GenerationJob& job, const QString& path,
                                                                      QString* problem) {
    QNetworkRequest get = request(path);
    get.setTransferTimeout(kEventsTimeoutMs);
    get.setRawHeader("Accept", "text/event-stream");
    QNetworkReply* reply = network_->get(get);
    EventParser parser;
    std::optional<QByteArray> done;
    QList<QImage> previews;
    int previewStep = 0;
    const auto consume = [&] {
        for (const Event& event : parser.feed(reply->readAll())) {
            const json data = parsed(event.data);
            if (!data.is_object()) continue;
            if (event.name == "done") {
                done = event.data;
            } else if (event.name == "preview" && data.contains("images") && data["images"].is_array()) {
                previews.clear();
                for (const json& image : data["images"])
                    if (image.is_string())
                        previews.append(QImage::fromData(QByteArray::fromBase64(QByteArray::fromStdString(image.get<std::string>())), "JPEG"));
                previewStep = field(data, "step", 0);
            } else if (const int step = field(data, "step", 0); event.name == "progress" && step > 0) {
                emit stepProgress(StepPreview{job.id, step, field(data, "total_steps", 0), field(data, "elapsed_seconds", 0.0),
                                              field(data, "seconds_left", 0.0), previewStep == step ? previews : QList<QImage>()});
            }
        }
    };
    connect(reply, &QNetworkReply::readyRead, this, [&] {
        consume();
        if (parser.overflowed()) reply->abort();  // a run's events are small; this is no event stream
    });
    const Answer a = co_await answer(reply, false);
    if (closing_) co_return std::nullopt;
    if (!done) {
        consume();
        *problem = a.status == 200 || a.status == 0 ? (a.networkError.isEmpty() ? tr("the stream ended") : a.networkError)
                                                    : problemWith(a);
    }
    co_return done;
}

QCoro::Task<> RemoteGenerationWorker::runJob(GenerationJob job) {
    using Status = GenerationOutcome::Status;
    try {
        pipeline::validateRequest(job.request);  // as a local run does: a mistake is reported at once
    } catch (...) {
        emit failed(endedRun(job, Status::Failed, currentFailure()));
        co_return;
    }
    if (!device_) {
        // Unreachable, or a wrong token: Retry runs it again once the address or token is fixed.
        const QString problem = co_await connectToServer();
        if (closing_) co_return;
        if (!device_) {
            emit failed(retryable(endedRun(job, Status::Failed, problem)));
            co_return;
        }
    }
    if (cancelled_) {
        emit cancelled(endedRun(job, Status::Cancelled));
        co_return;
    }

    QHttpMultiPart* form = requestForm(job.request);
    QNetworkReply* posting = network_->post(request(QStringLiteral("/v1/generations")), form);
    form->setParent(posting);
    const Answer posted = co_await answer(posting);
    if (closing_) co_return;
    const json accepted = parsed(posted.body);
    const std::string id = field(accepted, "id", std::string());
    if (posted.status != 202 || id.empty()) {
        GenerationOutcome outcome = endedRun(job, Status::Failed, problemWith(posted));
        if (posted.status == 202) outcome.error = tr("The server at %1 accepted the run but named no job.").arg(server_.url);
        // Out of reach, busy or broken: the same job may go through later. A refusal (4xx) stays one.
        outcome.canRetry = posted.status == 0 || posted.status == 429 || posted.status >= 500;
        if (posted.status == 0) device_.reset();
        emit failed(outcome);
        co_return;
    }
    jobPath_ = QStringLiteral("/v1/generations/") + QString::fromStdString(id);
    if (cancelled_) requestCancel();

    std::optional<QByteArray> done;
    QString lost;
    for (int attempt = 0;; ++attempt) {
        done = co_await follow(job, jobPath_ + QStringLiteral("/events"), &lost);
        if (closing_) co_return;
        if (done || cancelled_ || attempt == kResumeAttempts) break;
        co_await qCoro(this, &RemoteGenerationWorker::stopping, kResumePause);
        if (closing_) co_return;
    }
    const QString path = std::exchange(jobPath_, QString());
    const json end = done ? parsed(*done) : json();
    if (!end.is_object()) {
        device_.reset();
        if (cancelled_) emit cancelled(endedRun(job, Status::Cancelled));
        else
            emit failed(retryable(endedRun(
                job, Status::Failed,
                tr("The connection to the server at %1 was lost during the run (%2). Nothing of the run was saved; "
                   "choose Retry to queue it again.")
                    .arg(server_.url.trimmed(), lost))));
        co_return;
    }
    const std::string state = field(end, "state", std::string());
    if (state == "cancelled") {
        emit cancelled(endedRun(job, Status::Cancelled));
        co_return;
    }
    if (state != "succeeded") {
        emit failed(endedRun(job, Status::Failed,
                             QString::fromStdString(field(end, "error", std::string("The server's run failed.")))));
        co_return;
    }

    pipeline::GenerationSettings settings = job.request.settings;
    std::vector<RunImage> images;
    try {
        settings = pipeline::settingsFromJson(end.at("settings"));
        for (const json& image : end.at("images")) {
            const Answer png = co_await answer(network_->get(request(QString::fromStdString(image.get<std::string>()))));
            if (closing_) co_return;
            if (const QString problem = problemWith(png); !problem.isEmpty()) {
                emit failed(retryable(endedRun(job, Status::Failed, tr("The images could not be downloaded: %1").arg(problem))));
                co_return;
            }
            const QImage decoded = QImage::fromData(png.body, "PNG").convertToFormat(QImage::Format_RGB888);
            if (decoded.isNull())
                throw InvalidRequest("image " + std::to_string(images.size() + 1) + " is not a PNG");
            images.push_back({decoded, std::vector<std::uint8_t>(png.body.begin(), png.body.end())});
        }
    } catch (const std::exception& e) {
        emit failed(endedRun(job, Status::Failed,
                             tr("The server at %1 sent a result this studio cannot read: %2").arg(server_.url, QString::fromUtf8(e.what()))));
        co_return;
    }
    // The images are here: the server may forget them.
    QNetworkReply* forget = network_->deleteResource(request(path));
    connect(forget, &QNetworkReply::finished, forget, &QObject::deleteLater);
    emit finished(savedRun(job, settings, field(end, "seconds", 0.0), images));
}

}  // namespace flashface::ui
