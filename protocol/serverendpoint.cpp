#include "serverendpoint.h"

using namespace Qt::StringLiterals;

QString ServerEndpoint::authority() const
{
    const QString hostPart
        = host.contains(u':') && !host.startsWith(u'[') ? u'[' + host + u']' : host;
    return hostPart + u':' + QString::number(port);
}
