#include "chatname.h"

#include "lanchatsettings.h"
#include "usernamerules.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace ChatName {

QString accountDefault()
{
    for (const QString &candidate :
         {qEnvironmentVariable("USER"), qEnvironmentVariable("LOGNAME"), QDir::home().dirName()}) {
        const UsernameRules::Verdict verdict
            = UsernameRules::check(candidate.trimmed().left(UsernameRules::MaxLength));
        if (!candidate.trimmed().isEmpty() && verdict.isValid())
            return verdict.username;
    }
    return u"Host"_s;
}

QString load(const QSettings &settings)
{
    const QString stored = Settings::UiChatName.value(settings).trimmed();
    if (!stored.isEmpty() && UsernameRules::check(stored).isValid())
        return stored;
    return accountDefault();
}

} // namespace ChatName
