// Any thread (pure functions; translations through QCoreApplication). The one line that stands
// for a run of consecutive joins and leaves: "alice, bob and 3 others joined; carol left".
#pragma once

#include "chatviewroles.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

class PresenceSummary final
{
    Q_DECLARE_TR_FUNCTIONS(PresenceSummary)

public:
    struct Event
    {
        ChatRowKind kind = ChatRowKind::Join; // Join or Leave
        QString name;
        QDateTime time;
    };

    // Per name, in the order of first appearance: joined, left, came back (left, then joined
    // again: a reconnect) or joined and left; one sentence per kind.
    static QString text(const QList<Event> &events);
    // The events one per line for the tooltip, at most maxLines of them (the latest).
    static QString details(const QList<Event> &events, const QString &timeFormat,
                           int maxLines = 25);
    // "alice", "alice and bob", "alice, bob and carol", "alice, bob and 3 others".
    static QString names(const QStringList &names);
};
