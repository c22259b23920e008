#include "preferencesdialog.h"

#include "remotegenerationworker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdint>

namespace flashface::ui {

namespace {
constexpr int kMaxCacheMiB = 1 << 20;  // 1 TiB: more than any machine has
}  // namespace

PreferencesDialog::PreferencesDialog(const AppPreferences& p, QWidget* parent)
    : QDialog(parent),
      local_(new QRadioButton(tr("This computer"), this)),
      remote_(new QRadioButton(tr("Remote server (flashface serve)"), this)),
      serverUrl_(new QLineEdit(p.server.url, this)),
      serverToken_(new QLineEdit(p.server.token, this)),
      testConnection_(new QPushButton(tr("Test Connection"), this)),
      connectionResult_(new QLabel(this)),
      remoteFields_(new QWidget(this)),
      localFields_(new QWidget(this)),
      modelsFolder_(new QLineEdit(p.modelsFolder, this)),
      device_(new QComboBox(this)),
      precision_(new QComboBox(this)),
      threads_(new QSpinBox(this)),
      cacheMiB_(new QSpinBox(this)),
      outputFolder_(new QLineEdit(p.outputFolder, this)),
      pattern_(new QLineEdit(p.fileNamePattern, this)),
      example_(new QLabel(this)),
      language_(new QComboBox(this)),
      outputProblem_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      initialLanguage_(p.language) {
    setWindowTitle(tr("Preferences"));

    device_->addItem(tr("Automatic (GPU when available)"), int(pipeline::DeviceChoice::Auto));
    device_->addItem(tr("CPU"), int(pipeline::DeviceChoice::Cpu));
    device_->addItem(tr("CUDA GPU"), int(pipeline::DeviceChoice::Cuda));
    device_->setCurrentIndex(device_->findData(int(p.device)));
    precision_->addItem(tr("Automatic (half on GPU; bfloat16 on CPUs with AVX-512 BF16 or AMX, else full)"), int(pipeline::PrecisionChoice::Auto));
    precision_->addItem(tr("Full (float32)"), int(pipeline::PrecisionChoice::Float32));
    precision_->addItem(tr("Half (float16, GPU only)"), int(pipeline::PrecisionChoice::Float16));
    precision_->addItem(tr("Brain float (bfloat16)"), int(pipeline::PrecisionChoice::BFloat16));
    precision_->setCurrentIndex(precision_->findData(int(p.precision)));
    threads_->setRange(0, std::max(1, QThread::idealThreadCount()) * 2);
    threads_->setSpecialValueText(tr("All cores"));
    threads_->setValue(p.threads);
    threads_->setToolTip(tr("CPU threads the engine uses; fewer keep the computer responsive while generating."));
    cacheMiB_->setRange(0, kMaxCacheMiB);
    cacheMiB_->setSingleStep(256);
    cacheMiB_->setSuffix(tr(" MiB"));
    cacheMiB_->setSpecialValueText(tr("Off"));
    cacheMiB_->setValue(static_cast<int>(std::min<std::uint64_t>(p.referenceCacheBytes >> 20, kMaxCacheMiB)));
    cacheMiB_->setToolTip(tr("Memory for the reference photos' features, kept between runs: the next run with the "
                             "same photos and negative prompt skips their pass. A 35-step run with 4 references "
                             "needs about 1.4 GiB on the CPU and 0.7 GiB on the GPU."));
    pattern_->setToolTip(tr("Names of generated files: {date}, {time}, {seed}, {steps} and {prompt} are "
                            "filled in; a number is appended, so no file is ever replaced."));
    language_->addItem(tr("System language"), QString());
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    language_->setCurrentIndex(std::max(0, language_->findData(p.language)));

    local_->setChecked(p.engine == EngineKind::Local);
    remote_->setChecked(p.engine == EngineKind::Remote);
    remote_->setToolTip(tr("Generations run on a computer that runs “flashface serve”; previews, the queue and "
                           "the gallery work as with this computer. The models folder is still used here to find "
                           "faces in the reference photos."));
    serverUrl_->setPlaceholderText(QStringLiteral("http://gpu-box:8780"));
    serverToken_->setEchoMode(QLineEdit::Password);
    serverToken_->setPlaceholderText(tr("none (a server on this computer)"));
    auto* tokenNote = new QLabel(tr("The token is stored unencrypted in the settings file (%1).")
                                     .arg(QDir::toNativeSeparators(QSettings().fileName())),
                                 this);
    tokenNote->setWordWrap(true);
    connectionResult_->setWordWrap(true);
    connectionResult_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connectionResult_->hide();
    auto* remoteForm = new QFormLayout(remoteFields_);
    remoteForm->setContentsMargins(0, 0, 0, 0);
    remoteForm->addRow(tr("Server address:"), serverUrl_);
    remoteForm->addRow(tr("Token:"), serverToken_);
    remoteForm->addRow(QString(), tokenNote);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(testConnection_);
    testRow->addStretch();
    remoteForm->addRow(QString(), testRow);
    remoteForm->addRow(QString(), connectionResult_);
    auto* localForm = new QFormLayout(localFields_);
    localForm->setContentsMargins(0, 0, 0, 0);
    localForm->addRow(tr("Device:"), device_);
    localForm->addRow(tr("Precision:"), precision_);
    localForm->addRow(tr("Threads:"), threads_);
    localForm->addRow(tr("Reference cache:"), cacheMiB_);

    auto* engine = new QGroupBox(tr("Engine"), this);
    auto* engineForm = new QFormLayout(engine);
    auto* where = new QWidget(this);
    auto* whereLayout = new QHBoxLayout(where);
    whereLayout->setContentsMargins(0, 0, 0, 0);
    whereLayout->addWidget(local_);
    whereLayout->addWidget(remote_);
    whereLayout->addStretch();
    engineForm->addRow(tr("Generate on:"), where);
    engineForm->addRow(remoteFields_);
    engineForm->addRow(localFields_);
    engineForm->addRow(tr("Models folder:"), folderRow(tr("Models Folder"), modelsFolder_));
    connect(local_, &QRadioButton::toggled, this, &PreferencesDialog::updateEngineFields);
    connect(testConnection_, &QPushButton::clicked, this, &PreferencesDialog::testConnection);
    for (QLineEdit* field : {serverUrl_, serverToken_})
        connect(field, &QLineEdit::textEdited, connectionResult_, &QWidget::hide);  // stale once edited
    updateEngineFields();
    auto* output = new QGroupBox(tr("Output"), this);
    auto* outputForm = new QFormLayout(output);
    outputForm->addRow(tr("Output folder:"), folderRow(tr("Output Folder"), outputFolder_));
    outputProblem_->setWordWrap(true);
    outputProblem_->setStyleSheet(QStringLiteral("color: #d33;"));
    outputProblem_->hide();
    outputForm->addRow(QString(), outputProblem_);
    outputForm->addRow(tr("File names:"), pattern_);
    outputForm->addRow(QString(), example_);
    auto* appearance = new QGroupBox(tr("Interface"), this);
    auto* appearanceForm = new QFormLayout(appearance);
    appearanceForm->addRow(tr("Language:"), language_);

    auto* buttons = buttons_;
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        // Images of a run must have somewhere to go: an unusable folder is refused here, not
        // discovered when a run's images cannot be saved.
        if (!checkOutputFolder()) return;
        if (remote_->isChecked() && serverUrl_->text().trimmed().isEmpty()) {
            connectionResult_->setStyleSheet(QStringLiteral("color: #d33;"));
            connectionResult_->setText(tr("Enter the server's address, or choose “This computer”."));
            connectionResult_->show();
            serverUrl_->setFocus();
            return;
        }
        if (language_->currentData().toString() != initialLanguage_)
            QMessageBox::information(this, tr("Language"), tr("The new language is used from the next start."));
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(pattern_, &QLineEdit::textChanged, this, &PreferencesDialog::updateExample);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(engine);
    layout->addWidget(output);
    layout->addWidget(appearance);
    layout->addWidget(buttons);
    updateExample();
    resize(560, sizeHint().height());
}

void PreferencesDialog::updateEngineFields() {
    remoteFields_->setVisible(remote_->isChecked());
    localFields_->setVisible(local_->isChecked());
}

void PreferencesDialog::testConnection() {
    // The studio's own client asks, so that the test says what a run would meet.
    auto* probe = new RemoteGenerationWorker(this);
    probe->configure(preferences().engineSettings());
    testConnection_->setEnabled(false);
    connectionResult_->setStyleSheet(QString());
    connectionResult_->setText(tr("Connecting…"));
    connectionResult_->show();
    const auto report = [this, probe](const QString& text, bool ok) {
        connectionResult_->setStyleSheet(ok ? QStringLiteral("color: #2a2;") : QStringLiteral("color: #d33;"));
        connectionResult_->setText(text);
        testConnection_->setEnabled(true);
        probe->deleteLater();
    };
    connect(probe, &GenerationEngine::loaded, this,
            [report](const QString& device) { report(tr("Connected: %1.").arg(device), true); });
    connect(probe, &GenerationEngine::loadFailed, this, [report](const QString& problem) { report(problem, false); });
    probe->load();
}

QString PreferencesDialog::connectionResultText() const {
    return connectionResult_->isVisibleTo(this) ? connectionResult_->text() : QString();
}

QWidget* PreferencesDialog::folderRow(const QString& title, QLineEdit* edit) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit->setParent(row);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(tr("Browse…"), row);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, title] {
        const QString folder = QFileDialog::getExistingDirectory(this, title, edit->text());
        if (folder.isEmpty()) return;
        edit->setText(QDir::toNativeSeparators(folder));
        if (edit == outputFolder_) checkOutputFolder();
    });
    if (edit == outputFolder_)
        connect(edit, &QLineEdit::textEdited, outputProblem_, &QWidget::hide);  // stale once edited
    return row;
}

bool PreferencesDialog::checkOutputFolder() {
    const QString problem = outputFolderProblem(preferences().outputFolder);
    outputProblem_->setText(problem.isEmpty() ? QString() : tr("%1 Choose another output folder.").arg(problem));
    outputProblem_->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        outputFolder_->setFocus();
        outputFolder_->selectAll();
    }
    return problem.isEmpty();
}

QString PreferencesDialog::outputFolderProblemText() const {
    return outputProblem_->isVisibleTo(this) ? outputProblem_->text() : QString();
}

void PreferencesDialog::updateExample() {
    pipeline::GenerationSettings example;
    example.prompt = tr("a handsome young man on the street").toStdString();
    example.seed = 1234;
    example_->setText(tr("e.g. %1-00001.png").arg(preferences().fileStem(example, QDateTime::currentDateTime())));
}

AppPreferences PreferencesDialog::preferences() const {
    AppPreferences p;
    p.engine = remote_->isChecked() ? EngineKind::Remote : EngineKind::Local;
    p.server.url = serverUrl_->text().trimmed();
    p.server.token = serverToken_->text().trimmed();
    p.modelsFolder = QDir::fromNativeSeparators(modelsFolder_->text().trimmed());
    p.device = pipeline::DeviceChoice(device_->currentData().toInt());
    p.precision = pipeline::PrecisionChoice(precision_->currentData().toInt());
    p.threads = threads_->value();
    p.referenceCacheBytes = std::uint64_t(cacheMiB_->value()) << 20;
    p.outputFolder = QDir::fromNativeSeparators(outputFolder_->text().trimmed());
    p.fileNamePattern = pattern_->text().trimmed();
    p.language = language_->currentData().toString();
    return p;
}

}  // namespace flashface::ui
