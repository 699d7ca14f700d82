// Callable from the thread the socket lives in (for the server: the server thread).
//
// Qt 6.4's QAbstractSocket never gives its buffers' memory back: once a socket has read, its read
// buffer keeps a 16 KiB block for good, and its write buffer keeps the last block it queued (the
// handshake's response, or a welcome frame that arrived behind it), even when both are empty. At
// 10,000 idle WebSocket clients that was 19 of the 31 KB each connection cost
// (docs/BENCHMARKS.md). No public API changes it, so this reaches into QIODevice's private
// buffers, which Qt only keeps stable within one Qt version. CMake builds that path only for the
// Qt version it was written for (6.4.2, with its private headers) and the portable path
// otherwise; at run time the private path also acts only when the Qt it runs on is the exact
// version it was built against, and otherwise leaves the socket as Qt made it.
#pragma once

class QAbstractSocket;

namespace SocketBuffers {

// Makes the socket's read and write buffers free their memory whenever they run empty, and frees
// it now where they are empty already. Reads and writes after that allocate what each needs and
// free it once the bytes are consumed or sent. Returns false, and changes nothing, where this Qt
// build does not allow it.
bool releaseWhenEmpty(QAbstractSocket *socket);

// True when releaseWhenEmpty() acts in this build on this Qt.
bool isAvailable();
// Which path this build uses on this Qt, for the server's log.
const char *pathDescription();

} // namespace SocketBuffers
