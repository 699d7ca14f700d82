#include "socketbuffers.h"

#include <QAbstractSocket>
#include <QtCore/private/qiodevice_p.h>

#include <cstring>

namespace SocketBuffers {

bool releaseWhenEmpty(QAbstractSocket *socket)
{
    // Private classes' layouts may change between any two Qt releases.
    if (!socket || std::strcmp(qVersion(), QT_VERSION_STR) != 0)
        return false;
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
}

} // namespace SocketBuffers
