#pragma once

#include "pipeline/request.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class QSettings;

namespace flashface::ui {

// A named set of the guidance controls (text guidance, rescale, λ, reference guidance, launch
// step, λ before launch). Presets leave prompts, size, seed and image count alone.
struct GuidancePreset {
    Q_DECLARE_TR_FUNCTIONS(GuidancePreset)

public:
    QString name;
    bool builtIn = false;
    sampler::GuidanceSettings guidance;

    static GuidancePreset capture(const QString& name, const pipeline::GenerationSettings& settings);
    void applyTo(pipeline::GenerationSettings& settings) const;
    bool matches(const pipeline::GenerationSettings& settings) const;
};

// "Official defaults", "Identity fidelity", "Change age", with translated names.
QList<GuidancePreset> builtInPresets();

// User presets live in QSettings under "presets/<name>"; QSettings writes its file atomically.
QList<GuidancePreset> loadUserPresets(QSettings& settings);
void saveUserPreset(QSettings& settings, const GuidancePreset& preset);
void removeUserPreset(QSettings& settings, const QString& name);

}  // namespace flashface::ui
