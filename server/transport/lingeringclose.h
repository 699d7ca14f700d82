// Lives in the server thread (WebSocketUpgrades owns it, as a QObject child).
//
// A lingering close for WebSocket connections (RFC 6455 section 7.1.1; nginx's lingering_close).
// Qt closes the TCP socket as soon as it has written its close frame. A peer still sending (a
// frame above the size limit, a flood) then has unread bytes in this side's receive buffer, and
// the kernel answers the close of such a socket with a reset, on which the peer's side drops
// what it has not read: the peer sees 1006 instead of the close code. So a duplicate of the
// descriptor keeps the connection open past Qt's close; once Qt has let go, only the write side
// is shut down (the FIN follows the close frame), and whatever still arrives is read and dropped
// until the peer closes, after QuietMs without input, or at DeadlineMs.
#pragma once

#include <QObject>

class QTcpSocket;
class QWebSocket;

class LingeringClose final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LingeringClose)

public:
    // Shared with the HTTP connections' lingering close (HttpConnection).
    static constexpr int DeadlineMs = 2000;
    static constexpr int QuietMs = 500;
    // At most this much is read and dropped per wake-up (a fast sender must not hold the loop).
    static constexpr qint64 DropPerEvent = 1024 * 1024;
    // Connections lingering at once; beyond it, or when the descriptor table is past the
    // connections' budget (DescriptorLimit), Qt's close stands as it is.
    static constexpr int MaxLingering = 256;

    explicit LingeringClose(QObject *parent = nullptr);
    ~LingeringClose() override;

    // From now on, when socket closes (its close frame written), the connection of transport,
    // the TCP socket under it, lingers.
    void watch(QWebSocket *socket, QTcpSocket *transport);

private:
    void begin(QTcpSocket *transport);

    int m_lingering = 0;
};
