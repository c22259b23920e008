// The viewer and gallery built for issue 14: two results (or a result and a reference photo)
// compared side by side or by swiping, the gallery walked with the keyboard (the viewer and the
// gallery following each other), and results dragged out as files.
#include "galleryitem.h"
#include "gallerymodel.h"
#include "galleryview.h"
#include "imageconversion.h"
#include "imageparameters.h"
#include "imageviewer.h"
#include "pipeline/generation_metadata.h"

#include <QApplication>
#include <QCoro/QCoroTask>
#include <QDir>
#include <QDrag>
#include <QFileInfo>
#include <QImageReader>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUrl>

#include <chrono>
#include <thread>

using namespace flashface;
using namespace flashface::ui;

namespace {

// Flat colours, so a drawn pixel says which image it came from.
QImage flat(QSize size, QColor colour) {
    QImage image(size, QImage::Format_RGB888);
    image.fill(colour);
    return image;
}

QString store(const QString& folder, std::uint32_t seed, QColor colour, QSize size = {120, 90}) {
    pipeline::GenerationSettings settings;
    settings.seed = seed;
    settings.prompt = "result " + std::to_string(seed);
    QDir().mkpath(folder);
    return QString::fromStdString(
        pipeline::saveGeneratedImage(folder.toStdString(), toImage(flat(size, colour)), pipeline::ImageMetadata{settings, {"ref0.png"}}, "c").string());
}

QColor pixelAt(QWidget* widget, QPointF at) { return widget->grab().toImage().pixelColor(at.toPoint()); }

bool near(QColor a, QColor b) {
    return std::abs(a.red() - b.red()) < 8 && std::abs(a.green() - b.green()) < 8 && std::abs(a.blue() - b.blue()) < 8;
}

}  // namespace

class CompareTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        folder_ = dir_.filePath(QStringLiteral("results"));
        // Oldest first; the gallery shows the newest first: rows 0 blue, 1 green, 2 red.
        const QList<QColor> colours{Qt::red, Qt::green, Qt::blue};
        for (int i = 0; i < colours.size(); ++i) {
            store(folder_, 10 + i, colours[i]);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    void sideBySideShowsBothWithTheSameZoom() {
        GalleryModel model;
        QCoro::waitFor(model.addFolder(folder_));
        QCOMPARE(model.rowCount(), 3);
        ImageViewer viewer(&model);
        viewer.resize(700, 400);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.showRow(0);
        ZoomableImageView* view = viewer.view();
        QVERIFY(!view->comparing());

        viewer.compareWithRow(2);
        QVERIFY(view->comparing());
        QCOMPARE(view->compareMode(), CompareMode::SideBySide);
        // Each image fits its half; both drawn the same size, the second to the right.
        QVERIFY(view->imageRect().right() <= view->width() / 2.0 + 0.5);
        QCOMPARE(view->compareRect().size(), view->imageRect().size());
        QVERIFY(view->compareRect().left() >= view->width() / 2.0 - 0.5);
        QVERIFY(near(pixelAt(view, view->imageRect().center()), Qt::blue));
        QVERIFY(near(pixelAt(view, view->compareRect().center()), Qt::red));
        QVERIFY(viewer.statusText().contains(QFileInfo(model.item(2).path).fileName()));

        // Zoom and pan act on both at once.
        view->zoomBy(2);
        QCOMPARE(view->compareRect().size(), view->imageRect().size());
        QCOMPARE(view->compareRect().top(), view->imageRect().top());

        // The second stays pinned while the first goes on through the gallery.
        QTest::keyClick(&viewer, Qt::Key_0);
        QTest::keyClick(&viewer, Qt::Key_Right);
        QCOMPARE(viewer.row(), 1);
        QVERIFY(near(pixelAt(view, view->imageRect().center()), Qt::green));
        QVERIFY(near(pixelAt(view, view->compareRect().center()), Qt::red));

        QTest::keyClick(&viewer, Qt::Key_C);  // C stops comparing
        QVERIFY(!view->comparing());
        QTest::keyClick(&viewer, Qt::Key_C);  // and pins the image shown
        QVERIFY(view->comparing());
        QCOMPARE(view->compareImage().pixelColor(0, 0), QColor(Qt::green));
    }

    void swipeShowsTheFirstLeftOfTheDividerAndTheSecondRightOfIt() {
        GalleryModel model;
        QCoro::waitFor(model.addFolder(folder_));
        ImageViewer viewer(&model);
        viewer.resize(600, 420);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        viewer.showRow(0);
        viewer.compareWithRow(1);
        QTest::keyClick(&viewer, Qt::Key_M);
        ZoomableImageView* view = viewer.view();
        QCOMPARE(view->compareMode(), CompareMode::Swipe);
        QCOMPARE(view->compareRect(), view->imageRect());  // one over the other
        const QRectF rect = view->imageRect();
        const auto at = [&](double fraction) { return QPointF(rect.left() + rect.width() * fraction, rect.center().y()); };
        view->setSwipePosition((rect.left() + rect.width() * 0.5) / view->width());
        QVERIFY(near(pixelAt(view, at(0.25)), Qt::blue));
        QVERIFY(near(pixelAt(view, at(0.75)), Qt::green));

        // Dragging the divider to the right shows more of the first image.
        const QPoint divider(qRound(view->swipePosition() * view->width()), qRound(rect.center().y()));
        const QPoint target = at(0.9).toPoint();
        QTest::mousePress(view, Qt::LeftButton, {}, divider);
        QTest::mouseMove(view, target);
        QTest::mouseRelease(view, Qt::LeftButton, {}, target);
        QVERIFY(std::abs(view->swipePosition() * view->width() - target.x()) < 1.5);
        QVERIFY(near(pixelAt(view, at(0.75)), Qt::blue));
        QVERIFY(near(pixelAt(view, at(0.95)), Qt::green));
        QTest::keyClick(&viewer, Qt::Key_BracketLeft);  // the keyboard moves it too
        QVERIFY(view->swipePosition() * view->width() < target.x());
    }

    void aResultIsComparedWithAReferencePhoto() {
        GalleryModel model;
        QCoro::waitFor(model.addFolder(folder_));
        ImageViewer viewer(&model);
        viewer.resize(700, 400);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        const QImage crop = flat({40, 60}, Qt::yellow);  // another shape than the results
        viewer.setReferenceSource([crop] { return QList<QPair<QString, QImage>>{{QStringLiteral("me.jpg"), crop}}; });
        viewer.showRow(0);
        // The Compare menu offers the reference photos.
        QMenu* menu = viewer.compareButton()->menu();
        emit menu->aboutToShow();
        QAction* fromReference = nullptr;
        for (QAction* action : menu->actions())
            if (action->menu())
                for (QAction* ref : action->menu()->actions())
                    if (ref->text() == QStringLiteral("me.jpg")) fromReference = ref;
        QVERIFY(fromReference);
        fromReference->trigger();
        ZoomableImageView* view = viewer.view();
        QVERIFY(view->comparing());
        // Its own shape, inside the result's rectangle, in the right half.
        const QRectF second = view->compareRect();
        QVERIFY(std::abs(second.width() / second.height() - 40.0 / 60.0) < 0.02);
        QVERIFY(std::abs(second.height() - view->imageRect().height()) < 0.5);
        QVERIFY(near(pixelAt(view, second.center()), Qt::yellow));
        QVERIFY(viewer.statusText().contains(QStringLiteral("me.jpg")));
    }

    // Arrows move through the gallery, Enter or Space opens the viewer there, and the gallery
    // follows the viewer's image.
    void theGalleryIsWalkedWithTheKeyboard() {
        GalleryModel model;
        QCoro::waitFor(model.addFolder(folder_));
        GalleryView gallery(&model);
        gallery.resize(700, 200);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        gallery.setFocus();
        gallery.setCurrentIndex(model.index(0));
        QSignalSpy view(&gallery, &GalleryView::viewRequested);
        QSignalSpy activated(&gallery, &GalleryView::itemActivated);
        QTest::keyClick(&gallery, Qt::Key_Right);
        QCOMPARE(gallery.currentIndex().row(), 1);
        QTest::keyClick(&gallery, Qt::Key_End);
        QCOMPARE(gallery.currentIndex().row(), 2);
        QTest::keyClick(&gallery, Qt::Key_Left);
        QCOMPARE(gallery.currentIndex().row(), 1);
        QTest::keyClick(&gallery, Qt::Key_Space);
        QCOMPARE(view.count(), 1);
        QCOMPARE(view.at(0).at(0).toInt(), 1);
        QTest::keyClick(&gallery, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), 1);

        ImageViewer viewer(&model);
        QSignalSpy shown(&viewer, &ImageViewer::rowShown);
        viewer.showRow(1);
        viewer.next();
        QCOMPARE(shown.count(), 2);
        QCOMPARE(shown.last().at(0).toInt(), 2);
    }

    void resultsAreDraggedOutAsFiles() {
        GalleryModel model;
        QCoro::waitFor(model.addFolder(folder_));
        GalleryItem unsaved;  // a result that could not be written to the output folder
        unsaved.image = flat({32, 24}, Qt::magenta);
        unsaved.thumbnail = unsaved.image;
        unsaved.settings.seed = 4242;
        unsaved.settings.prompt = "not saved";
        unsaved.referenceWeights = {1.5};
        unsaved.referenceLabels = {QStringLiteral("ref0.png")};
        model.prepend({unsaved});
        GalleryView gallery(&model);
        QVERIFY(gallery.dragEnabled());
        QVERIFY(model.flags(model.index(1)) & Qt::ItemIsDragEnabled);

        // Pressing on a thumbnail and moving starts a drag that carries the model's data.
        gallery.resize(600, 220);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        const QPoint from = gallery.visualRect(model.index(1)).center();
        // Where the platform runs a drag loop (xcb), this ends it; offscreen's drag returns at
        // once, leaving the QDrag to be deleted later.
        QList<QUrl> dragged;
        const auto capture = [&] {
            if (QDrag* drag = gallery.findChild<QDrag*>()) {
                dragged = drag->mimeData()->urls();
                QDrag::cancel();
            }
        };
        QTimer poll;
        connect(&poll, &QTimer::timeout, &gallery, capture);
        poll.start(50);
        QTest::mousePress(gallery.viewport(), Qt::LeftButton, {}, from);
        for (const QPoint step : {QPoint(20, 15), QPoint(60, 45)}) {  // the button held, past the drag distance
            QMouseEvent move(QEvent::MouseMove, QPointF(from + step), gallery.viewport()->mapToGlobal(QPointF(from + step)),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(gallery.viewport(), &move);
        }
        capture();
        poll.stop();
        QTest::mouseRelease(gallery.viewport(), Qt::LeftButton, {}, from + QPoint(60, 45));
        QCOMPARE(dragged, QList<QUrl>{QUrl::fromLocalFile(model.item(1).path)});

        // A saved result: its own file.
        std::unique_ptr<QMimeData> saved(model.mimeData({model.index(1)}));
        QVERIFY(saved);
        QCOMPARE(saved->urls(), QList<QUrl>{QUrl::fromLocalFile(model.item(1).path)});
        QVERIFY(saved->hasImage());

        // An unsaved one: written first, with its parameters, to a temporary file.
        std::unique_ptr<QMimeData> written(model.mimeData({model.index(0)}));
        QVERIFY(written);
        QCOMPARE(written->urls().size(), 1);
        const QString file = written->urls().front().toLocalFile();
        QVERIFY(QFileInfo::exists(file));
        QVERIFY(!file.startsWith(folder_));
        QCOMPARE(QImageReader(file).read().convertToFormat(QImage::Format_RGB888), unsaved.image);
        pipeline::ImageMetadata metadata;
        QCOMPARE(readImageParameters(file, &metadata), QString());
        QCOMPARE(metadata.settings.seed, 4242u);
        QCOMPARE(metadata.referenceWeights, std::vector<double>{1.5});
        QVERIFY(!model.item(0).saved());  // still unsaved in the gallery: the temporary file is not its home
    }

private:
    QTemporaryDir dir_;
    QString folder_;
};

QTEST_MAIN(CompareTest)
#include "test_compare.moc"
