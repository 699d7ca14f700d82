#include "avahipublisher.h"

#include "avahiconstants.h"

#include <QDBusArgument>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingReply>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPublish, "lanchat.discovery.publish")

namespace {

// Avahi's TXT argument, "aay": an array of byte arrays.
QVariant txtArgument(const QList<QByteArray> &strings)
{
    QDBusArgument argument;
    argument.beginArray(QMetaType::fromType<QByteArray>());
    for (const QByteArray &string : strings)
        argument << string;
    argument.endArray();
    return QVariant::fromValue(argument);
}

} // namespace

AvahiPublisher::AvahiPublisher(QObject *parent)
    : AvahiPublisher(QDBusConnection::systemBus(), parent)
{ }

AvahiPublisher::AvahiPublisher(const QDBusConnection &bus, QObject *parent)
    : QObject(parent), m_bus(bus)
{
    if (!m_bus.isConnected())
        return;
    m_watcher = Avahi::watchDaemon(m_bus, this,
                                   [this](const QString &owner) { onDaemonOwnerChanged(owner); });
    m_bus.connect(Avahi::name(Avahi::Service), Avahi::name(Avahi::ServerPath),
                  Avahi::name(Avahi::ServerInterface), u"StateChanged"_s, this,
                  SLOT(onServerStateChanged(int, QString)));
    // Any path: the group's path is known only from EntryGroupNew's reply; the slot filters.
    m_bus.connect(Avahi::name(Avahi::Service), QString(), Avahi::name(Avahi::EntryGroupInterface),
                  u"StateChanged"_s, this, SLOT(onGroupStateChanged(int, QString, QDBusMessage)));
}

AvahiPublisher::~AvahiPublisher()
{
    freeGroup();
}

void AvahiPublisher::publish(const ServiceAnnouncement &announcement)
{
    if (m_wanted && announcement == m_announcement && m_state != State::Failed
        && m_state != State::Unavailable)
        return;
    m_wanted = true;
    m_announcement = announcement;
    m_name = ServiceTxt::truncatedUtf8(ServiceTxt::cleanText(announcement.name),
                                       ServiceTxt::MaxInstanceNameBytes);
    start();
}

void AvahiPublisher::withdraw()
{
    m_wanted = false;
    ++m_attempt;
    m_groupRequested = false;
    freeGroup();
    setState(State::Off);
}

void AvahiPublisher::start()
{
    ++m_attempt;
    m_groupRequested = false;
    freeGroup();
    if (!m_bus.isConnected()) {
        setState(State::Unavailable,
                 tr("there is no D-Bus system bus (%1)").arg(m_bus.lastError().message()));
        return;
    }
    setState(State::Registering);
    onReply(m_bus.asyncCall(serverCall("GetState")), [this](const QDBusMessage &reply) {
        if (reply.type() == QDBusMessage::ErrorMessage) {
            const QDBusError error(reply);
            if (Avahi::isDaemonMissing(error))
                setState(State::Unavailable, tr("avahi-daemon is not running"));
            else
                failWith(error.message());
            return;
        }
        if (reply.arguments().value(0).toInt() == Avahi::ServerRunning)
            createGroup();
        // Otherwise the daemon is still registering its host name: StateChanged(running) follows.
    });
}

void AvahiPublisher::createGroup()
{
    if (!m_groupPath.isEmpty()) {
        if (!m_groupFilled)
            addServices();
        return;
    }
    // A restarted daemon answers GetState and announces StateChanged(running): one group only.
    if (m_groupRequested)
        return;
    m_groupRequested = true;
    onReply(m_bus.asyncCall(serverCall("EntryGroupNew")), [this](const QDBusMessage &reply) {
        m_groupRequested = false;
        if (reply.type() == QDBusMessage::ErrorMessage)
            return failWith(QDBusError(reply).message());
        m_groupPath = qvariant_cast<QDBusObjectPath>(reply.arguments().value(0)).path();
        m_groupFilled = false;
        addServices();
    });
}

void AvahiPublisher::addServices()
{
    const auto addService = [this](const char *type, const QList<QByteArray> &txt) {
        QDBusMessage call = groupCall("AddService");
        call << m_announcement.interfaceIndex << m_announcement.protocol << 0u << m_name
             << Avahi::name(type) << QString() << QString()
             << QVariant::fromValue(quint16(m_announcement.port)) << txtArgument(txt);
        return m_bus.asyncCall(call);
    };
    const QString requested = m_name;
    onReply(addService(ServiceTxt::ServiceType, ServiceTxt::encode(m_announcement)),
            [=](const QDBusMessage &reply) {
                if (reply.type() == QDBusMessage::ErrorMessage) {
                    // Another program on this machine announces the name (a second LanChat).
                    if (reply.errorName() == Avahi::name(Avahi::CollisionError))
                        return takeAlternativeName();
                    return failWith(QDBusError(reply).message());
                }
                onReply(addService(ServiceTxt::HttpServiceType, ServiceTxt::encodeHttp()),
                        [=](const QDBusMessage &httpReply) {
                            if (httpReply.type() == QDBusMessage::ErrorMessage) {
                                if (httpReply.errorName() == Avahi::name(Avahi::CollisionError))
                                    return takeAlternativeName();
                                return failWith(QDBusError(httpReply).message());
                            }
                            m_groupFilled = true;
                            onReply(m_bus.asyncCall(groupCall("Commit")),
                                    [=](const QDBusMessage &commitReply) {
                                        if (commitReply.type() == QDBusMessage::ErrorMessage)
                                            failWith(QDBusError(commitReply).message());
                                        else
                                            qCInfo(lcPublish).noquote()
                                                << "announcing" << requested;
                                    });
                        });
            });
}

void AvahiPublisher::takeAlternativeName()
{
    QDBusMessage call = serverCall("GetAlternativeServiceName");
    call << m_name;
    onReply(m_bus.asyncCall(call), [this](const QDBusMessage &reply) {
        if (reply.type() == QDBusMessage::ErrorMessage)
            return failWith(QDBusError(reply).message());
        const QString alternative = reply.arguments().value(0).toString();
        qCInfo(lcPublish).noquote() << "the name" << m_name << "is taken; trying" << alternative;
        m_name = alternative;
        setState(State::Registering);
        // Reset empties the group; the services go in again under the new name.
        onReply(m_bus.asyncCall(groupCall("Reset")), [this](const QDBusMessage &resetReply) {
            if (resetReply.type() == QDBusMessage::ErrorMessage)
                return failWith(QDBusError(resetReply).message());
            m_groupFilled = false;
            addServices();
        });
    });
}

void AvahiPublisher::onServerStateChanged(int state, const QString &error)
{
    if (!m_wanted)
        return;
    switch (state) {
    case Avahi::ServerRunning:
        createGroup();
        break;
    case Avahi::ServerRegistering:
    case Avahi::ServerCollision:
        // The daemon's host name is being (re)registered: it dropped our records, which go in
        // again once it runs.
        if (!m_groupPath.isEmpty() && m_groupFilled) {
            m_bus.asyncCall(groupCall("Reset"));
            m_groupFilled = false;
        }
        setState(State::Registering);
        break;
    case Avahi::ServerFailure:
        failWith(error);
        break;
    default:
        break;
    }
}

void AvahiPublisher::onGroupStateChanged(int state, const QString &error,
                                         const QDBusMessage &message)
{
    if (!m_wanted || message.path() != m_groupPath || m_groupPath.isEmpty())
        return;
    switch (state) {
    case Avahi::GroupEstablished:
        setState(State::Established);
        break;
    case Avahi::GroupCollision:
        // Another host announces the same name.
        ++m_attempt;
        takeAlternativeName();
        break;
    case Avahi::GroupFailure:
        failWith(error);
        break;
    default:
        break;
    }
}

void AvahiPublisher::onDaemonOwnerChanged(const QString &newOwner)
{
    // The old daemon's group died with it.
    m_groupPath.clear();
    m_groupFilled = false;
    m_groupRequested = false;
    if (!m_wanted)
        return;
    if (newOwner.isEmpty()) {
        ++m_attempt;
        setState(State::Unavailable, tr("avahi-daemon stopped"));
    } else {
        qCInfo(lcPublish) << "avahi-daemon appeared on the bus; announcing again";
        start();
    }
}

void AvahiPublisher::freeGroup()
{
    if (m_groupPath.isEmpty())
        return;
    // Free withdraws the records (with goodbye packets); nothing waits for the answer.
    m_bus.send(groupCall("Free"));
    m_groupPath.clear();
    m_groupFilled = false;
}

void AvahiPublisher::failWith(const QString &error)
{
    qCWarning(lcPublish).noquote() << "announcing failed:" << error;
    setState(State::Failed, error);
}

void AvahiPublisher::setState(State state, const QString &problem)
{
    if (state == m_state && problem == m_problem)
        return;
    m_state = state;
    m_problem = problem;
    emit stateChanged(state);
}

QDBusMessage AvahiPublisher::serverCall(const char *method) const
{
    return QDBusMessage::createMethodCall(Avahi::name(Avahi::Service),
                                          Avahi::name(Avahi::ServerPath),
                                          Avahi::name(Avahi::ServerInterface), Avahi::name(method));
}

QDBusMessage AvahiPublisher::groupCall(const char *method) const
{
    return QDBusMessage::createMethodCall(Avahi::name(Avahi::Service), m_groupPath,
                                          Avahi::name(Avahi::EntryGroupInterface),
                                          Avahi::name(method));
}

template<typename Handler>
void AvahiPublisher::onReply(const QDBusPendingCall &call, Handler &&handler)
{
    Avahi::whenAnswered(
        this, call, [this, attempt = m_attempt] { return attempt == m_attempt && m_wanted; },
        std::forward<Handler>(handler));
}

#include "moc_avahipublisher.cpp"
