// Any thread. The host's name in its own chat: the setting (Settings::UiChatName), or else the
// account's user name made valid under UsernameRules, or else "Host".
#pragma once

#include <QString>

class QSettings;

namespace ChatName {
// The account's user name ($USER, $LOGNAME, the home folder's name) as a valid username
// (trimmed to UsernameRules::MaxLength; a reserved or invalid one gives "Host").
QString accountDefault();
// The setting when it is a valid username, else accountDefault().
QString load(const QSettings &settings);
} // namespace ChatName
