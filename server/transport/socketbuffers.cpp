#include "socketbuffers.h"

#include <QAbstractSocket>

#include <cstring>

#ifdef LANCHAT_SOCKETBUFFERS_PRIVATE
#include <QtCore/private/qiodevice_p.h>
#endif

namespace SocketBuffers {

bool isAvailable()
{
#ifdef LANCHAT_SOCKETBUFFERS_PRIVATE
    // Private classes' layouts may change between any two Qt releases.
    return std::strcmp(qVersion(), QT_VERSION_STR) == 0;
#else
    return false;
#endif
}

const char *pathDescription()
{
#ifdef LANCHAT_SOCKETBUFFERS_PRIVATE
    return isAvailable() ? "released when empty (Qt " QT_VERSION_STR "'s private buffers)"
                         : "kept as Qt makes them (built for Qt " QT_VERSION_STR
                           ", running on another version)";
#else
    return "kept as Qt makes them (portable build)";
#endif
}

bool releaseWhenEmpty(QAbstractSocket *socket)
{
    if (!socket || !isAvailable())
        return false;
#ifdef LANCHAT_SOCKETBUFFERS_PRIVATE
    auto *d = static_cast<QIODevicePrivate *>(QObjectPrivate::get(socket));
    // A block size of 0 makes QRingBuffer::free() release a buffer's block when it runs empty
    // (it keeps a block only while its capacity is within the block size), and makes reserve()
    // allocate exactly what a read or a write needs.
    for (QRingBuffer &buffer : d->readBuffers) {
        buffer.setChunkSize(0);
        if (buffer.isEmpty())
            buffer.clear();
    }
    for (QRingBuffer &buffer : d->writeBuffers) {
        buffer.setChunkSize(0);
        if (buffer.isEmpty())
            buffer.clear();
    }
    return true;
#else
    return false;
#endif
}

} // namespace SocketBuffers
