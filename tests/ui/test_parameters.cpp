// Parameters survive the whole trip: controls → settings → generated PNG (engine writer) →
// export → import → controls. Exports never replace a file silently.
#include "facepositionpanel.h"
#include "fixturemodels.h"
#include "galleryitem.h"
#include "imageexport.h"
#include "pipeline/generation_metadata.h"
#include "prompteditor.h"
#include "settingspanel.h"

#include <QFile>
#include <QImageReader>
#include <QTemporaryDir>
#include <QTest>

using namespace flashface;
using namespace flashface::ui;

namespace {

// The controls of one generation, as the main window holds them.
struct Controls {
    PromptEditor prompt{PromptEditor::Kind::Positive};
    PromptEditor negative{PromptEditor::Kind::Negative};
    FacePositionPanel face;
    SettingsPanel settings;

    pipeline::GenerationSettings read() const {
        pipeline::GenerationSettings s;
        prompt.writeTo(s);
        negative.writeTo(s);
        face.writeTo(s);
        settings.writeTo(s);
        return s;
    }
    void write(const pipeline::GenerationSettings& s) {
        prompt.readFrom(s);
        negative.readFrom(s);
        face.readFrom(s);
        settings.readFrom(s);
    }
};

Image gradient(int w, int h) {
    Image image{w, h, std::vector<std::uint8_t>(std::size_t(w) * h * 3)};
    for (std::size_t i = 0; i < image.rgb.size(); ++i) image.rgb[i] = std::uint8_t(i * 7 % 251);
    return image;
}

void expectSameSettings(const pipeline::GenerationSettings& a, const pipeline::GenerationSettings& b) {
    QCOMPARE(a.prompt, b.prompt);
    QCOMPARE(a.negativePrompt, b.negativePrompt);
    QCOMPARE(a.usePositivePostfix, b.usePositivePostfix);
    QCOMPARE(a.useNegativePostfix, b.useNegativePostfix);
    QCOMPARE(a.positivePostfix, b.positivePostfix);
    QCOMPARE(a.negativePostfix, b.negativePostfix);
    QCOMPARE(a.faceBox.x1, b.faceBox.x1);
    QCOMPARE(a.faceBox.y1, b.faceBox.y1);
    QCOMPARE(a.faceBox.x2, b.faceBox.x2);
    QCOMPARE(a.faceBox.y2, b.faceBox.y2);
    QCOMPARE(a.width, b.width);
    QCOMPARE(a.height, b.height);
    QCOMPARE(a.steps, b.steps);
    QCOMPARE(a.seed, b.seed);
    QCOMPARE(a.numImages, b.numImages);
    QCOMPARE(a.guidance.textScale, b.guidance.textScale);
    QCOMPARE(a.guidance.rescale, b.guidance.rescale);
    QCOMPARE(a.guidance.lambda, b.guidance.lambda);
    QCOMPARE(a.guidance.referenceScale, b.guidance.referenceScale);
    QCOMPARE(a.guidance.launchStep, b.guidance.launchStep);
    QCOMPARE(a.guidance.lambdaBefore, b.guidance.lambdaBefore);
}

}  // namespace

class ParametersTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        test::isolateSettings(dir_.filePath(QStringLiteral("settings")), QStringLiteral("test_parameters"));
    }

    void exportThenImportRestoresEveryControl() {
        Controls original;
        pipeline::GenerationSettings s;
        s.prompt = "An old man with a white beard, 在雨中, soft light";
        s.negativePrompt = "glasses";
        s.usePositivePostfix = false;
        s.negativePostfix = "blurry, ugly";
        s.faceBox = pipeline::FaceBox{0.25f, 0.15f, 0.55f, 0.5f};
        s.width = 512;
        s.height = 640;
        s.steps = 28;
        s.seed = 4294967295u;
        s.numImages = 3;
        s.guidance.textScale = 8.5f;
        s.guidance.lambda = 0.9f;
        s.guidance.referenceScale = 2.5f;
        s.guidance.launchStep = 700;
        s.guidance.lambdaBefore = 0.8f;
        s.guidance.rescale = 0.45f;
        original.write(s);
        original.settings.setSeed(s.seed);
        const pipeline::GenerationSettings shown = original.read();
        expectSameSettings(shown, s);

        // The engine's writer stores the image with its settings; the gallery reads it back.
        const auto stored = pipeline::saveGeneratedImage(dir_.filePath(QStringLiteral("out")).toStdString(), gradient(24, 16),
                                               pipeline::ImageMetadata{shown, {"ref0.png"}}, "test");
        const GalleryItem item = GalleryItem::fromFile(QString::fromStdString(stored.string()));
        QVERIFY(!item.path.isEmpty());
        expectSameSettings(item.settings, shown);
        QCOMPARE(item.referenceLabels, QStringList{QStringLiteral("ref0.png")});

        const QString exported = dir_.filePath(QStringLiteral("exported.png"));
        QCOMPARE(exportImage(item, exported, false), QString());

        Controls restored;
        restored.write(pipeline::readImageMetadata(exported.toStdString()).settings);
        expectSameSettings(restored.read(), s);
    }

    void exportsNeverReplaceSilently() {
        const auto stored = pipeline::saveGeneratedImage(dir_.filePath(QStringLiteral("out")).toStdString(), gradient(8, 8),
                                               pipeline::ImageMetadata{}, "test");
        const GalleryItem item = GalleryItem::fromFile(QString::fromStdString(stored.string()));
        const QString target = dir_.filePath(QStringLiteral("taken.png"));
        {
            QFile existing(target);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("keep me");
        }
        QVERIFY(!exportImage(item, target, false).isEmpty());
        QFile kept(target);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep me"));
        kept.close();
        // Replacing is only done when asked for (the save dialog has confirmed).
        QCOMPARE(exportImage(item, target, true), QString());
        QCOMPARE(pipeline::readImageMetadata(target.toStdString()).settings.seed, item.settings.seed);
    }

    void otherFormatsAreReencoded() {
        const auto stored = pipeline::saveGeneratedImage(dir_.filePath(QStringLiteral("out")).toStdString(), gradient(32, 24),
                                               pipeline::ImageMetadata{}, "test");
        const GalleryItem item = GalleryItem::fromFile(QString::fromStdString(stored.string()));
        for (const QString& name : {QStringLiteral("photo.jpg"), QStringLiteral("photo.webp")}) {
            const QString target = dir_.filePath(name);
            if (name.endsWith(QStringLiteral("webp")) && !exportFilters().join(' ').contains(QStringLiteral("webp")))
                continue;  // no WebP plugin in this Qt
            QCOMPARE(exportImage(item, target, false), QString());
            QImageReader reader(target);
            QCOMPARE(reader.format(), name.endsWith(QStringLiteral("jpg")) ? QByteArray("jpeg") : QByteArray("webp"));
            QCOMPARE(reader.size(), QSize(32, 24));
        }
    }

    void pngWithoutSettingsIsNotAGalleryImage() {
        const QString plain = dir_.filePath(QStringLiteral("plain.png"));
        QImage(8, 8, QImage::Format_RGB888).save(plain);
        QVERIFY(GalleryItem::fromFile(plain).path.isEmpty());
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(ParametersTest)
#include "test_parameters.moc"
