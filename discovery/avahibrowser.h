// Lives in the thread that creates it (the GUI thread in the join dialog, the main thread of
// `lanchat --discover`). Finds LanChat hosts announced on the network through Avahi over D-Bus:
// a ServiceBrowser for `_lanchat._tcp` and a ServiceResolver for each instance it reports, all
// created with Avahi 0.8's Prepare/Start (no signal can come before we listen) and every call
// asynchronous. A host is reported once resolved and again whenever its announcement changes;
// it is lost when its last instance (one per interface and protocol) goes. Starts again by
// itself when avahi-daemon appears or restarts on the bus.
#pragma once

#include "discoveredhost.h"

#include <QDBusConnection>
#include <QHash>
#include <QObject>

class QDBusMessage;
class QDBusPendingCall;
class QDBusServiceWatcher;

class AvahiBrowser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AvahiBrowser)

public:
    enum class State {
        Idle, // not started
        Unavailable, // no system bus or no avahi-daemon; problem() says which
        Browsing,
        Failed, // the daemon refused; problem() says why
    };
    Q_ENUM(State)

    explicit AvahiBrowser(QObject *parent = nullptr); // the D-Bus system bus
    explicit AvahiBrowser(const QDBusConnection &bus, QObject *parent = nullptr);
    ~AvahiBrowser() override;

    void start();
    void stop();

    State state() const { return m_state; }
    QString problem() const { return m_problem; }
    // Whether resolutions are still under way after allForNow.
    bool isResolving() const { return m_resolving > 0; }
    QList<DiscoveredHost> hosts() const;

signals:
    void stateChanged(AvahiBrowser::State state);
    void hostFound(const DiscoveredHost &host); // new, or changed
    void hostLost(const QString &key);
    // The daemon has reported what it knew when the browse started (and resolved those).
    void settled();

private slots:
    void onBrowserSignal(const QDBusMessage &message);
    void onResolverSignal(const QDBusMessage &message);

private:
    // One announcement of a service: the service seen on one interface with one protocol.
    struct Instance
    {
        int interfaceIndex = -1;
        int protocol = -1;
        QString name;
        QString type;
        QString domain;
        QString resolverPath;
        bool resolved = false;
        DiscoveredHost host;
    };

    void onDaemonOwnerChanged(const QString &newOwner);
    void createBrowser();
    void onItemNew(const Instance &item);
    void onItemRemove(const Instance &item);
    void onFound(Instance *instance, const QList<QVariant> &arguments);
    void forgetInstance(const QString &instanceKey);
    void updateService(const QString &serviceKey);
    void maybeSettled();
    void freeObject(const QString &path, const char *interface);
    void clearAll();
    void setState(State state, const QString &problem = QString());
    template<typename Handler>
    void onReply(const QDBusPendingCall &call, Handler &&handler);

    QDBusConnection m_bus;
    QDBusServiceWatcher *m_watcher = nullptr;
    bool m_wanted = false;
    QString m_browserPath;
    bool m_allForNow = false;
    bool m_settledEmitted = false;
    int m_resolving = 0;
    quint64 m_attempt = 0;
    QHash<QString, Instance> m_instances; // by interface/protocol/name/domain
    QHash<QString, QString> m_resolverInstances; // resolver path -> instance key
    QHash<QString, DiscoveredHost> m_reported; // by service (name.domain)
    State m_state = State::Idle;
    QString m_problem;
};
