// End to end in the real window with the engine on a server: Preferences → Engine set to a
// `flashface serve` on loopback (its connection tested there), references dropped in, a run
// generated with previews on the way and its images in the gallery and the output folder with
// their parameters; then a server lost mid-run, reported, and the run retried on another.
#include "../server/serve_instance.h"
#include "apppreferences.h"
#include "fixturemodels.h"
#include "gallerymodel.h"
#include "generationqueue.h"
#include "mainwindow.h"
#include "missingmodelspanel.h"
#include "pipeline/generation_metadata.h"
#include "preferencesdialog.h"
#include "previewgrid.h"
#include "prompteditor.h"
#include "referencepanel.h"
#include "settingspanel.h"
#include "support/pipeline_fixture.h"
#include "window_events.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <fstream>
#include <memory>

using namespace flashface;
using namespace flashface::ui;

namespace {

constexpr int kTimeout = 300000;  // the fixture models are tiny, but CI machines are slow
const QString kToken = QStringLiteral("e2e-remote-token");

QString serverUrl(const test::ServeInstance& serve) { return QStringLiteral("http://127.0.0.1:%1").arg(serve.port()); }

}  // namespace

class EndToEndRemoteTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        test::isolateSettings(dir_.filePath(QStringLiteral("settings")), QStringLiteral("test_e2e_remote"));
        models_ = test::writeFixtureModelsFolder(dir_.filePath(QStringLiteral("models")));
        tokenFile_ = dir_.filePath(QStringLiteral("token.txt"));
        std::ofstream(tokenFile_.toStdString()) << kToken.toStdString() << "\n";
        serve_ = std::make_unique<test::ServeInstance>(models_.toStdString(), serveArgs());
        AppPreferences prefs = AppPreferences::defaults();
        prefs.modelsFolder = models_;  // here only to find faces in the references
        prefs.outputFolder = dir_.filePath(QStringLiteral("output"));
        prefs.fileNamePattern = QStringLiteral("remote_{seed}");
        QSettings settings;
        prefs.save(settings);
    }

    void preferencesChooseAndTestTheServer() {
        QSettings settings;
        PreferencesDialog dialog(AppPreferences::load(settings));
        dialog.show();
        QVERIFY(dialog.localEngineButton()->isChecked());
        QVERIFY(!dialog.serverUrlField()->isVisible());
        dialog.remoteEngineButton()->click();
        QVERIFY(dialog.serverUrlField()->isVisible());
        QTest::keyClicks(dialog.serverUrlField(), serverUrl(*serve_));
        QTest::keyClicks(dialog.serverTokenField(), kToken + QStringLiteral("-wrong"));
        QTest::mouseClick(dialog.testConnectionButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.connectionResultText().contains(QStringLiteral("token")), kTimeout);
        dialog.serverTokenField()->clear();
        QTest::keyClicks(dialog.serverTokenField(), kToken);
        QTest::mouseClick(dialog.testConnectionButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.connectionResultText().startsWith(QStringLiteral("Connected")), kTimeout);

        const AppPreferences chosen = dialog.preferences();
        QCOMPARE(chosen.engine, EngineKind::Remote);
        QCOMPARE(chosen.server.url, serverUrl(*serve_));
        QCOMPARE(chosen.server.token, kToken);
        chosen.save(settings);
        QCOMPARE(AppPreferences::load(settings).server, chosen.server);  // kept in the settings file
    }

    void generateOnTheServer() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.preferences().engine, EngineKind::Remote);
        QCOMPARE(window.queue()->engineKind(), EngineKind::Remote);
        QVERIFY(window.missingModelsPanel()->isHidden());

        addReferences(window);
        window.promptEditor()->promptEdit()->setFocus();
        QTest::keyClicks(window.promptEditor()->promptEdit(), QStringLiteral("a portrait in the rain"));
        events::chooseRun(window, 64, 3, 2);
        window.settingsPanel()->setSeed(4321);

        QSignalSpy steps(window.queue(), &GenerationQueue::stepProgress);
        QSignalSpy ended(window.queue(), &GenerationQueue::jobEnded);
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(window.queue()->isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kTimeout);
        const auto done = ended.at(0).at(0).value<GenerationOutcome>();
        QVERIFY2(done.status == GenerationOutcome::Status::Finished, qPrintable(done.error));

        // Previews came step by step, one per image, as from this computer's engine.
        QVERIFY(steps.count() >= 1);
        bool previewed = false;
        for (const auto& args : steps) {
            const auto p = args.at(0).value<StepPreview>();
            QCOMPARE(p.totalSteps, 3);
            if (!p.previews.isEmpty()) previewed = p.previews.size() == 2 && !p.previews[0].isNull();
        }
        QVERIFY(previewed);
        QCOMPARE(window.preview()->images().size(), 2);
        QCOMPARE(window.preview()->images()[0].size(), QSize(64, 64));  // the results, after the previews

        // The images are in the gallery and the output folder, with their parameters.
        GalleryModel* gallery = window.galleryModel();
        QCOMPARE(gallery->rowCount(), 2);
        QCOMPARE(gallery->item(0).settings.seed, 4321u);
        QCOMPARE(gallery->item(1).settings.seed, 4322u);
        for (int i = 0; i < 2; ++i) {
            const QString path = gallery->item(i).path;
            QVERIFY2(path.startsWith(window.preferences().outputFolder), qPrintable(path));
            QVERIFY(QFileInfo(path).fileName().startsWith(QStringLiteral("remote_4321")));
            const pipeline::ImageMetadata stored = pipeline::readImageMetadata(path.toStdString());
            QCOMPARE(stored.settings.prompt, std::string("a portrait in the rain"));
            QCOMPARE(stored.settings.seed, gallery->item(i).settings.seed);
            QCOMPARE(stored.settings.width, 64);
            QCOMPARE(int(stored.referenceLabels.size()), window.referencePanel()->count());
            QCOMPARE(QString::fromStdString(stored.referenceLabels[0]), window.referencePanel()->item(0).label);
        }
        QVERIFY(window.errorText().isEmpty());
        QVERIFY(window.retryButton()->isHidden());
    }

    void aLostServerIsReportedAndTheRunRetried() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto doomed = std::make_unique<test::ServeInstance>(models_.toStdString(), serveArgs());
        AppPreferences prefs = window.preferences();
        prefs.server.url = serverUrl(*doomed);
        window.setPreferences(prefs);  // for the next run, no restart

        addReferences(window);
        events::chooseRun(window, 64, 30, 1);
        window.settingsPanel()->setSeed(8);
        QSignalSpy steps(window.queue(), &GenerationQueue::stepProgress);
        QSignalSpy ended(window.queue(), &GenerationQueue::jobEnded);
        const quint64 first = window.generate();
        QVERIFY(first != 0);
        QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 1, kTimeout);
        doomed->kill();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kTimeout);
        QCOMPARE(ended.at(0).at(0).value<GenerationOutcome>().status, GenerationOutcome::Status::Failed);
        QVERIFY2(window.errorText().contains(QStringLiteral("lost")), qPrintable(window.errorText()));
        QVERIFY(window.retryButton()->isVisible());

        // Pointed at a server that runs, Retry queues the same run there.
        prefs.server.url = serverUrl(*serve_);
        window.setPreferences(prefs);
        steps.clear();
        ended.clear();
        QSignalSpy started(window.queue(), &GenerationQueue::jobStarted);
        QTest::mouseClick(window.retryButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kTimeout);
        QVERIFY(window.retryButton()->isHidden());
        QVERIFY(window.errorText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, kTimeout);
        const auto retried = ended.at(0).at(0).value<GenerationOutcome>();
        QVERIFY2(retried.status == GenerationOutcome::Status::Finished, qPrintable(retried.error));
        QCOMPARE(retried.settings.seed, 8u);
        QCOMPARE(retried.settings.steps, 30);
        QCOMPARE(window.galleryModel()->item(0).settings.seed, 8u);
        QVERIFY(QFileInfo::exists(window.galleryModel()->item(0).path));
    }

    void cleanupTestCase() { serve_.reset(); }

private:
    std::vector<std::string> serveArgs() const { return {"--token-file", tokenFile_.toStdString()}; }

    // The fixture run's photos dropped on the References panel (unless the session brought them
    // back); a face box drawn where none is found.
    static void addReferences(MainWindow& window) {
        QList<QUrl> photos;
        for (const auto& file : test::pipelineReferenceFiles())
            photos.append(QUrl::fromLocalFile(QString::fromStdString(file.string())));
        if (window.referencePanel()->count() == 0) events::drop(window.referencePanel(), photos);
        QTRY_VERIFY_WITH_TIMEOUT(!window.referencePanel()->isBusy(), kTimeout);
        for (int i = 0; i < window.referencePanel()->count(); ++i) {
            const ReferenceItem& item = window.referencePanel()->item(i);
            if (item.state == ReferenceItem::State::NoFace)
                window.referencePanel()->setManualBox(i, pipeline::PixelBox{item.photo.width / 8, item.photo.height / 8,
                                                                  item.photo.width * 7 / 8, item.photo.height * 15 / 16});
        }
        QCOMPARE(int(window.referencePanel()->references().size()), int(photos.size()));
    }

    QTemporaryDir dir_;
    QString models_;
    QString tokenFile_;
    std::unique_ptr<test::ServeInstance> serve_;
};

QTEST_MAIN(EndToEndRemoteTest)
#include "test_e2e_remote.moc"
