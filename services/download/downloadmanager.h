#pragma once

#include "pipeline/model_verify.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QCoro/QCoroTask>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QFile;
class QNetworkAccessManager;
class QNetworkReply;

namespace flashface::download {

// One file to fetch into the models folder.
struct DownloadFile {
    QString name;              // file name in the folder, and the last segment of its URL
    pipeline::FileExpectation expected;  // checked after the download; the server's size and SHA-256 complete it
    qint64 sizeHint = 0;       // estimate for the space check and the total before the server answers
};

// The official files, each with its integrity expectation.
QList<DownloadFile> officialFiles();
// The official files absent from `folder`.
QList<DownloadFile> missingOfficialFiles(const QString& folder);

struct DownloadSettings {
    QString folder;
    QString baseUrl = QString::fromUtf8(pipeline::kOfficialModelsBaseUrl);
    QList<DownloadFile> files;

    int maxAttempts = 8;  // consecutive failed attempts without progress before giving up a file
    std::chrono::milliseconds firstRetryDelay{2000};  // doubles after each failed attempt
    std::chrono::milliseconds maxRetryDelay{120'000};
    std::chrono::milliseconds stallTimeout{30'000};  // no byte for this long aborts the attempt
    int maxRefetches = 2;  // complete downloads that fail the integrity check before giving up
    qint64 spaceMargin = 64ll << 20;

    // Test seams. freeSpace: bytes available in the folder (default: QStorageInfo). write: writes
    // to the .part file and returns the bytes written (default: QFile::write).
    std::function<qint64(const QString& folder)> freeSpace;
    std::function<qint64(QFile& file, const char* data, qint64 size)> write;
};

// Offline: no network (the server's name did not resolve, no route): retried like Retrying,
// and said so.
enum class FileState { Waiting, Connecting, Downloading, Verifying, Retrying, Offline, Done, Failed, Cancelled };

struct FileStatus {
    QString name;
    FileState state = FileState::Waiting;
    qint64 received = 0;  // bytes in the folder (.part included)
    qint64 total = -1;    // -1 while unknown
    QString message;      // the last error or note, a full sentence
};

struct TotalProgress {
    qint64 received = 0;
    qint64 total = 0;           // size hints stand in for sizes the server has not told yet
    double bytesPerSecond = 0;  // over the last few seconds
    double secondsLeft = -1;    // -1 while unknown
};

// Fetches weight files over HTTP(S) into a folder: resumable `.part` files (HTTP Range, also
// across restarts), retries with exponential back-off on network errors and 5xx answers, stall
// detection, a disk-space check, an integrity check (size, every zip entry's CRC-32, SHA-256
// where the server names one) before the atomic rename, and cancellation. A file that fails the
// check is deleted and fetched again; it never reaches its final name. Uses the system proxy.
class DownloadManager : public QObject {
    Q_OBJECT
public:
    explicit DownloadManager(DownloadSettings settings, QObject* parent = nullptr);
    ~DownloadManager() override;

    // Fetches every file in turn; true when all of them are in place and intact. Never throws:
    // failures end up in files() and errorString().
    QCoro::Task<bool> run();
    // Runs in the background and emits finished().
    void start();
    void cancel();

    bool isRunning() const { return running_; }
    const QList<FileStatus>& files() const { return files_; }
    TotalProgress totalProgress() const;
    QString errorString() const { return error_; }

signals:
    void fileChanged(int index);
    void progressChanged();  // at most ten times a second, and at every state change
    void logMessage(const QString& line);
    void finished(bool ok);
    void cancelRequested();

private:
    struct Attempt;
    struct Exchange;
    enum class Outcome { Done, Failed, Again };  // of one step of fetching a file

    QCoro::Task<bool> fetchFile(int index);
    QCoro::Task<Outcome> checkPresentFile(int index, const pipeline::FileExpectation& expected);
    QCoro::Task<Attempt> transfer(int index, pipeline::FileExpectation& expected);
    QCoro::Task<> receive(Exchange& exchange);
    QCoro::Task<Outcome> installPart(int index, const pipeline::FileExpectation& expected, int& refetches);
    QCoro::Task<Outcome> waitToRetry(int index, const Attempt& attempt, int failures);
    // Checks `path` off this thread, `note` shown meanwhile; nothing when the run was cancelled.
    QCoro::Task<std::optional<pipeline::VerifyResult>> verify(int index, const pipeline::FileExpectation& expected, const QString& path,
                                                    const QString& note);
    void markDone(int index, std::uint64_t size, const QString& message = {});
    QCoro::Task<> pause(std::chrono::milliseconds delay);

    QString targetPath(int index) const;
    QString partPath(int index) const;
    QUrl fileUrl(int index) const;
    QString spaceProblem(qint64 needed) const;
    void setState(int index, FileState state, const QString& message = {});
    void countBytes(int index, qint64 received);
    void notifyProgress(bool force);

    DownloadSettings settings_;
    QList<FileStatus> files_;
    std::unique_ptr<QNetworkAccessManager> network_;
    QPointer<QNetworkReply> currentReply_;
    CancelToken cancel_;
    bool running_ = false;
    QString error_;

    QElapsedTimer clock_;
    qint64 networkBytes_ = 0;                      // received over the network in this run
    std::deque<std::pair<qint64, qint64>> rate_;  // (ms, networkBytes_) samples
    qint64 lastNotify_ = -1000;
};

}  // namespace flashface::download
