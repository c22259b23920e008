#include "downloadmanager.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "pipeline/failure.h"
#include "pipeline/model_checks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QThread>
#include <QTimer>
#include <QCoro/QCoroNetworkReply>
#include <QCoro/QCoroSignal>
#include <QCoro/QCoroThread>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <optional>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace flashface::download {

namespace {

constexpr int kMaxRedirects = 10;
constexpr qint64 kProgressIntervalMs = 100;
constexpr qint64 kRateWindowMs = 5000;

std::filesystem::path toPath(const QString& path) { return std::filesystem::path(QFile::encodeName(path).toStdString()); }

// 5xx, request timeout and rate limiting are worth another try; other 4xx answers are not.
bool isTransientStatus(int code) { return code >= 500 || code == 408 || code == 429; }

struct ContentRange {
    qint64 start = -1;  // -1 for "*/N"
    qint64 total = -1;  // -1 for "a-b/*"
};

std::optional<ContentRange> parseContentRange(const QByteArray& header) {
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*bytes\s+(?:(\d+)-\d+|\*)/(\d+|\*)\s*$)"));
    const auto match = pattern.match(QString::fromLatin1(header));
    if (!match.hasMatch()) return std::nullopt;
    ContentRange range;
    if (match.capturedLength(1) > 0) range.start = match.captured(1).toLongLong();
    if (match.captured(2) != QLatin1String("*")) range.total = match.captured(2).toLongLong();
    return range;
}

// Hugging Face names an LFS file's size and SHA-256 on its redirect (X-Linked-Size and
// X-Linked-Etag); mirrors that keep the headers get the same checks.
void takeLinkedHeaders(const QNetworkReply& reply, FileExpectation& expected) {
    if (!expected.size && reply.hasRawHeader("X-Linked-Size")) {
        bool ok = false;
        const qint64 size = reply.rawHeader("X-Linked-Size").toLongLong(&ok);
        if (ok && size >= 0) expected.size = static_cast<std::uint64_t>(size);
    }
    if (!expected.sha256 && reply.hasRawHeader("X-Linked-Etag")) {
        QByteArray tag = reply.rawHeader("X-Linked-Etag").trimmed();
        if (tag.startsWith("W/")) tag = tag.mid(2);
        if (tag.size() >= 2 && tag.startsWith('"') && tag.endsWith('"')) tag = tag.mid(1, tag.size() - 2);
        static const QRegularExpression sha(QStringLiteral("^[0-9a-fA-F]{64}$"));
        if (sha.match(QString::fromLatin1(tag)).hasMatch()) expected.sha256 = tag.toLower().toStdString();
    }
}

// Two downloads of a file into one folder would write one .part file at once: the first to take
// this lock (on the .part file, for the whole fetch) downloads, the other stops. A .part left
// empty (the server refused the file) is removed with the lock.
class PartLock {
public:
    explicit PartLock(std::filesystem::path part) : part_(std::move(part)) {
        fd_ = ::open(part_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        held_ = fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
    }
    ~PartLock() {
        struct stat info {};
        if (held_ && ::fstat(fd_, &info) == 0 && info.st_size == 0) ::unlink(part_.c_str());
        if (fd_ >= 0) ::close(fd_);
    }
    PartLock(const PartLock&) = delete;
    PartLock& operator=(const PartLock&) = delete;
    bool held() const { return held_; }

private:
    std::filesystem::path part_;
    int fd_ = -1;
    bool held_ = false;
};

struct ReplyDeleter {
    void operator()(QNetworkReply* reply) const {
        reply->disconnect();
        reply->deleteLater();
    }
};

}  // namespace

struct DownloadManager::Attempt {
    enum Kind { Complete, Transient, Permanent, Cancelled } kind;
    QString message;
    qint64 networkBytes = 0;  // bytes this attempt added to the .part file
    bool offline = false;     // Transient because there is no network at all
};

namespace {

// Errors that mean this computer has no network, rather than a server or transfer problem.
bool isOfflineError(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError: return true;
    default: return false;
    }
}

}  // namespace

QList<DownloadFile> officialFiles() {
    // The checks `models verify` makes, keys and shapes of the official architecture included
    // (a ModelFiles without configs describes it; its paths are not used).
    const auto checks = modelFileChecks(ModelFiles{});
    QList<DownloadFile> files;
    for (const auto& official : officialModelFiles()) {
        const auto check = std::find_if(checks.begin(), checks.end(), [&](const ModelFileCheck& c) {
            return std::string_view(c.officialName) == official.name;
        });
        files.append({QString::fromUtf8(official.name),
                      check != checks.end() ? check->expected : officialExpectation(official.name),
                      static_cast<qint64>(official.approximateSize)});
    }
    return files;
}

QList<DownloadFile> missingOfficialFiles(const QString& folder) {
    QList<DownloadFile> missing;
    for (const auto& file : officialFiles())
        if (!QFileInfo::exists(QDir(folder).filePath(file.name))) missing.append(file);
    return missing;
}

DownloadManager::DownloadManager(DownloadSettings settings, QObject* parent)
    : QObject(parent), settings_(std::move(settings)), network_(std::make_unique<QNetworkAccessManager>()) {
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    if (!settings_.freeSpace)
        settings_.freeSpace = [](const QString& folder) { return QStorageInfo(folder).bytesAvailable(); };
    if (!settings_.write)
        settings_.write = [](QFile& file, const char* data, qint64 size) { return file.write(data, size); };
    for (const auto& file : settings_.files) files_.append({file.name, FileState::Waiting, 0, -1, {}});
}

DownloadManager::~DownloadManager() { cancel(); }

void DownloadManager::start() {
    QCoro::connect(run(), this, [this](bool ok) { Q_EMIT finished(ok); });
}

void DownloadManager::cancel() {
    cancelled_ = true;
    if (currentReply_) currentReply_->abort();
    Q_EMIT cancelRequested();
}

QString DownloadManager::targetPath(int index) const { return QDir(settings_.folder).filePath(files_[index].name); }
QString DownloadManager::partPath(int index) const { return targetPath(index) + QStringLiteral(".part"); }

QUrl DownloadManager::fileUrl(int index) const {
    return QUrl(QString::fromStdString(modelFileUrl(settings_.baseUrl.toStdString(), files_[index].name.toStdString())));
}

QString DownloadManager::spaceProblem(qint64 needed) const {
    const qint64 available = settings_.freeSpace(settings_.folder);
    if (needed + settings_.spaceMargin <= available) return {};
    return tr("Not enough disk space in %1: the download needs %2 more, %3 is free. Free some space or choose "
              "another models folder.")
        .arg(QDir::toNativeSeparators(settings_.folder), formatBytes(needed), formatBytes(std::max<qint64>(0, available)));
}

void DownloadManager::setState(int index, FileState state, const QString& message) {
    files_[index].state = state;
    files_[index].message = message;
    Q_EMIT fileChanged(index);
    notifyProgress(true);
}

void DownloadManager::countBytes(int index, qint64 received) {
    files_[index].received = received;
    notifyProgress(false);
}

void DownloadManager::notifyProgress(bool force) {
    const qint64 now = clock_.isValid() ? clock_.elapsed() : 0;
    if (!force && now - lastNotify_ < kProgressIntervalMs) return;
    lastNotify_ = now;
    rate_.emplace_back(now, networkBytes_);
    while (rate_.size() > 2 && now - rate_[1].first >= kRateWindowMs) rate_.pop_front();
    Q_EMIT progressChanged();
}

TotalProgress DownloadManager::totalProgress() const {
    TotalProgress progress;
    for (int i = 0; i < files_.size(); ++i) {
        const auto& file = files_[i];
        const qint64 size = file.total >= 0 ? file.total : settings_.files[i].sizeHint;
        progress.total += std::max(size, file.received);
        progress.received += file.state == FileState::Done ? std::max(size, file.received) : file.received;
    }
    if (rate_.size() >= 2) {
        const auto& [t0, b0] = rate_.front();
        const auto& [t1, b1] = rate_.back();
        if (t1 - t0 >= 500) progress.bytesPerSecond = double(b1 - b0) * 1000.0 / double(t1 - t0);
    }
    if (progress.bytesPerSecond > 0) progress.secondsLeft = double(progress.total - progress.received) / progress.bytesPerSecond;
    return progress;
}

QCoro::Task<bool> DownloadManager::run() {
    running_ = true;
    cancelled_ = false;
    error_.clear();
    clock_.start();
    networkBytes_ = 0;
    rate_.clear();
    auto finish = [this](bool ok) {
        running_ = false;
        notifyProgress(true);
        return ok;
    };

    if (!QDir().mkpath(settings_.folder)) {
        error_ = tr("Cannot create the models folder %1.").arg(QDir::toNativeSeparators(settings_.folder));
        co_return finish(false);
    }
    qint64 needed = 0;
    for (int i = 0; i < files_.size(); ++i) {
        if (QFileInfo::exists(targetPath(i))) continue;
        const auto& file = settings_.files[i];
        const qint64 size = file.expected.size ? static_cast<qint64>(*file.expected.size) : file.sizeHint;
        needed += std::max<qint64>(0, size - QFileInfo(partPath(i)).size());
    }
    if (const QString problem = spaceProblem(needed); !problem.isEmpty()) {
        error_ = problem;
        co_return finish(false);
    }

    bool ok = true;
    for (int i = 0; i < files_.size() && !cancelled_; ++i) {
        if (co_await fetchFile(i)) continue;
        ok = false;
        if (error_.isEmpty()) error_ = files_[i].message;
    }
    if (cancelled_) {
        ok = false;
        error_ = tr("The download was cancelled; what has arrived is kept and resumes next time.");
    }
    co_return finish(ok);
}

QCoro::Task<bool> DownloadManager::fetchFile(int index) {
    FileExpectation expected = settings_.files[index].expected;
    const QString name = files_[index].name;
    const PartLock lock(toPath(partPath(index)));
    if (!lock.held()) {
        setState(index, FileState::Failed,
                 tr("Another download of %1 into this folder is running; let it finish or stop it first.").arg(name));
        co_return false;
    }

    if (QFileInfo::exists(targetPath(index))) {
        setState(index, FileState::Verifying, tr("Checking the file already present…"));
        const auto check = co_await verifyInThread(index, expected, targetPath(index));
        if (cancelled_) {
            setState(index, FileState::Cancelled);
            co_return false;
        }
        if (check.ok()) {
            files_[index].received = files_[index].total = static_cast<qint64>(check.size);
            setState(index, FileState::Done, tr("Already present."));
            co_return true;
        }
        // A damaged file must never be loaded: remove it before fetching a fresh copy.
        Q_EMIT logMessage(tr("%1 is damaged and is fetched again: %2")
                              .arg(name, QString::fromStdString(check.problems.front())));
        QFile::remove(targetPath(index));
    }

    int failures = 0, refetches = 0;
    while (true) {
        if (cancelled_) {
            setState(index, FileState::Cancelled);
            co_return false;
        }
        setState(index, FileState::Connecting);
        const Attempt attempt = co_await transfer(index, expected);
        switch (attempt.kind) {
        case Attempt::Complete: {
            setState(index, FileState::Verifying, tr("Checking integrity…"));
            const auto check = co_await verifyInThread(index, expected, partPath(index));
            if (cancelled_) {
                setState(index, FileState::Cancelled);
                co_return false;
            }
            if (check.ok()) {
                // Never over a file that appeared meanwhile (another program's copy): it gets checked next run.
                try {
                    if (!renameNoReplace(toPath(partPath(index)), toPath(targetPath(index))))
                        QFile::remove(partPath(index));
                } catch (const FileError& error) {
                    setState(index, FileState::Failed, QString::fromStdString(error.what()));
                    co_return false;
                }
                files_[index].received = files_[index].total = static_cast<qint64>(check.size);
                setState(index, FileState::Done);
                co_return true;
            }
            // Emptied, not removed: the lock stays on the file the next attempt writes.
            QFile::resize(partPath(index), 0);
            const QString problem = QString::fromStdString(check.problems.front());
            if (++refetches > settings_.maxRefetches) {
                setState(index, FileState::Failed,
                         tr("%1 arrived damaged %2 times; the last check said: %3 Try again later or use another "
                            "mirror.")
                             .arg(name)
                             .arg(refetches)
                             .arg(problem));
                co_return false;
            }
            Q_EMIT logMessage(tr("%1 arrived damaged and is fetched again: %2").arg(name, problem));
            files_[index].received = 0;
            continue;
        }
        case Attempt::Transient: {
            if (attempt.networkBytes > 0) failures = 0;  // progress was made: the line works, keep going
            if (++failures >= settings_.maxAttempts) {
                setState(index, FileState::Failed,
                         tr("%1 Gave up after %2 attempts in a row.").arg(attempt.message).arg(failures));
                co_return false;
            }
            const auto delay = std::min(settings_.maxRetryDelay, settings_.firstRetryDelay * (std::int64_t{1} << std::min(failures - 1, 20)));
            setState(index, attempt.offline ? FileState::Offline : FileState::Retrying,
                     tr("%1 Retrying in %2.").arg(attempt.message, formatDuration(double(delay.count()) / 1000.0)));
            Q_EMIT logMessage(files_[index].message);
            co_await pause(delay);
            continue;
        }
        case Attempt::Permanent:
            setState(index, FileState::Failed, attempt.message);
            co_return false;
        case Attempt::Cancelled:
            setState(index, FileState::Cancelled);
            co_return false;
        }
    }
}

QCoro::Task<DownloadManager::Attempt> DownloadManager::transfer(int index, FileExpectation& expected) {
    const QString name = files_[index].name;
    QFile part(partPath(index));
    if (!part.open(QIODevice::ReadWrite))
        co_return Attempt{Attempt::Permanent, tr("Cannot write %1: %2.").arg(part.fileName(), part.errorString())};
    qint64 offset = part.size();
    auto restartFromZero = [&] {
        part.resize(0);
        offset = 0;
    };
    if (expected.size && offset > static_cast<qint64>(*expected.size)) restartFromZero();
    part.seek(offset);
    countBytes(index, offset);

    QUrl url = fileUrl(index);
    for (int hop = 0; hop <= kMaxRedirects; ++hop) {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        // Identity encoding: byte offsets must be offsets in the file itself.
        request.setRawHeader("Accept-Encoding", "identity");
        request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("FlashFace-Studio"));
        if (offset > 0) request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + "-");

        std::unique_ptr<QNetworkReply, ReplyDeleter> reply(network_->get(request));
        currentReply_ = reply.get();
        if (cancelled_) reply->abort();

        std::optional<Attempt> verdict;  // decided before the reply ended
        bool headersSeen = false, accepting = false, stalled = false, redirect = false;
        qint64 received = 0, total = -1;
        // An error status ends the reply by itself (its body is short); any other verdict stops
        // the transfer at once.
        auto fail = [&](Attempt::Kind kind, const QString& message, bool stopTransfer = true) {
            if (!verdict) verdict = Attempt{kind, message};
            if (stopTransfer) reply->abort();
        };

        QTimer stall;
        stall.setSingleShot(true);
        stall.setInterval(settings_.stallTimeout);
        connect(&stall, &QTimer::timeout, reply.get(), [&] {
            stalled = true;
            reply->abort();
        });
        stall.start();

        auto onHeaders = [&] {
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            if (headersSeen || !status.isValid()) return;
            headersSeen = true;
            const int code = status.toInt();
            takeLinkedHeaders(*reply, expected);
            if (code >= 300 && code < 400 && reply->hasRawHeader("Location")) {
                redirect = true;
                return;
            }
            const auto range = parseContentRange(reply->rawHeader("Content-Range"));
            if (code == 206) {
                if (!range || range->start != offset) {
                    restartFromZero();
                    fail(Attempt::Transient, tr("The server resumed %1 at the wrong place; starting it over.").arg(name));
                    return;
                }
                total = range->total;
            } else if (code == 200) {
                if (offset > 0) {
                    Q_EMIT logMessage(tr("The server cannot resume %1; downloading it from the start.").arg(name));
                    restartFromZero();
                    part.seek(0);
                    countBytes(index, 0);
                }
                const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
                if (length.isValid()) total = length.toLongLong();
            } else if (code == 416 && range && range->total == offset) {
                // The .part file already holds everything (a previous run stopped before the rename).
                total = offset;
                verdict = Attempt{Attempt::Complete, {}};
                return;
            } else if (code == 416) {
                restartFromZero();
                fail(Attempt::Transient, tr("The server rejected the resume point of %1; starting it over.").arg(name));
                return;
            } else {
                const QString reason = QString::fromUtf8(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
                const QString message = tr("The server answered %1 %2 for %3.").arg(code).arg(reason, url.toString());
                fail(isTransientStatus(code) ? Attempt::Transient : Attempt::Permanent, message, false);
                return;
            }
            accepting = true;
            if (total >= 0 && expected.size && static_cast<qint64>(*expected.size) != total) {
                fail(Attempt::Permanent, tr("The server offers %1 with %2 bytes, but it should have %3 bytes; the "
                                            "mirror may hold another version.")
                                             .arg(name)
                                             .arg(total)
                                             .arg(*expected.size));
                return;
            }
            if (const QString problem = spaceProblem(std::max<qint64>(0, total - offset)); !problem.isEmpty()) {
                fail(Attempt::Permanent, problem);
                return;
            }
            files_[index].total = total;
            setState(index, FileState::Downloading);
        };
        auto onData = [&] {
            stall.start();
            onHeaders();
            const QByteArray data = reply->readAll();
            if (!accepting || verdict || data.isEmpty()) return;
            if (settings_.write(part, data.constData(), data.size()) != data.size()) {
                fail(Attempt::Permanent, tr("Writing %1 failed: %2. Is the disk full?")
                                             .arg(part.fileName(), part.errorString()));
                return;
            }
            received += data.size();
            networkBytes_ += data.size();
            countBytes(index, offset + received);
        };
        connect(reply.get(), &QNetworkReply::metaDataChanged, this, onHeaders);
        connect(reply.get(), &QNetworkReply::readyRead, this, onData);

        co_await qCoro(reply.get()).waitForFinished();
        if (reply->bytesAvailable() > 0) onData();
        onHeaders();
        stall.stop();
        currentReply_ = nullptr;

        if (cancelled_) co_return Attempt{Attempt::Cancelled, {}, received};
        if (verdict) {
            verdict->networkBytes = received;
            if (verdict->kind == Attempt::Complete && !expected.size) expected.size = static_cast<std::uint64_t>(total);
            co_return *verdict;
        }
        if (stalled)
            co_return Attempt{Attempt::Transient,
                              tr("No data arrived for %1 for %2.")
                                  .arg(name, formatDuration(double(settings_.stallTimeout.count()) / 1000.0)),
                              received};
        if (redirect) {
            url = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
            // A mirror may move files between hosts, never to file://, ftp:// or other schemes.
            if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
                co_return Attempt{Attempt::Permanent,
                                  tr("The server redirected %1 to %2, which is not a web address; the download "
                                     "was stopped.")
                                      .arg(name, url.toString())};
            continue;
        }
        if (isOfflineError(reply->error()))
            co_return Attempt{Attempt::Transient,
                              tr("Offline: %1 cannot be reached (%2). Check the network connection.")
                                  .arg(url.host(), reply->errorString()),
                              received, true};
        if (reply->error() != QNetworkReply::NoError || !accepting)
            co_return Attempt{Attempt::Transient,
                              tr("The download of %1 was interrupted: %2.").arg(name, reply->errorString()), received};
        if (total >= 0 && offset + received != total)
            co_return Attempt{Attempt::Transient,
                              tr("The connection closed after %1 of %2 of %3.")
                                  .arg(formatBytes(offset + received), formatBytes(total), name),
                              received};
        if (!part.flush() || ::fdatasync(part.handle()) != 0)
            co_return Attempt{Attempt::Permanent,
                              tr("Writing %1 failed: %2. Is the disk full?").arg(part.fileName(), part.errorString()),
                              received};
        if (!expected.size) expected.size = static_cast<std::uint64_t>(offset + received);
        co_return Attempt{Attempt::Complete, {}, received};
    }
    co_return Attempt{Attempt::Permanent, tr("Too many redirects while fetching %1.").arg(name)};
}

QCoro::Task<VerifyResult> DownloadManager::verifyInThread(int index, const FileExpectation& expected,
                                                          const QString& path) {
    VerifyResult result;
    VerifyOptions options;
    options.cancel = &cancelled_;
    options.progress = [this, index](std::uint64_t done, std::uint64_t total) {
        const int percent = total > 0 ? int(100 * done / total) : 100;
        QMetaObject::invokeMethod(
            this,
            [this, index, percent] {
                if (files_[index].state != FileState::Verifying) return;
                files_[index].message = tr("Checking integrity… %1 %").arg(percent);
                Q_EMIT fileChanged(index);
            },
            Qt::QueuedConnection);
    };
    std::unique_ptr<QThread> thread(QThread::create([&] {
        try {
            result = verifyModelFile(toPath(path), expected, options);
        } catch (const flashface::Cancelled&) {
            result.problems.push_back("cancelled");
        } catch (...) {  // nothing may escape a thread
            result.problems.push_back(describeFailure(std::current_exception()).message);
        }
    }));
    thread->start();
    co_await qCoro(thread.get()).waitForFinished();
    co_return result;
}

QCoro::Task<> DownloadManager::pause(std::chrono::milliseconds delay) {
    if (cancelled_) co_return;
    co_await qCoro(this, &DownloadManager::cancelRequested, delay);
}

QString formatBytes(qint64 bytes) {
    const double value = double(bytes);
    if (value >= 1e9) return QStringLiteral("%1 GB").arg(value / 1e9, 0, 'f', 2);
    if (value >= 1e6) return QStringLiteral("%1 MB").arg(value / 1e6, 0, 'f', 1);
    if (value >= 1e3) return QStringLiteral("%1 kB").arg(value / 1e3, 0, 'f', 0);
    return QStringLiteral("%1 B").arg(bytes);
}

QString formatDuration(double seconds) {
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600) return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (s >= 60) return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QStringLiteral("%1 s").arg(s);
}

}  // namespace flashface::download
