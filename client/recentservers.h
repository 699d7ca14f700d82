// Any thread that owns the QSettings it is given. The servers the user joined recently, newest
// first, in QSettings, with whether they use TLS (their pins are CertificatePins'); the token
// only when the user asked to remember it.
#pragma once

#include "clienttypes.h"

#include <QList>

class QSettings;

class RecentServers final
{
public:
    static constexpr int MaxEntries = 8;

    static QList<ServerEndpoint> load(QSettings &settings);
    // Moves the server to the front; stores the token only if rememberToken, and otherwise
    // forgets a token stored before.
    static void remember(QSettings &settings, const ServerEndpoint &endpoint, bool rememberToken);
    static void clear(QSettings &settings);
};
