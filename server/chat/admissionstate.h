// Lives in the server thread (ChatServer owns it). What Admission asks (Admission::State),
// answered from the server's state: the address blocker, the bans, who is online and the
// registered names.
#pragma once

#include "addressblocker.h"
#include "admission.h"
#include "connectionmanager.h"
#include "moderation.h"
#include "registrations.h"
#include "usernamerules.h"

class AdmissionState final : public Admission::State
{
public:
    AdmissionState(AddressBlocker &blocker, Moderation &moderation,
                   const ConnectionManager &connections, const Registrations &registrations)
        : m_blocker(blocker),
          m_moderation(moderation),
          m_connections(connections),
          m_registrations(registrations)
    { }
    bool isAddressBlocked(const QString &address, qint64 nowMs) override
    {
        return m_blocker.blockedUntil(address, nowMs) > 0;
    }
    const BanInfo *findBan(const QString &usernameKey, const QString &address,
                           qint64 nowMs) override
    {
        return m_moderation.findBan(usernameKey, address, nowMs);
    }
    QString onlineHolderKey(const QString &username) const override
    {
        return m_connections.holderKey(username);
    }
    const Registration *findRegistration(const QString &usernameKey,
                                         const QString &username) const override
    {
        return m_registrations.find(usernameKey, UsernameRules::skeletons(username));
    }
    int connectionCount() const override { return m_connections.connectionCount(); }
    int connectionCountFrom(const QString &address) const override
    {
        return m_connections.countFrom(address);
    }

private:
    AddressBlocker &m_blocker;
    Moderation &m_moderation;
    const ConnectionManager &m_connections;
    const Registrations &m_registrations;
};
