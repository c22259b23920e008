#pragma once

#include "pipeline/request.h"

#include <QWidget>

#include <QSize>

#include <cstdint>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLayout;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace flashface::ui {

// The numbers of a generation: steps, seed (fixed or random, 32-bit), image count, size, and
// the guidance controls with the official advice in their tooltips; guidance presets, built-in
// and the user's own (kept in QSettings).
class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    void writeTo(pipeline::GenerationSettings& settings) const;
    void readFrom(const pipeline::GenerationSettings& settings);

    bool randomSeed() const;
    void setRandomSeed(bool random);
    std::uint32_t seed() const;
    void setSeed(std::uint32_t seed);  // also switches to a fixed seed
    // The seed of the next run: a fresh one in random mode (then shown), else the fixed one.
    std::uint32_t takeSeedForRun();
    void rollSeed();  // the dice: a new random seed, kept fixed so it can be reused
    void stepSeed();  // the next seed (fixed stays fixed): for a queued repeat of the same run

    // Applies the preset of that name (built-in or user) to the guidance controls.
    bool applyPreset(const QString& name);
    void saveCurrentAsPreset(const QString& name);
    void removePreset(const QString& name);
    QStringList presetNames() const;
    QString currentPresetName() const;  // empty when the controls match no preset

    // With a target photo the size fields show its size and cannot be edited; the user's own
    // size comes back when it goes (and is what writeTo() reports meanwhile).
    void followTargetSize(std::optional<QSize> size);
    bool followsTargetSize() const { return targetSize_.has_value(); }

    QSpinBox* stepsField() const { return steps_; }
    QSpinBox* widthField() const { return width_; }
    QSpinBox* heightField() const { return height_; }
    QComboBox* samplerField() const { return sampler_; }
    QDoubleSpinBox* seedField() const { return seed_; }

signals:
    void outputSizeChanged(int width, int height);
    void changed();

private:
    void buildPresetRow(QVBoxLayout* layout);
    QGroupBox* buildImageGroup();
    QLayout* buildSeedRow();
    QLayout* buildSizeRow();
    QGroupBox* buildGuidanceGroup();
    QGroupBox* buildAdvancedGroup();
    void connectChangeSignals();
    void reloadPresets();
    void syncPresetSelection();
    void askSavePreset();
    void snapSize(QSpinBox* field);
    void showSize();  // the size choice matching the fields, and the output size signal
    void showSeed(std::uint32_t seed);  // sets the field without fixing the seed

    QComboBox* presets_;
    QToolButton* deletePreset_;
    QSpinBox* steps_;
    QComboBox* sampler_;
    QDoubleSpinBox* seed_;
    QCheckBox* randomSeed_;
    QSpinBox* numImages_;
    QComboBox* sizes_;
    QSpinBox* width_;
    QSpinBox* height_;
    QDoubleSpinBox* textGuidance_;
    QDoubleSpinBox* lambda_;
    QDoubleSpinBox* referenceGuidance_;
    QSpinBox* launchStep_;
    QDoubleSpinBox* lambdaBefore_;
    QDoubleSpinBox* guideRescale_;
    std::optional<QSize> targetSize_;
    QSize ownSize_;  // the user's size while a target's is shown
    bool applying_ = false;
    bool settingSeed_ = false;
    QString preferredPreset_;  // the preset just applied or saved, selected over equal ones
};

}  // namespace flashface::ui
