#include "test_http_server.h"

#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

namespace flashface::test {

namespace {

QByteArray header(int status, const QByteArray& reason, const QList<QByteArray>& lines, qint64 contentLength) {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " " + reason + "\r\n";
    for (const auto& line : lines) out += line + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\nConnection: close\r\n\r\n";
    return out;
}

}  // namespace

TestHttpServer::TestHttpServer(QObject* parent) : QObject(parent) {
    clock_.start();
    if (!server_.listen(QHostAddress::LocalHost, 0)) qFatal("the test HTTP server cannot listen on 127.0.0.1");
    connect(&server_, &QTcpServer::newConnection, this, &TestHttpServer::onConnection);
}

TestHttpServer::~TestHttpServer() = default;

QString TestHttpServer::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1/files/").arg(server_.serverPort());
}

void TestHttpServer::addFile(const QString& name, const QByteArray& data) { files_.insert(name, data); }

void TestHttpServer::setPace(qint64 chunk, int intervalMs) {
    paceChunk_ = chunk;
    paceIntervalMs_ = intervalMs;
}

void TestHttpServer::onConnection() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] { pendingRequests_.remove(socket); });
    }
}

void TestHttpServer::onReadable(QTcpSocket* socket) {
    QByteArray& buffer = pendingRequests_[socket];
    buffer += socket->readAll();
    const auto end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    buffer.clear();
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    QByteArray range;
    for (const auto& line : lines.mid(1)) {
        if (line.toLower().startsWith("range:")) range = line.mid(6).trimmed();
    }
    respond(socket, requestLine.value(0), requestLine.value(1), range);
}

void TestHttpServer::respond(QTcpSocket* socket, const QByteArray& method, const QByteArray& path,
                             const QByteArray& range) {
    requests_.append({path, range, clock_.elapsed()});
    const QString name = QString::fromUtf8(path.mid(path.lastIndexOf('/') + 1));
    if (method != "GET" || !path.startsWith("/files/") || !files_.contains(name)) {
        socket->write(header(404, "Not Found", {}, 9) + "not found");
        socket->disconnectFromHost();
        return;
    }
    QByteArray data = files_.value(name);
    const Response fault = faults_[name].isEmpty() ? Response{} : faults_[name].dequeue();
    const qint64 size = data.size();

    switch (fault.fault) {
    case Fault::Status:
        socket->write(header(fault.status, "Test Fault", {}, 5) + "fault");
        socket->disconnectFromHost();
        return;
    case Fault::Redirect:
        socket->write(header(302, "Found",
                             {"Location: " + (fault.location.isEmpty() ? "/files/" + name.toUtf8() : fault.location),
                              "X-Linked-Size: " + QByteArray::number(size), "X-Linked-Etag: \"" + fault.sha256 + "\""},
                             0));
        socket->disconnectFromHost();
        return;
    case Fault::Corrupt:
        data[size / 2] = static_cast<char>(data[size / 2] ^ 0x20);
        break;
    default:
        break;
    }

    qint64 start = 0;
    static const QRegularExpression pattern(QStringLiteral(R"(^bytes=(\d+)-$)"));
    const auto match = pattern.match(QString::fromLatin1(range));
    QByteArray head;
    if (rangeSupport_ && match.hasMatch()) {
        start = match.captured(1).toLongLong();
        if (start >= size) {
            socket->write(header(416, "Range Not Satisfiable", {"Content-Range: bytes */" + QByteArray::number(size)}, 0));
            socket->disconnectFromHost();
            return;
        }
        head = header(206, "Partial Content",
                      {"Content-Range: bytes " + QByteArray::number(start) + "-" + QByteArray::number(size - 1) + "/" +
                       QByteArray::number(size)},
                      size - start);
    } else {
        const qint64 declared = fault.fault == Fault::LongerLength ? size + fault.bytes : size;
        head = header(200, "OK", {"Accept-Ranges: " + QByteArray(rangeSupport_ ? "bytes" : "none")}, declared);
    }
    socket->write(head);
    const QByteArray body = data.mid(start);
    switch (fault.fault) {
    case Fault::CutAfter: sendBody(socket, body, fault.bytes, true); break;
    case Fault::Stall: sendBody(socket, body, fault.bytes, false); break;
    default: sendBody(socket, body, body.size(), true); break;
    }
}

// Writes the body in paced chunks up to `stopAt`; then closes the connection, or, for a stall,
// leaves it open without another byte.
void TestHttpServer::sendBody(QTcpSocket* socket, QByteArray body, qint64 stopAt, bool closeAtStop) {
    stopAt = std::min<qint64>(stopAt, body.size());
    if (paceChunk_ <= 0) {
        socket->write(body.constData(), stopAt);
        if (closeAtStop) socket->disconnectFromHost();
        return;
    }
    auto* timer = new QTimer(socket);
    auto sent = std::make_shared<qint64>(0);
    connect(timer, &QTimer::timeout, socket, [this, timer, socket, sent, body, stopAt, closeAtStop] {
        const qint64 count = std::min(paceChunk_, stopAt - *sent);
        socket->write(body.constData() + *sent, count);
        *sent += count;
        if (*sent < stopAt) return;
        timer->stop();
        if (closeAtStop) socket->disconnectFromHost();
    });
    timer->start(paceIntervalMs_);
}

}  // namespace flashface::test
