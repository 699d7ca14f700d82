// Lives in the thread that creates it (the GUI thread in the join dialog, the main thread of
// `lanchat --discover --scan`); all its I/O is asynchronous (QNetworkAccessManager). Finds
// LanChat hosts where multicast does not reach: GET /api/health on each address and port, at
// most MaxParallelProbes at a time, each given ProbeTimeoutMs. A plain request that a TLS server
// redirects (307 to https://) is asked again over TLS, whose certificate's fingerprint becomes
// the host's. Runs only when asked, never by itself.
#pragma once

#include "discoveredhost.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>

class QNetworkAccessManager;
class QNetworkReply;

class NetworkScanner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkScanner)

public:
    static constexpr int MaxParallelProbes = 64;
    static constexpr int ProbeTimeoutMs = 300;
    // More than any health answer: a peer that sends more is not a LanChat.
    static constexpr qint64 MaxAnswerBytes = 16 * 1024;

    explicit NetworkScanner(QObject *parent = nullptr);
    ~NetworkScanner() override;

    // Probes every address on every port (a scan under way is cancelled first).
    void start(const QList<QHostAddress> &addresses, const QList<quint16> &ports);
    void cancel();
    bool isRunning() const { return m_active > 0 || !m_queue.isEmpty(); }
    int probesDone() const { return m_done; }
    int probesTotal() const { return m_total; }

    // The ports a scan probes: the default port, then the given ones (those of recent servers),
    // each once.
    static QList<quint16> portsToProbe(const QList<quint16> &recentPorts);
    // A GET /api/health answer (docs/PROTOCOL.md) as a found host; false when it is not one.
    static bool parseHealth(const QByteArray &body, DiscoveredHost *host);

signals:
    void hostFound(const DiscoveredHost &host);
    void progress(int done, int total);
    void finished();

private:
    using Target = QPair<QHostAddress, quint16>;

    void startNext();
    void probe(const Target &target, bool tls);
    void onReplyFinished(QNetworkReply *reply, const Target &target, bool tls);
    void probeDone();

    QNetworkAccessManager *m_network = nullptr;
    QList<Target> m_queue;
    QList<QNetworkReply *> m_replies;
    int m_active = 0;
    int m_done = 0;
    int m_total = 0;
    quint64 m_scan = 0;
};
