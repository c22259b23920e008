#include "guidancepreset.h"

#include <QCoreApplication>
#include <QSettings>

#include <cmath>

namespace flashface::ui {
namespace {

const QString kGroup = QStringLiteral("presets");

bool same(float a, float b) { return std::abs(a - b) < 1e-4f; }

}  // namespace

GuidancePreset GuidancePreset::capture(const QString& name, const pipeline::GenerationSettings& s) {
    return {name, false, s.guidance};
}

void GuidancePreset::applyTo(pipeline::GenerationSettings& s) const { s.guidance = guidance; }

bool GuidancePreset::matches(const pipeline::GenerationSettings& s) const {
    const sampler::GuidanceSettings& g = s.guidance;
    return same(guidance.textScale, g.textScale) && same(guidance.rescale, g.rescale) &&
           same(guidance.lambda, g.lambda) && same(guidance.referenceScale, g.referenceScale) &&
           guidance.launchStep == g.launchStep && same(guidance.lambdaBefore, g.lambdaBefore);
}

QList<GuidancePreset> builtInPresets() {
    GuidancePreset official = GuidancePreset::capture(GuidancePreset::tr("Official defaults"), pipeline::GenerationSettings{});
    official.builtIn = true;
    // More likeness: raise λ, reference guidance and the launch step (the official tool's advice, docs/model.md), staying
    // below the "pasted face" look at the top of the official ranges.
    GuidancePreset fidelity = official;
    fidelity.name = GuidancePreset::tr("Identity fidelity");
    fidelity.guidance.lambda = 1.35f;
    fidelity.guidance.referenceScale = 3.6f;
    fidelity.guidance.launchStep = 850;
    // The official "change age" setting lets the prompt override the reference's age.
    GuidancePreset age = official;
    age.name = GuidancePreset::tr("Change age");
    age.guidance.textScale = 8.5f;
    age.guidance.lambda = 0.9f;
    age.guidance.referenceScale = 2.5f;
    age.guidance.launchStep = 750;
    return {official, fidelity, age};
}

QList<GuidancePreset> loadUserPresets(QSettings& settings) {
    QList<GuidancePreset> presets;
    settings.beginGroup(kGroup);
    for (const QString& name : settings.childGroups()) {
        settings.beginGroup(name);
        GuidancePreset p;
        p.name = name;
        sampler::GuidanceSettings& g = p.guidance;  // the keys predate GuidanceSettings: saved presets keep loading
        g.textScale = settings.value(QStringLiteral("textGuidance"), g.textScale).toFloat();
        g.rescale = settings.value(QStringLiteral("guideRescale"), g.rescale).toFloat();
        g.lambda = settings.value(QStringLiteral("lambda"), g.lambda).toFloat();
        g.referenceScale = settings.value(QStringLiteral("referenceGuidance"), g.referenceScale).toFloat();
        g.launchStep = settings.value(QStringLiteral("launchStep"), g.launchStep).toInt();
        g.lambdaBefore = settings.value(QStringLiteral("lambdaBefore"), g.lambdaBefore).toFloat();
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
    const sampler::GuidanceSettings& g = p.guidance;
    settings.setValue(QStringLiteral("textGuidance"), g.textScale);
    settings.setValue(QStringLiteral("guideRescale"), g.rescale);
    settings.setValue(QStringLiteral("lambda"), g.lambda);
    settings.setValue(QStringLiteral("referenceGuidance"), g.referenceScale);
    settings.setValue(QStringLiteral("launchStep"), g.launchStep);
    settings.setValue(QStringLiteral("lambdaBefore"), g.lambdaBefore);
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
