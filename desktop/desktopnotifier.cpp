#include "desktopnotifier.h"

#include "desktoplogging.h"

#include <QCoreApplication>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace {
QString withoutControlCharacters(const QString &text, bool keepLineBreaks)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        const bool lineBreak = c == u'\n' || c == u'\t';
        if (c.category() == QChar::Other_Control && !(keepLineBreaks && lineBreak))
            continue;
        result.append(c);
    }
    return result;
}
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : DesktopNotifier(QDBusConnection::sessionBus(), parent)
{ }

DesktopNotifier::DesktopNotifier(const QDBusConnection &bus, QObject *parent)
    : QObject(parent), m_bus(bus)
{
    if (!m_bus.isConnected())
        return;
    const QString service = QString::fromLatin1(Service);
    const QString path = QString::fromLatin1(Path);
    const QString interface = QString::fromLatin1(Interface);
    m_bus.connect(service, path, interface, u"ActionInvoked"_s, this,
                  SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(service, path, interface, u"NotificationClosed"_s, this,
                  SLOT(onNotificationClosed(uint, uint)));
}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::setFallback(std::function<void(const Notification &)> fallback)
{
    m_fallback = std::move(fallback);
}

QString DesktopNotifier::bodyText(const QString &text)
{
    QString body = withoutControlCharacters(text, true);
    if (body.size() > MaxBodyLength) {
        qsizetype cut = MaxBodyLength - 1;
        if (body.at(cut - 1).isHighSurrogate())
            --cut; // never half a character
        body = body.left(cut) + u'…';
    }
    body.replace(u'&', "&amp;"_L1).replace(u'<', "&lt;"_L1).replace(u'>', "&gt;"_L1);
    return body;
}

QString DesktopNotifier::summaryText(const QString &text)
{
    return withoutControlCharacters(text, false);
}

void DesktopNotifier::notify(const Notification &notification)
{
    if (!m_bus.isConnected()) {
        showFallback(notification);
        return;
    }
    const QString appId = QStringLiteral(LANCHAT_APP_ID);
    // QGuiApplication's applicationDisplayName ("LanChat"), read through its meta-object: this
    // library does not link QtGui.
    QString appName = qApp ? qApp->property("applicationDisplayName").toString() : QString();
    if (appName.isEmpty())
        appName = QCoreApplication::applicationName();
    QVariantMap hints {
        {u"desktop-entry"_s, appId},
        {u"category"_s, u"im.received"_s},
        {u"urgency"_s, QVariant::fromValue(uchar(1))}, // normal
    };
    // The Desktop Notifications spec's sound hints: the service plays the freedesktop sound theme's
    // sound, so LanChat needs no audio library of its own.
    if (notification.sound)
        hints.insert(QString::fromLatin1(SoundNameHint), QString::fromLatin1(MessageSoundName));
    else
        hints.insert(QString::fromLatin1(SuppressSoundHint), true);
    QDBusMessage call
        = QDBusMessage::createMethodCall(QString::fromLatin1(Service), QString::fromLatin1(Path),
                                         QString::fromLatin1(Interface), u"Notify"_s);
    call << appName << m_idByTag.value(notification.tag, 0u) << appId
         << summaryText(notification.title) << bodyText(notification.body)
         << QStringList {QString::fromLatin1(DefaultAction), tr("Open")} << hints
         << qint32(-1); // the server's default timeout
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, notification] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            qCInfo(lcDesktop, "no notification service (%ls): using the tray",
                   qUtf16Printable(reply.error().name()));
            showFallback(notification);
            return;
        }
        const uint id = reply.value();
        if (const uint previous = m_idByTag.value(notification.tag); previous != id)
            m_tagById.remove(previous);
        m_tagById.insert(id, notification.tag);
        m_idByTag.insert(notification.tag, id);
    });
}

void DesktopNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    // The signal goes to every client on the bus: only our own notifications count.
    const auto it = m_tagById.constFind(id);
    if (it == m_tagById.cend() || actionKey != QLatin1String(DefaultAction))
        return;
    emit activated(*it);
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    const QString tag = m_tagById.take(id);
    if (!tag.isNull() && m_idByTag.value(tag) == id)
        m_idByTag.remove(tag);
}

void DesktopNotifier::showFallback(const Notification &notification)
{
    if (m_fallback)
        m_fallback(notification);
}

#include "moc_desktopnotifier.cpp"
