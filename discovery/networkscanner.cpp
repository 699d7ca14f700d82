#include "networkscanner.h"

#include "certificatepins.h"
#include "invitelink.h"
#include "servicetxt.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {
QUrl healthUrl(const QHostAddress &address, quint16 port, bool tls)
{
    QUrl url;
    url.setScheme(tls ? u"https"_s : u"http"_s);
    url.setHost(address.toString());
    url.setPort(port);
    url.setPath(u"/api/health"_s);
    return url;
}
} // namespace

NetworkScanner::NetworkScanner(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // Straight to the neighbours: never through a proxy from the environment.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network->setStrictTransportSecurityEnabled(false);
}

NetworkScanner::~NetworkScanner()
{
    cancel();
}

QList<quint16> NetworkScanner::portsToProbe(const QList<quint16> &recentPorts)
{
    QList<quint16> ports {Protocol::DefaultPort};
    for (const quint16 port : recentPorts)
        if (port != 0 && !ports.contains(port))
            ports.append(port);
    return ports;
}

bool NetworkScanner::parseHealth(const QByteArray &body, DiscoveredHost *host)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonObject health = document.object();
    // What only a LanChat answers: status "ok", an integer protocol version, the name and tls
    // fields (docs/PROTOCOL.md, "GET /api/health").
    const QJsonValue protocol = health.value("protocol"_L1);
    if (health.value("status"_L1).toString() != "ok"_L1 || !protocol.isDouble()
        || protocol.toDouble() != double(protocol.toInt()) || protocol.toInt() < 1
        || !health.value("name"_L1).isString() || !health.value("tls"_L1).isBool())
        return false;
    host->source = DiscoveredHost::Source::Scan;
    host->name = ServiceTxt::truncatedUtf8(
        ServiceTxt::cleanText(health.value("name"_L1).toString()), ServiceTxt::MaxStringBytes);
    host->version = protocol.toInt();
    host->tls = health.value("tls"_L1).toBool();
    return true;
}

void NetworkScanner::start(const QList<QHostAddress> &addresses, const QList<quint16> &ports)
{
    cancel();
    ++m_scan;
    for (const QHostAddress &address : addresses)
        for (const quint16 port : ports)
            m_queue.append({address, port});
    m_total = int(m_queue.size());
    m_done = 0;
    emit progress(0, m_total);
    if (m_queue.isEmpty()) {
        QTimer::singleShot(0, this, [this, scan = m_scan] {
            if (scan == m_scan)
                emit finished();
        });
        return;
    }
    while (m_active < MaxParallelProbes && !m_queue.isEmpty())
        startNext();
}

void NetworkScanner::cancel()
{
    ++m_scan;
    m_queue.clear();
    const QList<QNetworkReply *> replies = m_replies;
    m_replies.clear();
    m_active = 0;
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void NetworkScanner::startNext()
{
    ++m_active;
    probe(m_queue.takeFirst(), false);
}

void NetworkScanner::probe(const Target &target, bool tls)
{
    QNetworkRequest request(healthUrl(target.first, target.second, tls));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept", "application/json");
    if (tls) {
        // Nothing secret goes out (no token): the certificate is read, not trusted, and its
        // fingerprint is compared with the pins by whoever shows the result.
        QSslConfiguration configuration = CertificatePins::clientConfiguration();
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(configuration);
    }
    QNetworkReply *reply = m_network->get(request);
    m_replies.append(reply);
    auto *timeout = new QTimer(reply);
    timeout->setSingleShot(true);
    timeout->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(timeout, &QTimer::timeout, reply, &QNetworkReply::abort);
    timeout->start(ProbeTimeoutMs);
    connect(reply, &QNetworkReply::readyRead, reply, [reply] {
        if (reply->bytesAvailable() > MaxAnswerBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, target, tls] { onReplyFinished(reply, target, tls); });
}

void NetworkScanner::onReplyFinished(QNetworkReply *reply, const Target &target, bool tls)
{
    m_replies.removeOne(reply);
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!tls && (status == 307 || status == 308)
        && reply->header(QNetworkRequest::LocationHeader).toUrl().scheme() == "https"_L1) {
        probe(target, true); // still the same slot of the 64
        return;
    }
    DiscoveredHost host;
    if (reply->error() == QNetworkReply::NoError && status == 200
        && parseHealth(reply->read(MaxAnswerBytes), &host)) {
        host.address = target.first;
        host.hostName = target.first.toString();
        host.port = target.second;
        host.tls = tls;
        if (tls)
            host.fingerprint
                = CertificatePins::fingerprintOf(reply->sslConfiguration().peerCertificate());
        emit hostFound(host);
    }
    probeDone();
}

void NetworkScanner::probeDone()
{
    --m_active;
    ++m_done;
    emit progress(m_done, m_total);
    if (!m_queue.isEmpty()) {
        startNext();
    } else if (m_active == 0) {
        emit finished();
    }
}

#include "moc_networkscanner.cpp"
