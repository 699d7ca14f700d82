// Any thread (pure functions). How the chat shows times: hours and minutes in the user's locale
// (its short time format, without seconds where a locale has them, as C and POSIX do), the
// full date and time for tooltips, and a moment that may be on another day (the end of a ban).
#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace ChatTime {

QString shortFormat(const QLocale &locale = QLocale());
QString shortTime(const QDateTime &time, const QLocale &locale = QLocale());
QString longTime(const QDateTime &time, const QLocale &locale = QLocale());
// The short time when the moment is today (in local time), else the short date before it.
QString moment(const QDateTime &time, const QLocale &locale = QLocale(),
               const QDate &today = QDate::currentDate());

} // namespace ChatTime
