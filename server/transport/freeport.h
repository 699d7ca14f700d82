// Any thread (it binds and closes a socket of its own). Whether a TCP port can be listened on at
// an address, and a free one near it: found by binding it, not guessed, so that "Use port N"
// offers a port the server will get (unless something else takes it in the meantime).
#pragma once

#include <QHostAddress>

namespace FreePort {
// Whether a server could listen on the port at the address now.
bool isFree(const QHostAddress &address, quint16 port);
// The first free port after `busy` (up to 100 further), else one the system picks; 0 when none
// can be bound at all (the address is not this machine's).
quint16 findNear(const QHostAddress &address, quint16 busy);
} // namespace FreePort
