// Lives in the server thread (ChatServer owns it); a plain object. The registered names
// (docs/PROTOCOL.md, "Authentication") held in memory for admission: each by its comparison key
// and by the confusables skeletons of its name, so that a look-alike of a registered name needs
// the owner's identity too. The database keeps them (RegistrationTable); this is loaded from it
// at start and changed together with it.
#pragma once

#include "chattypes.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

class Registrations final
{
public:
    // An identity as a client may present it: MinIdentityLength to MaxIdentityLength characters
    // of the base64url alphabet (hex is a subset of it).
    static bool isValidIdentity(const QString &identity);

    void setAll(const QList<Registration> &registrations);
    // The registration of the name or of one that looks like it (same key or a shared skeleton);
    // nullptr when the name is free.
    const Registration *find(const QString &userKey, const QStringList &skeletons) const;
    const Registration *byKey(const QString &userKey) const;
    void add(const Registration &registration);
    void touch(const QString &userKey, qint64 nowMs);
    std::optional<Registration> remove(const QString &userKey);
    QList<Registration> all() const { return m_byKey.values(); }
    int count() const { return int(m_byKey.size()); }

private:
    QHash<QString, Registration> m_byKey;
    QHash<QString, QString> m_keyBySkeleton;
};
