#include "chattime.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ChatTime {

QString shortFormat(const QLocale &locale)
{
    QString format = locale.timeFormat(QLocale::ShortFormat);
    static const QRegularExpression seconds(u"[:.,]?s+"_s);
    format.remove(seconds);
    return format;
}

QString shortTime(const QDateTime &time, const QLocale &locale)
{
    return locale.toString(time.time(), shortFormat(locale));
}

QString longTime(const QDateTime &time, const QLocale &locale)
{
    return locale.toString(time, QLocale::LongFormat);
}

QString moment(const QDateTime &time, const QLocale &locale, const QDate &today)
{
    const QDateTime local = time.toLocalTime();
    if (local.date() == today)
        return shortTime(local, locale);
    return locale.toString(local.date(), QLocale::ShortFormat) + u' ' + shortTime(local, locale);
}

} // namespace ChatTime
