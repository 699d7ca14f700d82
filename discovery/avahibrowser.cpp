#include "avahibrowser.h"

#include "avahiconstants.h"
#include "servicetxt.h"

#include <QDBusArgument>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QLoggingCategory>
#include <QNetworkInterface>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcBrowse, "lanchat.discovery.browse")

namespace {

QDBusMessage call(const QString &path, const char *interface, const char *method)
{
    return QDBusMessage::createMethodCall(Avahi::name(Avahi::Service), path, Avahi::name(interface),
                                          Avahi::name(method));
}

QString instanceKey(int interfaceIndex, int protocol, const QString &name, const QString &domain)
{
    return u"%1/%2/%3/%4"_s.arg(interfaceIndex).arg(protocol).arg(name, domain);
}

QString serviceKey(const QString &name, const QString &domain)
{
    return name + u'.' + domain;
}

QList<QByteArray> byteArrays(const QVariant &value)
{
    QList<QByteArray> strings;
    if (!value.canConvert<QDBusArgument>())
        return strings;
    const QDBusArgument argument = value.value<QDBusArgument>();
    argument.beginArray();
    while (!argument.atEnd()) {
        QByteArray string;
        argument >> string;
        strings << string;
    }
    argument.endArray();
    return strings;
}

// Lower is better: IPv4 first, then routable IPv6, then link-local.
int rank(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return address.isLinkLocal() ? 2 : 0;
    return address.isLinkLocal() ? 3 : 1;
}
} // namespace

AvahiBrowser::AvahiBrowser(QObject *parent) : AvahiBrowser(QDBusConnection::systemBus(), parent) { }

AvahiBrowser::AvahiBrowser(const QDBusConnection &bus, QObject *parent)
    : QObject(parent), m_bus(bus)
{
    if (!m_bus.isConnected())
        return;
    m_watcher = Avahi::watchDaemon(m_bus, this,
                                   [this](const QString &owner) { onDaemonOwnerChanged(owner); });
    // Any path (the slots filter by the paths we created); a slot taking only the message
    // receives every signal of that name.
    for (const char *name : {"ItemNew", "ItemRemove", "AllForNow", "Failure"})
        m_bus.connect(Avahi::name(Avahi::Service), QString(),
                      Avahi::name(Avahi::ServiceBrowserInterface), Avahi::name(name), this,
                      SLOT(onBrowserSignal(QDBusMessage)));
    for (const char *name : {"Found", "Failure"})
        m_bus.connect(Avahi::name(Avahi::Service), QString(),
                      Avahi::name(Avahi::ServiceResolverInterface), Avahi::name(name), this,
                      SLOT(onResolverSignal(QDBusMessage)));
}

AvahiBrowser::~AvahiBrowser()
{
    if (m_wanted) {
        for (auto it = m_instances.cbegin(); it != m_instances.cend(); ++it)
            freeObject(it->resolverPath, Avahi::ServiceResolverInterface);
        freeObject(m_browserPath, Avahi::ServiceBrowserInterface);
    }
}

QList<DiscoveredHost> AvahiBrowser::hosts() const
{
    return m_reported.values();
}

void AvahiBrowser::start()
{
    if (m_wanted)
        return;
    m_wanted = true;
    if (!m_bus.isConnected()) {
        setState(State::Unavailable,
                 tr("there is no D-Bus system bus (%1)").arg(m_bus.lastError().message()));
        emit settled();
        return;
    }
    createBrowser();
}

void AvahiBrowser::stop()
{
    if (!m_wanted)
        return;
    clearAll();
    m_wanted = false;
    setState(State::Idle);
}

void AvahiBrowser::createBrowser()
{
    ++m_attempt;
    m_allForNow = false;
    m_settledEmitted = false;
    QDBusMessage prepare
        = call(Avahi::name(Avahi::ServerPath), Avahi::Server2Interface, "ServiceBrowserPrepare");
    prepare << Avahi::InterfaceUnspecified << Avahi::ProtocolUnspecified
            << Avahi::name(ServiceTxt::ServiceType) << QString() << 0u;
    onReply(m_bus.asyncCall(prepare), [this](const QDBusMessage &reply) {
        if (reply.type() == QDBusMessage::ErrorMessage) {
            const QDBusError error(reply);
            setState(Avahi::isDaemonMissing(error) ? State::Unavailable : State::Failed,
                     Avahi::isDaemonMissing(error) ? tr("avahi-daemon is not running")
                                                   : error.message());
            if (!m_settledEmitted) {
                m_settledEmitted = true;
                emit settled();
            }
            return;
        }
        m_browserPath = qvariant_cast<QDBusObjectPath>(reply.arguments().value(0)).path();
        onReply(m_bus.asyncCall(call(m_browserPath, Avahi::ServiceBrowserInterface, "Start")),
                [this](const QDBusMessage &started) {
                    if (started.type() == QDBusMessage::ErrorMessage)
                        setState(State::Failed, QDBusError(started).message());
                    else
                        setState(State::Browsing);
                });
    });
}

void AvahiBrowser::onBrowserSignal(const QDBusMessage &message)
{
    if (!m_wanted || m_browserPath.isEmpty() || message.path() != m_browserPath)
        return;
    const QString member = message.member();
    const QList<QVariant> arguments = message.arguments();
    if (member == "ItemNew"_L1 || member == "ItemRemove"_L1) {
        if (arguments.size() < 5)
            return;
        Instance item;
        item.interfaceIndex = arguments.at(0).toInt();
        item.protocol = arguments.at(1).toInt();
        item.name = arguments.at(2).toString();
        item.type = arguments.at(3).toString();
        item.domain = arguments.at(4).toString();
        if (member == "ItemNew"_L1)
            onItemNew(item);
        else
            onItemRemove(item);
    } else if (member == "AllForNow"_L1) {
        m_allForNow = true;
        maybeSettled();
    } else if (member == "Failure"_L1) {
        setState(State::Failed, arguments.value(0).toString());
        m_allForNow = true;
        maybeSettled();
    }
}

void AvahiBrowser::onItemNew(const Instance &item)
{
    const QString key = instanceKey(item.interfaceIndex, item.protocol, item.name, item.domain);
    if (m_instances.contains(key))
        return;
    m_instances.insert(key, item);
    ++m_resolving;
    QDBusMessage prepare
        = call(Avahi::name(Avahi::ServerPath), Avahi::Server2Interface, "ServiceResolverPrepare");
    // The address in the protocol the service was seen with: A records on IPv4, AAAA on IPv6.
    prepare << item.interfaceIndex << item.protocol << item.name << item.type << item.domain
            << item.protocol << 0u;
    onReply(m_bus.asyncCall(prepare), [this, key](const QDBusMessage &reply) {
        auto it = m_instances.find(key);
        if (it == m_instances.end())
            return; // removed meanwhile (and counted then)
        if (reply.type() == QDBusMessage::ErrorMessage) {
            qCWarning(lcBrowse).noquote() << "cannot resolve:" << QDBusError(reply).message();
            --m_resolving;
            it->resolved = true; // given up on
            maybeSettled();
            return;
        }
        it->resolverPath = qvariant_cast<QDBusObjectPath>(reply.arguments().value(0)).path();
        m_resolverInstances.insert(it->resolverPath, key);
        m_bus.asyncCall(call(it->resolverPath, Avahi::ServiceResolverInterface, "Start"));
    });
}

void AvahiBrowser::onItemRemove(const Instance &item)
{
    const QString key = instanceKey(item.interfaceIndex, item.protocol, item.name, item.domain);
    if (!m_instances.contains(key))
        return;
    forgetInstance(key);
    updateService(serviceKey(item.name, item.domain));
    maybeSettled();
}

void AvahiBrowser::onResolverSignal(const QDBusMessage &message)
{
    if (!m_wanted)
        return;
    const QString instance = m_resolverInstances.value(message.path());
    auto it = m_instances.find(instance);
    if (instance.isEmpty() || it == m_instances.end())
        return;
    if (!it->resolved) {
        it->resolved = true;
        --m_resolving;
    }
    if (message.member() == "Found"_L1) {
        onFound(&*it, message.arguments());
    } else {
        qCInfo(lcBrowse).noquote()
            << "resolving" << it->name << "failed:" << message.arguments().value(0).toString();
        it->host = DiscoveredHost();
        updateService(serviceKey(it->name, it->domain));
    }
    maybeSettled();
}

void AvahiBrowser::onFound(Instance *instance, const QList<QVariant> &arguments)
{
    // interface, protocol, name, type, domain, host, aprotocol, address, port, txt, flags
    if (arguments.size() < 10)
        return;
    const ServiceTxtInfo txt = ServiceTxt::parse(byteArrays(arguments.at(9)));
    DiscoveredHost host;
    QHostAddress address(arguments.at(7).toString());
    if (txt.valid && !address.isNull()) {
        if (address.protocol() == QAbstractSocket::IPv6Protocol && address.isLinkLocal())
            address.setScopeId(QNetworkInterface::interfaceNameFromIndex(instance->interfaceIndex));
        host.source = DiscoveredHost::Source::Announcement;
        host.name = ServiceTxt::cleanText(instance->name);
        host.hostName = ServiceTxt::cleanText(arguments.at(5).toString());
        host.address = address;
        host.port = quint16(arguments.at(8).toUInt());
        host.tls = txt.tls;
        host.fingerprint = txt.fingerprint;
        host.version = txt.version;
    }
    instance->host = host; // invalid (port 0) when it is not a LanChat we understand
    updateService(serviceKey(instance->name, instance->domain));
}

void AvahiBrowser::forgetInstance(const QString &key)
{
    const Instance instance = m_instances.take(key);
    if (!instance.resolved)
        --m_resolving;
    if (!instance.resolverPath.isEmpty()) {
        m_resolverInstances.remove(instance.resolverPath);
        freeObject(instance.resolverPath, Avahi::ServiceResolverInterface);
    }
}

void AvahiBrowser::updateService(const QString &service)
{
    const DiscoveredHost *best = nullptr;
    for (auto it = m_instances.cbegin(); it != m_instances.cend(); ++it) {
        if (it->host.port == 0 || serviceKey(it->name, it->domain) != service)
            continue;
        if (!best || rank(it->host.address) < rank(best->address))
            best = &it->host;
    }
    const auto reported = m_reported.find(service);
    if (!best) {
        if (reported != m_reported.end()) {
            const QString key = reported->key();
            m_reported.erase(reported);
            emit hostLost(key);
        }
        return;
    }
    if (reported != m_reported.end() && *reported == *best)
        return;
    const DiscoveredHost host = *best;
    m_reported.insert(service, host);
    emit hostFound(host);
}

void AvahiBrowser::maybeSettled()
{
    if (m_allForNow && m_resolving == 0 && !m_settledEmitted) {
        m_settledEmitted = true;
        emit settled();
    }
}

void AvahiBrowser::freeObject(const QString &path, const char *interface)
{
    if (!path.isEmpty())
        m_bus.send(call(path, interface, "Free"));
}

void AvahiBrowser::clearAll()
{
    ++m_attempt;
    for (auto it = m_instances.cbegin(); it != m_instances.cend(); ++it)
        freeObject(it->resolverPath, Avahi::ServiceResolverInterface);
    freeObject(m_browserPath, Avahi::ServiceBrowserInterface);
    m_instances.clear();
    m_resolverInstances.clear();
    m_browserPath.clear();
    m_resolving = 0;
    const QList<DiscoveredHost> lost = m_reported.values();
    m_reported.clear();
    for (const DiscoveredHost &host : lost)
        emit hostLost(host.key());
}

void AvahiBrowser::onDaemonOwnerChanged(const QString &newOwner)
{
    if (!m_wanted)
        return;
    // The old daemon's browser and resolvers died with it; a restarted one starts afresh.
    m_browserPath.clear();
    for (auto it = m_instances.begin(); it != m_instances.end(); ++it)
        it->resolverPath.clear();
    clearAll();
    if (newOwner.isEmpty()) {
        setState(State::Unavailable, tr("avahi-daemon stopped"));
    } else {
        qCInfo(lcBrowse) << "avahi-daemon appeared on the bus; browsing again";
        createBrowser();
    }
}

void AvahiBrowser::setState(State state, const QString &problem)
{
    if (state == m_state && problem == m_problem)
        return;
    m_state = state;
    m_problem = problem;
    emit stateChanged(state);
}

template<typename Handler>
void AvahiBrowser::onReply(const QDBusPendingCall &call, Handler &&handler)
{
    Avahi::whenAnswered(
        this, call, [this, attempt = m_attempt] { return attempt == m_attempt && m_wanted; },
        std::forward<Handler>(handler));
}

#include "moc_avahibrowser.cpp"
