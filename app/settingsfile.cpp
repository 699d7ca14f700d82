#include "settingsfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

void SettingsFile::makePrivate(QSettings &settings)
{
    settings.sync();
    if (settings.format() != QSettings::NativeFormat && settings.format() != QSettings::IniFormat)
        return;
    const QString path = settings.fileName();
    const QString directory = QFileInfo(path).absolutePath();
    constexpr QFileDevice::Permissions ownerOnlyDirectory
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    if (!QFileInfo::exists(directory)) {
        QDir().mkpath(QFileInfo(directory).absolutePath());
        QDir().mkdir(directory, ownerOnlyDirectory);
    }
    QFile::setPermissions(directory, ownerOnlyDirectory);
    QFile file(path);
    // An empty file is valid settings; created now, QSettings' later writes keep it 0600.
    if (!file.exists())
        file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                  QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    else
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}
