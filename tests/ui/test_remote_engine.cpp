// The studio's remote engine against a real `flashface serve` on loopback with the fixture models:
// the same images as this computer's engine, previews and time left on the way, cancel, a wrong
// token or address reported as such, and a server lost mid-run reported with the run kept for a
// retry.
#include "../server/serve_instance.h"
#include "fixturemodels.h"
#include "generationqueue.h"
#include "pipeline/generation_metadata.h"
#include "remote_fixture.h"
#include "remotegenerationworker.h"

#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <utility>
#include <fstream>
#include <memory>

using namespace flashface;
using namespace flashface::ui;

namespace {

constexpr int kTimeout = 300000;  // the fixture models are tiny, but CI machines are slow
const QString kToken = QStringLiteral("remote-engine-test-token");

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs `request` through `queue` into `folder`, collecting its step reports.
GenerationOutcome runOn(GenerationQueue& queue, const pipeline::GenerationRequest& request, const QString& folder,
                        QList<StepPreview>* steps = nullptr) {
    QSignalSpy progress(&queue, &GenerationQueue::stepProgress);
    QSignalSpy ended(&queue, &GenerationQueue::jobEnded);
    const quint64 id = queue.enqueue(request, folder, QStringLiteral("run"));
    if (!QTest::qWaitFor([&] { return ended.count() == 1; }, kTimeout)) return {};
    if (steps)
        for (const auto& args : progress) steps->append(args.at(0).value<StepPreview>());
    const auto outcome = ended.at(0).at(0).value<GenerationOutcome>();
    return outcome.jobId == id ? outcome : GenerationOutcome{};
}

// The first message `signal` of `worker` carries after load().
QString loadMessage(RemoteGenerationWorker& worker, void (GenerationEngine::*signal)(const QString&)) {
    QSignalSpy spy(&worker, signal);
    worker.load();
    return QTest::qWaitFor([&] { return spy.count() == 1; }, kTimeout) ? spy.at(0).at(0).toString() : QString();
}

// A TCP relay to the server whose connections can be cut at once, as a network drop would, while
// new ones still go through.
class CuttableRelay : public QObject {
public:
    explicit CuttableRelay(int target) {
        connect(&listener_, &QTcpServer::newConnection, this, [this, target] {
            while (QTcpSocket* client = listener_.nextPendingConnection()) {
                auto* server = new QTcpSocket(client);
                server->connectToHost(QStringLiteral("127.0.0.1"), quint16(target));
                const auto pipe = [](QTcpSocket* from, QTcpSocket* to) {
                    connect(from, &QTcpSocket::readyRead, to, [from, to] { to->write(from->readAll()); });
                };
                pipe(client, server);
                pipe(server, client);
                connect(server, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
                clients_.append(client);
            }
        });
        listener_.listen(QHostAddress::LocalHost);
    }
    int port() const { return listener_.serverPort(); }
    void cut() {
        for (const QPointer<QTcpSocket>& client : std::exchange(clients_, {}))
            if (client) client->abort();
    }

private:
    QTcpServer listener_;
    QList<QPointer<QTcpSocket>> clients_;
};

}  // namespace

class RemoteEngineTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        models_ = dir_.filePath(QStringLiteral("models"));
        QDir().mkpath(models_);
        tokenFile_ = QDir(models_).filePath(QStringLiteral("token.txt"));
        std::ofstream(tokenFile_.toStdString()) << kToken.toStdString() << "\n";
        serve_ = std::make_unique<test::ServeInstance>(models_.toStdString(), serveArgs());
    }

    void imagesEqualALocalRunOfTheSameRequest() {
        const int images = test::fixtureRunImages();
        const pipeline::GenerationRequest request = test::fixtureRunRequest(2, images, 11);

        GenerationQueue remote;
        remote.configure(test::remoteEngine(serve_->port(), kToken));
        QList<StepPreview> steps;
        const GenerationOutcome made = runOn(remote, request, dir_.filePath(QStringLiteral("remote")), &steps);
        QVERIFY2(made.status == GenerationOutcome::Status::Finished && made.jobId != 0, qPrintable(made.error));
        QCOMPARE(made.images.size(), images);
        QCOMPARE(made.files.size(), images);
        QCOMPARE(made.settings.seed, 11u);
        QVERIFY(made.error.isEmpty());

        // Previews and time left arrived as the server ran it.
        QVERIFY(!steps.isEmpty());
        int withPreviews = 0;
        for (const StepPreview& p : steps) {
            QCOMPARE(p.totalSteps, 2);
            QVERIFY(p.step >= 1 && p.step <= 2);
            QVERIFY(p.secondsLeft >= 0);
            if (p.previews.isEmpty()) continue;
            ++withPreviews;
            QCOMPARE(p.previews.size(), images);
            QVERIFY(!p.previews[0].isNull());
        }
        QVERIFY(withPreviews >= 1);

        // The same queue switched to this computer's engine (one thread, as the server runs) for
        // the same request: the same files, pixels and parameters alike.
        remote.configure(localEngine());
        QCOMPARE(remote.engineKind(), EngineKind::Local);
        const GenerationOutcome reference = runOn(remote, request, dir_.filePath(QStringLiteral("local")));
        QVERIFY2(reference.status == GenerationOutcome::Status::Finished, qPrintable(reference.error));
        QCOMPARE(reference.files.size(), images);
        for (int i = 0; i < images; ++i) {
            QVERIFY(made.files[i].startsWith(dir_.filePath(QStringLiteral("remote"))));
            const QImage remoteImage = QImage(made.files[i]).convertToFormat(QImage::Format_RGB888);
            QCOMPARE(remoteImage, QImage(reference.files[i]).convertToFormat(QImage::Format_RGB888));
            QCOMPARE(made.images[i], reference.images[i]);
            QCOMPARE(pipeline::metadataRecord(pipeline::readImageMetadata(made.files[i].toStdString())),
                     pipeline::metadataRecord(pipeline::readImageMetadata(reference.files[i].toStdString())));
            QCOMPARE(fileBytes(made.files[i]), fileBytes(reference.files[i]));
        }
        QCOMPARE(made.referenceLabels, reference.referenceLabels);
        QCOMPARE(made.settings.seed, reference.settings.seed);
    }

    // A face swap's target photo and mask travel too: the results equal this computer's.
    void aTargetPhotoAndItsMaskGiveTheLocalResults() {
        GenerationQueue remote;
        remote.configure(test::remoteEngine(serve_->port(), kToken));
        GenerationQueue local;
        local.configure(localEngine());
        for (const pipeline::TargetRegion region : {pipeline::TargetRegion::Whole, pipeline::TargetRegion::Mask}) {
            pipeline::GenerationRequest request = test::fixtureRunRequest(2, 1, 21);
            pipeline::Target target;
            target.image = request.references.front().image;  // any photo will do
            target.region = region;
            target.strength = 0.6;
            target.label = "photo.png";
            if (region == pipeline::TargetRegion::Mask) {
                target.mask = Image{target.image.width, target.image.height,
                                    std::vector<std::uint8_t>(target.image.rgb.size(), 0)};
                for (int y = 0; y < target.mask.height; ++y)  // the left half repainted
                    std::fill_n(&target.mask.rgb[std::size_t(y) * target.mask.width * 3], target.mask.width / 2 * 3,
                                std::uint8_t(255));
            }
            request.target = target;
            const QString name = QString::number(int(region));
            const GenerationOutcome made = runOn(remote, request, dir_.filePath(QStringLiteral("remote-target") + name));
            const GenerationOutcome reference = runOn(local, request, dir_.filePath(QStringLiteral("local-target") + name));
            QVERIFY2(made.status == GenerationOutcome::Status::Finished, qPrintable(made.error));
            QVERIFY2(reference.status == GenerationOutcome::Status::Finished, qPrintable(reference.error));
            QCOMPARE(made.images.size(), 1);
            QCOMPARE(made.images[0].size(), QSize(target.image.width, target.image.height));  // the photo's size
            QCOMPARE(made.images[0], reference.images[0]);
            const pipeline::ImageMetadata stored = pipeline::readImageMetadata(made.files[0].toStdString());
            QVERIFY(stored.target && stored.target->region == region && stored.target->label == "photo.png");
            QCOMPARE(fileBytes(made.files[0]), fileBytes(reference.files[0]));
        }
    }

    // A connection dropped mid-run is followed again: the run ends as if nothing had happened.
    void aDroppedStreamIsResumed() {
        CuttableRelay relay(serve_->port());
        GenerationQueue remote;
        remote.configure(test::remoteEngine(relay.port(), kToken));
        QSignalSpy progress(&remote, &GenerationQueue::stepProgress);
        QSignalSpy ended(&remote, &GenerationQueue::jobEnded);
        const int steps = 30;
        remote.enqueue(test::fixtureRunRequest(steps, 1, 9), dir_.filePath(QStringLiteral("resumed")), QStringLiteral("r"));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, kTimeout);
        const int before = progress.last().at(0).value<StepPreview>().step;
        relay.cut();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kTimeout);
        const auto outcome = ended.at(0).at(0).value<GenerationOutcome>();
        QVERIFY2(outcome.status == GenerationOutcome::Status::Finished, qPrintable(outcome.error));
        QCOMPARE(outcome.files.size(), 1);
        QVERIFY(QFileInfo::exists(outcome.files[0]));
        if (before < steps) QVERIFY(progress.last().at(0).value<StepPreview>().step > before);  // reported on after the cut
    }

    void cancelStopsTheRunOnTheServer() {
        GenerationQueue remote;
        remote.configure(test::remoteEngine(serve_->port(), kToken));
        QSignalSpy progress(&remote, &GenerationQueue::stepProgress);
        QSignalSpy ended(&remote, &GenerationQueue::jobEnded);
        const int steps = pipeline::kStepsRange.max;
        remote.enqueue(test::fixtureRunRequest(steps, 1, 5), dir_.filePath(QStringLiteral("cancelled")), QStringLiteral("c"));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, kTimeout);
        // Another address chosen meanwhile is for the next run: this one is cancelled where it runs.
        remote.configure(test::remoteEngine(1, kToken));
        remote.cancelCurrent();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kTimeout);
        const auto outcome = ended.at(0).at(0).value<GenerationOutcome>();
        QCOMPARE(outcome.status, GenerationOutcome::Status::Cancelled);
        QVERIFY(outcome.files.isEmpty());
        QVERIFY(progress.last().at(0).value<StepPreview>().step < steps);
        QVERIFY(!QDir(dir_.filePath(QStringLiteral("cancelled"))).exists() ||
                QDir(dir_.filePath(QStringLiteral("cancelled"))).isEmpty());
        // The server stopped it too: nothing runs there any more.
        auto client = serve_->client(kToken.toStdString());
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto health = client.Get("/v1/health");
                return health && nlohmann::json::parse(health->body).at("queue").at("running") == 0;
            },
            kTimeout));
        const GenerationOutcome next = runOn(remote, test::fixtureRunRequest(1, 1, 5), dir_.filePath(QStringLiteral("next")));
        QCOMPARE(next.status, GenerationOutcome::Status::Failed);
        QVERIFY2(next.error.contains(QStringLiteral("127.0.0.1:1")), qPrintable(next.error));
    }

    void aWrongTokenOrAddressIsAClearLoadFailure() {
        RemoteGenerationWorker worker;
        worker.configure(test::remoteEngine(serve_->port(), kToken));
        const QString device = loadMessage(worker, &GenerationEngine::loaded);
        QVERIFY2(device.contains(QStringLiteral("127.0.0.1:%1").arg(serve_->port())), qPrintable(device));

        for (const QString& token : {kToken + QStringLiteral("x"), QString()}) {
            worker.configure(test::remoteEngine(serve_->port(), token));
            const QString refused = loadMessage(worker, &GenerationEngine::loadFailed);
            QVERIFY2(refused.contains(QStringLiteral("token")) && refused.contains(QStringLiteral("Preferences")),
                     qPrintable(refused));
        }
        // Port 1: nothing listens there.
        EngineSettings closed = test::remoteEngine(1, kToken);
        worker.configure(closed);
        const QString unreachable = loadMessage(worker, &GenerationEngine::loadFailed);
        QVERIFY2(unreachable.contains(QStringLiteral("Cannot reach")) && unreachable.contains(closed.server.url),
                 qPrintable(unreachable));
        closed.server.url = QStringLiteral("gpu-box");
        worker.configure(closed);
        QVERIFY(loadMessage(worker, &GenerationEngine::loadFailed).contains(QStringLiteral("not a server address")));

        // A run with the wrong token says so, and may be retried once the token is fixed.
        GenerationQueue remote;
        remote.configure(test::remoteEngine(serve_->port(), QStringLiteral("wrong")));
        const GenerationOutcome refused = runOn(remote, test::fixtureRunRequest(1, 1, 3), dir_.filePath(QStringLiteral("refused")));
        QCOMPARE(refused.status, GenerationOutcome::Status::Failed);
        QVERIFY2(refused.error.contains(QStringLiteral("token")), qPrintable(refused.error));
        QVERIFY(refused.canRetry && remote.canRetry(refused.jobId));
    }

    void aServerLostMidRunFailsAndTheRunCanBeQueuedAgain() {
        auto doomed = std::make_unique<test::ServeInstance>(models_.toStdString(), serveArgs());
        GenerationQueue remote;
        remote.configure(test::remoteEngine(doomed->port(), kToken));
        QSignalSpy progress(&remote, &GenerationQueue::stepProgress);
        QSignalSpy ended(&remote, &GenerationQueue::jobEnded);
        const pipeline::GenerationRequest request = test::fixtureRunRequest(pipeline::kStepsRange.max, 1, 77);
        const quint64 id = remote.enqueue(request, dir_.filePath(QStringLiteral("lost")), QStringLiteral("l"));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, kTimeout);
        doomed->kill();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kTimeout);
        const auto lost = ended.at(0).at(0).value<GenerationOutcome>();
        QCOMPARE(lost.jobId, id);
        QCOMPARE(lost.status, GenerationOutcome::Status::Failed);
        QVERIFY2(lost.error.contains(QStringLiteral("connection")) && lost.error.contains(QStringLiteral("lost")) &&
                     lost.error.contains(QStringLiteral("Retry")),
                 qPrintable(lost.error));
        QVERIFY(lost.canRetry);
        QVERIFY(remote.canRetry(id));

        // Another server takes the same run: it starts there with the same settings.
        remote.configure(test::remoteEngine(serve_->port(), kToken));
        progress.clear();
        ended.clear();
        const quint64 again = remote.retry(id);
        QVERIFY(again != 0 && again != id);
        QVERIFY(!remote.canRetry(id));
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, kTimeout);
        QCOMPARE(progress.last().at(0).value<StepPreview>().jobId, again);
        QCOMPARE(progress.last().at(0).value<StepPreview>().totalSteps, pipeline::kStepsRange.max);
        remote.cancelCurrent();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kTimeout);
        const auto retried = ended.at(0).at(0).value<GenerationOutcome>();
        QCOMPARE(retried.jobId, again);
        QCOMPARE(retried.status, GenerationOutcome::Status::Cancelled);
        QCOMPARE(retried.settings.seed, 77u);
    }

    void cleanupTestCase() { serve_.reset(); }

private:
    // This computer's engine on the fixture models, on one thread as the server runs.
    EngineSettings localEngine() const {
        EngineSettings here;
        here.modelsFolder = models_;
        here.runtime = pipeline::RuntimeOptions{pipeline::DeviceChoice::Cpu, pipeline::PrecisionChoice::Auto, 1};
        return here;
    }
    std::vector<std::string> serveArgs() const { return {"--token-file", tokenFile_.toStdString()}; }

    QTemporaryDir dir_;
    QString models_;
    QString tokenFile_;
    std::unique_ptr<test::ServeInstance> serve_;
};

QTEST_MAIN(RemoteEngineTest)
#include "test_remote_engine.moc"
