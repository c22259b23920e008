// End to end: the real application window on the fixture models. References are dropped in, a
// face box is drawn, two runs are queued; previews arrive step by step, the images land in the
// gallery and on disk, one is exported and dropped back to restore its parameters, and a third
// run is cancelled with Esc.
#include "apppreferences.h"
#include "faceboxcanvas.h"
#include "facepositionpanel.h"
#include "fixturemodels.h"
#include "gallerymodel.h"
#include "generationqueue.h"
#include "imageexport.h"
#include "mainwindow.h"
#include "missingmodelspanel.h"
#include "pipeline/generation_metadata.h"
#include "previewgrid.h"
#include "prompteditor.h"
#include "referencecard.h"
#include "referencepanel.h"
#include "settingspanel.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"
#include "window_events.h"

#include <QApplication>
#include <QCoro/QCoroTask>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace flashface;
using namespace flashface::ui;

namespace {

constexpr int kTimeout = 300000;  // the fixture models are tiny, but CI machines are slow

using events::drop;

QList<GenerationOutcome> outcomes(const QSignalSpy& spy) {
    QList<GenerationOutcome> list;
    for (const auto& args : spy) list.append(args.at(0).value<GenerationOutcome>());
    return list;
}

}  // namespace

class EndToEndTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        test::isolateSettings(dir_.filePath(QStringLiteral("settings")), QStringLiteral("test_e2e"));
        AppPreferences prefs = AppPreferences::defaults();
        prefs.modelsFolder = test::writeFixtureModelsFolder(dir_.filePath(QStringLiteral("models")));
        prefs.outputFolder = dir_.filePath(QStringLiteral("output"));
        prefs.fileNamePattern = QStringLiteral("e2e_{seed}");
        prefs.threads = 2;
        QSettings settings;
        prefs.save(settings);
    }

    void generateExportRestoreAndCancel() {
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.missingModelsPanel()->isHidden());  // the fixture models folder is complete

        // References: the fixture run's photos dropped on the panel, faces found in the background.
        QList<QUrl> photos;
        for (const auto& file : test::pipelineReferenceFiles())
            photos.append(QUrl::fromLocalFile(QString::fromStdString(file.string())));
        const int references = int(photos.size());
        drop(window.referencePanel(), photos);
        QCOMPARE(window.referencePanel()->count(), references);
        QTRY_VERIFY_WITH_TIMEOUT(!window.referencePanel()->isBusy(), kTimeout);
        for (int i = 0; i < references; ++i) {  // a photo without a detected face gets a hand-drawn box
            const ReferenceItem& item = window.referencePanel()->item(i);
            if (item.state == ReferenceItem::State::NoFace)
                window.referencePanel()->setManualBox(i, pipeline::PixelBox{item.photo.width / 8, item.photo.height / 8,
                                                                  item.photo.width * 7 / 8, item.photo.height * 15 / 16});
        }
        QCOMPARE(int(window.referencePanel()->references().size()), references);

        // Identity mixing: the first photo weighed ×2 by typing in its card (issue 13).
        QDoubleSpinBox* weightField = window.referencePanel()->card(0)->weightField();
        weightField->selectAll();
        QTest::keyClicks(weightField, QStringLiteral("2"));
        QTest::keyClick(weightField, Qt::Key_Return);
        std::vector<double> weights(std::size_t(references), 1.0);
        weights[0] = 2;

        // Face position: the default box cleared with Delete, a new one drawn with the mouse.
        FaceBoxCanvas* canvas = window.facePanel()->canvas();
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Delete);
        QVERIFY(window.facePanel()->box().isNone());
        const QRectF frame = canvas->frameRect();
        const QPoint from = (frame.topLeft() + QPointF(frame.width() * 0.25, frame.height() * 0.2)).toPoint();
        const QPoint to = (frame.topLeft() + QPointF(frame.width() * 0.6, frame.height() * 0.55)).toPoint();
        QTest::mousePress(canvas, Qt::LeftButton, {}, from);
        QTest::mouseMove(canvas, (from + to) / 2);
        QTest::mouseMove(canvas, to);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, to);
        const pipeline::FaceBox drawn = window.facePanel()->box();
        QVERIFY(!drawn.isNone());
        QVERIFY(std::abs(drawn.x1 - 0.25f) < 0.01f && std::abs(drawn.y2 - 0.55f) < 0.01f);

        // Prompt typed, tiny size and few steps.
        window.promptEditor()->promptEdit()->setFocus();
        QTest::keyClicks(window.promptEditor()->promptEdit(), QStringLiteral("a handsome young man, soft light"));
        events::chooseRun(window, 64, 3, 2);
        window.settingsPanel()->setSeed(1234);

        QSignalSpy steps(window.queue(), &GenerationQueue::stepProgress);
        QSignalSpy ended(window.queue(), &GenerationQueue::jobEnded);

        // Two runs: Ctrl+Enter, then the button while the first one runs (it queues).
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(window.queue()->isBusy());
        window.settingsPanel()->setSeed(99);
        QPushButton* generateButton = nullptr;
        for (QPushButton* b : window.findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Queue Another")) generateButton = b;
        QVERIFY(generateButton);
        QTest::mouseClick(generateButton, Qt::LeftButton);
        QCOMPARE(window.queue()->pendingCount(), 1);

        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 2, kTimeout);
        const QList<GenerationOutcome> done = outcomes(ended);
        for (const GenerationOutcome& o : done)
            QVERIFY2(o.status == GenerationOutcome::Status::Finished, qPrintable(o.error));
        QCOMPARE(done[0].settings.seed, 1234u);
        QCOMPARE(done[1].settings.seed, 99u);
        QCOMPARE(done[0].images.size(), 2);
        QCOMPARE(done[0].images[0].size(), QSize(64, 64));

        // A preview for every step of both runs, one image per sample.
        QCOMPARE(steps.count(), 6);
        for (const auto& args : steps) {
            const auto p = args.at(0).value<StepPreview>();
            QCOMPARE(p.totalSteps, 3);
            QCOMPARE(p.previews.size(), 2);
            QVERIFY(!p.previews[0].isNull());
        }
        QCOMPARE(window.preview()->images().size(), 2);

        // The gallery shows the four images, newest first, and they are on disk with their settings.
        GalleryModel* gallery = window.galleryModel();
        QCOMPARE(gallery->rowCount(), 4);
        QCOMPARE(gallery->item(0).settings.seed, 99u);
        QCOMPARE(gallery->item(1).settings.seed, 100u);  // image 2 of a run regenerates from seed + 1
        QCOMPARE(gallery->item(2).settings.seed, 1234u);
        for (int i = 0; i < 4; ++i) {
            QVERIFY(QFileInfo::exists(gallery->item(i).path));
            QVERIFY(gallery->item(i).path.startsWith(window.preferences().outputFolder));
        }
        const pipeline::GenerationSettings stored = pipeline::readImageMetadata(gallery->item(2).path.toStdString()).settings;
        QCOMPARE(stored.prompt, std::string("a handsome young man, soft light"));
        QCOMPARE(stored.faceBox.x1, drawn.x1);
        QCOMPARE(stored.width, 64);
        // The weights reached the worker's request: its files carry them.
        QCOMPARE(pipeline::readImageMetadata(gallery->item(2).path.toStdString()).referenceWeights, weights);
        QCOMPARE(gallery->item(2).referenceWeights, weights);

        // Export one, change the prompt, then drop the export on the window: parameters come back.
        const QString exported = dir_.filePath(QStringLiteral("exported.png"));
        QCOMPARE(exportImage(gallery->item(2), exported, false), QString());
        window.promptEditor()->setText(QStringLiteral("something else"));
        window.settingsPanel()->setSeed(5);
        window.referencePanel()->setWeight(0, 1);
        drop(&window, {QUrl::fromLocalFile(exported)});
        QCOMPARE(window.promptEditor()->text(), QStringLiteral("a handsome young man, soft light"));
        QCOMPARE(window.currentSettings().seed, 1234u);
        QCOMPARE(window.referencePanel()->count(), references);  // not mistaken for a reference photo
        QCOMPARE(window.referencePanel()->references()[0].weight, 2.0);
        // Opening the parameters brings the weights back too.
        window.referencePanel()->setWeight(0, 1);
        QVERIFY(window.restoreParametersFrom(exported));
        QCOMPARE(window.referencePanel()->references()[0].weight, 2.0);

        // A longer run, cancelled with Esc once its first preview is in: it stops within a step.
        pipeline::GenerationSettings longer = window.currentSettings();
        longer.steps = 40;
        longer.numImages = 1;
        window.settingsPanel()->readFrom(longer);
        steps.clear();
        ended.clear();
        const quint64 third = window.generate();
        QVERIFY(third != 0);
        QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 1, kTimeout);
        QTest::keyClick(&window, Qt::Key_Escape);
        const GenerationOutcome cancelled = QCoro::waitFor(window.queue()->awaitJob(third));
        QCOMPARE(cancelled.status, GenerationOutcome::Status::Cancelled);
        QCOMPARE(ended.count(), 1);
        QVERIFY(steps.count() <= 3);  // the step in flight may report; nothing much after
        QCOMPARE(gallery->rowCount(), 4);
        QVERIFY(!window.queue()->isBusy());
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(EndToEndTest)
#include "test_e2e_mainwindow.moc"
