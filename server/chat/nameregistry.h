// Lives in the server thread (ChatServer owns it, as a QObject child). The registered names'
// job (docs/PROTOCOL.md, "Identities"): the names in memory for admission (Registrations), an
// admission that registers a name held back until the database has the registration (a crash
// must not leave a welcomed user unregistered), last seen, the operator's release and the list
// the console shows. The database thread writes through the HistoryWriter's slots.
#pragma once

#include "admission.h"
#include "registrations.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class ConnectionManager;
class HistoryWriter;
class ModerationActions;
class QTcpSocket;
class QWebSocket;

class NameRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameRegistry)

public:
    NameRegistry(HistoryWriter *writer, ConnectionManager *connections,
                 ModerationActions *moderationActions, QObject *parent = nullptr);

    // The registrations at start (RegistrationTable::load).
    void setAll(const QList<Registration> &registrations);
    const Registrations &registrations() const { return m_registrations; }

    // Whether an admitted chat client waits for a registration: its own, or one of its name
    // that is still being stored.
    bool mustWait(const AdmissionDecision &admitted) const;
    // Registers the name the admission asks for (in memory at once, so that nobody else gets it
    // meanwhile) and holds the connection until it is stored: then admissionReady, or, when it
    // could not be stored, admissionRefused.
    void hold(QWebSocket *socket, QTcpSocket *transport, const AdmissionDecision &admitted);
    // Connections still held get no welcome: the server is stopping.
    void closeHeld(int abortAfterMs);
    // A registered user connected or left: last seen is now.
    void noteSeen(const QString &userKey);
    // Frees a registered name (a moderation-log `release`); nothing is closed.
    void release(const QString &userKey);
    // The list for the console (registrationsChanged), with who is online now.
    void publish();
    // publish() once after the current burst of events: a storm of registered users connecting
    // sorts and sends the list once, not once per connection.
    void schedulePublish();

public slots:
    // The HistoryWriter's answer to storeRegistration.
    void onRegistrationStored(const QString &userKey, const QString &error);

signals:
    void admissionReady(QWebSocket *socket, QTcpSocket *transport,
                        const AdmissionDecision &admitted);
    void admissionRefused(QWebSocket *socket, const AdmissionDecision &refusal);
    void registrationsChanged(const QList<RegisteredName> &names);

private:
    struct Held
    {
        QPointer<QWebSocket> socket;
        QPointer<QTcpSocket> transport;
        AdmissionDecision admitted;
    };

    HistoryWriter *m_writer;
    ConnectionManager *m_connections;
    ModerationActions *m_moderationActions;
    Registrations m_registrations;
    QHash<QString, QList<Held>> m_held; // by the name's comparison key
    bool m_publishScheduled = false;
};
