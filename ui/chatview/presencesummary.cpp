#include "presencesummary.h"

#include <QHash>
#include <QLocale>

using namespace Qt::StringLiterals;

QString PresenceSummary::names(const QStringList &list)
{
    switch (list.size()) {
    case 0:
        return {};
    case 1:
        return list.first();
    case 2:
        return tr("%1 and %2").arg(list.at(0), list.at(1));
    case 3:
        return tr("%1, %2 and %3").arg(list.at(0), list.at(1), list.at(2));
    default:
        return tr("%1, %2 and %n others", nullptr, int(list.size()) - 2)
            .arg(list.at(0), list.at(1));
    }
}

QString PresenceSummary::text(const QList<Event> &events)
{
    struct Seen
    {
        ChatRowKind first;
        ChatRowKind last;
    };
    QStringList order;
    QHash<QString, Seen> seen;
    for (const Event &event : events) {
        const auto found = seen.find(event.name);
        if (found == seen.end()) {
            order.append(event.name);
            seen.insert(event.name, {event.kind, event.kind});
        } else {
            found->last = event.kind;
        }
    }
    QStringList joined;
    QStringList left;
    QStringList back;
    QStringList visited;
    for (const QString &name : std::as_const(order)) {
        const Seen s = seen.value(name);
        if (s.first == ChatRowKind::Join && s.last == ChatRowKind::Join)
            joined.append(name);
        else if (s.first == ChatRowKind::Leave && s.last == ChatRowKind::Leave)
            left.append(name);
        else if (s.first == ChatRowKind::Leave)
            back.append(name);
        else
            visited.append(name);
    }
    QStringList sentences;
    if (!joined.isEmpty())
        sentences.append(tr("%1 joined", nullptr, int(joined.size())).arg(names(joined)));
    if (!left.isEmpty())
        sentences.append(tr("%1 left", nullptr, int(left.size())).arg(names(left)));
    if (!back.isEmpty())
        sentences.append(tr("%1 came back", nullptr, int(back.size())).arg(names(back)));
    if (!visited.isEmpty())
        sentences.append(
            tr("%1 joined and left", nullptr, int(visited.size())).arg(names(visited)));
    return sentences.join(u"; "_s);
}

QString PresenceSummary::details(const QList<Event> &events, const QString &timeFormat,
                                 int maxLines)
{
    const QLocale locale;
    QStringList lines;
    const qsizetype first = std::max<qsizetype>(0, events.size() - maxLines);
    if (first > 0)
        lines.append(tr("… %n earlier", nullptr, int(first)));
    for (qsizetype i = first; i < events.size(); ++i) {
        const Event &event = events.at(i);
        const QString time = locale.toString(event.time.time(), timeFormat);
        lines.append(event.kind == ChatRowKind::Join ? tr("%1 %2 joined").arg(time, event.name)
                                                     : tr("%1 %2 left").arg(time, event.name));
    }
    return lines.join(u'\n');
}
