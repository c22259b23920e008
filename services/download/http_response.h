#pragma once

#include "pipeline/model_verify.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QUrl>

// The HTTP side of a download, as pure functions of headers: what to ask for and what an answer
// means. DownloadManager acts on their verdicts.
namespace flashface::download {

// The GET of a file from byte `offset` on (0: from the start). Redirects are left to the caller
// (each hop is checked); identity encoding, since byte offsets must be offsets in the file.
QNetworkRequest fileRequest(const QUrl& url, qint64 offset);

// The headers of an answer that decide what becomes of its body.
struct ResponseHeaders {
    int status = 0;
    bool hasLocation = false;
    QByteArray contentRange;    // empty when absent
    qint64 contentLength = -1;  // -1 when absent
};

// What an answer to fileRequest(url, offset) means.
struct ResponseVerdict {
    enum Kind {
        Redirect,          // 3xx with a Location: ask there
        Append,            // 206 from `offset` on: the body continues the .part file
        FromStart,         // 200: the body is the whole file, whatever the .part holds
        AlreadyComplete,   // 416 for a range starting at the file's size: the .part holds it all
        WrongResumePoint,  // 206 from elsewhere than `offset`: start over
        ResumeRejected,    // any other 416: start over
        ErrorStatus,       // any other status
    };
    Kind kind = ErrorStatus;
    qint64 total = -1;       // the file's size as the server states it; -1 when unknown
    bool transient = false;  // ErrorStatus: worth another attempt (5xx, timeout, rate limit)
};

ResponseVerdict classifyResponse(const ResponseHeaders& headers, qint64 offset);

// Hugging Face names an LFS file's size and SHA-256 on its redirect (X-Linked-Size and
// X-Linked-Etag, empty when absent); mirrors that keep the headers get the same checks. Fills
// only what `expected` lacks.
void takeLinkedHeaders(const QByteArray& linkedSize, const QByteArray& linkedEtag, pipeline::FileExpectation& expected);

}  // namespace flashface::download
