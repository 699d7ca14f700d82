#include "rawhttp.h"

#include "testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

RawHttpClient::RawHttpClient() = default;

RawHttpClient::~RawHttpClient()
{
    m_socket.abort();
}

bool RawHttpClient::connectTo(quint16 port, const QSslCertificate &trusted,
                              const QHostAddress &from)
{
    if (!from.isNull() && !m_socket.bind(from))
        return false;
    if (trusted.isNull()) {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000);
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({trusted});
    m_socket.setSslConfiguration(configuration);
    m_socket.setPeerVerifyName(u"127.0.0.1"_s);
    m_socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
    return m_socket.waitForEncrypted(5000);
}

void RawHttpClient::write(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

void RawHttpClient::receive()
{
    m_buffer += m_socket.readAll();
}

bool RawHttpClient::read(Response *response, int timeoutMs, bool toHead)
{
    *response = Response();
    qsizetype headEnd = -1;
    qint64 contentLength = 0;
    const auto complete = [&] {
        receive();
        if (headEnd < 0) {
            headEnd = m_buffer.indexOf("\r\n\r\n", m_offset);
            if (headEnd < 0)
                return false;
            const QList<QByteArray> lines = m_buffer.mid(m_offset, headEnd - m_offset).split('\n');
            response->statusLine = lines.value(0).trimmed();
            response->status = response->statusLine.split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    response->headers.insert(line.left(colon).trimmed().toLower(),
                                             line.mid(colon + 1).trimmed());
            }
            const bool noContent = toHead || response->status < 200 || response->status == 204
                                   || response->status == 304;
            contentLength = noContent ? 0 : response->headers.value("content-length").toLongLong();
        }
        return m_buffer.size() >= headEnd + 4 + contentLength;
    };
    const auto completeOrClosed
        = [&] { return complete() || m_socket.state() == QAbstractSocket::UnconnectedState; };
    if (!QTest::qWaitFor(completeOrClosed, timeoutMs) || !complete())
        return false;
    response->body = m_buffer.mid(headEnd + 4, contentLength);
    m_offset = headEnd + 4 + contentLength;
    if (m_offset > 1024 * 1024 || m_offset == m_buffer.size()) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    return true;
}

bool RawHttpClient::isClosed()
{
    receive();
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

bool RawHttpClient::waitForClose(int timeoutMs)
{
    return QTest::qWaitFor([this] { return isClosed(); }, timeoutMs);
}

QByteArray RawHttpClient::pending()
{
    receive();
    return m_buffer.mid(m_offset);
}

QByteArray webSocketRequest(const QByteArray &target, const QByteArray &extraHeaders)
{
    return "GET " + target
           + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
           + extraHeaders + "\r\n";
}

HeadlessServer::HeadlessServer(const QStringList &extraArguments, int descriptorLimit,
                               int hardDescriptorLimit)
{
    m_process.setProgram(lanchatBinary());
    m_process.setArguments(QStringList {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s,
                                        u"0"_s, u"--data-dir"_s, m_dataDir.path(), u"--token"_s,
                                        QString::fromLatin1(RawToken), u"--no-announce"_s}
                           + extraArguments);
    if (descriptorLimit > 0) {
        const rlim_t soft = rlim_t(descriptorLimit);
        const rlim_t hard = rlim_t(hardDescriptorLimit > 0 ? hardDescriptorLimit : descriptorLimit);
        m_process.setChildProcessModifier([soft, hard] {
            const rlimit limit {soft, hard};
            ::setrlimit(RLIMIT_NOFILE, &limit);
        });
    }
    QObject::connect(&m_process, &QProcess::readyReadStandardError,
                     [this] { m_log += m_process.readAllStandardError(); });
}

HeadlessServer::~HeadlessServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool HeadlessServer::start()
{
    m_process.start();
    if (!m_process.waitForStarted(5000))
        return false;
    static const QRegularExpression line(u"^listening on https?://127\\.0\\.0\\.1:(\\d+)$"_s);
    if (!QTest::qWaitFor(
            [this] { return m_process.canReadLine() || m_process.state() == QProcess::NotRunning; },
            10000)) {
        qWarning() << "lanchat did not start:" << log();
        return false;
    }
    const QString first = QString::fromUtf8(m_process.readLine()).trimmed();
    const QRegularExpressionMatch match = line.match(first);
    m_port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    if (m_port == 0)
        qWarning() << "lanchat did not start:" << first << log();
    return m_port != 0;
}

QSslCertificate HeadlessServer::certificate() const
{
    return QSslCertificate::fromPath(m_dataDir.path() + u"/tls/certificate.pem"_s).value(0);
}

namespace {
QByteArray procFile(qint64 pid, const char *name)
{
    QFile file(u"/proc/%1/%2"_s.arg(pid).arg(QLatin1StringView(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

qint64 HeadlessServer::residentBytes() const
{
    for (const QByteArray &line : procFile(pid(), "status").split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

qint64 HeadlessServer::cpuMilliseconds() const
{
    // /proc/<pid>/stat: the 14th and 15th fields (after the command in parentheses).
    const QByteArray stat = procFile(pid(), "stat");
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const qint64 ticks = fields.value(11).toLongLong() + fields.value(12).toLongLong();
    return ticks * 1000 / ::sysconf(_SC_CLK_TCK);
}

int HeadlessServer::openDescriptors() const
{
    return int(
        QDir(u"/proc/%1/fd"_s.arg(pid())).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

QString HeadlessServer::limitsLine(const QString &name) const
{
    const QString limits = QString::fromLatin1(procFile(pid(), "limits"));
    for (const QString &line : limits.split(u'\n')) {
        if (line.startsWith(name))
            return line.simplified();
    }
    return {};
}

QByteArray HeadlessServer::log()
{
    m_log += m_process.readAllStandardError();
    return m_log;
}

bool HeadlessServer::terminate()
{
    m_process.terminate();
    const bool finished = m_process.waitForFinished(10000);
    log();
    return finished;
}
