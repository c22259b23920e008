// References panel: photos from files, folders, drops and the clipboard; faces found off the GUI
// thread with the engine's detector (fixture RetinaFace); choosing, disabling, manual boxes.
#include "face/photo.h"
#include "facedetectionservice.h"
#include "pipeline/face_finder.h"
#include "fixturemodels.h"
#include "referencecard.h"
#include "referencephotoview.h"
#include "referencepanel.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"

#include <QApplication>
#include <QClipboard>
#include <QDropEvent>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace flashface;
using namespace flashface::ui;

namespace {

// The fixture run's reference crops: the first and the last (one photo if the run has one).
QString refPath(std::size_t i) { return QString::fromStdString(test::pipelineReferenceFiles().at(i).string()); }
QString firstRef() { return refPath(0); }
QString lastRef() { return refPath(test::pipelineReferenceFiles().size() - 1); }
std::string fileName(const QString& path) { return std::filesystem::path(path.toStdString()).filename().string(); }

// The photos in a folder: by the fixtures' layout, pipeline/refs/ holds nothing but the run's
// reference crops.
int photosIn(const std::filesystem::path& folder) {
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) n += entry.is_regular_file();
    return n;
}

bool sameImage(const Image& a, const Image& b) { return a.width == b.width && a.height == b.height && a.rgb == b.rgb; }

}  // namespace

class ReferencePanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        models_ = test::writeFixtureModelsFolder(dir_.filePath(QStringLiteral("models")));
    }

    void facesAreFoundOffTheGuiThreadAsTheEngineFindsThem() {
        FaceDetectionService detection;
        detection.configure(models_, pipeline::DeviceChoice::Cpu);
        ReferencePanel panel(&detection);
        panel.addFiles({firstRef()});
        QCOMPARE(panel.count(), 1);
        QVERIFY(panel.isBusy());  // the window is not blocked while the photo is read and searched
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 120000);

        const pipeline::FaceFinder finder(pipeline::resolveModelFiles(models_.toStdString()));
        const auto faces = finder.find(face::loadPhoto(firstRef().toStdString()));
        const ReferenceItem& item = panel.item(0);
        QCOMPARE(int(item.faces.size()), int(faces.size()));
        QCOMPARE(item.state, faces.empty() ? ReferenceItem::State::NoFace : ReferenceItem::State::Ready);
        if (faces.empty()) return;
        QCOMPARE(item.faces[0].x1, faces[0].x1);
        // The engine receives the chosen face's aligned crop, exactly as the detector made it.
        const auto refs = panel.references();
        QCOMPARE(int(refs.size()), 1);
        QVERIFY(refs[0].isCrop);
        QVERIFY(sameImage(refs[0].image, faces[0].aligned));
        QCOMPARE(refs[0].label, fileName(firstRef()));
    }

    void clickingAFaceChoosesIt() {
        FaceDetectionService detection;
        detection.configure(models_, pipeline::DeviceChoice::Cpu);
        ReferencePanel panel(&detection);
        panel.resize(360, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.addFiles({lastRef()});
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 120000);
        const ReferenceItem& item = panel.item(0);
        if (item.faces.size() < 2) QSKIP("the fixture detector finds fewer than two faces in this photo");
        ReferencePhotoView* view = panel.card(0)->photoView();
        // The last face whose centre no smaller box covers: a click there must pick it.
        int target = -1;
        for (int i = int(item.faces.size()) - 1; i > 0 && target < 0; --i) {
            const QPointF c = view->faceRect(i).center();
            bool covered = false;
            for (int j = 0; j < int(item.faces.size()); ++j)
                covered |= j != i && view->faceRect(j).contains(c) && view->faceRect(j).width() <= view->faceRect(i).width();
            if (!covered) target = i;
        }
        QVERIFY(target > 0);
        QTest::mouseClick(view, Qt::LeftButton, {}, view->faceRect(target).center().toPoint());
        QCOMPARE(panel.item(0).chosenFace, target);
        QVERIFY(sameImage(panel.references().at(0).image, panel.item(0).faces[target].aligned));
        QVERIFY(panel.card(0)->statusText().contains(QString::number(target + 1)));
    }

    void manualBoxDisableAndRemove() {
        FaceDetectionService detection;
        detection.configure(models_, pipeline::DeviceChoice::Cpu);
        ReferencePanel panel(&detection);
        panel.addFiles({firstRef(), lastRef()});
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 120000);

        // A box inside the photo, whatever its size.
        const Image& photo = panel.item(0).photo;
        const pipeline::PixelBox box{photo.width / 10, photo.height / 8, photo.width * 3 / 4, photo.height * 4 / 5};
        panel.setManualBox(0, box);
        auto refs = panel.references();
        QVERIFY(refs.size() >= 1);
        QVERIFY(refs[0].manualBox.has_value());
        QVERIFY(!refs[0].isCrop);
        QCOMPARE(refs[0].manualBox->x2, box.x2);
        QVERIFY(sameImage(refs[0].image, panel.item(0).photo));

        panel.setReferenceEnabled(0, false);
        QVERIFY(panel.references().size() == refs.size() - 1);
        QVERIFY(panel.problems().isEmpty());  // a disabled reference is not a problem
        panel.remove(0);
        QCOMPARE(panel.count(), 1);
        QCOMPARE(panel.item(0).label, QString::fromStdString(fileName(lastRef())));
    }

    void noFaceNeedsAManualBox() {
        ReferenceItem item;
        item.label = QStringLiteral("back.jpg");
        item.photo = Image{8, 8, std::vector<std::uint8_t>(8 * 8 * 3, 0)};
        item.state = ReferenceItem::State::NoFace;
        QVERIFY(!item.usable());
        QVERIFY(!item.toReference());
        item.manualBox = pipeline::PixelBox{0, 0, 8, 8};
        QVERIFY(item.usable());
        QVERIFY(item.toReference()->manualBox.has_value());
        QCOMPARE(item.crop().size(), QSize(8, 8));
    }

    void withoutADetectorTheEngineSearches() {
        FaceDetectionService detection;
        detection.configure(dir_.filePath(QStringLiteral("empty")), pipeline::DeviceChoice::Cpu);
        ReferencePanel panel(&detection);
        panel.addFiles({firstRef()});
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 60000);
        QCOMPARE(panel.item(0).state, ReferenceItem::State::Unchecked);
        QVERIFY(!panel.item(0).message.isEmpty());
        const auto refs = panel.references();
        QCOMPARE(int(refs.size()), 1);
        QVERIFY(!refs[0].isCrop);
        QCOMPARE(refs[0].faceIndex, 0);
    }

    void foldersDropsAndClipboard() {
        FaceDetectionService detection;
        detection.configure(dir_.filePath(QStringLiteral("empty")), pipeline::DeviceChoice::Cpu);
        ReferencePanel panel(&detection);
        const auto folder = test::pipelineReferenceFiles().at(0).parent_path();
        panel.addFiles({QString::fromStdString(folder.string())});
        const int inFolder = photosIn(folder);
        QVERIFY(inFolder > 0);
        QCOMPARE(panel.count(), inFolder);

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(lastRef())});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(&panel, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(&panel, &drop);
        QCOMPARE(panel.count(), inFolder + 1);

        QImage image(40, 30, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QApplication::clipboard()->setImage(image);
        QVERIFY(panel.pasteFromClipboard());
        QCOMPARE(panel.count(), inFolder + 2);
        QCOMPARE(panel.item(inFolder + 1).photo.width, 40);

        const QString broken = dir_.filePath(QStringLiteral("broken.png"));
        QFile(broken).open(QIODevice::WriteOnly);
        panel.addFiles({broken});
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 60000);
        QCOMPARE(panel.item(inFolder + 2).state, ReferenceItem::State::Failed);
        QVERIFY(!panel.item(inFolder + 2).usable());
        QCOMPARE(int(panel.references().size()), inFolder + 2);
    }

private:
    QTemporaryDir dir_;
    QString models_;
};

QTEST_MAIN(ReferencePanelTest)
#include "test_referencepanel.moc"
