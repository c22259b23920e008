// The face-position canvas and its panel, driven by simulated mouse and keyboard events.
#include "faceboxcanvas.h"
#include "faceboxgeometry.h"
#include "facepositionpanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTest>

using flashface::pipeline::FaceBox;
using namespace flashface::ui;

namespace {

QPoint at(const FaceBoxCanvas& canvas, double ux, double uy) {
    const QRectF f = canvas.frameRect();
    return QPointF(f.left() + ux * f.width(), f.top() + uy * f.height()).toPoint();
}

void drag(FaceBoxCanvas& canvas, QPoint from, QPoint to) {
    QTest::mousePress(&canvas, Qt::LeftButton, {}, from);
    // Several moves, as a real drag delivers them.
    for (int i = 1; i <= 4; ++i) QTest::mouseMove(&canvas, from + (to - from) * i / 4);
    QTest::mouseRelease(&canvas, Qt::LeftButton, {}, to);
}

void expectBox(const FaceBox& b, double x1, double y1, double x2, double y2, double tol = 0.004) {
    QVERIFY2(std::abs(b.x1 - x1) < tol && std::abs(b.y1 - y1) < tol && std::abs(b.x2 - x2) < tol &&
                 std::abs(b.y2 - y2) < tol,
             qPrintable(QStringLiteral("box [%1, %2, %3, %4], expected [%5, %6, %7, %8]")
                            .arg(b.x1).arg(b.y1).arg(b.x2).arg(b.y2).arg(x1).arg(y1).arg(x2).arg(y2)));
}

}  // namespace

class FaceBoxCanvasTest : public QObject {
    Q_OBJECT
private slots:
    void init() {
        canvas_ = std::make_unique<FaceBoxCanvas>();
        canvas_->resize(420, 420);
        canvas_->setOutputSize(QSize(768, 768));
        canvas_->show();
        QVERIFY(QTest::qWaitForWindowExposed(canvas_.get()));
    }
    void cleanup() { canvas_.reset(); }

    void drawingGivesNormalisedBoxAndEffectiveSquare() {
        QSignalSpy changed(canvas_.get(), &FaceBoxCanvas::boxChanged);
        // Drawn from bottom-right to top-left: the box must still come out ordered.
        drag(*canvas_, at(*canvas_, 0.5, 0.5), at(*canvas_, 0.25, 0.1));
        QVERIFY(changed.count() >= 1);
        expectBox(canvas_->box(), 0.25, 0.1, 0.5, 0.5);

        // The model uses the square of the longer side from the top-left corner.
        const FaceBox b = canvas_->box();
        const QRect px = effectiveSquarePixels(b, QSize(768, 768));
        const int x1 = int(b.x1 * 768), y1 = int(b.y1 * 768);
        const int side = std::max(int(b.x2 * 768) - x1, int(b.y2 * 768) - y1);
        QCOMPARE(px, QRect(x1, y1, side, side));
        QVERIFY(side > int((b.x2 - b.x1) * 768));  // taller than wide: the square is wider than the box
    }

    void effectiveSquareIsClippedAtTheEdges() {
        const QRect px = effectiveSquarePixels(FaceBox{0.8f, 0.5f, 0.95f, 0.9f}, QSize(768, 512));
        // x1 = 614, y1 = 256, side = max(729 - 614, 460 - 256) = 204; right edge clipped at 768.
        QCOMPARE(px, QRect(QPoint(614, 256), QPoint(767, 459)));
        QVERIFY(effectiveSquarePixels(FaceBox{}, QSize(768, 512)).isEmpty());
    }

    void frameFollowsOutputAspectRatio() {
        canvas_->setOutputSize(QSize(512, 768));
        const QRectF f = canvas_->frameRect();
        QCOMPARE(qRound(f.width() / f.height() * 1000), qRound(512.0 / 768 * 1000));
    }

    void clickWithoutDragKeepsTheBox() {
        canvas_->setBox(FaceBox{0.3f, 0.2f, 0.6f, 0.5f});
        QTest::mouseClick(canvas_.get(), Qt::LeftButton, {}, at(*canvas_, 0.9, 0.9));
        expectBox(canvas_->box(), 0.3, 0.2, 0.6, 0.5, 1e-6);
    }

    void dragInsideMovesAndStaysInside() {
        canvas_->setBox(FaceBox{0.3f, 0.2f, 0.6f, 0.5f});
        drag(*canvas_, at(*canvas_, 0.45, 0.35), at(*canvas_, 0.55, 0.30));
        expectBox(canvas_->box(), 0.4, 0.15, 0.7, 0.45);
        // Far past the right edge: the box keeps its size and stops at the edge.
        drag(*canvas_, at(*canvas_, 0.55, 0.30), at(*canvas_, 1.3, 0.30));
        expectBox(canvas_->box(), 0.7, 0.15, 1.0, 0.45);
    }

    void handlesResize() {
        canvas_->setBox(FaceBox{0.3f, 0.2f, 0.6f, 0.5f});
        drag(*canvas_, at(*canvas_, 0.6, 0.5), at(*canvas_, 0.8, 0.6));  // bottom-right corner
        expectBox(canvas_->box(), 0.3, 0.2, 0.8, 0.6);
        drag(*canvas_, at(*canvas_, 0.3, 0.4), at(*canvas_, 0.1, 0.9));  // left edge: only x moves
        expectBox(canvas_->box(), 0.1, 0.2, 0.8, 0.6);
    }

    void deleteClearsTheConstraint() {
        canvas_->setBox(FaceBox{0.3f, 0.2f, 0.6f, 0.5f});
        QSignalSpy changed(canvas_.get(), &FaceBoxCanvas::boxChanged);
        canvas_->setFocus();
        QTest::keyClick(canvas_.get(), Qt::Key_Delete);
        QVERIFY(canvas_->box().isNone());
        QCOMPARE(changed.count(), 1);
    }

    void panelKeepsFieldsCanvasAndPresetsInSync() {
        FacePositionPanel panel;
        panel.resize(400, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        FaceBoxCanvas& canvas = *panel.canvas();

        drag(canvas, at(canvas, 0.2, 0.2), at(canvas, 0.4, 0.5));
        // Drawn boxes snap to thousandths, so the fields show them exactly.
        const FaceBox drawn = canvas.box();
        expectBox(drawn, panel.coordinateField(0)->value(), panel.coordinateField(1)->value(),
                  panel.coordinateField(2)->value(), panel.coordinateField(3)->value(), 1e-6);
        expectBox(drawn, 0.2, 0.2, 0.4, 0.5);
        QCOMPARE(panel.presetBox()->currentText(), QStringLiteral("Custom"));

        panel.coordinateField(2)->setValue(0.45);
        expectBox(panel.box(), canvas.box().x1, canvas.box().y1, 0.45, canvas.box().y2, 1e-6);
        // x2 below x1 while typing: the canvas keeps the last valid box.
        panel.coordinateField(2)->setValue(0.1);
        QVERIFY(std::abs(panel.box().x2 - 0.45f) < 1e-6f);

        panel.presetBox()->setCurrentIndex(1);
        emit panel.presetBox()->activated(1);
        expectBox(panel.box(), 0.3, 0.1, 0.6, 0.4, 1e-6);
        QCOMPARE(panel.coordinateField(2)->value(), 0.6);
        panel.presetBox()->setCurrentIndex(2);
        emit panel.presetBox()->activated(2);
        QVERIFY(panel.box().isNone());
        panel.setBox(flashface::pipeline::kPortraitFaceBox);
        QCOMPARE(panel.presetBox()->currentIndex(), 0);
    }

private:
    std::unique_ptr<FaceBoxCanvas> canvas_;
};

QTEST_MAIN(FaceBoxCanvasTest)
#include "test_faceboxcanvas.moc"
