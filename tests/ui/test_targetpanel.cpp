// The Target panel (face swap, img2img): its state as the engine's Target (region, a mask
// painted at the photo's size, strength and its defaults), masks loaded through the engine's
// rules, the faces found as the engine's detector finds them and the mask offered when there is
// none.
#include "face/photo.h"
#include "facedetectionservice.h"
#include "pipeline/face_finder.h"
#include "fixturemodels.h"
#include "imageconversion.h"
#include "pipeline/model_files.h"
#include "support/fixtures.h"
#include "targetpanel.h"
#include "targetphotoview.h"

#include <QCoro/QCoroTask>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace flashface;
using namespace flashface::ui;

namespace {

constexpr int kTimeout = 120000;

// Sides that are not multiples of 8, as a photo's usually are not.
Image gradientPhoto(int width = 101, int height = 77) {
    Image photo{width, height, std::vector<std::uint8_t>(std::size_t(width) * height * 3)};
    for (std::size_t i = 0; i < photo.rgb.size(); ++i) photo.rgb[i] = std::uint8_t(i * 7 % 251);
    return photo;
}

bool white(const Image& mask, int x, int y) {
    const std::uint8_t* p = &mask.rgb[(std::size_t(y) * mask.width + x) * 3];
    return p[0] == 255 && p[1] == 255 && p[2] == 255;
}

bool black(const Image& mask, int x, int y) {
    const std::uint8_t* p = &mask.rgb[(std::size_t(y) * mask.width + x) * 3];
    return p[0] == 0 && p[1] == 0 && p[2] == 0;
}

// A drag over the photo, from and to photo pixels.
void drag(TargetPhotoView* view, QPointF from, QPointF to) {
    const QPoint a = view->toWidget(from).toPoint(), b = view->toWidget(to).toPoint();
    QTest::mousePress(view, Qt::LeftButton, {}, a);
    QTest::mouseMove(view, (a + b) / 2);
    QTest::mouseMove(view, b);
    QTest::mouseRelease(view, Qt::LeftButton, {}, b);
}

}  // namespace

class TargetPanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        test::isolateSettings(dir_.filePath(QStringLiteral("settings")), QStringLiteral("test_targetpanel"));
        models_ = test::writeFixtureModelsFolder(dir_.filePath(QStringLiteral("models")));
    }

    void noPhotoNoTarget() {
        FaceDetectionService detection;
        TargetPanel panel(&detection);
        QVERIFY(!panel.target());
        QVERIFY(!panel.hasPhoto());
    }

    // Each region starts at its own default strength; the slider's value is the target's.
    void regionAndStrength() {
        FaceDetectionService detection;
        TargetPanel panel(&detection);
        const Image photo = gradientPhoto();
        panel.setPhoto(photo, QStringLiteral("photo.png"));
        std::optional<pipeline::Target> target = panel.target();
        QVERIFY(target);
        QCOMPARE(target->region, pipeline::TargetRegion::Face);
        QCOMPARE(target->strength, pipeline::defaultStrength(pipeline::TargetRegion::Face));
        QCOMPARE(target->image.rgb, photo.rgb);
        QCOMPARE(target->label, std::string("photo.png"));
        QVERIFY(!target->useSettingsFaceBox);

        panel.setRegion(pipeline::TargetRegion::Whole);
        QCOMPARE(panel.target()->region, pipeline::TargetRegion::Whole);
        QCOMPARE(panel.target()->strength, pipeline::defaultStrength(pipeline::TargetRegion::Whole));
        panel.setStrength(0.3);
        QCOMPARE(panel.target()->strength, 0.3);
        panel.setUsesOwnFaceBox(true);
        QVERIFY(!panel.target()->useSettingsFaceBox);  // the whole picture always uses the settings' box

        panel.setRegion(pipeline::TargetRegion::Mask);
        QCOMPARE(panel.target()->strength, pipeline::defaultStrength(pipeline::TargetRegion::Mask));
        QVERIFY(panel.target()->useSettingsFaceBox);

        panel.clear();
        QVERIFY(!panel.target());
    }

    // Brush strokes become the mask at the photo's own size, whatever size the view is drawn at;
    // the eraser takes them out again.
    void paintedMask() {
        FaceDetectionService detection;
        TargetPanel panel(&detection);
        panel.resize(500, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const Image photo = gradientPhoto();
        panel.setPhoto(photo, QStringLiteral("photo.png"));
        panel.setRegion(pipeline::TargetRegion::Mask);
        const int radius = 6;
        panel.setBrushRadius(radius);
        const int y = photo.height / 2;
        drag(panel.view(), QPointF(10, y), QPointF(photo.width - 10, y));
        std::optional<pipeline::Target> target = panel.target();
        QVERIFY(target);
        QCOMPARE(target->region, pipeline::TargetRegion::Mask);
        QCOMPARE(target->mask.width, photo.width);
        QCOMPARE(target->mask.height, photo.height);
        // On the stroke (a view pixel is less than a photo pixel here or a little more: one pixel
        // of rounding either way), and well away from it.
        const double pixel = double(photo.width) / panel.view()->photoRect().width();
        const int margin = int(std::ceil(pixel)) + 1;
        for (int x = 10 + margin; x < photo.width - 10 - margin; x += 7) {
            QVERIFY2(white(target->mask, x, y), qPrintable(QString::number(x)));
            QVERIFY(white(target->mask, x, y + radius - margin));
        }
        for (int x = 0; x < photo.width; x += 5) {
            QVERIFY(black(target->mask, x, 0));
            QVERIFY(black(target->mask, x, y + radius + margin));
        }

        panel.setEraser(true);
        drag(panel.view(), QPointF(photo.width / 2.0, y - 2 * radius), QPointF(photo.width / 2.0, y + 2 * radius));
        QVERIFY(black(panel.target()->mask, photo.width / 2, y));
        QVERIFY(white(panel.target()->mask, 10 + margin, y));
    }

    // A mask image is read as the engine reads it: white repaints, and it must have the photo's size.
    void loadedMask() {
        FaceDetectionService detection;
        TargetPanel panel(&detection);
        const Image photo = gradientPhoto();
        panel.setPhoto(photo, QStringLiteral("photo.png"));
        QImage mask(photo.width, photo.height, QImage::Format_RGB32);
        mask.fill(Qt::black);
        for (int y = 3; y < 20; ++y)
            for (int x = 5; x < 30; ++x) mask.setPixelColor(x, y, QColor(200, 200, 200));  // light enough
        mask.setPixelColor(50, 50, QColor(100, 100, 100));                                  // too dark
        const QString path = dir_.filePath(QStringLiteral("mask.png"));
        QVERIFY(mask.save(path));
        QVERIFY(QCoro::waitFor(panel.loadMaskFile(path)));
        QCOMPARE(panel.region(), pipeline::TargetRegion::Mask);
        const Image loaded = panel.target()->mask;
        QCOMPARE(loaded.width, photo.width);
        for (int y = 0; y < photo.height; ++y)
            for (int x = 0; x < photo.width; ++x)
                QCOMPARE(white(loaded, x, y), x >= 5 && x < 30 && y >= 3 && y < 20);

        const QString small = dir_.filePath(QStringLiteral("small.png"));
        QVERIFY(mask.copy(0, 0, photo.width - 1, photo.height).save(small));
        QVERIFY(!QCoro::waitFor(panel.loadMaskFile(small)));
        QVERIFY2(panel.statusText().contains(QStringLiteral("photo's size")), qPrintable(panel.statusText()));
    }

    // The faces outlined are the engine detector's; without one, the panel offers the mask.
    void facesAndTheMaskOffer() {
        FaceDetectionService detection;
        detection.configure(models_, pipeline::DeviceChoice::Cpu);
        TargetPanel panel(&detection);
        panel.show();
        const Image photo = face::loadPhoto(test::fixture("face_crop/source.png"));
        panel.setPhoto(photo, QStringLiteral("source.png"));
        QVERIFY(panel.isDetecting());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isDetecting(), kTimeout);
        const pipeline::FaceFinder finder(pipeline::resolveModelFiles(models_.toStdString()));
        const auto expected = finder.find(photo);
        QCOMPARE(panel.faces().size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) QCOMPARE(panel.faces()[i].x1, expected[i].x1);
        QVERIFY(panel.maskOfferButton()->isHidden() == !expected.empty());
        if (expected.size() > 1) {
            panel.chooseFace(1);
            QCOMPARE(panel.target()->faceIndex, 1);
            // A click on the photo chooses the face under it (the smallest outline there).
            QSignalSpy clicked(panel.view(), &TargetPhotoView::faceClicked);
            QTest::mouseClick(panel.view(), Qt::LeftButton, {}, panel.view()->faceRect(0).center().toPoint());
            QCOMPARE(clicked.count(), 1);
            QCOMPARE(panel.target()->faceIndex, clicked.at(0).at(0).toInt());
        }

        // A detector that accepts no face (no score reaches 1): every photo is faceless to it.
        detection.configure(test::writeBlindFixtureModelsFolder(dir_.filePath(QStringLiteral("blind"))), pipeline::DeviceChoice::Cpu);
        panel.setPhoto(photo, QStringLiteral("source.png"));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isDetecting(), kTimeout);
        QVERIFY(panel.faces().empty());
        QVERIFY(!panel.maskOfferButton()->isHidden());
        QVERIFY(panel.statusText().contains(QStringLiteral("No face")));
        QTest::mouseClick(panel.maskOfferButton(), Qt::LeftButton);
        QCOMPARE(panel.region(), pipeline::TargetRegion::Mask);
    }

private:
    QTemporaryDir dir_;
    QString models_;
};

QTEST_MAIN(TargetPanelTest)
#include "test_targetpanel.moc"
