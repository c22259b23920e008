#include "download/downloadmanager.h"

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/human_units.h"
#include "download/http_response.h"
#include "pipeline/failure.h"
#include "pipeline/model_checks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
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
    const auto checks = pipeline::modelFileChecks(pipeline::ModelFiles{});
    QList<DownloadFile> files;
    for (const auto& official : pipeline::officialModelFiles()) {
        const auto check = std::find_if(checks.begin(), checks.end(), [&](const pipeline::ModelFileCheck& c) {
            return std::string_view(c.officialName) == official.name;
        });
        files.append({QString::fromUtf8(official.name),
                      check != checks.end() ? check->expected : pipeline::officialExpectation(official.name),
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
    QCoro::connect(run(), this, [this](bool ok) { emit finished(ok); });
}

void DownloadManager::cancel() {
    cancel_.cancel();
    if (currentReply_) currentReply_->abort();
    emit cancelRequested();
}

QString DownloadManager::targetPath(int index) const { return QDir(settings_.folder).filePath(files_[index].name); }
QString DownloadManager::partPath(int index) const { return targetPath(index) + QStringLiteral(".part"); }

QUrl DownloadManager::fileUrl(int index) const {
    return QUrl(QString::fromStdString(pipeline::modelFileUrl(settings_.baseUrl.toStdString(), files_[index].name.toStdString())));
}

QString DownloadManager::spaceProblem(qint64 needed) const {
    const qint64 available = settings_.freeSpace(settings_.folder);
    if (needed + settings_.spaceMargin <= available) return {};
    return tr("Not enough disk space in %1: the download needs %2 more, %3 is free. Free some space or choose "
              "another models folder.")
        .arg(QDir::toNativeSeparators(settings_.folder), QString::fromStdString(formatBytes(needed)),
             QString::fromStdString(formatBytes(std::max<qint64>(0, available))));
}

void DownloadManager::setState(int index, FileState state, const QString& message) {
    files_[index].state = state;
    files_[index].message = message;
    emit fileChanged(index);
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
    emit progressChanged();
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
    cancel_.reset();
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
    for (int i = 0; i < files_.size() && !cancel_.isCancelled(); ++i) {
        if (co_await fetchFile(i)) continue;
        ok = false;
        if (error_.isEmpty()) error_ = files_[i].message;
    }
    if (cancel_.isCancelled()) {
        ok = false;
        error_ = tr("The download was cancelled; what has arrived is kept and resumes next time.");
    }
    co_return finish(ok);
}

QCoro::Task<bool> DownloadManager::fetchFile(int index) {
    pipeline::FileExpectation expected = settings_.files[index].expected;
    const PartLock lock(toPath(partPath(index)));
    if (!lock.held()) {
        setState(index, FileState::Failed,
                 tr("Another download of %1 into this folder is running; let it finish or stop it first.")
                     .arg(files_[index].name));
        co_return false;
    }
    if (QFileInfo::exists(targetPath(index))) {
        const Outcome present = co_await checkPresentFile(index, expected);
        if (present != Outcome::Again) co_return present == Outcome::Done;
    }

    int failures = 0, refetches = 0;
    while (true) {
        if (cancel_.isCancelled()) {
            setState(index, FileState::Cancelled);
            co_return false;
        }
        setState(index, FileState::Connecting);
        const Attempt attempt = co_await transfer(index, expected);
        Outcome outcome = Outcome::Failed;
        switch (attempt.kind) {
        case Attempt::Complete:
            outcome = co_await installPart(index, expected, refetches);
            break;
        case Attempt::Transient:
            if (attempt.networkBytes > 0) failures = 0;  // progress was made: the line works, keep going
            outcome = co_await waitToRetry(index, attempt, ++failures);
            break;
        case Attempt::Permanent:
            setState(index, FileState::Failed, attempt.message);
            break;
        case Attempt::Cancelled:
            setState(index, FileState::Cancelled);
            break;
        }
        if (outcome != Outcome::Again) co_return outcome == Outcome::Done;
    }
}

QCoro::Task<DownloadManager::Outcome> DownloadManager::checkPresentFile(int index, const pipeline::FileExpectation& expected) {
    const auto check = co_await verify(index, expected, targetPath(index), tr("Checking the file already present…"));
    if (!check) co_return Outcome::Failed;
    if (check->ok()) {
        markDone(index, check->size, tr("Already present."));
        co_return Outcome::Done;
    }
    // A damaged file must never be loaded: remove it before fetching a fresh copy.
    emit logMessage(tr("%1 is damaged and is fetched again: %2")
                        .arg(files_[index].name, QString::fromStdString(check->problems.front())));
    QFile::remove(targetPath(index));
    co_return Outcome::Again;
}

QCoro::Task<DownloadManager::Outcome> DownloadManager::installPart(int index, const pipeline::FileExpectation& expected,
                                                                   int& refetches) {
    const auto check = co_await verify(index, expected, partPath(index), tr("Checking integrity…"));
    if (!check) co_return Outcome::Failed;
    if (check->ok()) {
        // Never over a file that appeared meanwhile (another program's copy): it gets checked next run.
        try {
            if (!renameNoReplace(toPath(partPath(index)), toPath(targetPath(index)))) QFile::remove(partPath(index));
        } catch (const FileError& error) {
            setState(index, FileState::Failed, QString::fromStdString(error.what()));
            co_return Outcome::Failed;
        }
        markDone(index, check->size);
        co_return Outcome::Done;
    }
    // Emptied, not removed: the lock stays on the file the next attempt writes.
    QFile::resize(partPath(index), 0);
    const QString& name = files_[index].name;
    const QString problem = QString::fromStdString(check->problems.front());
    if (++refetches > settings_.maxRefetches) {
        setState(index, FileState::Failed,
                 tr("%1 arrived damaged %2 times; the last check said: %3 Try again later or use another mirror.")
                     .arg(name)
                     .arg(refetches)
                     .arg(problem));
        co_return Outcome::Failed;
    }
    emit logMessage(tr("%1 arrived damaged and is fetched again: %2").arg(name, problem));
    files_[index].received = 0;
    co_return Outcome::Again;
}

QCoro::Task<DownloadManager::Outcome> DownloadManager::waitToRetry(int index, const Attempt& attempt, int failures) {
    const QString& problem = attempt.message;
    if (failures >= settings_.maxAttempts) {
        setState(index, FileState::Failed, tr("%1 Gave up after %2 attempts in a row.").arg(problem).arg(failures));
        co_return Outcome::Failed;
    }
    const auto delay =
        std::min(settings_.maxRetryDelay, settings_.firstRetryDelay * (std::int64_t{1} << std::min(failures - 1, 20)));
    setState(index, attempt.offline ? FileState::Offline : FileState::Retrying,
             tr("%1 Retrying in %2.").arg(problem, QString::fromStdString(formatDuration(double(delay.count()) / 1000.0))));
    emit logMessage(files_[index].message);
    co_await pause(delay);
    co_return Outcome::Again;
}

// One GET of a file and what became of it. The answer's headers decide whether its body goes into
// the .part file (onHeaders); the body is written as it arrives (onData); once the reply has
// ended, outcome() says how the attempt went, or nothing when the answer was a redirect.
struct DownloadManager::Exchange {
    DownloadManager& manager;
    int index;
    QFile& part;
    qint64& offset;  // bytes in the .part file before this exchange's body
    pipeline::FileExpectation& expected;
    QNetworkReply& reply;

    std::optional<Attempt> verdict;  // decided before the reply ended
    bool headersSeen = false, accepting = false, stalled = false, redirect = false;
    qint64 received = 0, total = -1;

    const QString& name() const { return manager.files_[index].name; }

    // An error status ends the reply by itself (its body is short); any other verdict stops the
    // transfer at once.
    void fail(Attempt::Kind kind, const QString& message, bool stopTransfer = true) {
        if (!verdict) verdict = Attempt{kind, message};
        if (stopTransfer) reply.abort();
    }

    void startOver() {
        part.resize(0);
        part.seek(0);
        offset = 0;
        manager.countBytes(index, 0);
    }

    void onHeaders() {
        const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (headersSeen || !status.isValid()) return;
        headersSeen = true;
        takeLinkedHeaders(reply.rawHeader("X-Linked-Size"), reply.rawHeader("X-Linked-Etag"), expected);
        const QVariant length = reply.header(QNetworkRequest::ContentLengthHeader);
        const ResponseHeaders headers{status.toInt(), reply.hasRawHeader("Location"), reply.rawHeader("Content-Range"),
                                      length.isValid() ? length.toLongLong() : -1};
        const ResponseVerdict answer = classifyResponse(headers, offset);
        switch (answer.kind) {
        case ResponseVerdict::Redirect:
            redirect = true;
            return;
        case ResponseVerdict::WrongResumePoint:
            startOver();
            fail(Attempt::Transient,
                 DownloadManager::tr("The server resumed %1 at the wrong place; starting it over.").arg(name()));
            return;
        case ResponseVerdict::ResumeRejected:
            startOver();
            fail(Attempt::Transient,
                 DownloadManager::tr("The server rejected the resume point of %1; starting it over.").arg(name()));
            return;
        case ResponseVerdict::AlreadyComplete:  // a previous run stopped before the rename
            total = answer.total;
            verdict = Attempt{Attempt::Complete, {}};
            return;
        case ResponseVerdict::ErrorStatus: {
            const QString reason =
                QString::fromUtf8(reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
            fail(answer.transient ? Attempt::Transient : Attempt::Permanent,
                 DownloadManager::tr("The server answered %1 %2 for %3.")
                     .arg(headers.status)
                     .arg(reason, reply.url().toString()),
                 false);
            return;
        }
        case ResponseVerdict::FromStart:
            if (offset > 0) {
                emit manager.logMessage(
                    DownloadManager::tr("The server cannot resume %1; downloading it from the start.").arg(name()));
                startOver();
            }
            break;
        case ResponseVerdict::Append:
            break;
        }
        total = answer.total;
        accepting = true;
        if (total >= 0 && expected.size && static_cast<qint64>(*expected.size) != total) {
            fail(Attempt::Permanent, DownloadManager::tr("The server offers %1 with %2 bytes, but it should have %3 "
                                                         "bytes; the mirror may hold another version.")
                                         .arg(name())
                                         .arg(total)
                                         .arg(*expected.size));
            return;
        }
        if (const QString problem = manager.spaceProblem(std::max<qint64>(0, total - offset)); !problem.isEmpty()) {
            fail(Attempt::Permanent, problem);
            return;
        }
        manager.files_[index].total = total;
        manager.setState(index, FileState::Downloading);
    }

    void onData() {
        onHeaders();
        const QByteArray data = reply.readAll();
        if (!accepting || verdict || data.isEmpty()) return;
        if (manager.settings_.write(part, data.constData(), data.size()) != data.size()) {
            fail(Attempt::Permanent,
                 DownloadManager::tr("Writing %1 failed: %2. Is the disk full?")
                     .arg(part.fileName(), part.errorString()));
            return;
        }
        received += data.size();
        manager.networkBytes_ += data.size();
        manager.countBytes(index, offset + received);
    }

    std::optional<Attempt> outcome() {
        if (manager.cancel_.isCancelled()) return Attempt{Attempt::Cancelled, {}, received};
        if (verdict) {
            verdict->networkBytes = received;
            if (verdict->kind == Attempt::Complete && !expected.size) expected.size = static_cast<std::uint64_t>(total);
            return verdict;
        }
        if (stalled)
            return Attempt{Attempt::Transient,
                           DownloadManager::tr("No data arrived for %1 for %2.")
                               .arg(name(), QString::fromStdString(formatDuration(
                                                double(manager.settings_.stallTimeout.count()) / 1000.0))),
                           received};
        if (redirect) return std::nullopt;
        if (isOfflineError(reply.error()))
            return Attempt{Attempt::Transient,
                           DownloadManager::tr("Offline: %1 cannot be reached (%2). Check the network connection.")
                               .arg(reply.url().host(), reply.errorString()),
                           received, true};
        if (reply.error() != QNetworkReply::NoError || !accepting)
            return Attempt{Attempt::Transient,
                           DownloadManager::tr("The download of %1 was interrupted: %2.").arg(name(), reply.errorString()),
                           received};
        if (total >= 0 && offset + received != total)
            return Attempt{Attempt::Transient,
                           DownloadManager::tr("The connection closed after %1 of %2 of %3.")
                               .arg(QString::fromStdString(formatBytes(offset + received)),
                                    QString::fromStdString(formatBytes(total)), name()),
                           received};
        if (!part.flush() || ::fdatasync(part.handle()) != 0)
            return Attempt{Attempt::Permanent,
                           DownloadManager::tr("Writing %1 failed: %2. Is the disk full?")
                               .arg(part.fileName(), part.errorString()),
                           received};
        if (!expected.size) expected.size = static_cast<std::uint64_t>(offset + received);
        return Attempt{Attempt::Complete, {}, received};
    }
};

QCoro::Task<DownloadManager::Attempt> DownloadManager::transfer(int index, pipeline::FileExpectation& expected) {
    const QString name = files_[index].name;
    QFile part(partPath(index));
    if (!part.open(QIODevice::ReadWrite))
        co_return Attempt{Attempt::Permanent, tr("Cannot write %1: %2.").arg(part.fileName(), part.errorString())};
    qint64 offset = part.size();
    if (expected.size && offset > static_cast<qint64>(*expected.size)) {
        part.resize(0);
        offset = 0;
    }
    part.seek(offset);
    countBytes(index, offset);

    QUrl url = fileUrl(index);
    for (int hop = 0; hop <= kMaxRedirects; ++hop) {
        std::unique_ptr<QNetworkReply, ReplyDeleter> reply(network_->get(fileRequest(url, offset)));
        Exchange exchange{*this, index, part, offset, expected, *reply};
        co_await receive(exchange);
        if (auto attempt = exchange.outcome()) co_return *attempt;

        url = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        // A mirror may move files between hosts, never to file://, ftp:// or other schemes.
        if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
            co_return Attempt{Attempt::Permanent, tr("The server redirected %1 to %2, which is not a web address; the "
                                                     "download was stopped.")
                                                      .arg(name, url.toString())};
    }
    co_return Attempt{Attempt::Permanent, tr("Too many redirects while fetching %1.").arg(name)};
}

QCoro::Task<> DownloadManager::receive(Exchange& exchange) {
    QNetworkReply* reply = &exchange.reply;
    currentReply_ = reply;
    if (cancel_.isCancelled()) reply->abort();
    QTimer stall;
    stall.setSingleShot(true);
    stall.setInterval(settings_.stallTimeout);
    connect(&stall, &QTimer::timeout, reply, [&] {
        exchange.stalled = true;
        reply->abort();
    });
    stall.start();
    connect(reply, &QNetworkReply::metaDataChanged, this, [&] { exchange.onHeaders(); });
    connect(reply, &QNetworkReply::readyRead, this, [&] {
        stall.start();
        exchange.onData();
    });

    co_await qCoro(reply).waitForFinished();
    if (reply->bytesAvailable() > 0) exchange.onData();
    exchange.onHeaders();
    stall.stop();
    currentReply_ = nullptr;
}

void DownloadManager::markDone(int index, std::uint64_t size, const QString& message) {
    files_[index].received = files_[index].total = static_cast<qint64>(size);
    setState(index, FileState::Done, message);
}

QCoro::Task<std::optional<pipeline::VerifyResult>> DownloadManager::verify(int index, const pipeline::FileExpectation& expected,
                                                                 const QString& path, const QString& note) {
    setState(index, FileState::Verifying, note);
    pipeline::VerifyResult result;
    pipeline::VerifyOptions options;
    options.cancel = &cancel_;
    options.progress = [this, index](std::uint64_t done, std::uint64_t total) {
        const int percent = total > 0 ? int(100 * done / total) : 100;
        QMetaObject::invokeMethod(
            this,
            [this, index, percent] {
                if (files_[index].state != FileState::Verifying) return;
                files_[index].message = tr("Checking integrity… %1 %").arg(percent);
                emit fileChanged(index);
            },
            Qt::QueuedConnection);
    };
    std::unique_ptr<QThread> thread(QThread::create([&] {
        try {
            result = pipeline::verifyModelFile(toPath(path), expected, options);
        } catch (const flashface::Cancelled&) {
            result.problems.push_back("cancelled");
        } catch (...) {  // nothing may escape a thread
            result.problems.push_back(pipeline::describeFailure(std::current_exception()).message);
        }
    }));
    thread->start();
    co_await qCoro(thread.get()).waitForFinished();
    if (cancel_.isCancelled()) {
        setState(index, FileState::Cancelled);
        co_return std::nullopt;
    }
    co_return result;
}

QCoro::Task<> DownloadManager::pause(std::chrono::milliseconds delay) {
    if (cancel_.isCancelled()) co_return;
    co_await qCoro(this, &DownloadManager::cancelRequested, delay);
}

}  // namespace flashface::download
