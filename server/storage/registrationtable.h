// Any thread, on the connection of the thread that calls it (a HistoryStore's). The SQL of the
// `registrations` table (schema version 3): the registered names and their identities' hashes.
#pragma once

#include "chattypes.h"

#include <QList>
#include <QString>

namespace RegistrationTable {
// Each function returns false and sets *error when the statement failed.
bool load(const QString &connectionName, QList<Registration> *registrations, QString *error);
// Inserts the registration; fails when the key is registered already.
bool insert(const QString &connectionName, const Registration &registration, QString *error);
bool touch(const QString &connectionName, const QString &userKey, qint64 lastSeenMs,
           QString *error);
bool remove(const QString &connectionName, const QString &userKey, QString *error);
} // namespace RegistrationTable
