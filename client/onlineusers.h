// Any thread (a plain object of its owner's, the ChatClient's). Who is online, as the client
// knows it from the `welcome` (`users`, `operators`) and from general's live joins and leaves
// (docs/PROTOCOL.md, "Presence"): a set by username comparison key, sorted for display, with the
// operators among them marked.
#pragma once

#include "clienttypes.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>

class OnlineUsers final
{
public:
    const QStringList &names() const { return m_names; }
    bool isOperator(const QString &username) const;
    bool isOnline(const QString &username) const;

    // The welcome's lists replace what was known.
    void welcome(const QJsonObject &frame);
    // A live event of general; true when the list or an operator mark changed.
    bool apply(const ChatEntry &entry);
    // False when it was empty already.
    bool clear();

private:
    QStringList m_names; // sorted case-insensitively
    QSet<QString> m_operatorKeys; // comparison keys of the operators online
};
