// Main thread. The settings file (QSettings, ~/.config/LanChat/lanchat.conf) keeps the server's
// token and remembered invites' tokens in clear: it is kept the owner's alone.
#pragma once

class QSettings;

namespace SettingsFile {

// Writes out what is pending, then makes the file 0600 and its directory (LanChat's own) 0700,
// creating both if they are missing. QSettings rewrites the file through QSaveFile, which keeps
// the permissions of the file it replaces, so later writes stay private too.
void makePrivate(QSettings &settings);

} // namespace SettingsFile
