#include "headlessinvite.h"

#include "chattypes.h"
#include "invitelink.h"
#include "localnetworks.h"
#include "qrmatrix.h"
#include "qrterminal.h"

#include <QCoreApplication>

QString headlessInvite(const ServerStatus &status, bool ansiColours)
{
    QList<QHostAddress> addresses = LocalNetworks::current().reachableAddresses(status.bindAddress);
    if (addresses.isEmpty())
        addresses << QHostAddress(QHostAddress::LocalHost);
    ServerEndpoint endpoint;
    endpoint.host = addresses.first().toString();
    endpoint.port = status.port;
    endpoint.token = status.token;
    endpoint.tls = status.tls;
    const QString url
        = InviteLink::fromEndpoint(endpoint).toBrowserUrl().toString(QUrl::FullyEncoded);
    const QrMatrix matrix = QrMatrix::encode(url);
    if (matrix.isNull())
        return {};
    return QrTerminal::render(matrix,
                              ansiColours ? QrTerminal::Colours::Ansi : QrTerminal::Colours::None)
           + QCoreApplication::translate("main", "Scan to join in a browser: %1").arg(url) + u'\n';
}
