#pragma once

#include "download/downloadmanager.h"

#include <QDialog>
#include <QList>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace flashface::download {

// Fetches the missing weight files into a models folder, showing each file's progress and the
// total (bytes, speed, time left), with cancel and retry. Opened from the "missing weights"
// panel and at first run:
//
//     DownloadDialog dialog(modelsFolder, baseUrl, this);
//     if (dialog.exec() == QDialog::Accepted) ...  // every file is present and intact
//
// The dialog accepts when all files are in place; it rejects when closed or cancelled before.
class DownloadDialog : public QDialog {
    Q_OBJECT
public:
    // The official files missing from `modelsFolder`, from `baseUrl` (empty: the official host).
    DownloadDialog(const QString& modelsFolder, const QString& baseUrl = {}, QWidget* parent = nullptr);
    // Any files and settings (tests, mirrors with other names).
    explicit DownloadDialog(DownloadSettings settings, QWidget* parent = nullptr);
    ~DownloadDialog() override;

    // Starts the download (the Download button does the same).
    void startDownload();
    bool isDownloading() const;
    const DownloadManager* manager() const { return manager_.get(); }

signals:
    void downloadFinished(bool ok);

public slots:
    // While downloading, cancels (the dialog stays until the transfer has stopped).
    void reject() override;

private:
    struct FileRow {
        QLabel* name;
        QProgressBar* bar;
        QLabel* status;
    };

    void buildUi();
    void showFile(int index);
    void showTotal();
    void onFinished(bool ok);

    DownloadSettings settings_;
    std::unique_ptr<DownloadManager> manager_;
    QList<FileRow> rows_;
    QLabel* summary_ = nullptr;
    QProgressBar* totalBar_ = nullptr;
    QLabel* totalLabel_ = nullptr;
    QPlainTextEdit* log_ = nullptr;
    QPushButton* startButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QPushButton* closeButton_ = nullptr;
};

}  // namespace flashface::download
