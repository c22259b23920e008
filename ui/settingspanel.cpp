#include "settingspanel.h"

#include "guidancepreset.h"
#include "pipeline/number_format.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace flashface::ui {
namespace {

QDoubleSpinBox* decimalField(QWidget* parent, double min, double max, double step, int decimals) {
    auto* field = new QDoubleSpinBox(parent);
    field->setRange(min, max);
    field->setSingleStep(step);
    field->setDecimals(decimals);
    return field;
}

QSpinBox* intField(QWidget* parent, int min, int max, int step) {
    auto* field = new QSpinBox(parent);
    field->setRange(min, max);
    field->setSingleStep(step);
    return field;
}

struct SizeChoice {
    int width, height;
    const char* label;
};

constexpr SizeChoice kSizes[] = {
    {768, 768, QT_TRANSLATE_NOOP("SettingsPanel", "Square (trained size)")},
    {576, 768, QT_TRANSLATE_NOOP("SettingsPanel", "Portrait 3:4")},
    {512, 768, QT_TRANSLATE_NOOP("SettingsPanel", "Portrait 2:3")},
    {768, 576, QT_TRANSLATE_NOOP("SettingsPanel", "Landscape 4:3")},
    {768, 512, QT_TRANSLATE_NOOP("SettingsPanel", "Landscape 3:2")},
    {512, 512, QT_TRANSLATE_NOOP("SettingsPanel", "Small square (fast)")},
};

}  // namespace

SettingsPanel::SettingsPanel(QWidget* parent)
    : QWidget(parent),
      presets_(new QComboBox(this)),
      deletePreset_(new QToolButton(this)),
      steps_(intField(this, 1, 150, 1)),
      sampler_(new QComboBox(this)),
      seed_(decimalField(this, 0, std::numeric_limits<std::uint32_t>::max(), 1, 0)),
      randomSeed_(new QCheckBox(tr("Random"), this)),
      numImages_(intField(this, 1, 16, 1)),
      sizes_(new QComboBox(this)),
      width_(intField(this, 64, 2048, 64)),
      height_(intField(this, 64, 2048, 64)),
      textGuidance_(decimalField(this, 0, 20, 0.1, 2)),
      lambda_(decimalField(this, 0, 2, 0.05, 2)),
      referenceGuidance_(decimalField(this, 0, 8, 0.1, 2)),
      launchStep_(intField(this, 0, 1000, 50)),
      lambdaBefore_(decimalField(this, 0, 2, 0.05, 2)),
      guideRescale_(decimalField(this, 0, 1, 0.05, 2)) {
    auto* layout = new QVBoxLayout(this);
    buildPresetRow(layout);
    layout->addWidget(buildImageGroup());
    layout->addWidget(buildGuidanceGroup());
    layout->addWidget(buildAdvancedGroup());
    layout->addStretch();
    connectChangeSignals();

    readFrom(pipeline::GenerationSettings{});
    showSeed(QRandomGenerator::global()->generate());
    setRandomSeed(true);
}

// Steps, sampler, seed, image count and size.
QGroupBox* SettingsPanel::buildImageGroup() {
    steps_->setToolTip(tr("Denoising steps. The official tool uses %1 (30 in its API); more steps are "
                          "slower and rarely better beyond that.")
                           .arg(pipeline::GenerationSettings{}.steps));
    for (const sampler::SamplerName& name : sampler::kSamplerNames) {
        const QString title = QString::fromUtf8(name.title);
        sampler_->addItem(name.kind == pipeline::GenerationSettings{}.sampler ? tr("%1 (default)").arg(title) : title,
                          QString::fromUtf8(name.id));
    }
    sampler_->setToolTip(tr("How the image is denoised step by step. DDIM is the official choice. Euler gives the "
                            "same images as DDIM; Euler ancestral adds fresh noise at every step (from the seed, so runs "
                            "repeat); DPM++ 2M and DPM++ 2M Karras often need fewer steps."));
    numImages_->setToolTip(tr("Images per run. They share the references and the prompt; each gets its own noise."));

    auto* general = new QGroupBox(tr("Image"), this);
    auto* form = new QFormLayout(general);
    form->addRow(tr("Steps:"), steps_);
    form->addRow(tr("Sampler:"), sampler_);
    form->addRow(tr("Seed:"), buildSeedRow());
    form->addRow(tr("Images:"), numImages_);
    QLayout* sizeRow = buildSizeRow();
    form->addRow(tr("Size:"), sizes_);
    form->addRow(QString(), sizeRow);
    return general;
}

// The seed, its dice and the "Random" box. A seed the user types or steps is one they want: it is
// kept fixed. Focus moving through the field (Tab, clicks elsewhere) changes nothing.
QLayout* SettingsPanel::buildSeedRow() {
    seed_->setToolTip(tr("The same seed with the same settings gives the same images."));
    randomSeed_->setToolTip(tr("Draw a new seed for every run. The seed used is shown here and kept "
                               "with each image."));
    auto* dice = new QToolButton(this);
    dice->setText(QStringLiteral("⚄"));
    dice->setToolTip(tr("Roll a new seed and keep it fixed"));
    dice->setAccessibleName(tr("Roll seed"));
    auto* row = new QHBoxLayout;
    row->addWidget(seed_, 1);
    row->addWidget(dice);
    row->addWidget(randomSeed_);
    connect(dice, &QToolButton::clicked, this, &SettingsPanel::rollSeed);
    connect(seed_, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!applying_ && !settingSeed_) randomSeed_->setChecked(false);
    });
    return row;
}

// Width × height, and the common sizes' list, which follows whatever the fields hold.
QLayout* SettingsPanel::buildSizeRow() {
    width_->setToolTip(tr("Output width in pixels (a multiple of 8). The model was trained at 768 × 768."));
    height_->setToolTip(tr("Output height in pixels (a multiple of 8). The model was trained at 768 × 768."));
    sizes_->setToolTip(tr("Common output sizes"));
    for (const auto& size : kSizes)
        sizes_->addItem(tr("%1 × %2 — %3").arg(size.width).arg(size.height).arg(QCoreApplication::translate("SettingsPanel", size.label)));
    sizes_->addItem(tr("Custom"));
    auto* row = new QHBoxLayout;
    row->addWidget(width_, 1);
    row->addWidget(new QLabel(QStringLiteral("×"), this));
    row->addWidget(height_, 1);
    connect(sizes_, &QComboBox::activated, this, [this](int index) {
        if (index >= int(std::size(kSizes))) return;
        width_->setValue(kSizes[index].width);
        height_->setValue(kSizes[index].height);
    });
    for (QSpinBox* field : {width_, height_}) {
        connect(field, &QSpinBox::editingFinished, this, [this, field] { snapSize(field); });
        connect(field, &QSpinBox::valueChanged, this, &SettingsPanel::showSize);
    }
    return row;
}

// The tooltips name the official defaults from GuidanceSettings, where they are set.
QGroupBox* SettingsPanel::buildGuidanceGroup() {
    const sampler::GuidanceSettings official;
    const auto number = [](float value) { return QString::fromStdString(pipeline::formatNumber(value)); };
    textGuidance_->setToolTip(tr("Text guidance: how strongly the prompt steers the image. Official default "
                                 "%1; “Change age” raises it so the prompt can override the references.")
                                  .arg(number(official.textScale)));
    lambda_->setToolTip(tr("Reference feature strength λ: how much of the reference faces is injected. "
                           "Official default %1, useful range 0.7–1.4. Raise it for more likeness — usually "
                           "raising only this is enough. Too high looks pasted; lower it for artifacts.")
                            .arg(number(official.lambda)));
    referenceGuidance_->setToolTip(tr("Reference guidance strength. Official default %1, range 1.8–4. Higher "
                                      "keeps more facial detail but gives less variety.")
                                       .arg(number(official.referenceScale)));
    launchStep_->setToolTip(tr("Reference guidance applies from this timestep on (t ≤ value, of 1000). "
                               "Official default %1. Higher means earlier and more likeness; lower leaves "
                               "the prompt more freedom, e.g. to change age.")
                                .arg(official.launchStep));
    lambdaBefore_->setToolTip(
        tr("λ used before reference guidance starts. Official default %1.").arg(number(official.lambdaBefore)));
    guideRescale_->setToolTip(tr("Guidance rescale: tames the over-saturated look of strong guidance. "
                                 "Official value %1.")
                                  .arg(number(official.rescale)));

    auto* guidance = new QGroupBox(tr("Guidance"), this);
    auto* guidanceForm = new QFormLayout(guidance);
    guidanceForm->addRow(tr("Text guidance:"), textGuidance_);
    guidanceForm->addRow(tr("Reference strength λ:"), lambda_);
    guidanceForm->addRow(tr("Reference guidance:"), referenceGuidance_);
    guidanceForm->addRow(tr("Launch step:"), launchStep_);
    return guidance;
}

// λ before launch and the rescale, folded away: the official tool keeps them fixed.
QGroupBox* SettingsPanel::buildAdvancedGroup() {
    auto* advanced = new QGroupBox(tr("Advanced"), this);
    advanced->setCheckable(true);
    advanced->setChecked(false);
    advanced->setToolTip(tr("Rarely needed: the official tool keeps these fixed."));
    auto* advancedBody = new QWidget(advanced);
    auto* advancedForm = new QFormLayout(advancedBody);
    advancedForm->setContentsMargins(0, 0, 0, 0);
    advancedForm->addRow(tr("λ before launch:"), lambdaBefore_);
    advancedForm->addRow(tr("Guidance rescale:"), guideRescale_);
    (new QVBoxLayout(advanced))->addWidget(advancedBody);
    advancedBody->setVisible(false);
    connect(advanced, &QGroupBox::toggled, advancedBody, &QWidget::setVisible);
    return advanced;
}

// Any edit is a change; an edit of a guidance value may leave or match a preset.
void SettingsPanel::connectChangeSignals() {
    for (QDoubleSpinBox* field : {textGuidance_, lambda_, referenceGuidance_, lambdaBefore_, guideRescale_})
        connect(field, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::syncPresetSelection);
    connect(launchStep_, &QSpinBox::valueChanged, this, &SettingsPanel::syncPresetSelection);
    connect(sampler_, &QComboBox::currentIndexChanged, this, &SettingsPanel::changed);
    for (QSpinBox* field : {steps_, numImages_, width_, height_, launchStep_})
        connect(field, &QSpinBox::valueChanged, this, &SettingsPanel::changed);
    for (QDoubleSpinBox* field : {seed_, textGuidance_, lambda_, referenceGuidance_, lambdaBefore_, guideRescale_})
        connect(field, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::changed);
}

void SettingsPanel::buildPresetRow(QVBoxLayout* layout) {
    presets_->setToolTip(tr("Guidance presets. “Change age” lets the prompt change the person's age."));
    auto* save = new QToolButton(this);
    save->setText(tr("Save…"));
    save->setToolTip(tr("Save the current guidance values as a preset"));
    deletePreset_->setText(tr("Delete"));
    deletePreset_->setToolTip(tr("Delete this user preset"));
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Preset:"), this));
    row->addWidget(presets_, 1);
    row->addWidget(save);
    row->addWidget(deletePreset_);
    layout->addLayout(row);
    connect(presets_, &QComboBox::activated, this, [this](int index) {
        if (presets_->itemData(index).isValid()) applyPreset(presets_->itemText(index));
    });
    connect(save, &QToolButton::clicked, this, &SettingsPanel::askSavePreset);
    connect(deletePreset_, &QToolButton::clicked, this, [this] {
        const QString name = currentPresetName();
        if (QMessageBox::question(this, tr("Delete preset"), tr("Delete the preset “%1”?").arg(name)) ==
            QMessageBox::Yes)
            removePreset(name);
    });
    reloadPresets();
}

void SettingsPanel::reloadPresets() {
    presets_->clear();
    // Item data: true for built-in presets; the trailing "Custom" entry has none.
    for (const GuidancePreset& p : builtInPresets()) presets_->addItem(p.name, true);
    QSettings settings;
    for (const GuidancePreset& p : loadUserPresets(settings)) presets_->addItem(p.name, false);
    presets_->addItem(tr("Custom"));
    syncPresetSelection();
}

void SettingsPanel::syncPresetSelection() {
    if (applying_) return;
    pipeline::GenerationSettings current;
    writeTo(current);
    QSettings settings;
    QList<GuidancePreset> all = builtInPresets() + loadUserPresets(settings);
    // The preset the user chose (or saved) stays selected while the values match it; otherwise
    // the first that matches, else "Custom".
    int index = presets_->count() - 1;
    const QString preferred = preferredPreset_.isEmpty() ? presets_->currentText() : preferredPreset_;
    for (const GuidancePreset& p : all)
        if (p.name == preferred && p.matches(current)) index = presets_->findText(p.name);
    if (index == presets_->count() - 1)
        for (const GuidancePreset& p : all)
            if (p.matches(current)) {
                index = presets_->findText(p.name);
                break;
            }
    presets_->setCurrentIndex(index);
    preferredPreset_.clear();
    const QVariant data = presets_->itemData(index);
    deletePreset_->setEnabled(data.isValid() && !data.toBool());
}

bool SettingsPanel::applyPreset(const QString& name) {
    QSettings settings;
    for (const GuidancePreset& p : builtInPresets() + loadUserPresets(settings)) {
        if (p.name != name) continue;
        pipeline::GenerationSettings current;
        writeTo(current);
        p.applyTo(current);
        preferredPreset_ = name;
        readFrom(current);
        return true;
    }
    return false;
}

void SettingsPanel::saveCurrentAsPreset(const QString& name) {
    pipeline::GenerationSettings current;
    writeTo(current);
    QSettings settings;
    saveUserPreset(settings, GuidancePreset::capture(name, current));
    preferredPreset_ = name;
    reloadPresets();
}

void SettingsPanel::removePreset(const QString& name) {
    QSettings settings;
    removeUserPreset(settings, name);
    reloadPresets();
}

QStringList SettingsPanel::presetNames() const {
    QStringList names;
    for (int i = 0; i < presets_->count(); ++i)
        if (presets_->itemData(i).isValid()) names.append(presets_->itemText(i));
    return names;
}

QString SettingsPanel::currentPresetName() const {
    return presets_->currentData().isValid() ? presets_->currentText() : QString();
}

void SettingsPanel::askSavePreset() {
    bool ok = false;
    QString name = QInputDialog::getText(this, tr("Save preset"), tr("Preset name:"), QLineEdit::Normal,
                                         QString(), &ok)
                       .trimmed();
    // A slash would nest groups in QSettings.
    name.replace(QLatin1Char('/'), QLatin1Char('-')).replace(QLatin1Char('\\'), QLatin1Char('-'));
    if (!ok || name.isEmpty()) return;
    for (const GuidancePreset& p : builtInPresets())
        if (p.name == name) {
            QMessageBox::warning(this, tr("Save preset"), tr("“%1” is a built-in preset; choose another name.").arg(name));
            return;
        }
    if (presetNames().contains(name) &&
        QMessageBox::question(this, tr("Save preset"), tr("Replace the preset “%1”?").arg(name)) != QMessageBox::Yes)
        return;
    saveCurrentAsPreset(name);
}

void SettingsPanel::showSize() {
    int match = int(std::size(kSizes));
    for (int i = 0; i < int(std::size(kSizes)); ++i)
        if (kSizes[i].width == width_->value() && kSizes[i].height == height_->value()) match = i;
    sizes_->setCurrentIndex(match);
    emit outputSizeChanged(width_->value(), height_->value());
}

void SettingsPanel::followTargetSize(std::optional<QSize> size) {
    if (size && !targetSize_) ownSize_ = QSize(width_->value(), height_->value());
    targetSize_ = size;
    const QSize shown = size.value_or(ownSize_);
    {
        // Not an edit of the user's (no undo step, no "changed"): what the target imposes.
        const QSignalBlocker blockWidth(width_), blockHeight(height_);
        width_->setValue(shown.width());
        height_->setValue(shown.height());
    }
    for (QWidget* field : std::initializer_list<QWidget*>{sizes_, width_, height_}) field->setEnabled(!size);
    showSize();
}

void SettingsPanel::snapSize(QSpinBox* field) {
    const int snapped = std::max(64, (field->value() + 4) / 8 * 8);
    if (snapped != field->value()) field->setValue(snapped);
}

void SettingsPanel::writeTo(pipeline::GenerationSettings& s) const {
    s.steps = steps_->value();
    s.sampler = sampler::parseSampler(sampler_->currentData().toString().toStdString()).value_or(s.sampler);
    s.seed = seed();
    s.numImages = numImages_->value();
    // With a target photo the user's own size is kept for later (the photo sets the run's size).
    const QSize own = targetSize_ ? ownSize_ : QSize(width_->value(), height_->value());
    s.width = own.width() / 8 * 8;
    s.height = own.height() / 8 * 8;
    s.guidance.textScale = float(textGuidance_->value());
    s.guidance.lambda = float(lambda_->value());
    s.guidance.referenceScale = float(referenceGuidance_->value());
    s.guidance.launchStep = launchStep_->value();
    s.guidance.lambdaBefore = float(lambdaBefore_->value());
    s.guidance.rescale = float(guideRescale_->value());
}

void SettingsPanel::readFrom(const pipeline::GenerationSettings& s) {
    applying_ = true;
    steps_->setValue(s.steps);
    sampler_->setCurrentIndex(sampler_->findData(QString::fromUtf8(sampler::samplerName(s.sampler).id)));
    seed_->setValue(s.seed);
    numImages_->setValue(s.numImages);
    if (targetSize_) {
        ownSize_ = QSize(s.width, s.height);
    } else {
        width_->setValue(s.width);
        height_->setValue(s.height);
    }
    textGuidance_->setValue(s.guidance.textScale);
    lambda_->setValue(s.guidance.lambda);
    referenceGuidance_->setValue(s.guidance.referenceScale);
    launchStep_->setValue(s.guidance.launchStep);
    lambdaBefore_->setValue(s.guidance.lambdaBefore);
    guideRescale_->setValue(s.guidance.rescale);
    applying_ = false;
    syncPresetSelection();
}

bool SettingsPanel::randomSeed() const { return randomSeed_->isChecked(); }
void SettingsPanel::setRandomSeed(bool random) { randomSeed_->setChecked(random); }
std::uint32_t SettingsPanel::seed() const { return static_cast<std::uint32_t>(seed_->value()); }

void SettingsPanel::setSeed(std::uint32_t seed) {
    seed_->setValue(seed);
    setRandomSeed(false);
}

std::uint32_t SettingsPanel::takeSeedForRun() {
    if (randomSeed()) showSeed(QRandomGenerator::global()->generate());
    return seed();
}

void SettingsPanel::stepSeed() {
    showSeed(seed() == std::numeric_limits<std::uint32_t>::max() ? 0 : seed() + 1);
}

void SettingsPanel::showSeed(std::uint32_t seed) {
    settingSeed_ = true;
    seed_->setValue(seed);
    settingSeed_ = false;
}

void SettingsPanel::rollSeed() { setSeed(QRandomGenerator::global()->generate()); }

}  // namespace flashface::ui
