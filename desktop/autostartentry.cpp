#include "autostartentry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {
// An Exec argument quoted by the rules of the Desktop Entry Specification: inside double
// quotes, ", `, $ and \ get a backslash; a literal % is written %%. The file format's own
// escape turns each backslash into two.
QString execArgument(const QString &argument)
{
    static const QString reserved = u" \t\n\"'\\><~|&;$*?#()`"_s;
    const bool needsQuotes = std::any_of(argument.cbegin(), argument.cend(),
                                         [](QChar c) { return reserved.contains(c); });
    QString escaped = argument;
    escaped.replace(u'%', "%%"_L1);
    if (!needsQuotes)
        return escaped;
    QString quoted;
    for (const QChar c : std::as_const(escaped)) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    quoted.replace(u'\\', "\\\\"_L1);
    return u'"' + quoted + u'"';
}
} // namespace

QString AutostartEntry::filePath()
{
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return QDir(config).filePath(u"autostart/"_s + QStringLiteral(LANCHAT_APP_ID) + u".desktop"_s);
}

bool AutostartEntry::isEnabled()
{
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    bool inMainGroup = false;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine(4096).trimmed();
        if (line.startsWith('[')) {
            inMainGroup = line == "[Desktop Entry]";
            continue;
        }
        const qsizetype equals = line.indexOf('=');
        if (!inMainGroup || equals < 0)
            continue;
        const QByteArray key = line.left(equals).trimmed();
        const QByteArray value = line.mid(equals + 1).trimmed();
        if ((key == "Hidden" && value == "true")
            || (key == "X-GNOME-Autostart-enabled" && value == "false"))
            return false;
    }
    return true;
}

bool AutostartEntry::setEnabled(bool enabled, QString *error, const QString &executable)
{
    const QString path = filePath();
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return fail(tr("Cannot remove %1.").arg(path));
        return true;
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(tr("Cannot create the directory of %1.").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents(executable)) < 0 || !file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

QByteArray AutostartEntry::contents(const QString &executable)
{
    const QStringList lines {
        u"[Desktop Entry]"_s,
        u"Type=Application"_s,
        u"Name=LanChat"_s,
        u"Comment=Host the chat on this computer, with the window in the tray"_s,
        u"Comment[de]=Den Chat auf diesem Rechner bereitstellen, mit dem Fenster im Infobereich"_s,
        u"Exec="_s + execArgument(executable) + u" --"_s + QLatin1String(MinimizedOption),
        u"Icon="_s + QStringLiteral(LANCHAT_APP_ID),
        u"Terminal=false"_s,
        u"X-GNOME-Autostart-enabled=true"_s,
    };
    return (lines.join(u'\n') + u'\n').toUtf8();
}
