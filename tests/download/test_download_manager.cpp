#include "download/downloadmanager.h"
#include "support/fixtures.h"
#include "test_http_server.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QCoro/QCoroTask>

#include <memory>

using namespace flashface;
using namespace flashface::download;
using flashface::test::TestHttpServer;

namespace {

QByteArray readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.readAll();
}

void writeFile(const QString& path, const QByteArray& data) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
}

}  // namespace

class DownloadManagerTest : public QObject {
    Q_OBJECT

private:
    // A torch archive (CRC-checked) and a plain file, both real fixture files.
    QByteArray weights_, vocabulary_;
    const QString weightsName_ = QStringLiteral("weights.pth");
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<TestHttpServer> server_;

    QString folder() const { return dir_->path(); }
    QString inFolder(const QString& name) const { return QDir(folder()).filePath(name); }

    DownloadFile weightsFile() const {
        DownloadFile file;
        file.name = weightsName_;
        file.expected.content = flashface::pipeline::FileContent::Checkpoint;
        file.sizeHint = weights_.size();
        return file;
    }

    DownloadSettings settings(QList<DownloadFile> files) const {
        DownloadSettings s;
        s.folder = folder();
        s.baseUrl = server_->baseUrl();
        s.files = std::move(files);
        s.maxAttempts = 4;
        s.firstRetryDelay = std::chrono::milliseconds(40);
        s.maxRetryDelay = std::chrono::milliseconds(400);
        s.stallTimeout = std::chrono::milliseconds(400);
        s.maxRefetches = 1;
        s.spaceMargin = 0;
        return s;
    }

    static bool runToEnd(DownloadManager& manager) { return QCoro::waitFor(manager.run()); }

    void expectIntactWeights() {
        QCOMPARE(readFile(inFolder(weightsName_)), weights_);
        QVERIFY(!QFile::exists(inFolder(weightsName_ + QStringLiteral(".part"))));
    }

    QList<QByteArray> ranges() const {
        QList<QByteArray> out;
        for (const auto& request : server_->requests()) out.append(request.range);
        return out;
    }

private slots:
    void initTestCase() {
        // Loopback requests must not go through a proxy configured for this machine.
        for (const char* name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
            qunsetenv(name);
        weights_ = readFile(QString::fromStdString(test::fixture("retinaface/mobilenetv1/weights.pth").string()));
        vocabulary_ = readFile(QString::fromStdString(test::fixture("tokenizer/bpe_simple_vocab_16e6.txt.gz").string()));
        QVERIFY2(weights_.size() > 100'000, "the retinaface/mobilenetv1 fixture is missing");
        QVERIFY(!vocabulary_.isEmpty());
    }

    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
        server_ = std::make_unique<TestHttpServer>();
        server_->addFile(weightsName_, weights_);
        server_->addFile(QStringLiteral("vocab.txt.gz"), vocabulary_);
    }

    void cleanup() {
        server_.reset();
        dir_.reset();
    }

    void freshDownloadOfTwoFiles() {
        DownloadFile vocabulary{QStringLiteral("vocab.txt.gz"), {}, 1000};
        DownloadManager manager(settings({weightsFile(), vocabulary}));
        QSignalSpy progress(&manager, &DownloadManager::progressChanged);
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        QCOMPARE(readFile(inFolder(QStringLiteral("vocab.txt.gz"))), vocabulary_);
        QVERIFY(progress.count() > 0);
        const auto total = manager.totalProgress();
        QCOMPARE(total.total, qint64(weights_.size() + vocabulary_.size()));
        QCOMPARE(total.received, total.total);
        for (const auto& file : manager.files()) QCOMPARE(file.state, FileState::Done);
        QCOMPARE(ranges(), (QList<QByteArray>{{}, {}}));
    }

    // No network at all (the mirror's name does not resolve: .invalid never does) is said to
    // be that, while it is retried, and in the final error; not a silent "interrupted".
    void noNetworkSaysOffline() {
        DownloadSettings s = settings({weightsFile()});
        s.baseUrl = QStringLiteral("http://flashface-mirror.invalid/");
        DownloadManager manager(s);
        QList<FileState> states;
        QString offlineMessage;
        connect(&manager, &DownloadManager::fileChanged, &manager, [&](int index) {
            const FileStatus& file = manager.files()[index];
            states.append(file.state);
            if (file.state == FileState::Offline) offlineMessage = file.message;
        });
        QVERIFY(!runToEnd(manager));
        QVERIFY(states.contains(FileState::Offline));
        QVERIFY(!states.contains(FileState::Retrying));
        QVERIFY2(offlineMessage.startsWith(QStringLiteral("Offline:")), qPrintable(offlineMessage));
        QVERIFY(offlineMessage.contains(QStringLiteral("flashface-mirror.invalid")));
        QVERIFY2(manager.errorString().contains(QStringLiteral("Offline:")), qPrintable(manager.errorString()));
        QCOMPARE(manager.files()[0].state, FileState::Failed);
    }

    // A server that is up but fails is not "offline".
    void serverErrorIsNotOffline() {
        server_->queue(weightsName_, TestHttpServer::status(503));
        server_->queue(weightsName_, TestHttpServer::status(503));
        DownloadManager manager(settings({weightsFile()}));
        QList<FileState> states;
        connect(&manager, &DownloadManager::fileChanged, &manager,
                [&](int index) { states.append(manager.files()[index].state); });
        QVERIFY(runToEnd(manager));
        QVERIFY(states.contains(FileState::Retrying));
        QVERIFY(!states.contains(FileState::Offline));
    }

    void resumesAfterConnectionCut() {
        server_->queue(weightsName_, TestHttpServer::cutAfter(700'000));
        DownloadManager manager(settings({weightsFile()}));
        QSignalSpy log(&manager, &DownloadManager::logMessage);
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        // Qt itself may re-send a request once when the server hangs up; the resume must follow.
        QCOMPARE(ranges().first(), QByteArray());
        QCOMPARE(ranges().last(), QByteArray("bytes=700000-"));
        QVERIFY(log.count() >= 1);
    }

    void resumesPartFileOfEarlierRun() {
        writeFile(inFolder(weightsName_ + QStringLiteral(".part")), weights_.left(123'456));
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        QCOMPARE(ranges(), (QList<QByteArray>{"bytes=123456-"}));
    }

    void completePartFileIsOnlyVerified() {
        writeFile(inFolder(weightsName_ + QStringLiteral(".part")), weights_);
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        QCOMPARE(server_->requests().size(), 1);  // answered 416: nothing left to send
    }

    void serverWithoutRangeRestartsFromZero() {
        server_->setRangeSupport(false);
        // Garbage in the .part: appending to it would corrupt the file.
        writeFile(inFolder(weightsName_ + QStringLiteral(".part")), QByteArray(50'000, 'x'));
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        QCOMPARE(ranges(), (QList<QByteArray>{"bytes=50000-"}));
    }

    void notFoundFailsWithoutRetrying() {
        DownloadManager manager(settings({{QStringLiteral("absent.pth"), {}, 1000}}));
        QVERIFY(!runToEnd(manager));
        QCOMPARE(manager.files()[0].state, FileState::Failed);
        QVERIFY2(manager.files()[0].message.contains(QStringLiteral("404")), qPrintable(manager.files()[0].message));
        QVERIFY(manager.errorString().contains(QStringLiteral("absent.pth")));
        QCOMPARE(server_->requests().size(), 1);
        QVERIFY(!QFile::exists(inFolder(QStringLiteral("absent.pth"))));
    }

    void serverErrorsAreRetriedWithBackOff() {
        server_->queue(weightsName_, TestHttpServer::status(500));
        server_->queue(weightsName_, TestHttpServer::status(503));
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        const auto& requests = server_->requests();
        QCOMPARE(requests.size(), 3);
        // 40 ms, then 80 ms: the delay doubles.
        QVERIFY(requests[1].atMs - requests[0].atMs >= 36);  // coarse timers may fire 5 % early
        QVERIFY(requests[2].atMs - requests[1].atMs >= 72);
    }

    void persistentServerErrorGivesUp() {
        for (int i = 0; i < 10; ++i) server_->queue(weightsName_, TestHttpServer::status(502));
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(!runToEnd(manager));
        QCOMPARE(server_->requests().size(), 4);  // maxAttempts
        QVERIFY(manager.files()[0].message.contains(QStringLiteral("502")));
        QVERIFY(!QFile::exists(inFolder(weightsName_)));
    }

    void wrongLengthIsRejectedBeforeDownloading() {
        auto file = weightsFile();
        file.expected.size = static_cast<std::uint64_t>(weights_.size() + 1);
        DownloadManager manager(settings({file}));
        QVERIFY(!runToEnd(manager));
        QVERIFY2(manager.files()[0].message.contains(QString::number(weights_.size() + 1)),
                 qPrintable(manager.files()[0].message));
        QCOMPARE(server_->requests().size(), 1);
        QVERIFY(!QFile::exists(inFolder(weightsName_)));
    }

    void declaredLengthLongerThanBodyIsCompletedByResume() {
        server_->queue(weightsName_, TestHttpServer::longerLength(1000));
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        QCOMPARE(ranges().first(), QByteArray());
        QCOMPARE(ranges().last(), "bytes=" + QByteArray::number(weights_.size()) + "-");
    }

    void stalledTransferIsAbortedAndResumed() {
        server_->queue(weightsName_, TestHttpServer::stallAfter(300'000));
        DownloadManager manager(settings({weightsFile()}));
        QSignalSpy log(&manager, &DownloadManager::logMessage);
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        QCOMPARE(ranges(), (QList<QByteArray>{{}, "bytes=300000-"}));
        QVERIFY(!log.isEmpty());
        QVERIFY2(log.first().first().toString().contains(QStringLiteral("No data")),
                 qPrintable(log.first().first().toString()));
    }

    void notEnoughFreeSpaceStopsBeforeAnyRequest() {
        auto s = settings({weightsFile()});
        s.freeSpace = [](const QString&) { return qint64(1000); };
        DownloadManager manager(s);
        QVERIFY(!runToEnd(manager));
        QVERIFY2(manager.errorString().contains(QStringLiteral("disk space")), qPrintable(manager.errorString()));
        QCOMPARE(server_->requests().size(), 0);
    }

    void diskFullWhileWritingFailsAndKeepsThePart() {
        auto s = settings({weightsFile()});
        auto written = std::make_shared<qint64>(0);
        s.write = [written](QFile& file, const char* data, qint64 size) -> qint64 {
            if (*written + size > 500'000) return -1;
            *written += size;
            return file.write(data, size);
        };
        DownloadManager manager(s);
        QVERIFY(!runToEnd(manager));
        QCOMPARE(manager.files()[0].state, FileState::Failed);
        QVERIFY2(manager.files()[0].message.contains(QStringLiteral("disk full")),
                 qPrintable(manager.files()[0].message));
        QCOMPARE(server_->requests().size(), 1);
        QVERIFY(!QFile::exists(inFolder(weightsName_)));
        QCOMPARE(readFile(inFolder(weightsName_ + QStringLiteral(".part"))), weights_.left(*written));
    }

    void cancelStopsAndTheNextRunResumes() {
        server_->setPace(32 * 1024, 10);
        DownloadManager manager(settings({weightsFile()}));
        connect(&manager, &DownloadManager::progressChanged, &manager, [&manager] {
            if (manager.files()[0].received > 100'000) manager.cancel();
        });
        QVERIFY(!runToEnd(manager));
        QCOMPARE(manager.files()[0].state, FileState::Cancelled);
        QVERIFY(manager.errorString().contains(QStringLiteral("cancelled")));
        QVERIFY(!QFile::exists(inFolder(weightsName_)));
        const qint64 kept = QFileInfo(inFolder(weightsName_ + QStringLiteral(".part"))).size();
        QVERIFY(kept > 100'000 && kept < weights_.size());

        server_->setPace(0, 0);
        DownloadManager again(settings({weightsFile()}));
        QVERIFY(runToEnd(again));
        expectIntactWeights();
        QCOMPARE(server_->requests().last().range, "bytes=" + QByteArray::number(kept) + "-");
    }

    void corruptDownloadIsDetectedAndFetchedAgain() {
        server_->queue(weightsName_, TestHttpServer::corrupt());
        DownloadManager manager(settings({weightsFile()}));
        QSignalSpy log(&manager, &DownloadManager::logMessage);
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        QCOMPARE(ranges(), (QList<QByteArray>{{}, {}}));
        QVERIFY(!log.isEmpty());
        QVERIFY2(log.first().first().toString().contains(QStringLiteral("CRC-32")),
                 qPrintable(log.first().first().toString()));
    }

    void corruptEveryTimeFailsAndNeverLeavesTheFile() {
        for (int i = 0; i < 3; ++i) server_->queue(weightsName_, TestHttpServer::corrupt());
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(!runToEnd(manager));
        QCOMPARE(server_->requests().size(), 2);  // maxRefetches = 1
        QVERIFY(!QFile::exists(inFolder(weightsName_)));
        QVERIFY(!QFile::exists(inFolder(weightsName_ + QStringLiteral(".part"))));
    }

    void damagedExistingFileIsReplaced() {
        QByteArray damaged = weights_;
        damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 1);
        writeFile(inFolder(weightsName_), damaged);
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(runToEnd(manager));
        expectIntactWeights();
        QCOMPARE(server_->requests().size(), 1);
    }

    void sha256FromRedirectHeadersIsChecked() {
        const QByteArray sha = QCryptographicHash::hash(weights_, QCryptographicHash::Sha256).toHex();
        server_->queue(weightsName_, TestHttpServer::redirect(sha));
        DownloadManager good(settings({weightsFile()}));
        QVERIFY(runToEnd(good));
        expectIntactWeights();
        QCOMPARE(server_->requests().size(), 2);

        QFile::remove(inFolder(weightsName_));
        for (int i = 0; i < 2; ++i)
            server_->queue(weightsName_, TestHttpServer::redirect(QByteArray(64, 'a')));
        DownloadManager bad(settings({weightsFile()}));
        QVERIFY(!runToEnd(bad));
        QVERIFY2(bad.files()[0].message.contains(QStringLiteral("SHA-256")), qPrintable(bad.files()[0].message));
        QVERIFY(!QFile::exists(inFolder(weightsName_)));
    }

    // Issue 12: what a download leaves behind and what it follows.
    void refusedFileLeavesNoEmptyPart() {
        DownloadManager manager(settings({{QStringLiteral("absent.pth"), {}, 1000}}));
        QVERIFY(!runToEnd(manager));
        QVERIFY(!QFile::exists(inFolder(QStringLiteral("absent.pth.part"))));
    }

    void redirectToAFileUrlIsNotFollowed() {
        server_->queue(weightsName_, TestHttpServer::redirectTo("file:///etc/passwd"));
        DownloadManager manager(settings({weightsFile()}));
        QVERIFY(!runToEnd(manager));
        QVERIFY2(manager.files()[0].message.contains(QStringLiteral("not a web address")),
                 qPrintable(manager.files()[0].message));
        QVERIFY(!QFile::exists(inFolder(weightsName_)));
    }

    void htmlInsteadOfTheVocabularyNeverGetsItsName() {
        const QString name = QStringLiteral("bpe_simple_vocab_16e6.txt.gz");
        server_->addFile(name, QByteArray("<!DOCTYPE html><html><body>Too many requests</body></html>\n"));
        DownloadFile file{name, flashface::pipeline::officialExpectation(name.toStdString()), 1000};
        DownloadManager manager(settings({file}));
        QVERIFY(!runToEnd(manager));
        QVERIFY(!QFile::exists(inFolder(name)));
    }

    void aSecondDownloadIntoTheSameFolderStopsInsteadOfColliding() {
        server_->setPace(weights_.size() / 20, 20);
        DownloadManager first(settings({weightsFile()}));
        first.start();
        QTRY_VERIFY(first.files()[0].state == FileState::Downloading);
        DownloadManager second(settings({weightsFile()}));
        QVERIFY(!runToEnd(second));
        QVERIFY2(second.files()[0].message.contains(QStringLiteral("Another download")),
                 qPrintable(second.files()[0].message));
        QSignalSpy done(&first, &DownloadManager::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().first().toBool(), true);
        expectIntactWeights();
    }
};

QTEST_GUILESS_MAIN(DownloadManagerTest)
#include "test_download_manager.moc"
