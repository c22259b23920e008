#include "downloaddialog.h"
#include "support/fixtures.h"
#include "test_http_server.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace flashface;
using namespace flashface::download;
using flashface::test::TestHttpServer;

class DownloadDialogTest : public QObject {
    Q_OBJECT

private:
    QByteArray weights_;

    DownloadSettings settings(const QString& folder, const QString& baseUrl) const {
        DownloadFile file;
        file.name = QStringLiteral("weights.pth");
        file.expected.content = flashface::pipeline::FileContent::Checkpoint;
        file.sizeHint = weights_.size();
        DownloadSettings s;
        s.folder = folder;
        s.baseUrl = baseUrl;
        s.files = {file};
        s.firstRetryDelay = std::chrono::milliseconds(20);
        s.maxAttempts = 2;
        s.spaceMargin = 0;
        return s;
    }

    static QPushButton* button(QDialog& dialog, const QString& text) {
        for (auto* b : dialog.findChildren<QPushButton*>())
            if (b->text().remove(QLatin1Char('&')) == text) return b;
        return nullptr;
    }

private slots:
    void initTestCase() {
        for (const char* name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
            qunsetenv(name);
        QFile file(QString::fromStdString(test::fixture("retinaface/mobilenetv1/weights.pth").string()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        weights_ = file.readAll();
    }

    void downloadsShowsProgressAndAccepts() {
        QTemporaryDir dir;
        TestHttpServer server;
        server.addFile(QStringLiteral("weights.pth"), weights_);
        server.setPace(64 * 1024, 5);
        DownloadDialog dialog(settings(dir.path(), server.baseUrl()));
        dialog.show();
        auto* start = button(dialog, QStringLiteral("Download"));
        QVERIFY(start);
        QSignalSpy finished(&dialog, &DownloadDialog::downloadFinished);
        start->click();
        QVERIFY(dialog.isDownloading());
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QFile result(QDir(dir.path()).filePath(QStringLiteral("weights.pth")));
        QVERIFY(result.open(QIODevice::ReadOnly));
        QCOMPARE(result.readAll(), weights_);
        for (auto* bar : dialog.findChildren<QProgressBar*>()) QCOMPARE(bar->value(), bar->maximum());
    }

    void failureOffersRetry() {
        QTemporaryDir dir;
        TestHttpServer server;  // serves nothing: 404
        DownloadDialog dialog(settings(dir.path(), server.baseUrl()));
        dialog.show();
        QSignalSpy finished(&dialog, &DownloadDialog::downloadFinished);
        button(dialog, QStringLiteral("Download"))->click();
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(dialog.isVisible());
        auto* retry = button(dialog, QStringLiteral("Retry"));
        QVERIFY(retry && retry->isEnabled());
        bool shown404 = false;
        for (auto* label : dialog.findChildren<QLabel*>()) shown404 |= label->text().contains(QStringLiteral("404"));
        QVERIFY(shown404);
    }

    void closingWhileDownloadingCancelsFirst() {
        QTemporaryDir dir;
        TestHttpServer server;
        server.addFile(QStringLiteral("weights.pth"), weights_);
        server.setPace(16 * 1024, 20);  // slow enough to be mid-transfer
        DownloadDialog dialog(settings(dir.path(), server.baseUrl()));
        dialog.show();
        QSignalSpy finished(&dialog, &DownloadDialog::downloadFinished);
        button(dialog, QStringLiteral("Download"))->click();
        QTest::qWait(100);
        dialog.reject();
        QVERIFY(dialog.isVisible());  // stays until the transfer has stopped
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!QFile::exists(QDir(dir.path()).filePath(QStringLiteral("weights.pth"))));
        dialog.reject();
        QVERIFY(!dialog.isVisible());
    }
};

QTEST_MAIN(DownloadDialogTest)
#include "test_download_dialog.moc"
