#include "registrations.h"

#include "usernamerules.h"

bool Registrations::isValidIdentity(const QString &identity)
{
    if (identity.size() < Protocol::Limits::MinIdentityLength
        || identity.size() > Protocol::Limits::MaxIdentityLength)
        return false;
    return std::all_of(identity.cbegin(), identity.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')
               || u == u'-' || u == u'_';
    });
}

void Registrations::setAll(const QList<Registration> &registrations)
{
    m_byKey.clear();
    m_keyBySkeleton.clear();
    for (const Registration &registration : registrations)
        add(registration);
}

const Registration *Registrations::find(const QString &userKey, const QStringList &skeletons) const
{
    if (const Registration *own = byKey(userKey))
        return own;
    for (const QString &skeleton : skeletons) {
        const auto key = m_keyBySkeleton.constFind(skeleton);
        if (key != m_keyBySkeleton.cend())
            return byKey(key.value());
    }
    return nullptr;
}

const Registration *Registrations::byKey(const QString &userKey) const
{
    const auto it = m_byKey.constFind(userKey);
    return it == m_byKey.cend() ? nullptr : &it.value();
}

void Registrations::add(const Registration &registration)
{
    m_byKey.insert(registration.userKey, registration);
    for (const QString &skeleton : UsernameRules::skeletons(registration.username))
        m_keyBySkeleton.insert(skeleton, registration.userKey);
}

void Registrations::touch(const QString &userKey, qint64 nowMs)
{
    const auto it = m_byKey.find(userKey);
    if (it != m_byKey.end())
        it->lastSeenMs = nowMs;
}

std::optional<Registration> Registrations::remove(const QString &userKey)
{
    const auto it = m_byKey.find(userKey);
    if (it == m_byKey.end())
        return std::nullopt;
    const Registration removed = it.value();
    m_byKey.erase(it);
    for (const QString &skeleton : UsernameRules::skeletons(removed.username)) {
        if (m_keyBySkeleton.value(skeleton) == userKey)
            m_keyBySkeleton.remove(skeleton);
    }
    return removed;
}
