// Identity mixing in the studio (issue 13): a weight per reference card, person A or B per card,
// one "mix A ↔ B" slider that sets the two people's weights; the weights reach the request, are
// kept with the reference list, stored in every exported format and read back.
#include "facedetectionservice.h"
#include "galleryitem.h"
#include "identitymix.h"
#include "imageconversion.h"
#include "imageexport.h"
#include "imageparameters.h"
#include "pipeline/generation_metadata.h"
#include "referencecard.h"
#include "referencepanel.h"
#include "referencestore.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QImageWriter>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace flashface;
using namespace flashface::ui;

namespace {

QImage photo(int seed) {
    QImage image(48, 40, QImage::Format_RGB888);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) image.setPixel(x, y, qRgb((x * seed) % 256, (y * 3 + seed) % 256, 90));
    return image;
}

// A reference the engine would take as it is (no detector): usable at once.
ReferenceItem usableItem(double weight, Person person) {
    ReferenceItem item;
    item.state = ReferenceItem::State::Unchecked;
    item.weight = weight;
    item.person = person;
    return item;
}

double sumOf(const QList<ReferenceItem>& items, std::optional<Person> person = {}) {
    double sum = 0;
    for (const ReferenceItem& item : items)
        if (item.usable() && (!person || item.person == *person)) sum += item.weight;
    return sum;
}

// Without a models folder the panel's references are "unchecked" and usable as soon as read.
void waitUntilReady(ReferencePanel& panel) { QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 30000); }

}  // namespace

class IdentityMixTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void mixShareIsPersonBsShareOfTheWeightsInUse() {
        QList<ReferenceItem> items{usableItem(1, Person::A), usableItem(3, Person::A), usableItem(2, Person::B)};
        QCOMPARE(*mixShare(items), 2.0 / 6.0);
        items[2].enabled = false;  // not in use: not mixed
        QVERIFY(!mixShare(items));
        items[2].enabled = true;
        items[2].person = Person::A;  // one person: nothing to mix
        QVERIFY(!mixShare(items));
    }

    void settingTheMixKeepsTheTotalAndTheRatiosWithinAPerson() {
        QList<ReferenceItem> items{usableItem(1, Person::A), usableItem(3, Person::A), usableItem(2, Person::B),
                                   usableItem(5, Person::B)};
        items[3].enabled = false;  // stays as it is
        const double total = sumOf(items);
        setMixShare(items, 0.75);
        QCOMPARE(*mixShare(items), 0.75);
        QVERIFY(qFuzzyCompare(sumOf(items), total));
        QVERIFY(qFuzzyCompare(items[1].weight / items[0].weight, 3.0));
        QCOMPARE(items[3].weight, 5.0);
        // All weights 1 at an even share stay 1: the original's behaviour.
        QList<ReferenceItem> even{usableItem(1, Person::A), usableItem(1, Person::B)};
        setMixShare(even, 0.5);
        QCOMPARE(even[0].weight, 1.0);
        QCOMPARE(even[1].weight, 1.0);
        // The ends keep both people in the run (the engine needs weights > 0).
        setMixShare(even, 1.0);
        QCOMPARE(*mixShare(even), kMaxMixShare);
        QVERIFY(even[0].weight >= kMinReferenceWeight);
    }

    void cardsWeighAndAssignPeopleAndTheSliderMixesThem() {
        FaceDetectionService detection;  // no models folder: the engine would search the photos
        ReferencePanel panel(&detection);
        panel.resize(420, 900);
        panel.show();
        for (int i = 0; i < 3; ++i) panel.addImage(photo(i + 1), QStringLiteral("p%1").arg(i));
        waitUntilReady(panel);
        QCOMPARE(int(panel.references().size()), 3);
        for (const pipeline::Reference& ref : panel.references()) QCOMPARE(ref.weight, 1.0);
        QVERIFY(!panel.mixShown());  // one person

        // A weight typed into a card reaches the reference the engine gets.
        QDoubleSpinBox* field = panel.card(1)->weightField();
        field->setFocus();
        field->selectAll();
        QTest::keyClicks(field, QStringLiteral("2.5"));
        QCOMPARE(panel.references()[1].weight, 1.0);  // not per keystroke
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(panel.references()[1].weight, 2.5);

        // The last photo shows another person: the mix slider appears, at B's share.
        QTest::mouseClick(panel.card(2)->personButton(Person::B), Qt::LeftButton);
        QCOMPARE(panel.item(2).person, Person::B);
        QVERIFY(panel.mixShown());
        QCOMPARE(panel.mixSlider()->value(), qRound(100 * 1.0 / 4.5));

        // Sliding to 60 % B sets both people's weights; the cards show them.
        panel.mixSlider()->setValue(60);
        const auto refs = panel.references();
        const double total = refs[0].weight + refs[1].weight + refs[2].weight;
        QVERIFY(qFuzzyCompare(refs[2].weight / total, 0.6));
        QVERIFY(qFuzzyCompare(refs[1].weight / refs[0].weight, 2.5));  // within A, as weighed
        QVERIFY(qFuzzyCompare(total, 4.5));
        QCOMPARE(panel.card(2)->weightField()->value(), std::round(refs[2].weight * 100) / 100);
        QCOMPARE(panel.mixSlider()->value(), 60);

        // Back to one person: no slider, the weights stay.
        QTest::mouseClick(panel.card(2)->personButton(Person::A), Qt::LeftButton);
        QVERIFY(!panel.mixShown());
        QCOMPARE(panel.references()[2].weight, refs[2].weight);
    }

    void weightsOfAnImageGoToTheReferencesInUseWhenTheyMatch() {
        FaceDetectionService detection;
        ReferencePanel panel(&detection);
        for (int i = 0; i < 3; ++i) panel.addImage(photo(i + 5), QStringLiteral("p%1").arg(i));
        waitUntilReady(panel);
        panel.setReferenceEnabled(1, false);
        QVERIFY(!panel.setWeightsInUse({2, 3, 4}));  // three weights, two references in use
        QCOMPARE(panel.item(0).weight, 1.0);
        QVERIFY(panel.setWeightsInUse({2, 3}));
        QCOMPARE(panel.item(0).weight, 2.0);
        QCOMPARE(panel.item(1).weight, 1.0);
        QCOMPARE(panel.item(2).weight, 3.0);
    }

    // Kept with the reference list (for "Reuse" and across restarts) with its weights and people.
    void theReferenceStoreKeepsWeightsAndPeople() {
        ReferenceStore store(dir_.filePath(QStringLiteral("store")));
        FaceDetectionService detection;
        ReferencePanel panel(&detection);
        for (int i = 0; i < 2; ++i) panel.addImage(photo(i + 9), QStringLiteral("p%1").arg(i));
        waitUntilReady(panel);
        panel.setWeight(0, 1.75);
        panel.setPerson(1, Person::B);
        const QString id = store.keep(panel);
        QVERIFY(!id.isEmpty());

        ReferencePanel restored(&detection);
        QCOMPARE(store.restore(id, restored), 2);
        waitUntilReady(restored);
        QCOMPARE(restored.item(0).weight, 1.75);
        QCOMPARE(restored.item(0).person, Person::A);
        QCOMPARE(restored.item(1).weight, 1.0);
        QCOMPARE(restored.item(1).person, Person::B);
        QVERIFY(restored.mixShown());
        QCOMPARE(restored.references()[0].weight, 1.75);
    }

    void weightsAreStoredInEveryExportFormatAndReadBack() {
        std::vector<pipeline::Reference> refs(3);
        for (std::size_t i = 0; i < refs.size(); ++i) refs[i].label = "ref" + std::to_string(i) + ".png";
        QVERIFY(pipeline::referenceMetadata(refs).referenceWeights.empty());  // all 1: stored as the original does
        refs[0].weight = 2;
        refs[2].weight = 0.5;
        const pipeline::ImageMetadata references = pipeline::referenceMetadata(refs);
        const std::vector<double> weights{2, 1, 0.5};
        QCOMPARE(references.referenceWeights, weights);

        GalleryItem item;  // an unsaved result, as the main window makes one
        item.image = photo(3);
        item.settings.prompt = "a man";
        item.settings.seed = 77;
        for (const std::string& label : references.referenceLabels) item.referenceLabels.append(QString::fromStdString(label));
        item.referenceWeights = references.referenceWeights;
        QStringList suffixes{QStringLiteral("png")};
        if (QImageWriter::supportedImageFormats().contains("jpeg")) suffixes.append(QStringLiteral("jpg"));
        if (QImageWriter::supportedImageFormats().contains("webp")) suffixes.append(QStringLiteral("webp"));
        for (const QString& suffix : suffixes) {
            const QString path = dir_.filePath(QStringLiteral("weighed.") + suffix);
            QCOMPARE(exportImage(item, path, true), QString());
            pipeline::ImageMetadata read;
            QCOMPARE(readImageParameters(path, &read), QString());
            QCOMPARE(read.referenceWeights, weights);
            QCOMPARE(read.settings.seed, 77u);
        }
        // The gallery reads them from the engine's PNG.
        QVERIFY(QDir().mkpath(dir_.filePath(QStringLiteral("engine"))));
        const auto saved = pipeline::saveGeneratedImage(dir_.filePath(QStringLiteral("engine")).toStdString(), toImage(photo(4)),
                                              references);
        QCOMPARE(GalleryItem::fromFile(QString::fromStdString(saved.string())).referenceWeights, weights);
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(IdentityMixTest)
#include "test_identitymix.moc"
