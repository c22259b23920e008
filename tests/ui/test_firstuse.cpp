// Fixes from a first-use walk (issue 14), widget by widget: focus never changes the seed mode,
// typed face-box numbers are kept, an unusable output folder is refused when chosen, unsaved
// results can still be saved, every export format carries its parameters back, and messages
// read as sentences.
#include "apppreferences.h"
#include "faceboxcanvas.h"
#include "facepositionpanel.h"
#include "fixturemodels.h"
#include "galleryitem.h"
#include "gallerymodel.h"
#include "galleryview.h"
#include "imageexport.h"
#include "imageparameters.h"
#include "imageviewer.h"
#include "pipeline/generation_metadata.h"
#include "preferencesdialog.h"
#include "referencecard.h"
#include "referenceitem.h"
#include "sentence.h"
#include "translation.h"
#include "settingshistory.h"
#include "settingspanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCoro/QCoroTask>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFontMetricsF>
#include <QImageReader>
#include <QImageWriter>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>

#include <thread>

using namespace flashface;
using namespace flashface::ui;

namespace {

QImage gradient(int width, int height) {
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) image.setPixelColor(x, y, QColor(x * 255 / width, y * 255 / height, 128));
    return image;
}

pipeline::GenerationSettings someSettings(std::uint32_t seed) {
    pipeline::GenerationSettings s;
    s.seed = seed;
    s.prompt = "a portrait, soft light  (two spaces) — ü";
    s.steps = 21;
    s.faceBox = pipeline::FaceBox{0.25f, 0.2f, 0.55f, 0.5f};
    s.guidance.lambda = 1.05f;
    return s;
}

QString store(const QString& folder, std::uint32_t seed, const std::string& prompt = {}, QSize size = {24, 16}) {
    const QImage image = gradient(size.width(), size.height());
    Image pixels{image.width(), image.height(), {}};
    for (int y = 0; y < image.height(); ++y) {
        const uchar* line = image.constScanLine(y);
        pixels.rgb.insert(pixels.rgb.end(), line, line + image.width() * 3);
    }
    pipeline::GenerationSettings settings = someSettings(seed);
    if (!prompt.empty()) settings.prompt = prompt;
    return QString::fromStdString(
        pipeline::saveGeneratedImage(folder.toStdString(), pixels, pipeline::ImageMetadata{settings, {"ref0.png"}}, "g").string());
}

}  // namespace

class FirstUseTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        test::isolateSettings(dir_.filePath(QStringLiteral("settings")), QStringLiteral("test_firstuse"));
        qputenv("XDG_DATA_HOME", dir_.filePath(QStringLiteral("data")).toUtf8());
    }

    // 1. Tabbing through the seed field keeps "Random"; typing a seed fixes it.
    void focusThroughTheSeedKeepsRandom() {
        QWidget window;
        auto* layout = new QVBoxLayout(&window);
        auto* panel = new SettingsPanel(&window);
        layout->addWidget(panel);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        panel->setRandomSeed(true);
        const std::uint32_t shown = panel->seed();
        panel->seedField()->setFocus();
        QTRY_VERIFY(panel->seedField()->hasFocus());
        QTest::keyClick(panel->seedField(), Qt::Key_Tab);  // on to the next field
        QTRY_VERIFY(!panel->seedField()->hasFocus());
        QVERIFY(panel->randomSeed());
        QCOMPARE(panel->seed(), shown);
        panel->stepsField()->setFocus();
        QVERIFY(panel->randomSeed());
        // Random draws anew each run; the fixed seed typed by the user is kept.
        QVERIFY(panel->takeSeedForRun() != shown || panel->takeSeedForRun() != shown);
        panel->seedField()->setFocus();
        panel->seedField()->selectAll();
        QTest::keyClicks(panel->seedField(), QStringLiteral("4242"));
        QTest::keyClick(panel->seedField(), Qt::Key_Return);
        QVERIFY(!panel->randomSeed());
        QCOMPARE(panel->takeSeedForRun(), 4242u);
        QCOMPARE(panel->takeSeedForRun(), 4242u);
        panel->stepSeed();
        QCOMPARE(panel->seed(), 4243u);
        QVERIFY(!panel->randomSeed());
    }

    // 6. Saving a preset selects it, even when its values equal a built-in one; edits leave it.
    void savedPresetIsSelected() {
        SettingsPanel panel;
        QVERIFY(panel.applyPreset(panel.presetNames().first()));
        panel.saveCurrentAsPreset(QStringLiteral("Mine"));
        QCOMPARE(panel.currentPresetName(), QStringLiteral("Mine"));
        pipeline::GenerationSettings s;
        panel.writeTo(s);
        s.guidance.lambda += 0.1f;
        panel.readFrom(s);
        QCOMPARE(panel.currentPresetName(), QString());  // "Custom"
        QVERIFY(panel.applyPreset(QStringLiteral("Mine")));
        QCOMPARE(panel.currentPresetName(), QStringLiteral("Mine"));
        panel.removePreset(QStringLiteral("Mine"));
    }

    // 3. "0.35" typed at a normal pace into a face-box field is 0.35, taken on Enter.
    void typedFaceBoxNumbersAreKept() {
        FacePositionPanel panel;
        panel.show();
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QSignalSpy changed(&panel, &FacePositionPanel::boxChanged);
        QDoubleSpinBox* x1 = panel.coordinateField(0);
        x1->setFocus();
        x1->selectAll();
        QTest::keyClicks(x1, QStringLiteral("0.35"));
        QCOMPARE(changed.count(), 0);  // nothing is taken while typing
        QTest::keyClick(x1, Qt::Key_Return);
        QCOMPARE(x1->value(), 0.35);
        QVERIFY(std::abs(panel.box().x1 - 0.35f) < 1e-6f);
        // Focus leaving the field takes the value too.
        QDoubleSpinBox* y1 = panel.coordinateField(1);
        y1->setFocus();
        y1->selectAll();
        QTest::keyClicks(y1, QStringLiteral("0.25"));
        panel.coordinateField(2)->setFocus();
        QTRY_VERIFY(std::abs(panel.box().y1 - 0.25f) < 1e-6f);
    }

    // 6. The "face area" label is never clipped: beside a square too small to hold it.
    void faceAreaLabelIsWhole() {
        FaceBoxCanvas canvas;
        canvas.resize(canvas.minimumSizeHint());
        const QFontMetricsF metrics(canvas.font());
        for (const pipeline::FaceBox& box : {pipeline::FaceBox{0.45f, 0.45f, 0.5f, 0.5f}, pipeline::FaceBox{0.9f, 0.92f, 0.97f, 0.99f},
                                   pipeline::FaceBox{0.0f, 0.0f, 0.05f, 0.05f}, pipeline::FaceBox{0.1f, 0.1f, 0.9f, 0.9f}}) {
            canvas.setBox(box);
            const QRectF label = canvas.faceAreaLabelRect();
            QVERIFY(!label.isEmpty());
            QVERIFY2(QRectF(canvas.rect()).contains(label), "the label leaves the canvas");
            QVERIFY(label.width() >= metrics.horizontalAdvance(canvas.faceAreaLabel()));
            QVERIFY(label.height() >= metrics.height());
        }
    }

    // 2. An output folder where nothing can be written is refused in Preferences.
    void unwritableOutputFolderIsRefused() {
        QVERIFY(!outputFolderProblem(QStringLiteral("/proc/nope")).isEmpty());
        const QString fine = dir_.filePath(QStringLiteral("new/output"));
        QCOMPARE(outputFolderProblem(fine), QString());  // created when missing
        QVERIFY(QFileInfo(fine).isDir());
        QCOMPARE(QDir(fine).entryList(QDir::Files | QDir::Hidden).size(), 0);  // the probe is gone

        AppPreferences prefs = AppPreferences::defaults();
        prefs.outputFolder = fine;
        PreferencesDialog dialog(prefs);
        dialog.show();
        dialog.outputFolderField()->setText(QStringLiteral("/proc/nope"));
        QPushButton* ok = dialog.buttonBox()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(dialog.outputFolderProblemText().contains(QStringLiteral("/proc/nope")));
        dialog.outputFolderField()->setText(fine);
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    // The reference cache's budget: the engine's default, edited in Preferences, kept across starts.
    void referenceCacheBudgetIsAPreference() {
        AppPreferences prefs = AppPreferences::defaults();
        QCOMPARE(prefs.runtime().referenceCacheBytes, pipeline::kDefaultReferenceCacheBytes);
        PreferencesDialog dialog(prefs);
        QCOMPARE(std::uint64_t(dialog.cacheField()->value()) << 20, pipeline::kDefaultReferenceCacheBytes);
        dialog.cacheField()->setValue(512);
        QCOMPARE(dialog.preferences().referenceCacheBytes, std::uint64_t{512} << 20);
        dialog.cacheField()->setValue(0);
        QCOMPARE(dialog.cacheField()->text(), QStringLiteral("Off"));

        QSettings settings(dir_.filePath(QStringLiteral("cache.ini")), QSettings::IniFormat);
        prefs.referenceCacheBytes = std::uint64_t{3} << 30;
        prefs.save(settings);
        QCOMPARE(AppPreferences::load(settings).runtime().referenceCacheBytes, std::uint64_t{3} << 30);
    }

    // 4. JPEG and WebP exports carry the parameters and read back like PNG (a face swap's target
    // photo too).
    void everyExportFormatRoundTrips() {
        GalleryItem item = GalleryItem::fromFile(store(dir_.filePath(QStringLiteral("out")), 31337));
        QVERIFY(item.saved());
        item.target = pipeline::TargetRecord{"photo.jpg", pipeline::TargetRegion::Face, 1, 0.6};
        QStringList names{QStringLiteral("a.png"), QStringLiteral("a.jpg")};
        if (QImageWriter::supportedImageFormats().contains("webp")) names.append(QStringLiteral("a.webp"));
        for (const QString& name : names) {
            const QString target = dir_.filePath(name);
            QCOMPARE(exportImage(item, target, false), QString());
            QImageReader reader(target);
            QCOMPARE(reader.size(), QImageReader(item.path).size());  // still a valid image of that size
            pipeline::ImageMetadata read;
            QCOMPARE(readImageParameters(target, &read), QString());
            QCOMPARE(read.settings.seed, item.settings.seed);
            QCOMPARE(read.settings.prompt, item.settings.prompt);  // spacing and Unicode intact
            QCOMPARE(read.settings.faceBox.x1, item.settings.faceBox.x1);
            QCOMPARE(read.settings.steps, item.settings.steps);
            QCOMPARE(read.referenceLabels, std::vector<std::string>{"ref0.png"});
            if (!name.endsWith(QLatin1String(".png"))) {  // a PNG export is the engine's file as it is
                QVERIFY2(read.target, qPrintable(name));
                QCOMPARE(read.target->label, std::string("photo.jpg"));
                QCOMPARE(read.target->faceIndex, 1);
                QVERIFY(std::abs(read.target->strength - 0.6) < 1e-6);  // stored as a float's decimal
            }
        }
        // A photo without parameters is said to have none, in every format.
        const QString plain = dir_.filePath(QStringLiteral("plain.jpg"));
        QVERIFY(gradient(8, 8).save(plain));
        pipeline::ImageMetadata none;
        QVERIFY(!readImageParameters(plain, &none).isEmpty());
    }

    void aNameWithoutExtensionGetsTheFormats() {
        QCOMPARE(exportTarget(QStringLiteral("/x/portrait"), QStringLiteral("JPEG (*.jpg *.jpeg)")),
                 QStringLiteral("/x/portrait.jpg"));
        QCOMPARE(exportTarget(QStringLiteral("/x/portrait.v2"), QStringLiteral("WebP (*.webp)")),
                 QStringLiteral("/x/portrait.v2.webp"));
        QCOMPARE(exportTarget(QStringLiteral("/x/portrait.JPG"), QStringLiteral("PNG with parameters (*.png)")),
                 QStringLiteral("/x/portrait.JPG"));
        QCOMPARE(exportTarget(QStringLiteral("/x/p"), exportFilters().first()), QStringLiteral("/x/p.png"));
    }

    // 2. An image that could not be saved stays in the gallery and can be saved elsewhere.
    void unsavedImageCanBeSavedAs() {
        GalleryModel model;
        GalleryView view(&model);
        GalleryItem unsaved;
        unsaved.image = gradient(40, 30);
        unsaved.thumbnail = GalleryItem::makeThumbnail(unsaved.image);
        unsaved.settings = someSettings(77);
        unsaved.created = QDateTime::currentDateTime();
        model.prepend({unsaved});
        QVERIFY(!model.item(0).saved());
        QCOMPARE(model.unsavedCount(), 1);
        QCOMPARE(model.index(0).data(GalleryModel::SavedRole).toBool(), false);
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Save As")));

        const QString target = dir_.filePath(QStringLiteral("rescued.png"));
        QCOMPARE(view.saveTo(0, target, false), QString());
        QVERIFY(model.item(0).saved());
        QCOMPARE(model.unsavedCount(), 0);
        QCOMPARE(QImageReader(target).size(), QSize(40, 30));
        QCOMPARE(pipeline::readImageMetadata(target.toStdString()).settings.seed, 77u);  // a gallery PNG like any other
        QCOMPARE(GalleryItem::fromFile(target).settings.seed, 77u);
    }

    // 2. Choosing another output folder keeps the earlier folder's images in view.
    void earlierFoldersStayInTheGallery() {
        const QString first = dir_.filePath(QStringLiteral("first")), second = dir_.filePath(QStringLiteral("second"));
        const QString a = store(first, 1);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const QString b = store(second, 2);
        GalleryModel model;
        QCoro::waitFor(model.addFolder(first));
        QCOMPARE(model.rowCount(), 1);
        QCoro::waitFor(model.addFolder(second));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.item(0).path, b);  // newest first
        QCOMPARE(model.item(1).path, a);
        QCoro::waitFor(model.addFolder(first));  // again: each file once
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.folders().size(), 2);
    }

    // 5. Without a file manager, "Open Containing Folder" says so and copies the path.
    void openFolderWithoutFileManagerSaysSo() {
        GalleryModel model;
        GalleryView view(&model);
        QCoro::waitFor(model.addFolder(dir_.filePath(QStringLiteral("first"))));
        QVERIFY(model.rowCount() > 0);
        QSignalSpy messages(&view, &GalleryView::message);
        if (view.openContainingFolder(0)) QSKIP("a file manager is available here");
        QCOMPARE(messages.count(), 1);
        QVERIFY(messages.at(0).at(0).toString().contains(QStringLiteral("clipboard")));
        QCOMPARE(QApplication::clipboard()->text(),
                 QDir::toNativeSeparators(QFileInfo(model.item(0).path).absolutePath()));
    }

    // 6. Engine clauses are shown as sentences.
    void warningsAreSentences() {
        QCOMPARE(asSentence(QStringLiteral("the face is only 16×16 pixels")), QStringLiteral("The face is only 16×16 pixels."));
        QCOMPARE(asSentence(QStringLiteral("Done.")), QStringLiteral("Done."));
        ReferenceItem item;
        item.label = QStringLiteral("small.png");
        item.state = ReferenceItem::State::Ready;
        pipeline::FaceCandidate face{};
        face.score = 0.9f;
        face.warning = "the face is only 16×16 pixels (under 64); the reference will lack detail";
        face.aligned = Image{8, 8, std::vector<std::uint8_t>(8 * 8 * 3, 100)};
        item.faces.push_back(face);
        item.photo = Image{32, 32, std::vector<std::uint8_t>(32 * 32 * 3, 90)};
        item.preview = gradient(32, 32);
        ReferenceCard card;
        card.setItem(item);
        const QString status = card.statusText();
        QVERIFY2(status.contains(QStringLiteral("The face is only 16×16 pixels")), qPrintable(status));
        QVERIFY2(status.endsWith(QLatin1Char('.')), qPrintable(status));
    }


    // Also built: the full-size viewer zooms, pans, shows 1:1 and fit, and walks the gallery.
    void viewerZoomsPansAndWalksTheGallery() {
        const QString folder = dir_.filePath(QStringLiteral("viewer"));
        GalleryModel model;
        for (int i = 0; i < 3; ++i) {
            store(folder, 100 + i, "image " + std::to_string(i), QSize(600 + 100 * i, 400));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        QCoro::waitFor(model.addFolder(folder));
        QCOMPARE(model.rowCount(), 3);
        ImageViewer viewer(&model);
        viewer.resize(500, 400);
        viewer.show();
        viewer.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&viewer));
        viewer.showRow(0);
        ZoomableImageView* view = viewer.view();
        QCOMPARE(view->image().size(), QImageReader(model.item(0).path).size());  // full size, not the thumbnail
        QVERIFY(view->fitsWindow());
        QVERIFY(view->zoom() < 1);
        QVERIFY(QRectF(view->rect()).adjusted(-0.5, -0.5, 0.5, 0.5).contains(view->imageRect()));

        QTest::keyClick(&viewer, Qt::Key_1);
        QCOMPARE(view->zoom(), 1.0);
        QCOMPARE(view->imageRect().size(), QSizeF(view->image().size()));
        // At 1:1 the image is larger than the view: it pans, never past its edges.
        const QRectF before = view->imageRect();
        view->panBy({-20, -4});
        QCOMPARE(view->imageRect().topLeft(), before.topLeft() + QPointF(-20, -4));
        view->panBy({-100000, -100000});
        QCOMPARE(view->imageRect().right(), double(view->width()));
        QCOMPARE(view->imageRect().bottom(), double(view->height()));
        // Zooming keeps the point under the pointer where it is.
        const QPointF anchor(view->width() / 3.0, view->height() / 2.0);
        const QPointF imagePoint = (anchor - view->imageRect().topLeft()) / view->zoom();
        view->zoomBy(2, anchor);
        QCOMPARE(view->zoom(), 2.0);
        const QPointF after = (anchor - view->imageRect().topLeft()) / view->zoom();
        QVERIFY(std::abs(after.x() - imagePoint.x()) < 1e-6 && std::abs(after.y() - imagePoint.y()) < 1e-6);
        QTest::keyClick(&viewer, Qt::Key_0);
        QVERIFY(view->fitsWindow());

        // Keyboard through the gallery.
        QTest::keyClick(&viewer, Qt::Key_Right);
        QCOMPARE(viewer.row(), 1);
        QTest::keyClick(&viewer, Qt::Key_End);
        QCOMPARE(viewer.row(), 2);
        QTest::keyClick(&viewer, Qt::Key_Right);  // stays on the last
        QCOMPARE(viewer.row(), 2);
        QTest::keyClick(&viewer, Qt::Key_Home);
        QCOMPARE(viewer.row(), 0);
        QVERIFY(viewer.statusText().contains(QStringLiteral("1 of 3")));
        // Only the images the gallery shows.
        viewer.setRowFilter([](int row) { return row != 1; });
        viewer.next();
        QCOMPARE(viewer.row(), 2);
        // A new image in front of the gallery: the same image stays shown.
        const QString path = model.item(2).path;
        GalleryItem fresh;
        fresh.image = gradient(10, 10);
        fresh.thumbnail = fresh.image;
        fresh.created = QDateTime::currentDateTime();
        model.prepend({fresh});
        QCOMPARE(model.item(viewer.row()).path, path);
    }

    // Also built: undo and redo of face box and settings edits, one step per pause.
    void undoRedoFaceBoxAndSettings() {
        SettingsPanel settings;
        FacePositionPanel face;
        SettingsHistory history(&settings, &face);
        settings.setRandomSeed(true);
        history.reset();
        pipeline::GenerationSettings s;
        settings.writeTo(s);
        const float lambda = s.guidance.lambda;
        const pipeline::FaceBox box = face.box();

        s.guidance.lambda = lambda + 0.2f;
        settings.readFrom(s);
        history.commit();
        face.setBox(pipeline::FaceBox{0.1f, 0.1f, 0.4f, 0.45f});
        face.setBox(pipeline::FaceBox{0.12f, 0.1f, 0.42f, 0.45f});  // a drag: one step
        QCOMPARE(history.stack()->count(), 1);  // still gathering the box edit
        settings.takeSeedForRun();              // a random seed is no edit
        history.commit();
        QCOMPARE(history.stack()->count(), 2);

        history.undo();
        QCOMPARE(face.box().x1, box.x1);
        pipeline::GenerationSettings now;
        settings.writeTo(now);
        QVERIFY(std::abs(now.guidance.lambda - (lambda + 0.2f)) < 1e-4f);
        history.undo();
        settings.writeTo(now);
        QVERIFY(std::abs(now.guidance.lambda - lambda) < 1e-4f);
        QVERIFY(settings.randomSeed());
        history.redo();
        settings.writeTo(now);
        QVERIFY(std::abs(now.guidance.lambda - (lambda + 0.2f)) < 1e-4f);
        history.redo();
        QVERIFY(std::abs(face.box().x1 - 0.12f) < 1e-4f);
        // An edit after undo drops the redo steps, as everywhere.
        history.undo();
        face.setBox(pipeline::FaceBox{0.2f, 0.2f, 0.5f, 0.5f});
        history.commit();
        QVERIFY(!history.stack()->canRedo());
        // Pauses close steps by themselves.
        face.setBox(pipeline::FaceBox{0.3f, 0.3f, 0.6f, 0.6f});
        const int steps = history.stack()->count();
        QTRY_COMPARE_WITH_TIMEOUT(history.stack()->count(), steps + 1, SettingsHistory::kPauseMs * 10);
    }

    // Also built: the gallery filters by prompt text and by favourites, which are kept.
    void galleryFiltersAndKeepsFavourites() {
        const QString folder = dir_.filePath(QStringLiteral("history"));
        store(folder, 1, "a knight before a castle");
        store(folder, 2, "portrait in the rain");
        store(folder, 3, "Castle gardens at dusk");
        {
            GalleryModel model;
            GalleryView view(&model);
            QCoro::waitFor(model.addFolder(folder));
            QCOMPARE(view.shownCount(), model.rowCount());
            view.setFilter(QStringLiteral("castle"), false);
            QCOMPARE(view.shownCount(), 2);
            for (int row = 0; row < model.rowCount(); ++row)
                QCOMPARE(view.isShown(row), model.item(row).settings.prompt.find("astle") != std::string::npos);
            const int rain = [&] {
                for (int row = 0; row < model.rowCount(); ++row)
                    if (model.item(row).settings.prompt.find("rain") != std::string::npos) return row;
                return -1;
            }();
            QVERIFY(rain >= 0);
            view.toggleFavourite(rain);
            QVERIFY(model.isFavourite(rain));
            view.setFilter(QString(), true);
            QCOMPARE(view.shownCount(), 1);
            QVERIFY(view.isShown(rain));
        }
        GalleryModel later;  // favourites survive a restart
        QCoro::waitFor(later.addFolder(folder));
        int favourites = 0;
        for (int row = 0; row < later.rowCount(); ++row) favourites += later.isFavourite(row) ? 1 : 0;
        QCOMPARE(favourites, 1);
    }

    // 6. Qt's own dialogs follow the interface language (needs Qt's translations installed).
    void qtDialogsAreTranslated() {
        if (!QFileInfo::exists(QDir(QLibraryInfo::path(QLibraryInfo::TranslationsPath)).filePath(QStringLiteral("qtbase_zh_CN.qm"))))
            QSKIP("Qt's own translations (qt6-translations-l10n) are not installed");
        installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN"));
        const QString cancel = QCoreApplication::translate("QPlatformTheme", "Cancel");
        QVERIFY2(cancel != QStringLiteral("Cancel"), qPrintable(cancel));
        QVERIFY(QCoreApplication::translate("flashface::ui::SettingsPanel", "Random") != QStringLiteral("Random"));
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(FirstUseTest)
#include "test_firstuse.moc"
