#include "download/http_response.h"

#include <QRegularExpression>

#include <optional>

namespace flashface::download {

namespace {

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

}  // namespace

QNetworkRequest fileRequest(const QUrl& url, qint64 offset) {
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept-Encoding", "identity");
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("FlashFace-Studio"));
    if (offset > 0) request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + "-");
    return request;
}

ResponseVerdict classifyResponse(const ResponseHeaders& headers, qint64 offset) {
    using Kind = ResponseVerdict::Kind;
    const int code = headers.status;
    if (code >= 300 && code < 400 && headers.hasLocation) return {Kind::Redirect};
    const auto range = parseContentRange(headers.contentRange);
    if (code == 206) {
        if (!range || range->start != offset) return {Kind::WrongResumePoint};
        return {Kind::Append, range->total};
    }
    if (code == 200) return {Kind::FromStart, headers.contentLength};
    if (code == 416 && range && range->total == offset) return {Kind::AlreadyComplete, offset};
    if (code == 416) return {Kind::ResumeRejected};
    return {Kind::ErrorStatus, -1, isTransientStatus(code)};
}

void takeLinkedHeaders(const QByteArray& linkedSize, const QByteArray& linkedEtag, pipeline::FileExpectation& expected) {
    if (!expected.size && !linkedSize.isEmpty()) {
        bool ok = false;
        const qint64 size = linkedSize.toLongLong(&ok);
        if (ok && size >= 0) expected.size = static_cast<std::uint64_t>(size);
    }
    if (!expected.sha256 && !linkedEtag.isEmpty()) {
        QByteArray tag = linkedEtag.trimmed();
        if (tag.startsWith("W/")) tag = tag.mid(2);
        if (tag.size() >= 2 && tag.startsWith('"') && tag.endsWith('"')) tag = tag.mid(1, tag.size() - 2);
        static const QRegularExpression sha(QStringLiteral("^[0-9a-fA-F]{64}$"));
        if (sha.match(QString::fromLatin1(tag)).hasMatch()) expected.sha256 = tag.toLower().toStdString();
    }
}

}  // namespace flashface::download
