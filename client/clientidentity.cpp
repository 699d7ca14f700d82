#include "clientidentity.h"

#include "accesstoken.h"
#include "lanchatsettings.h"
#include "protocolconstants.h"

#include <QRegularExpression>
#include <QSettings>

namespace ClientIdentity {

QString ensure(QSettings &settings)
{
    // What the server accepts (Registrations::isValidIdentity): a hand-edited value that it would
    // refuse is replaced rather than sent.
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_-]{%1,%2}$")
                                              .arg(Protocol::Limits::MinIdentityLength)
                                              .arg(Protocol::Limits::MaxIdentityLength));
    const QString stored = Settings::ClientIdentitySecret.value(settings);
    if (valid.match(stored).hasMatch())
        return stored;
    const QString secret = AccessToken::generate(RandomBytes);
    Settings::ClientIdentitySecret.setValue(settings, secret);
    settings.sync();
    return secret;
}

} // namespace ClientIdentity
