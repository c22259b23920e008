// The gallery model: this and earlier sessions' images from the output folder, newest first;
// new results in front; deleting moves the file away.
#include "fixturemodels.h"
#include "gallerymodel.h"
#include "pipeline/generation_metadata.h"

#include <QCoro/QCoroTask>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace flashface;
using namespace flashface::ui;

namespace {

QString store(const QString& folder, std::uint32_t seed) {
    pipeline::GenerationSettings s;
    s.seed = seed;
    s.prompt = "seed " + std::to_string(seed);
    Image image{16, 16, std::vector<std::uint8_t>(16 * 16 * 3, std::uint8_t(seed))};
    return QString::fromStdString(pipeline::saveGeneratedImage(folder.toStdString(), image, pipeline::ImageMetadata{s, {}}, "g").string());
}

}  // namespace

class GalleryModelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        // moveToTrash uses the XDG trash: keep it inside the test folder.
        qputenv("XDG_DATA_HOME", dir_.filePath(QStringLiteral("data")).toUtf8());
        folder_ = dir_.filePath(QStringLiteral("out"));
        for (std::uint32_t seed : {11u, 22u, 33u}) {
            store(folder_, seed);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));  // distinct modification times
        }
        QImage(8, 8, QImage::Format_RGB888).save(QDir(folder_).filePath(QStringLiteral("unrelated.png")));
    }

    void earlierSessionsAreLoadedNewestFirst() {
        GalleryModel model;
        QCoro::waitFor(model.loadFolder(folder_));
        QCOMPARE(model.rowCount(), 3);  // the unrelated PNG carries no settings
        QCOMPARE(model.item(0).settings.seed, 33u);
        QCOMPARE(model.item(2).settings.seed, 11u);
        QCOMPARE(model.data(model.index(0), GalleryModel::SeedRole).toUInt(), 33u);
        QVERIFY(!model.data(model.index(0), Qt::DecorationRole).isNull());
        QVERIFY(model.data(model.index(1), Qt::ToolTipRole).toString().contains(QStringLiteral("22")));
    }

    void newResultsGoFirstAndAreNotDuplicated() {
        GalleryModel model;
        QCoro::waitFor(model.loadFolder(folder_));
        GalleryItem fresh = GalleryItem::fromFile(store(folder_, 44));
        model.prepend({fresh});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.item(0).settings.seed, 44u);
        QCoro::waitFor(model.loadFolder(folder_));  // reloading shows each file once
        QCOMPARE(model.rowCount(), 4);
    }

    void deletingRemovesTheFile() {
        GalleryModel model;
        QCoro::waitFor(model.loadFolder(folder_));
        const int before = model.rowCount();
        const QString path = model.item(0).path;
        QString error;
        QVERIFY2(model.removeImage(0, &error), qPrintable(error));
        QCOMPARE(model.rowCount(), before - 1);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!model.removeImage(99));
    }

private:
    QTemporaryDir dir_;
    QString folder_;
};

QTEST_MAIN(GalleryModelTest)
#include "test_gallerymodel.moc"
