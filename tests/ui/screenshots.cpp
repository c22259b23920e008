// Renders the main states of FlashFace Studio into PNG files for the documentation:
//
//     flashface_screenshots docs/screenshots            (FLASHFACE_FIXTURES names the fixtures)
//
// It runs the real window on the fixture models (random weights: the "generated" images are
// noise) with isolated settings. Run it under xvfb-run or QT_QPA_PLATFORM=offscreen; Chinese needs
// a CJK font (fonts-wqy-microhei).
#include "apppreferences.h"
#include "facepositionpanel.h"
#include "fixturemodels.h"
#include "gallerymodel.h"
#include "generationqueue.h"
#include "imageviewer.h"
#include "mainwindow.h"
#include "manualcropdialog.h"
#include "preferencesdialog.h"
#include "prompteditor.h"
#include "referencepanel.h"
#include "settingspanel.h"
#include "support/fixtures.h"
#include "support/pipeline_fixture.h"
#include "translation.h"

#include <QApplication>
#include <QDir>
#include <QImageReader>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace flashface;
using namespace flashface::ui;

namespace {

QString fixturePath(const char* relative) { return QString::fromStdString(test::fixture(relative).string()); }

void save(QWidget& widget, const QDir& out, const QString& name) {
    QApplication::processEvents();
    const QString path = out.filePath(name + QStringLiteral(".png"));
    if (!widget.grab().save(path)) std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
    else std::fprintf(stderr, "%s\n", qPrintable(path));
}

bool waitFor(const std::function<bool()>& done) { return QTest::qWaitFor(done, 300000); }

void prepare(MainWindow& window) {
    window.resize(1440, 900);
    window.show();
    (void)QTest::qWaitForWindowExposed(&window);
    QStringList photos;  // the pipeline run's crops, then the face_crop photo (the last item)
    for (const auto& file : test::pipelineReferenceFiles()) photos.append(QString::fromStdString(file.string()));
    photos.append(fixturePath("face_crop/source.png"));
    window.referencePanel()->clear();  // not the references an earlier window kept
    window.referencePanel()->addFiles(photos);
    window.promptEditor()->setText(QStringLiteral("A handsome young man, with long brown hair, on the street in the night, soft light"));
    window.negativeEditor()->setText(QStringLiteral("glasses, beard"));
    window.facePanel()->setBox(pipeline::kPortraitFaceBox);
    waitFor([&] { return !window.referencePanel()->isBusy(); });
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_FOLDER\n", argv[0]);
        return 2;
    }
    QDir out(QString::fromLocal8Bit(argv[1]));
    out.mkpath(QStringLiteral("."));
    QTemporaryDir temp;
    test::isolateSettings(temp.filePath(QStringLiteral("settings")), QStringLiteral("screenshots"));
    AppPreferences prefs = AppPreferences::defaults();
    prefs.modelsFolder = temp.filePath(QStringLiteral("empty-models"));
    prefs.outputFolder = temp.filePath(QStringLiteral("output"));
    {
        QSettings settings;
        prefs.save(settings);
    }

    {  // First start: no weights yet.
        MainWindow window;
        prepare(window);
        save(window, out, QStringLiteral("missing-models"));
    }

    prefs.modelsFolder = test::writeFixtureModelsFolder(temp.filePath(QStringLiteral("models")));
    {
        QSettings settings;
        prefs.save(settings);
    }
    {
        MainWindow window;
        prepare(window);
        pipeline::GenerationSettings s = window.currentSettings();
        s.width = s.height = 128;
        s.steps = 8;
        s.numImages = 4;
        window.settingsPanel()->readFrom(s);
        // Identity mixing: the face_crop photo is a second person, mixed in at 30 %.
        window.referencePanel()->setPerson(window.referencePanel()->count() - 1, Person::B);
        window.referencePanel()->setMixShare(0.3);
        save(window, out, QStringLiteral("references"));

        bool grabbed = false;
        QObject::connect(window.queue(), &GenerationQueue::stepProgress, &window, [&](const StepPreview& p) {
            if (p.step == 4 && !grabbed) grabbed = true, save(window, out, QStringLiteral("generating"));
        });
        window.generate();
        waitFor([&] { return window.galleryModel()->rowCount() >= 4; });
        window.generate();
        waitFor([&] { return window.galleryModel()->rowCount() >= 8 && !window.queue()->isBusy(); });
        save(window, out, QStringLiteral("gallery"));

        // The viewer comparing a result with the face the model saw of the face_crop photo.
        ImageViewer* viewer = window.showImageViewer(0);
        viewer->resize(1000, 560);
        (void)QTest::qWaitForWindowExposed(viewer);
        const ReferenceItem& photo = window.referencePanel()->item(window.referencePanel()->count() - 1);
        viewer->compareWithImage(photo.crop().isNull() ? photo.preview : photo.crop(), photo.label);
        save(*viewer, out, QStringLiteral("compare"));
        viewer->close();

        const ReferenceItem& source = window.referencePanel()->item(window.referencePanel()->count() - 1);
        const int w = source.photo.width, h = source.photo.height;
        ManualCropDialog crop(source.preview, QSize(w, h), pipeline::PixelBox{w / 3, h / 4, w * 2 / 3, h * 5 / 8});
        crop.resize(720, 760);
        crop.show();
        (void)QTest::qWaitForWindowExposed(&crop);
        save(crop, out, QStringLiteral("manual-face-box"));

        PreferencesDialog preferences(window.preferences());
        preferences.show();
        (void)QTest::qWaitForWindowExposed(&preferences);
        save(preferences, out, QStringLiteral("preferences"));

        AppPreferences onServer = window.preferences();
        onServer.engine = EngineKind::Remote;
        onServer.server = {QStringLiteral("http://gpu-box:8780"), QStringLiteral("a-token")};
        PreferencesDialog remote(onServer);
        remote.show();
        (void)QTest::qWaitForWindowExposed(&remote);
        save(remote, out, QStringLiteral("remote-engine"));
    }

    installTranslations(app, QStringLiteral("zh_CN"));
    {
        MainWindow window;
        prepare(window);
        save(window, out, QStringLiteral("chinese"));
    }
    return 0;
}
