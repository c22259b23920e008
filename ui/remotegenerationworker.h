#pragma once

#include "generationengine.h"

#include <QCoro/QCoroTask>

#include <QByteArray>
#include <QUrl>

#include <atomic>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace flashface::ui {

// The engine on a `flashface serve` instance (docs/deploy.md), over its HTTP API: load() asks
// /v1/health, run() posts the job and follows its Server-Sent Events (previews, time left), then
// downloads the PNGs and saves them as a local run does. The token goes in an
// `Authorization: Bearer` header only. A stream cut off mid-run is followed again; when the server
// stays out of reach the job fails with canRetry set.
class RemoteGenerationWorker : public GenerationEngine {
    Q_OBJECT
public:
    explicit RemoteGenerationWorker(QObject* parent = nullptr);
    ~RemoteGenerationWorker() override;

    EngineKind kind() const override { return EngineKind::Remote; }
    void cancel() override;
    void configure(const EngineSettings& settings) override;
    void load() override;
    void run(const GenerationJob& job) override;

    // What answering a request came to: the HTTP status and body, or why there was no answer.
    struct Answer {
        int status = 0;           // 0: no HTTP answer
        QByteArray body;
        QString networkError;     // set when no HTTP answer came
    };

signals:
    void stopping();  // the worker is being destroyed: pauses end at once

private:
    // Asks the server's health: loaded, or loadFailed and the problem returned.
    QCoro::Task<QString> connectToServer();
    // The server's description, or (empty, problem) when it cannot be used.
    QCoro::Task<std::pair<QString, QString>> health();
    QCoro::Task<> runJob(GenerationJob job);
    // Follows the job's events until its `done` event (returned) or the stream's end (nullopt).
    QCoro::Task<std::optional<QByteArray>> follow(const GenerationJob& job, const QString& path, QString* problem);
    // The reply's answer once it has finished; `bounded`: more than a few hundred MiB is refused.
    QCoro::Task<Answer> answer(QNetworkReply* reply, bool bounded = true);
    void requestCancel();

    QNetworkRequest request(const QString& path) const;
    // The sentence for an answer that is not a success; empty for a 2xx.
    QString problemWith(const Answer& answer) const;

    QNetworkAccessManager* network_;
    RemoteServer server_;
    std::optional<QString> device_;  // set while the server is known to answer
    std::atomic<bool> cancelled_{false};
    QString jobPath_;   // the running job's path on the server, once posted
    bool closing_ = false;
};

}  // namespace flashface::ui
