// Any thread (static functions on one file). "Start when I log in": the XDG autostart entry
// $XDG_CONFIG_HOME/autostart/<application id>.desktop (Desktop Application Autostart
// Specification) that starts this executable hosting, with its window in the tray
// (--minimized). The file is the setting: desktop environments' own start-up settings edit or
// hide the same file, so there is no copy of it in QSettings.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

class AutostartEntry final
{
    Q_DECLARE_TR_FUNCTIONS(AutostartEntry)

public:
    // The option the entry starts LanChat with (--minimized).
    static constexpr auto MinimizedOption = "minimized";

    static QString filePath();
    // The file exists and is neither Hidden nor disabled for GNOME.
    static bool isEnabled();
    // Writes the entry for `executable` (default: this process's executable), or removes it.
    static bool setEnabled(bool enabled, QString *error,
                           const QString &executable = QCoreApplication::applicationFilePath());
    // The entry's text.
    static QByteArray contents(const QString &executable);
};
