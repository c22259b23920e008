// Settings panel: seed handling (fixed, random, dice, full 32-bit range), guidance presets, sampler.
#include "fixturemodels.h"
#include "guidancepreset.h"
#include "settingspanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using flashface::pipeline::GenerationSettings;
using namespace flashface::ui;

class SettingsPanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(settingsDir_.isValid());
        flashface::test::isolateSettings(settingsDir_.path(), QStringLiteral("test_settingspanel"));
    }

    void fixedSeedIsKeptAcrossRuns() {
        SettingsPanel panel;
        panel.setSeed(1234);
        QVERIFY(!panel.randomSeed());
        QCOMPARE(panel.takeSeedForRun(), 1234u);
        QCOMPARE(panel.takeSeedForRun(), 1234u);
        GenerationSettings s;
        panel.writeTo(s);
        QCOMPARE(s.seed, 1234u);
    }

    void randomSeedChangesEveryRunAndIsShown() {
        SettingsPanel panel;
        panel.setRandomSeed(true);
        QSet<std::uint32_t> seen;
        for (int i = 0; i < 8; ++i) {
            const std::uint32_t seed = panel.takeSeedForRun();
            QCOMPARE(panel.seed(), seed);  // the field shows the seed actually used
            seen.insert(seed);
        }
        QVERIFY(seen.size() > 1);
        QVERIFY(panel.randomSeed());
    }

    void diceRollsANewFixedSeed() {
        SettingsPanel panel;
        panel.setSeed(7);
        QSet<std::uint32_t> seen;
        for (int i = 0; i < 5; ++i) {
            panel.rollSeed();
            seen.insert(panel.seed());
        }
        QVERIFY(seen.size() > 1);
        QVERIFY(!panel.randomSeed());
    }

    void fullThirtyTwoBitRangeRoundTrips() {
        SettingsPanel panel;
        for (std::uint32_t seed : {0u, 2147483647u, 2147483648u, 4294967295u}) {
            GenerationSettings in;
            in.seed = seed;
            panel.readFrom(in);
            GenerationSettings out;
            panel.writeTo(out);
            QCOMPARE(out.seed, seed);
        }
    }

    void editingTheSeedFixesIt() {
        SettingsPanel panel;
        panel.setRandomSeed(true);
        panel.seedField()->setValue(panel.seed() == 0 ? 1 : panel.seed() - 1);  // the user enters another seed
        QVERIFY(!panel.randomSeed());
    }

    void builtInPresetsApply() {
        SettingsPanel panel;
        QVERIFY(panel.applyPreset(QStringLiteral("Change age")));
        GenerationSettings s;
        panel.writeTo(s);
        QCOMPARE(s.guidance.textScale, 8.5f);
        QCOMPARE(s.guidance.lambda, 0.9f);
        QCOMPARE(s.guidance.referenceScale, 2.5f);
        QCOMPARE(s.guidance.launchStep, 750);
        QCOMPARE(panel.currentPresetName(), QStringLiteral("Change age"));

        QVERIFY(panel.applyPreset(QStringLiteral("Official defaults")));
        panel.writeTo(s);
        const GenerationSettings defaults;
        QCOMPARE(s.guidance.textScale, defaults.guidance.textScale);
        QCOMPARE(s.guidance.lambda, defaults.guidance.lambda);
        QCOMPARE(s.guidance.referenceScale, defaults.guidance.referenceScale);
        QCOMPARE(s.guidance.launchStep, defaults.guidance.launchStep);
        QCOMPARE(s.guidance.lambdaBefore, defaults.guidance.lambdaBefore);
        QVERIFY(!panel.applyPreset(QStringLiteral("No such preset")));
    }

    void presetsLeaveTheRestAlone() {
        SettingsPanel panel;
        GenerationSettings in;
        in.steps = 12;
        in.width = 512;
        in.numImages = 2;
        panel.readFrom(in);
        panel.setSeed(99);
        QVERIFY(panel.applyPreset(QStringLiteral("Identity fidelity")));
        GenerationSettings out;
        panel.writeTo(out);
        QCOMPARE(out.steps, 12);
        QCOMPARE(out.width, 512);
        QCOMPARE(out.numImages, 2);
        QCOMPARE(out.seed, 99u);
        QVERIFY(out.guidance.lambda > in.guidance.lambda);
    }

    void editingAValueLeavesThePreset() {
        SettingsPanel panel;
        QVERIFY(panel.applyPreset(QStringLiteral("Change age")));
        GenerationSettings s;
        panel.writeTo(s);
        s.guidance.lambda = 1.0f;
        panel.readFrom(s);
        QVERIFY(panel.currentPresetName().isEmpty());
    }

    void userPresetsPersist() {
        {
            SettingsPanel panel;
            GenerationSettings s;
            s.guidance.lambda = 1.05f;
            s.guidance.launchStep = 600;
            panel.readFrom(s);
            panel.saveCurrentAsPreset(QStringLiteral("Soft likeness"));
            QCOMPARE(panel.currentPresetName(), QStringLiteral("Soft likeness"));
        }
        SettingsPanel panel;  // a new session reads it back from QSettings
        QVERIFY(panel.presetNames().contains(QStringLiteral("Soft likeness")));
        QVERIFY(panel.applyPreset(QStringLiteral("Soft likeness")));
        GenerationSettings s;
        panel.writeTo(s);
        QCOMPARE(s.guidance.lambda, 1.05f);
        QCOMPARE(s.guidance.launchStep, 600);
        panel.removePreset(QStringLiteral("Soft likeness"));
        QVERIFY(!panel.presetNames().contains(QStringLiteral("Soft likeness")));
        QSettings settings;
        QVERIFY(loadUserPresets(settings).isEmpty());
    }

    void sizeChangesAreAnnounced() {
        SettingsPanel panel;
        QSignalSpy spy(&panel, &SettingsPanel::outputSizeChanged);
        GenerationSettings s;
        s.width = 512;
        s.height = 768;
        panel.readFrom(s);
        QVERIFY(!spy.isEmpty());
        QCOMPARE(spy.last().at(0).toInt(), 512);
        QCOMPARE(spy.last().at(1).toInt(), 768);
    }

    void samplerChoiceRoundTripsAndIsAnnounced() {
        SettingsPanel panel;
        GenerationSettings s;
        panel.writeTo(s);
        QCOMPARE(s.sampler, GenerationSettings{}.sampler);
        QCOMPARE(panel.samplerField()->count(), int(std::size(flashface::sampler::kSamplerNames)));
        QSignalSpy spy(&panel, &SettingsPanel::changed);
        for (const flashface::sampler::SamplerName& name : flashface::sampler::kSamplerNames) {
            s.sampler = name.kind;
            panel.readFrom(s);
            GenerationSettings back;
            panel.writeTo(back);
            QCOMPARE(back.sampler, name.kind);
        }
        QVERIFY(!spy.isEmpty());
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(SettingsPanelTest)
#include "test_settingspanel.moc"
