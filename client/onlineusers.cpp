#include "onlineusers.h"

#include "namesort.h"
#include "usernamerules.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QString keyOf(const QString &username)
{
    return UsernameRules::comparisonKey(username.trimmed());
}
} // namespace

bool OnlineUsers::isOperator(const QString &username) const
{
    return m_operatorKeys.contains(keyOf(username));
}

bool OnlineUsers::isOnline(const QString &username) const
{
    const QString key = keyOf(username);
    return std::any_of(m_names.cbegin(), m_names.cend(),
                       [&](const QString &name) { return keyOf(name) == key; });
}

void OnlineUsers::welcome(const QJsonObject &frame)
{
    m_names.clear();
    const QJsonArray users = frame.value("users"_L1).toArray();
    for (const QJsonValue &user : users)
        m_names.append(user.toString());
    sortNames(&m_names);
    // Older servers send no `operators`: nobody is marked.
    m_operatorKeys.clear();
    const QJsonArray operators = frame.value("operators"_L1).toArray();
    for (const QJsonValue &name : operators)
        m_operatorKeys.insert(keyOf(name.toString()));
}

bool OnlineUsers::apply(const ChatEntry &entry)
{
    const QString key = keyOf(entry.username);
    const auto sameUser = [&](const QString &name) { return keyOf(name) == key; };
    const bool wasOperator = m_operatorKeys.contains(key);
    if (entry.kind == ChatEntry::Kind::Join && entry.fromOperator)
        m_operatorKeys.insert(key);
    else if (entry.kind != ChatEntry::Kind::Message && entry.kind != ChatEntry::Kind::Announcement
             && entry.kind != ChatEntry::Kind::Topic)
        m_operatorKeys.remove(key); // a leave, or the join of someone else under that name
    if (entry.kind == ChatEntry::Kind::Join
        && std::none_of(m_names.cbegin(), m_names.cend(), sameUser)) {
        m_names.append(entry.username);
        sortNames(&m_names);
        return true;
    }
    if (entry.kind == ChatEntry::Kind::Leave || entry.kind == ChatEntry::Kind::Kick)
        return m_names.removeIf(sameUser) > 0;
    return wasOperator != m_operatorKeys.contains(key); // the same people, one (no longer) marked
}

bool OnlineUsers::clear()
{
    if (m_names.isEmpty())
        return false;
    m_names.clear();
    return true;
}
