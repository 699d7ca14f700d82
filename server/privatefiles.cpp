#include "privatefiles.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace {
constexpr QFileDevice::Permissions OwnerOnlyDirectory
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions OwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions GroupAndOthers
    = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
      | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
} // namespace

bool PrivateFiles::makeDirectory(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists())
        return info.isDir();
    const QString parent = info.absolutePath();
    if (!QDir().mkpath(parent))
        return false;
    // The mode is given to mkdir(2), so the directory is never more open than 0700.
    return QDir().mkdir(info.absoluteFilePath(), OwnerOnlyDirectory)
           || QFileInfo(path).isDir(); // made by someone else meanwhile
}

void PrivateFiles::makeFile(const QString &path)
{
    QFile file(path);
    // NewOnly: O_EXCL, so an existing file (also one that cannot be looked at) stays as it is.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnlyFile))
        restrict(path);
}

void PrivateFiles::restrict(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return;
    const QFileDevice::Permissions permissions = info.permissions();
    if ((permissions & GroupAndOthers) == 0)
        return;
    if (!QFile::setPermissions(path, permissions & ~GroupAndOthers))
        qCWarning(lcStore).noquote() << "cannot make" << path << "private to its owner";
}
