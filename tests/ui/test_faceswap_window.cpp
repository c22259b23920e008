// A face swap driven in the real window on the fixture models: a target photo dropped on the
// Target panel (the whole picture would set the size); the detector finds no face in it, so the engine's message is shown
// and the panel offers the mask; a mask is brushed on the photo and the run repaints only there
// (the photo's bytes far from it), even though the panel is cleared while the run is queued.

// Before any Qt header: ATen has members named like Qt's `slots` macro.
#include "pipeline/target.h"

#include <ATen/ATen.h>

#include "apppreferences.h"
#include "pipeline/face_finder.h"
#include "facepositionpanel.h"
#include "fixturemodels.h"
#include "generationqueue.h"
#include "imageconversion.h"
#include "mainwindow.h"
#include "pipeline/generation_metadata.h"
#include "previewgrid.h"
#include "referencepanel.h"
#include "settingspanel.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"
#include "targetpanel.h"
#include "targetphotoview.h"
#include "window_events.h"

#include <QApplication>
#include <QCoro/QCoroTask>
#include <QDropEvent>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace flashface;
using namespace flashface::ui;

namespace {

constexpr int kTimeout = 300000;  // the fixture models are tiny, but CI machines are slow

using events::drop;

GenerationOutcome runToEnd(MainWindow& window) {
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    const quint64 id = window.queue()->currentJob();
    return QCoro::waitFor(window.queue()->awaitJob(id));
}

}  // namespace

class FaceSwapWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        test::isolateSettings(dir_.filePath(QStringLiteral("settings")), QStringLiteral("test_faceswap_window"));
        AppPreferences prefs = AppPreferences::defaults();
        prefs.modelsFolder = test::writeBlindFixtureModelsFolder(dir_.filePath(QStringLiteral("models")));
        prefs.outputFolder = dir_.filePath(QStringLiteral("output"));
        prefs.threads = 2;
        QSettings settings;
        prefs.save(settings);
    }

    void faceSwap() {
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // References: no face is found by this detector, so each gets a hand-drawn box.
        QList<QUrl> photos;
        for (const auto& file : test::pipelineReferenceFiles())
            photos.append(QUrl::fromLocalFile(QString::fromStdString(file.string())));
        drop(window.referencePanel(), photos);
        QTRY_VERIFY_WITH_TIMEOUT(!window.referencePanel()->isBusy(), kTimeout);
        for (int i = 0; i < window.referencePanel()->count(); ++i) {
            const ReferenceItem& item = window.referencePanel()->item(i);
            window.referencePanel()->setManualBox(
                i, pipeline::PixelBox{item.photo.width / 8, item.photo.height / 8, item.photo.width * 7 / 8, item.photo.height * 7 / 8});
        }
        // A face or mask region is generated at the settings' size: the smallest there is, for speed.
        const QSize ownSize(pipeline::kSideRange.min, pipeline::kSideRange.min);
        events::chooseRun(window, pipeline::kSideRange.min, 2, 1);
        window.settingsPanel()->setSeed(11);

        // The target: a fixture picture enlarged to sides that are not multiples of 8 (and no
        // smaller than a generation may be).
        const QImage picture(QString::fromStdString(test::fixture("pipeline/out0.png").string()));
        QVERIFY(!picture.isNull());
        const QImage photo = picture.scaled(2 * picture.width() - 3, 2 * picture.height() - 5)
                                 .convertToFormat(QImage::Format_RGB888);
        const QString photoPath = dir_.filePath(QStringLiteral("target.png"));
        QVERIFY(photo.save(photoPath));
        TargetPanel* panel = window.targetPanel();
        drop(panel, {QUrl::fromLocalFile(photoPath)});
        QTRY_VERIFY_WITH_TIMEOUT(panel->hasPhoto() && !panel->isDetecting(), kTimeout);

        // The face box follows the region; the size fields set the region's working size.
        QVERIFY(window.facePanel()->followsTargetRegion());
        QVERIFY(window.settingsPanel()->widthField()->isEnabled());
        // The whole picture is generated at the photo's size: the size fields show it, locked, and
        // the settings' face box applies. The user's own size comes back with the face region.
        panel->setRegion(pipeline::TargetRegion::Whole);
        QCOMPARE(window.settingsPanel()->widthField()->value(), photo.width());
        QCOMPARE(window.settingsPanel()->heightField()->value(), photo.height());
        QVERIFY(!window.settingsPanel()->widthField()->isEnabled());
        QVERIFY(!window.facePanel()->followsTargetRegion());
        QCOMPARE(window.currentSettings().width, ownSize.width());  // the user's own size is kept
        panel->setRegion(pipeline::TargetRegion::Face);
        QVERIFY(window.settingsPanel()->widthField()->isEnabled());
        QCOMPARE(window.settingsPanel()->widthField()->value(), ownSize.width());
        QVERIFY(window.facePanel()->followsTargetRegion());

        // No face in the photo: the engine says so, and the panel offers the mask.
        QCOMPARE(panel->region(), pipeline::TargetRegion::Face);
        QVERIFY(!panel->maskOfferButton()->isHidden());
        const GenerationOutcome failed = runToEnd(window);
        QCOMPARE(failed.status, GenerationOutcome::Status::Failed);
        QVERIFY2(window.errorText().contains(QStringLiteral("No face")) &&
                     window.errorText().contains(QStringLiteral("target.png")) &&
                     window.errorText().contains(QStringLiteral("mask")),
                 qPrintable(window.errorText()));
        QTest::mouseClick(panel->maskOfferButton(), Qt::LeftButton);
        QCOMPARE(panel->region(), pipeline::TargetRegion::Mask);

        // A stroke of the brush across the upper left part of the photo.
        const int radius = std::max(2, photo.height() / 16);
        panel->setBrushRadius(radius);
        TargetPhotoView* view = panel->view();
        const QPoint from = view->toWidget(QPointF(photo.width() / 8.0, photo.height() / 5.0)).toPoint();
        const QPoint to = view->toWidget(QPointF(photo.width() / 3.0, photo.height() / 5.0)).toPoint();
        QTest::mousePress(view, Qt::LeftButton, {}, from);
        QTest::mouseMove(view, to);
        QTest::mouseRelease(view, Qt::LeftButton, {}, to);
        const std::optional<pipeline::Target> sent = panel->target();
        QVERIFY(sent && sent->region == pipeline::TargetRegion::Mask);

        // Queued, then the panel cleared: the run keeps its own target.
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
        const quint64 id = window.queue()->currentJob();
        QVERIFY(id != 0);
        panel->clear();
        QVERIFY(!window.facePanel()->followsTargetRegion());
        const GenerationOutcome done = QCoro::waitFor(window.queue()->awaitJob(id));
        QVERIFY2(done.status == GenerationOutcome::Status::Finished, qPrintable(done.error));
        QCOMPARE(done.images.size(), 1);
        QCOMPARE(done.images[0].size(), photo.size());
        QCOMPARE(std::max(done.settings.width, done.settings.height), pipeline::kSideRange.min);  // the working size

        // The image on disk records its target.
        const pipeline::ImageMetadata stored = pipeline::readImageMetadata(done.files.value(0).toStdString());
        QVERIFY(stored.target);
        QCOMPARE(stored.target->region, pipeline::TargetRegion::Mask);
        QCOMPARE(stored.target->strength, sent->strength);
        QCOMPARE(stored.target->label, std::string("target.png"));

        // Outside the feathered region (as the engine composites) the photo's own bytes; inside, new ones.
        const Image result = toImage(done.images[0]);
        const at::Tensor weights = pipeline::compositeWeights(pipeline::prepareTarget(*sent, pipeline::kSideRange.min, nullptr), sent->image);
        std::size_t kept = 0, changed = 0;
        for (int y = 0; y < photo.height(); ++y)
            for (int x = 0; x < photo.width(); ++x) {
                const std::size_t p = (std::size_t(y) * photo.width() + x) * 3;
                const bool same = std::equal(&result.rgb[p], &result.rgb[p + 3], &sent->image.rgb[p]);
                if (weights[y][x].item<float>() == 0.0f) {
                    QVERIFY2(same, qPrintable(QStringLiteral("pixel (%1, %2) far from the mask changed").arg(x).arg(y)));
                    ++kept;
                }
                changed += !same;
            }
        QVERIFY(kept > 0);
        QVERIFY(changed > 0);

        // Before and after: the target photo in place of the result, and back.
        QPushButton* compare = window.compareButton();
        QVERIFY(compare->isVisible());
        QTest::mouseClick(compare, Qt::LeftButton);
        QCOMPARE(window.preview()->images().value(0).convertToFormat(QImage::Format_RGB888), photo);
        QTest::mouseClick(compare, Qt::LeftButton);
        QCOMPARE(window.preview()->images().value(0), done.images[0]);
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(FaceSwapWindowTest)
#include "test_faceswap_window.moc"
