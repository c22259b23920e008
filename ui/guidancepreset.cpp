#include "guidancepreset.h"

#include <QCoreApplication>
#include <QSettings>

#include <cmath>

namespace flashface::ui {
namespace {

const QString kGroup = QStringLiteral("presets");

bool same(float a, float b) { return std::abs(a - b) < 1e-4f; }

}  // namespace

GuidancePreset GuidancePreset::capture(const QString& name, const GenerationSettings& s) {
    return {name, false, s.textGuidance, s.guideRescale, s.lambda, s.referenceGuidance, s.launchStep, s.lambdaBefore};
}

void GuidancePreset::applyTo(GenerationSettings& s) const {
    s.textGuidance = textGuidance;
    s.guideRescale = guideRescale;
    s.lambda = lambda;
    s.referenceGuidance = referenceGuidance;
    s.launchStep = launchStep;
    s.lambdaBefore = lambdaBefore;
}

bool GuidancePreset::matches(const GenerationSettings& s) const {
    return same(textGuidance, s.textGuidance) && same(guideRescale, s.guideRescale) && same(lambda, s.lambda) &&
           same(referenceGuidance, s.referenceGuidance) && launchStep == s.launchStep &&
           same(lambdaBefore, s.lambdaBefore);
}

QList<GuidancePreset> builtInPresets() {
    GuidancePreset official = GuidancePreset::capture(GuidancePreset::tr("Official defaults"), GenerationSettings{});
    official.builtIn = true;
    // More likeness: raise λ, reference guidance and the launch step (the official tool's advice, docs/model.md), staying
    // below the "pasted face" look at the top of the official ranges.
    GuidancePreset fidelity = official;
    fidelity.name = GuidancePreset::tr("Identity fidelity");
    fidelity.lambda = 1.35f;
    fidelity.referenceGuidance = 3.6f;
    fidelity.launchStep = 850;
    // The official "change age" setting lets the prompt override the reference's age.
    GuidancePreset age = official;
    age.name = GuidancePreset::tr("Change age");
    age.textGuidance = 8.5f;
    age.lambda = 0.9f;
    age.referenceGuidance = 2.5f;
    age.launchStep = 750;
    return {official, fidelity, age};
}

QList<GuidancePreset> loadUserPresets(QSettings& settings) {
    QList<GuidancePreset> presets;
    settings.beginGroup(kGroup);
    for (const QString& name : settings.childGroups()) {
        settings.beginGroup(name);
        GuidancePreset p;
        p.name = name;
        p.textGuidance = settings.value(QStringLiteral("textGuidance"), p.textGuidance).toFloat();
        p.guideRescale = settings.value(QStringLiteral("guideRescale"), p.guideRescale).toFloat();
        p.lambda = settings.value(QStringLiteral("lambda"), p.lambda).toFloat();
        p.referenceGuidance = settings.value(QStringLiteral("referenceGuidance"), p.referenceGuidance).toFloat();
        p.launchStep = settings.value(QStringLiteral("launchStep"), p.launchStep).toInt();
        p.lambdaBefore = settings.value(QStringLiteral("lambdaBefore"), p.lambdaBefore).toFloat();
        settings.endGroup();
        presets.append(p);
    }
    settings.endGroup();
    return presets;
}

void saveUserPreset(QSettings& settings, const GuidancePreset& p) {
    settings.beginGroup(kGroup);
    settings.remove(p.name);
    settings.beginGroup(p.name);
    settings.setValue(QStringLiteral("textGuidance"), p.textGuidance);
    settings.setValue(QStringLiteral("guideRescale"), p.guideRescale);
    settings.setValue(QStringLiteral("lambda"), p.lambda);
    settings.setValue(QStringLiteral("referenceGuidance"), p.referenceGuidance);
    settings.setValue(QStringLiteral("launchStep"), p.launchStep);
    settings.setValue(QStringLiteral("lambdaBefore"), p.lambdaBefore);
    settings.endGroup();
    settings.endGroup();
    settings.sync();
}

void removeUserPreset(QSettings& settings, const QString& name) {
    settings.beginGroup(kGroup);
    settings.remove(name);
    settings.endGroup();
    settings.sync();
}

}  // namespace flashface::ui
