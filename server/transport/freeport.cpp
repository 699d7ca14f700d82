#include "freeport.h"

#include <QTcpServer>

namespace {
// Binds like the server's listener does (PortMultiplexer: a QTcpServer), so that "free" means
// free to it; 0 when the port cannot be bound.
quint16 bindOnce(const QHostAddress &address, quint16 port)
{
    QTcpServer probe;
    return probe.listen(address, port) ? probe.serverPort() : 0;
}
} // namespace

bool FreePort::isFree(const QHostAddress &address, quint16 port)
{
    return bindOnce(address, port) != 0;
}

quint16 FreePort::findNear(const QHostAddress &address, quint16 busy)
{
    for (int port = busy + 1; port <= 65535 && port <= busy + 100; ++port) {
        if (isFree(address, quint16(port)))
            return quint16(port);
    }
    return bindOnce(address, 0);
}
