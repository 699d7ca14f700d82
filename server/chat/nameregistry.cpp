#include "nameregistry.h"

#include "connectionmanager.h"
#include "historywriter.h"
#include "logging.h"
#include "moderationactions.h"
#include "protocol.h"

#include <QDateTime>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

NameRegistry::NameRegistry(HistoryWriter *writer, ConnectionManager *connections,
                           ModerationActions *moderationActions, QObject *parent)
    : QObject(parent),
      m_writer(writer),
      m_connections(connections),
      m_moderationActions(moderationActions)
{
    connect(m_writer, &HistoryWriter::registrationStored, this,
            &NameRegistry::onRegistrationStored);
}

void NameRegistry::setAll(const QList<Registration> &registrations)
{
    m_registrations.setAll(registrations);
    publish();
}

bool NameRegistry::mustWait(const AdmissionDecision &admitted) const
{
    return admitted.registers || m_held.contains(admitted.usernameKey);
}

void NameRegistry::hold(QWebSocket *socket, QTcpSocket *transport,
                        const AdmissionDecision &admitted)
{
    if (admitted.registers) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const Registration registration {admitted.usernameKey, admitted.username,
                                         admitted.identityHash, now, now};
        m_registrations.add(registration);
        QMetaObject::invokeMethod(m_writer, [writer = m_writer, registration] {
            writer->storeRegistration(registration);
        });
        qCInfo(lcServer).noquote()
            << "registering the name" << LanChat::escapeForLog(admitted.username);
    }
    // Ours until the welcome; a peer that leaves meanwhile is freed when it goes.
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    m_held[admitted.usernameKey].append({socket, transport, admitted});
}

void NameRegistry::onRegistrationStored(const QString &userKey, const QString &error)
{
    const QList<Held> held = m_held.take(userKey);
    if (!error.isEmpty())
        m_registrations.remove(userKey);
    else
        schedulePublish();
    for (const Held &entry : held) {
        if (!entry.socket || entry.socket->state() != QAbstractSocket::ConnectedState
            || !entry.transport)
            continue;
        disconnect(entry.socket, &QWebSocket::disconnected, entry.socket, &QObject::deleteLater);
        if (error.isEmpty())
            emit admissionReady(entry.socket, entry.transport, entry.admitted);
        else
            emit admissionRefused(
                entry.socket, AdmissionDecision::refuse(Protocol::Error::InternalError,
                                                        u"The server could not register your name; "
                                                        u"try again."_s));
    }
}

void NameRegistry::closeHeld(int abortAfterMs)
{
    const auto held = std::exchange(m_held, {});
    for (const QList<Held> &entries : held) {
        for (const Held &entry : entries) {
            if (!entry.socket)
                continue;
            entry.socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
            QTimer::singleShot(abortAfterMs, entry.socket.get(), &QWebSocket::abort);
        }
    }
}

void NameRegistry::noteSeen(const QString &userKey)
{
    if (!m_registrations.byKey(userKey))
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_registrations.touch(userKey, now);
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer, userKey, now] { writer->touchRegistration(userKey, now); });
    schedulePublish();
}

void NameRegistry::release(const QString &userKey)
{
    // A registration still being stored is not released: its connection is about to be welcomed.
    if (m_held.contains(userKey))
        return;
    const std::optional<Registration> released = m_registrations.remove(userKey);
    if (!released)
        return;
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer, userKey] { writer->removeRegistration(userKey); });
    m_moderationActions->record(
        ModerationRecord::Action::Release, released->username, {},
        u"first seen %1"_s.arg(Protocol::timestampText(released->firstSeenMs)));
    schedulePublish();
}

void NameRegistry::schedulePublish()
{
    if (m_publishScheduled)
        return;
    m_publishScheduled = true;
    QTimer::singleShot(0, this, [this] { publish(); });
}

void NameRegistry::publish()
{
    m_publishScheduled = false;
    QList<RegisteredName> names;
    const QList<Registration> all = m_registrations.all();
    names.reserve(all.size());
    for (const Registration &registration : all)
        names.append({registration.userKey, registration.username, registration.firstSeenMs,
                      registration.lastSeenMs,
                      !m_connections->connectionsOf(registration.userKey).isEmpty()});
    std::sort(names.begin(), names.end(), [](const RegisteredName &a, const RegisteredName &b) {
        return a.username.compare(b.username, Qt::CaseInsensitive) < 0;
    });
    emit registrationsChanged(names);
}

#include "moc_nameregistry.cpp"
