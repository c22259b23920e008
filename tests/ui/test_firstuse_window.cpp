// Fixes from a first-use walk (issue 14), in the whole window: the window fits the screen and
// gives the face canvas room; results that could not be saved stay in the gallery; the output
// folder is checked before a run; errors say why and go once things work; a fixed seed queued
// twice steps; references come back with "Reuse" and across restarts; shortcuts; --help.
#include "apppreferences.h"
#include "faceboxcanvas.h"
#include "facepositionpanel.h"
#include "fixturemodels.h"
#include "gallerymodel.h"
#include "galleryview.h"
#include "generationqueue.h"
#include "imageparameters.h"
#include "imageviewer.h"
#include "mainwindow.h"
#include "previewgrid.h"
#include "referencecard.h"
#include "referencepanel.h"
#include "referencestore.h"
#include "settingshistory.h"
#include "settingspanel.h"
#include "window_events.h"
#include "pipeline/generation_metadata.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QCoro/QCoroTask>
#include <QDir>
#include <QImageReader>
#include <QImageWriter>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QProcess>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace flashface;
using namespace flashface::ui;

namespace {

constexpr int kTimeout = 300000;

// The pipeline run's reference crops, in turn (a run may have only one).
QString fixturePhoto(int i) {
    const auto files = test::pipelineReferenceFiles();
    return QString::fromStdString(files.at(static_cast<std::size_t>(i) % files.size()).string());
}

}  // namespace

class FirstUseWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        qputenv("XDG_DATA_HOME", dir_.filePath(QStringLiteral("data")).toUtf8());
        test::isolateSettings(dir_.filePath(QStringLiteral("settings")), QStringLiteral("test_firstuse_window"));
        fixtureModels_ = test::writeFixtureModelsFolder(dir_.filePath(QStringLiteral("models")));
    }

    void init() {
        // Each test starts from a models folder without weights (nothing loads in the background)
        // and a fresh session.
        QSettings settings;
        settings.clear();
        AppPreferences prefs = AppPreferences::defaults();
        prefs.modelsFolder = dir_.filePath(QStringLiteral("no-models"));
        prefs.outputFolder = dir_.filePath(QStringLiteral("output"));
        prefs.threads = 2;
        prefs.save(settings);
    }

    // 6. The default window fits the screen; at 1280×720 the face canvas is a usable size.
    void windowFitsTheScreenAndTheCanvasHasRoom() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect screen = window.screen()->availableGeometry();
        QVERIFY2(window.frameGeometry().height() <= screen.height(), "taller than the screen");
        if (screen.width() >= window.minimumSizeHint().width()) QVERIFY(window.frameGeometry().width() <= screen.width());
        window.resize(1280, 720);
        QTRY_COMPARE(window.size(), QSize(1280, 720));
        QTest::qWait(50);
        const int side = std::min(window.facePanel()->canvas()->width(), window.facePanel()->canvas()->height());
        if (const QByteArray shots = qgetenv("FLASHFACE_SCREENSHOT_DIR"); !shots.isEmpty())
            window.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath(QStringLiteral("window-1280x720.png")));
        QVERIFY2(side >= window.facePanel()->canvas()->minimumSizeHint().height(),
                 qPrintable(QStringLiteral("canvas %1 px").arg(side)));
        QVERIFY(window.preview()->height() >= window.preview()->minimumSizeHint().height());  // previews stay visible
    }

    // 6. Shortcuts for Add Photos, Paste and Preferences; Ctrl+V outside text fields pastes a photo.
    void shortcutsForTheCommonActions() {
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!window.addPhotosAction()->shortcut().isEmpty());
        QVERIFY(!window.pasteAction()->shortcut().isEmpty());
        QVERIFY(!window.preferencesAction()->shortcuts().isEmpty());
        QApplication::clipboard()->setImage(QImage(fixturePhoto(0)));
        window.galleryView()->setFocus();
        QTest::keyClick(window.galleryView(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(window.referencePanel()->count(), 1);
        window.referencePanel()->card(0)->setFocus();  // inside the panel too: one paste, not an ambiguous key
        QTest::keyClick(window.referencePanel()->card(0), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(window.referencePanel()->count(), 2);
    }

    // 2. Images that could not be written are kept, marked, and can be saved elsewhere.
    void unsavedResultsStayInTheGallery() {
        MainWindow window;
        QImage a(fixturePhoto(0)), b(fixturePhoto(1));
        QVERIFY(!a.isNull() && !b.isNull());
        GenerationOutcome outcome;
        outcome.jobId = 41;
        outcome.status = GenerationOutcome::Status::Finished;
        outcome.images = {a, b};
        outcome.files = {QString(), QString()};
        outcome.settings = window.currentSettings();
        outcome.settings.numImages = 2;
        outcome.error = QStringLiteral("cannot write /proc/nope/x.png: permission denied");
        emit window.queue()->jobStarted(41);
        emit window.queue()->jobEnded(outcome);
        GalleryModel* gallery = window.galleryModel();
        QCOMPARE(gallery->unsavedCount(), 2);
        QVERIFY(window.errorText().contains(QStringLiteral("Save As")));
        QVERIFY(window.errorText().contains(QStringLiteral("Cannot write")));  // the reason, as a sentence
        QVERIFY(window.progressBar()->format().contains(QStringLiteral("not saved")));
        const QString target = dir_.filePath(QStringLiteral("kept.webp"));
        if (!QImageWriter::supportedImageFormats().contains("webp")) QSKIP("no WebP writer");
        QCOMPARE(window.galleryView()->saveTo(1, target, false), QString());
        QCOMPARE(QImageReader(target).size(), b.size());
        pipeline::ImageMetadata read;
        QCOMPARE(readImageParameters(target, &read), QString());
        QCOMPARE(read.settings.seed, outcome.settings.seed + 1);  // the second image's own seed
        QVERIFY(window.restoreParametersFrom(target));  // "Open Parameters from Image" takes WebP
        QCOMPARE(window.currentSettings().seed, outcome.settings.seed + 1);

        // Quitting with an image still unsaved asks first; Cancel keeps the window open.
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTimer::singleShot(0, this, [] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w); box && box->objectName() == QStringLiteral("unsavedImagesBox"))
                    box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QCOMPARE(gallery->unsavedCount(), 1);
        // "Save All" puts the rest somewhere, each a gallery PNG with its parameters.
        const QString rescue = dir_.filePath(QStringLiteral("rescue"));
        QCOMPARE(window.saveAllUnsaved(rescue), 1);
        QCOMPARE(gallery->unsavedCount(), 0);
        const QStringList files = QDir(rescue).entryList({QStringLiteral("*.png")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        QCOMPARE(pipeline::readImageMetadata(QDir(rescue).filePath(files[0]).toStdString()).settings.seed, outcome.settings.seed);
        QVERIFY(window.close());  // nothing unsaved: closes without asking
    }

    // 2. A run with an unusable output folder is refused before it starts.
    void runIsRefusedWithoutAUsableOutputFolder() {
        MainWindow window;
        AppPreferences prefs = window.preferences();
        prefs.outputFolder = QStringLiteral("/proc/nope");
        window.setPreferences(prefs);
        QCOMPARE(window.generate(), quint64(0));
        QVERIFY2(window.errorText().contains(QStringLiteral("/proc/nope")), qPrintable(window.errorText()));
        QVERIFY(!window.queue()->isBusy());
    }

    // 2. Changing the output folder keeps the earlier images in the gallery, then and after a restart.
    void earlierOutputFoldersStayInView() {
        const QString first = dir_.filePath(QStringLiteral("output"));
        const QString second = dir_.filePath(QStringLiteral("elsewhere"));
        Image pixels{8, 8, std::vector<std::uint8_t>(8 * 8 * 3, 50)};
        pipeline::GenerationSettings s;
        s.seed = 5;
        const QString early = QString::fromStdString(pipeline::saveGeneratedImage(first.toStdString(), pixels, {s, {}}).string());
        {
            MainWindow window;
            QTRY_VERIFY(window.galleryModel()->indexOfPath(early) >= 0);
            AppPreferences prefs = window.preferences();
            prefs.outputFolder = second;
            window.setPreferences(prefs);
            QTest::qWait(100);
            QVERIFY(window.galleryModel()->indexOfPath(early) >= 0);
        }
        MainWindow restarted;
        QCOMPARE(restarted.preferences().outputFolder, second);
        QTRY_VERIFY(restarted.galleryModel()->indexOfPath(early) >= 0);
    }

    // 5. A failed load says why, a later run failing on it says why too, and success clears it.
    void errorsSayWhyAndGoAway() {
        MainWindow window;
        const QString reason = QStringLiteral("CUDA was requested, but this machine has no CUDA device");
        emit window.queue()->loadFailed(reason);
        QVERIFY(window.errorText().contains(reason));
        GenerationOutcome failed;
        failed.jobId = 9;
        failed.status = GenerationOutcome::Status::Failed;
        failed.error = QStringLiteral("The models could not be loaded.");
        emit window.queue()->jobStarted(9);
        emit window.queue()->jobEnded(failed);
        QVERIFY2(window.errorText().contains(reason), qPrintable(window.errorText()));
        emit window.queue()->loaded(QStringLiteral("CPU"));
        QCOMPARE(window.errorText(), QString());
        // A failed restore, then a successful one: the red line goes.
        QVERIFY(!window.restoreParametersFrom(fixturePhoto(0)));
        QVERIFY(!window.errorText().isEmpty());
        Image pixels{8, 8, std::vector<std::uint8_t>(8 * 8 * 3, 50)};
        const auto made = pipeline::saveGeneratedImage(dir_.filePath(QStringLiteral("made")).toStdString(), pixels, {});
        QVERIFY(window.restoreParametersFrom(QString::fromStdString(made.string())));
        QCOMPARE(window.errorText(), QString());
    }

    // 4. The reference list survives a restart, with each photo's setup.
    void referencesAreKeptAcrossRestarts() {
        pipeline::PixelBox box;
        {
            MainWindow window;
            window.referencePanel()->addFiles({fixturePhoto(0), fixturePhoto(1)});
            QTRY_VERIFY_WITH_TIMEOUT(!window.referencePanel()->isBusy(), kTimeout);
            const ReferenceItem& second = window.referencePanel()->item(1);
            box = pipeline::PixelBox{second.photo.width / 8, second.photo.height / 8, second.photo.width * 7 / 8,
                           second.photo.height * 7 / 8};
            window.referencePanel()->setManualBox(1, box);
            window.referencePanel()->setReferenceEnabled(0, false);
            window.close();
        }
        MainWindow restarted;
        ReferencePanel* panel = restarted.referencePanel();
        QCOMPARE(panel->count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), kTimeout);
        QCOMPARE(panel->item(0).label, QFileInfo(fixturePhoto(0)).fileName());
        QVERIFY(!panel->item(0).enabled);
        QVERIFY(panel->item(1).manualBox.has_value());
        QCOMPARE(panel->item(1).manualBox->x2, box.x2);
        QCOMPARE(panel->item(1).photo.width, QImage(fixturePhoto(1)).width());
    }

    // 1 and 4. With the fixture models: a fixed seed queued twice steps the second run's seed;
    // "Reuse All Parameters" brings back the references of the image.
    void fixedSeedQueuedTwiceStepsAndReuseRestoresReferences() {
        AppPreferences prefs;
        {
            QSettings settings;
            prefs = AppPreferences::load(settings);
            prefs.modelsFolder = fixtureModels_;
            prefs.outputFolder = dir_.filePath(QStringLiteral("runs"));
            prefs.save(settings);
        }
        MainWindow window;
        ReferencePanel* panel = window.referencePanel();
        panel->addFiles({fixturePhoto(0), fixturePhoto(1)});
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), kTimeout);
        for (int i = 0; i < panel->count(); ++i)
            if (panel->item(i).state == ReferenceItem::State::NoFace) {
                const Image& photo = panel->item(i).photo;
                panel->setManualBox(i, pipeline::PixelBox{photo.width / 8, photo.height / 8, photo.width * 7 / 8, photo.height * 7 / 8});
            }
        const int references = int(panel->references().size());
        QCOMPARE(references, panel->count());
        // Two people mixed (issue 13): the second photo is person B at a quarter of the weight.
        panel->setPerson(1, Person::B);
        panel->setMixShare(0.25);
        std::vector<double> weights;
        for (const pipeline::Reference& ref : panel->references()) weights.push_back(ref.weight);
        events::chooseRun(window, 64, 1, 1);
        window.settingsPanel()->setSeed(1234);

        QSignalSpy notices(&window, &MainWindow::notice);
        const quint64 first = window.generate();
        QVERIFY(first != 0);
        const quint64 second = window.generate();
        QVERIFY(second != 0);
        QCOMPARE(window.currentSettings().seed, 1235u);
        QVERIFY(!window.settingsPanel()->randomSeed());
        bool said = false;
        for (const auto& args : notices) said |= args.at(0).toString().contains(QStringLiteral("1235"));
        QVERIFY2(said, "the stepped seed is announced");
        const GenerationOutcome one = QCoro::waitFor(window.queue()->awaitJob(first));
        const GenerationOutcome two = QCoro::waitFor(window.queue()->awaitJob(second));
        QVERIFY2(one.status == GenerationOutcome::Status::Finished, qPrintable(one.error));
        QVERIFY2(two.status == GenerationOutcome::Status::Finished, qPrintable(two.error));
        QCOMPARE(one.settings.seed, 1234u);
        QCOMPARE(two.settings.seed, 1235u);
        QCOMPARE(one.referenceWeights, weights);  // what the worker's request carried

        // Reuse the first run's image after the references were changed.
        panel->clear();
        QCOMPARE(panel->count(), 0);
        const int row = window.galleryModel()->indexOfPath(one.files.value(0));
        QVERIFY(row >= 0);
        window.reuseGalleryItem(row);
        QCOMPARE(window.currentSettings().seed, 1234u);
        QCOMPARE(panel->count(), references);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), kTimeout);
        QCOMPARE(int(panel->references().size()), references);
        // With their weights and people: the mix is back where it was.
        for (int i = 0; i < references; ++i) QCOMPARE(panel->references()[std::size_t(i)].weight, weights[std::size_t(i)]);
        QCOMPARE(panel->item(1).person, Person::B);
        QVERIFY(panel->mixShown());
        QVERIFY(std::abs(*panel->mixShare() - 0.25) < 1e-9);
    }

    // 5. Device = CUDA where there is none: the run's error says why, not only that loading failed.
    void cudaWithoutADeviceSaysWhy() {
        {
            QSettings settings;
            AppPreferences prefs = AppPreferences::load(settings);
            prefs.modelsFolder = fixtureModels_;
            prefs.outputFolder = dir_.filePath(QStringLiteral("runs"));
            prefs.device = pipeline::DeviceChoice::Cuda;
            prefs.save(settings);
        }
        MainWindow window;
        ReferencePanel* panel = window.referencePanel();
        panel->addFiles({fixturePhoto(0)});
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), kTimeout);
        const Image& photo = panel->item(0).photo;
        panel->setManualBox(0, pipeline::PixelBox{photo.width / 8, photo.height / 8, photo.width * 7 / 8, photo.height * 7 / 8});
        events::chooseRun(window, 64, 1, 1);
        const quint64 id = window.generate();
        QVERIFY(id != 0);
        const GenerationOutcome outcome = QCoro::waitFor(window.queue()->awaitJob(id));
        if (outcome.status == GenerationOutcome::Status::Finished) QSKIP("this machine has a CUDA device");
        QCOMPARE(outcome.status, GenerationOutcome::Status::Failed);
        const QString error = window.errorText();
        QVERIFY2(error.contains(QStringLiteral("CUDA"), Qt::CaseInsensitive), qPrintable(error));
        QVERIFY2(error != QStringLiteral("The models could not be loaded."), qPrintable(error));
    }

    // Also built, in the window: a run's preview maps to its gallery images (viewer, Save As…),
    // the gallery filter, and Ctrl+Z / Ctrl+Shift+Z over face box and settings.
    void viewerFilterAndUndoInTheWindow() {
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        GenerationOutcome outcome;
        outcome.jobId = 3;
        outcome.status = GenerationOutcome::Status::Finished;
        outcome.images = {QImage(fixturePhoto(0)), QImage(fixturePhoto(1))};
        outcome.files = {QString(), QString()};
        outcome.settings = window.currentSettings();
        outcome.error = QStringLiteral("disk full");
        emit window.queue()->jobStarted(3);
        emit window.queue()->jobEnded(outcome);
        QCOMPARE(window.preview()->images().size(), 2);
        const QPoint second = window.preview()->imageRect(1).center().toPoint();
        QCOMPARE(window.preview()->imageAt(second), 1);
        QTest::mouseDClick(window.preview(), Qt::LeftButton, {}, second);
        QVERIFY(window.imageViewer() && window.imageViewer()->isVisible());
        QCOMPARE(window.imageViewer()->row(), 1);
        QCOMPARE(window.imageViewer()->view()->image().size(), outcome.images[1].size());
        if (const QByteArray shots = qgetenv("FLASHFACE_SCREENSHOT_DIR"); !shots.isEmpty()) {
            window.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath(QStringLiteral("unsaved.png")));
            window.imageViewer()->grab().save(QDir(QString::fromLocal8Bit(shots)).filePath(QStringLiteral("viewer.png")));
        }
        window.imageViewer()->close();

        window.galleryFilterField()->setText(QStringLiteral("no such prompt"));
        QCOMPARE(window.galleryView()->shownCount(), 0);
        window.galleryFilterField()->clear();
        QCOMPARE(window.galleryView()->shownCount(), window.galleryModel()->rowCount());

        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const pipeline::FaceBox before = window.facePanel()->box();
        window.facePanel()->setBox(pipeline::FaceBox{0.1f, 0.15f, 0.45f, 0.5f});
        window.galleryView()->setFocus();
        QTest::keyClick(window.galleryView(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(window.facePanel()->box().x1, before.x1);
        QTest::keyClick(window.galleryView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(std::abs(window.facePanel()->box().x1 - 0.1f) < 1e-4f);
    }

    // 6. --help prints the options on the terminal and starts no window (nor needs a display).
    void helpPrintsUsage() {
        QProcess studio;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        studio.setProcessEnvironment(env);
        studio.start(QStringLiteral(FLASHFACE_STUDIO_BINARY), {QStringLiteral("--help")});
        QVERIFY(studio.waitForFinished(30000));
        QCOMPARE(studio.exitCode(), 0);
        const QString out = QString::fromLocal8Bit(studio.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("Usage: flashface-studio")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("--version")));
        studio.start(QStringLiteral(FLASHFACE_STUDIO_BINARY), {QStringLiteral("--version")});
        QVERIFY(studio.waitForFinished(30000));
        QCOMPARE(studio.exitCode(), 0);
        QVERIFY(QString::fromLocal8Bit(studio.readAllStandardOutput()).contains(QStringLiteral("FlashFace Studio")));
    }

private:
    QTemporaryDir dir_;
    QString fixtureModels_;
};

QTEST_MAIN(FirstUseWindowTest)
#include "test_firstuse_window.moc"
