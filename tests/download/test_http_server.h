#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QTcpServer>

class QTcpSocket;

namespace flashface::test {

// A small HTTP/1.1 file server on 127.0.0.1 for the download tests. It serves files under
// /files/<name> with Range support (206, 416), one response per connection, and can be told to
// misbehave on the next requests of a file: answer an error status, cut the connection, stall,
// corrupt a byte, lie about the length, or redirect with Hugging Face's X-Linked-* headers.
class TestHttpServer : public QObject {
    Q_OBJECT
public:
    enum class Fault {
        None,
        Status,      // answer `status` with a short body
        CutAfter,    // send `bytes` body bytes, then close the connection
        Stall,       // send `bytes` body bytes, then keep the connection open and silent
        Corrupt,     // flip the file's middle byte in this response
        LongerLength,// declare `bytes` more than the body, send the body, close
        Redirect,    // 302 to `location` (default: the same file), with X-Linked-Size and X-Linked-Etag = `sha256`
    };
    struct Response {
        Fault fault = Fault::None;
        qint64 bytes = 0;
        int status = 0;
        QByteArray sha256;
        QByteArray location;
    };
    static Response status(int code) { return {Fault::Status, 0, code, {}, {}}; }
    static Response cutAfter(qint64 bytes) { return {Fault::CutAfter, bytes, 0, {}, {}}; }
    static Response stallAfter(qint64 bytes) { return {Fault::Stall, bytes, 0, {}, {}}; }
    static Response corrupt() { return {Fault::Corrupt, 0, 0, {}, {}}; }
    static Response longerLength(qint64 extra) { return {Fault::LongerLength, extra, 0, {}, {}}; }
    static Response redirect(const QByteArray& sha256) { return {Fault::Redirect, 0, 0, sha256, {}}; }
    static Response redirectTo(const QByteArray& location) { return {Fault::Redirect, 0, 0, {}, location}; }
    struct Request {
        QByteArray path;
        QByteArray range;  // the Range header, empty when absent
        qint64 atMs = 0;   // since the server started
    };

    explicit TestHttpServer(QObject* parent = nullptr);
    ~TestHttpServer() override;

    QString baseUrl() const;  // http://127.0.0.1:<port>/files/
    void addFile(const QString& name, const QByteArray& data);
    void setRangeSupport(bool enabled) { rangeSupport_ = enabled; }
    // Send bodies `chunk` bytes every `intervalMs` (0 = all at once).
    void setPace(qint64 chunk, int intervalMs);
    // The next requests of `name` get these responses, in order; later ones are served normally.
    void queue(const QString& name, const Response& response) { faults_[name].enqueue(response); }

    const QList<Request>& requests() const { return requests_; }

private:
    struct Connection;
    void onConnection();
    void onReadable(QTcpSocket* socket);
    void respond(QTcpSocket* socket, const QByteArray& method, const QByteArray& path, const QByteArray& range);
    void sendBody(QTcpSocket* socket, QByteArray body, qint64 stopAt, bool closeAtStop);

    QTcpServer server_;
    QHash<QString, QByteArray> files_;
    QHash<QString, QQueue<Response>> faults_;
    QHash<QTcpSocket*, QByteArray> pendingRequests_;
    QList<Request> requests_;
    bool rangeSupport_ = true;
    qint64 paceChunk_ = 0;
    int paceIntervalMs_ = 0;
    QElapsedTimer clock_;
};

}  // namespace flashface::test
