#include "downloaddialog.h"

#include "common/human_units.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStorageInfo>
#include <QVBoxLayout>

namespace flashface::download {

namespace {

DownloadSettings officialSettings(const QString& folder, const QString& baseUrl) {
    DownloadSettings settings;
    settings.folder = folder;
    if (!baseUrl.isEmpty()) settings.baseUrl = baseUrl;
    settings.files = missingOfficialFiles(folder);
    return settings;
}

QString stateText(const FileStatus& file) {
    switch (file.state) {
    case FileState::Waiting: return DownloadDialog::tr("Waiting");
    case FileState::Connecting: return DownloadDialog::tr("Connecting…");
    case FileState::Downloading: return DownloadDialog::tr("Downloading");
    case FileState::Verifying: return DownloadDialog::tr("Checking integrity…");
    case FileState::Retrying: return DownloadDialog::tr("Waiting to retry");
    case FileState::Offline: return DownloadDialog::tr("Offline");
    case FileState::Done: return DownloadDialog::tr("Done");
    case FileState::Failed: return DownloadDialog::tr("Failed");
    case FileState::Cancelled: return DownloadDialog::tr("Cancelled");
    }
    return {};
}

// The progress bars count in kilobytes: QProgressBar takes an int, the files exceed 2^31 bytes.
int barValue(qint64 bytes) { return int(bytes / 1024); }

}  // namespace

DownloadDialog::DownloadDialog(const QString& modelsFolder, const QString& baseUrl, QWidget* parent)
    : DownloadDialog(officialSettings(modelsFolder, baseUrl), parent) {}

DownloadDialog::DownloadDialog(DownloadSettings settings, QWidget* parent)
    : QDialog(parent), settings_(std::move(settings)) {
    setWindowTitle(tr("Download model weights"));
    buildUi();
    for (int i = 0; i < rows_.size(); ++i) showFile(i);
}

DownloadDialog::~DownloadDialog() = default;

void DownloadDialog::buildUi() {
    auto* layout = new QVBoxLayout(this);

    qint64 total = 0;
    for (const auto& file : settings_.files) total += file.sizeHint;
    const qint64 available = QStorageInfo(QFileInfo(settings_.folder).exists() ? settings_.folder : QDir::homePath())
                                 .bytesAvailable();
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (settings_.files.isEmpty()) {
        summary_->setText(tr("Every model file is already in %1.").arg(QDir::toNativeSeparators(settings_.folder)));
    } else {
        summary_->setText(tr("FlashFace needs the files below, about %1 in all, in\n%2\n(%3 free there). "
                             "Downloads resume where they stopped if interrupted.")
                              .arg(QString::fromStdString(formatBytes(total)), QDir::toNativeSeparators(settings_.folder),
                                   QString::fromStdString(formatBytes(std::max<qint64>(0, available)))));
    }
    layout->addWidget(summary_);

    auto* grid = new QGridLayout;
    for (int i = 0; i < settings_.files.size(); ++i) {
        FileRow row{new QLabel(settings_.files[i].name, this), new QProgressBar(this), new QLabel(this)};
        row.bar->setRange(0, std::max(1, barValue(settings_.files[i].sizeHint)));
        row.bar->setValue(0);
        row.bar->setAccessibleName(tr("Progress of %1").arg(settings_.files[i].name));
        row.status->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 22);
        row.status->setWordWrap(true);
        grid->addWidget(row.name, i, 0);
        grid->addWidget(row.bar, i, 1);
        grid->addWidget(row.status, i, 2);
        rows_.append(row);
    }
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);

    totalBar_ = new QProgressBar(this);
    totalBar_->setRange(0, std::max(1, barValue(total)));
    totalBar_->setValue(0);
    totalBar_->setAccessibleName(tr("Total progress"));
    totalLabel_ = new QLabel(this);
    layout->addWidget(new QLabel(tr("Total"), this));
    layout->addWidget(totalBar_);
    layout->addWidget(totalLabel_);

    log_ = new QPlainTextEdit(this);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(500);
    log_->setPlaceholderText(tr("Retries and problems are listed here."));
    log_->setMaximumHeight(fontMetrics().height() * 6);
    layout->addWidget(log_);

    auto* buttons = new QDialogButtonBox(this);
    startButton_ = buttons->addButton(tr("&Download"), QDialogButtonBox::AcceptRole);
    cancelButton_ = buttons->addButton(QDialogButtonBox::Cancel);
    closeButton_ = buttons->addButton(QDialogButtonBox::Close);
    cancelButton_->setEnabled(false);
    startButton_->setEnabled(!settings_.files.isEmpty());
    startButton_->setDefault(true);
    connect(startButton_, &QPushButton::clicked, this, &DownloadDialog::startDownload);
    connect(cancelButton_, &QPushButton::clicked, this, [this] {
        if (manager_) manager_->cancel();
    });
    connect(closeButton_, &QPushButton::clicked, this, &DownloadDialog::reject);
    layout->addWidget(buttons);
    resize(720, sizeHint().height());
}

void DownloadDialog::startDownload() {
    if (isDownloading() || settings_.files.isEmpty()) return;
    log_->clear();
    manager_ = std::make_unique<DownloadManager>(settings_);
    connect(manager_.get(), &DownloadManager::fileChanged, this, &DownloadDialog::showFile);
    connect(manager_.get(), &DownloadManager::progressChanged, this, [this] {
        for (int i = 0; i < rows_.size(); ++i) showFile(i);
        showTotal();
    });
    connect(manager_.get(), &DownloadManager::logMessage, log_, &QPlainTextEdit::appendPlainText);
    connect(manager_.get(), &DownloadManager::finished, this, &DownloadDialog::onFinished);
    startButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    closeButton_->setEnabled(false);
    manager_->start();
}

bool DownloadDialog::isDownloading() const { return manager_ && manager_->isRunning(); }

void DownloadDialog::showFile(int index) {
    auto& row = rows_[index];
    if (!manager_) {
        row.status->setText(stateText({}));
        return;
    }
    const auto& file = manager_->files()[index];
    if (file.total >= 0) row.bar->setMaximum(std::max(1, barValue(file.total)));
    row.bar->setValue(std::min(row.bar->maximum(), barValue(file.received)));
    QString text = stateText(file);
    if (file.state == FileState::Downloading) {
        const auto total = manager_->totalProgress();
        const QString received = QString::fromStdString(formatBytes(file.received));
        text = file.total >= 0 ? tr("%1 of %2").arg(received, QString::fromStdString(formatBytes(file.total))) : received;
        if (total.bytesPerSecond > 0) {
            text += tr(" · %1/s").arg(QString::fromStdString(formatBytes(qint64(total.bytesPerSecond))));
            if (file.total >= 0)
                text += tr(" · %1 left")
                            .arg(QString::fromStdString(
                                formatDuration(double(file.total - file.received) / total.bytesPerSecond)));
        }
    } else if (!file.message.isEmpty()) {
        text = file.message;
    }
    row.status->setText(text);
    row.status->setToolTip(file.message);
}

void DownloadDialog::showTotal() {
    const auto total = manager_->totalProgress();
    totalBar_->setMaximum(std::max(1, barValue(total.total)));
    totalBar_->setValue(std::min(totalBar_->maximum(), barValue(total.received)));
    QString text = tr("%1 of %2").arg(QString::fromStdString(formatBytes(total.received)),
                                      QString::fromStdString(formatBytes(total.total)));
    if (total.bytesPerSecond > 0)
        text += tr(" · %1/s").arg(QString::fromStdString(formatBytes(qint64(total.bytesPerSecond))));
    if (total.secondsLeft >= 0)
        text += tr(" · about %1 left").arg(QString::fromStdString(formatDuration(total.secondsLeft)));
    totalLabel_->setText(text);
}

void DownloadDialog::onFinished(bool ok) {
    for (int i = 0; i < rows_.size(); ++i) showFile(i);
    showTotal();
    cancelButton_->setEnabled(false);
    closeButton_->setEnabled(true);
    if (ok) {
        totalLabel_->setText(tr("All files are downloaded and intact."));
        emit downloadFinished(true);
        accept();
        return;
    }
    log_->appendPlainText(manager_->errorString());
    startButton_->setText(tr("&Retry"));
    startButton_->setEnabled(true);
    emit downloadFinished(false);
}

void DownloadDialog::reject() {
    // Closing while downloading cancels first; the dialog stays until the transfer has stopped.
    if (isDownloading()) {
        manager_->cancel();
        return;
    }
    QDialog::reject();
}

}  // namespace flashface::download
