// Any thread (pure functions). How the chat shows times: hours and minutes in the user's locale
// (its short time format, without seconds where a locale has them, as C and POSIX do), and the
// full date and time for tooltips.
#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace ChatTime {

QString shortFormat(const QLocale &locale = QLocale());
QString shortTime(const QDateTime &time, const QLocale &locale = QLocale());
QString longTime(const QDateTime &time, const QLocale &locale = QLocale());

} // namespace ChatTime
