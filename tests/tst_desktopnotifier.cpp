// Notifications through org.freedesktop.Notifications, checked against a fake notification
// server on a private session bus (a dbus-daemon of the test's own, DBUS_SESSION_BUS_ADDRESS set
// before anything connects): what arrives (title, escaped body, icon, desktop entry, actions),
// replacement by tag, the default action's round trip back to the window, and the fallback when
// no notification service is there. Last, the host window end to end: a message while it is
// hidden arrives as a notification, and clicking it brings the live chat to the front.
#include "chatclient.h"
#include "chatinput.h"
#include "chatpreferencesmenu.h"
#include "chatwindow.h"
#include "desktopnotifier.h"
#include "hostedchat.h"
#include "testsupport.h"
#include "windownotifier.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr auto FakeConnection = "fake-notification-server";

// A dbus-daemon of the test's own, without service activation (so no real notification server
// is started on it), stopped at exit.
class PrivateSessionBus
{
public:
    PrivateSessionBus()
    {
        QFile config(m_directory.filePath(u"bus.conf"_s));
        if (!config.open(QIODevice::WriteOnly))
            qFatal("cannot write the bus configuration");
        config.write(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            "<busconfig><type>session</type><listen>unix:dir="
            + m_directory.path().toUtf8()
            + "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
              "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
              "<allow own=\"*\"/></policy></busconfig>\n");
        config.close();
        m_daemon.start(u"dbus-daemon"_s, {u"--config-file="_s + config.fileName(),
                                          u"--print-address=1"_s, u"--nofork"_s});
        if (!m_daemon.waitForStarted(5000)
            || !(m_daemon.canReadLine() || m_daemon.waitForReadyRead(5000)))
            qFatal("cannot start dbus-daemon (package dbus-daemon): %s",
                   qPrintable(m_daemon.errorString()));
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    }
    ~PrivateSessionBus()
    {
        m_daemon.kill();
        m_daemon.waitForFinished(5000);
    }
    QString address() const { return m_address; }

private:
    QTemporaryDir m_directory;
    QProcess m_daemon;
    QString m_address;
};

PrivateSessionBus *privateBus = nullptr;

// The notification server's side of the specification, recording every Notify call.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
        uint id = 0;
    };

    QList<Call> calls;

public slots:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int expireTimeout)
    {
        const uint id = replacesId != 0 ? replacesId : ++m_lastId;
        calls.append(
            {appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout, id});
        return id;
    }
    QStringList GetCapabilities() { return {u"body"_s, u"body-markup"_s, u"actions"_s}; }
    void CloseNotification(uint id) { Q_UNUSED(id); }

private:
    uint m_lastId = 41;
};

QDBusConnection fakeBus()
{
    return QDBusConnection(QString::fromLatin1(FakeConnection));
}

// Lets the notifier see what was sent to it so far (replies and the fake server's signals): the
// bus routes in order, so after a blocking call on the fake server's connection and then one on
// the notifier's, everything sent before has reached the notifier's connection, whose handling
// is queued to this thread.
void settle()
{
    fakeBus().interface()->isServiceRegistered(u"org.example.Nobody"_s);
    QDBusConnection::sessionBus().interface()->isServiceRegistered(u"org.example.Nobody"_s);
    QCoreApplication::processEvents();
}

// Sends one of the server's signals, as the notification server does when the user acts.
void emitServerSignal(const QString &name, const QVariantList &arguments)
{
    QDBusMessage signal
        = QDBusMessage::createSignal(QString::fromLatin1(DesktopNotifier::Path),
                                     QString::fromLatin1(DesktopNotifier::Interface), name);
    signal.setArguments(arguments);
    QVERIFY(fakeBus().send(signal));
}

} // namespace

class tst_DesktopNotifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void bodyTextIsEscaped_data();
    void bodyTextIsEscaped();
    void notificationArrivesWithEverything();
    void soundIsAskedOfTheServiceOnlyWhenWanted();
    void sameTagReplaces();
    void defaultActionComesBack();
    void foreignAndOtherActionsAreIgnored();
    void closedNotificationIsNotReplaced();
    void fallbackWithoutService();
    void fallbackWithoutBus();
    void windowNotifierClicks();
    void hostWindowNotifiesAndOpensTheChat();
    void chatWindowFollowsItsNotificationSettings();

private:
    bool waitForCalls(qsizetype count);
    // Shows a notification tagged "conversation"; the server's id for it once the notifier
    // knows it too, or 0.
    uint showConversation(DesktopNotifier &notifier);

    std::optional<FakeNotificationServer> m_server;
};

void tst_DesktopNotifier::initTestCase()
{
    LanChat::registerMetaTypes();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QCoreApplication::setApplicationName(u"tst_desktopnotifier"_s);
    QVERIFY(QDBusConnection::sessionBus().isConnected());
    const QDBusConnection bus
        = QDBusConnection::connectToBus(privateBus->address(), QString::fromLatin1(FakeConnection));
    QVERIFY(bus.isConnected());
}

void tst_DesktopNotifier::init()
{
    m_server.emplace();
    QDBusConnection bus = fakeBus();
    QVERIFY(bus.registerObject(QString::fromLatin1(DesktopNotifier::Path), &*m_server,
                               QDBusConnection::ExportAllSlots));
    QVERIFY(bus.registerService(QString::fromLatin1(DesktopNotifier::Service)));
    QTRY_VERIFY(QDBusConnection::sessionBus().interface()->isServiceRegistered(
        QString::fromLatin1(DesktopNotifier::Service)));
}

void tst_DesktopNotifier::cleanup()
{
    QDBusConnection bus = fakeBus();
    bus.unregisterService(QString::fromLatin1(DesktopNotifier::Service));
    bus.unregisterObject(QString::fromLatin1(DesktopNotifier::Path));
    m_server.reset();
}

bool tst_DesktopNotifier::waitForCalls(qsizetype count)
{
    return QTest::qWaitFor([&] { return m_server->calls.size() >= count; }, 5000);
}

uint tst_DesktopNotifier::showConversation(DesktopNotifier &notifier)
{
    notifier.notify({u"conversation"_s, u"ada"_s, u"hi"_s});
    if (!waitForCalls(1))
        return 0;
    settle(); // the notifier has the id once it handled the reply to Notify
    return m_server->calls.first().id;
}

void tst_DesktopNotifier::bodyTextIsEscaped_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("body");
    QTest::addRow("plain") << u"see you at 5"_s << u"see you at 5"_s;
    QTest::addRow("markup") << u"<b>bold</b> & <img src=\"/dev/zero\">"_s
                            << u"&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=\"/dev/zero\"&gt;"_s;
    QTest::addRow("entity") << u"&lt;"_s << u"&amp;lt;"_s;
    QTest::addRow("controls") << u"a\u0007b\u001b[31mc\nd\te"_s << u"ab[31mc\nd\te"_s;
    QTest::addRow("long") << QString(250, u'x') << QString(199, u'x') + u'…';
    // Cut before a surrogate pair, never inside it.
    QTest::addRow("surrogates") << QString(198, u'x') + u"😀😀"_s << QString(198, u'x') + u'…';
}

void tst_DesktopNotifier::bodyTextIsEscaped()
{
    QFETCH(QString, text);
    QFETCH(QString, body);
    QCOMPARE(DesktopNotifier::bodyText(text), body);
}

void tst_DesktopNotifier::notificationArrivesWithEverything()
{
    DesktopNotifier notifier;
    bool fellBack = false;
    notifier.setFallback([&](const DesktopNotifier::Notification &) { fellBack = true; });
    notifier.notify({u"chat"_s, u"ada\u0007"_s, u"<b>hi</b> & bye"_s});
    QVERIFY(waitForCalls(1));
    const FakeNotificationServer::Call call = m_server->calls.first();
    QCOMPARE(call.summary, u"ada"_s); // the sender, never markup, without control characters
    QCOMPARE(call.body, u"&lt;b&gt;hi&lt;/b&gt; &amp; bye"_s);
    QCOMPARE(call.replacesId, 0u);
    QCOMPARE(call.appIcon, QStringLiteral(LANCHAT_APP_ID));
    QCOMPARE(call.hints.value(u"desktop-entry"_s).toString(), QStringLiteral(LANCHAT_APP_ID));
    QCOMPARE(call.hints.value(u"category"_s).toString(), u"im.received"_s);
    QCOMPARE(call.actions.size(), 2);
    QCOMPARE(call.actions.first(), u"default"_s);
    QCOMPARE(call.expireTimeout, -1);
    QVERIFY(!call.appName.isEmpty());
    QVERIFY(!fellBack);
}

// The spec's hints: the service plays the theme's message sound, or is told to stay silent (some
// services play a sound for every notification otherwise).
void tst_DesktopNotifier::soundIsAskedOfTheServiceOnlyWhenWanted()
{
    DesktopNotifier notifier;
    notifier.notify({u"chat"_s, u"ada"_s, u"quiet"_s});
    QVERIFY(waitForCalls(1));
    DesktopNotifier::Notification loud {u"chat2"_s, u"bob"_s, u"loud"_s};
    loud.sound = true;
    notifier.notify(loud);
    QVERIFY(waitForCalls(2));
    const QVariantMap quiet = m_server->calls.at(0).hints;
    QCOMPARE(quiet.value(u"suppress-sound"_s).toBool(), true);
    QVERIFY(!quiet.contains(u"sound-name"_s));
    const QVariantMap withSound = m_server->calls.at(1).hints;
    QCOMPARE(withSound.value(u"sound-name"_s).toString(), u"message-new-instant"_s);
    QVERIFY(!withSound.contains(u"suppress-sound"_s));
}

void tst_DesktopNotifier::sameTagReplaces()
{
    DesktopNotifier notifier;
    notifier.notify({u"one"_s, u"ada"_s, u"first"_s});
    QVERIFY(waitForCalls(1));
    settle();
    notifier.notify({u"two"_s, u"bob"_s, u"other conversation"_s});
    QVERIFY(waitForCalls(2));
    settle();
    notifier.notify({u"one"_s, u"ada"_s, u"second"_s});
    QVERIFY(waitForCalls(3));
    QCOMPARE(m_server->calls.at(1).replacesId, 0u);
    QCOMPARE(m_server->calls.at(2).replacesId, m_server->calls.at(0).id);
}

void tst_DesktopNotifier::defaultActionComesBack()
{
    DesktopNotifier notifier;
    QSignalSpy activated(&notifier, &DesktopNotifier::activated);
    const uint id = showConversation(notifier);
    QVERIFY(id != 0);
    emitServerSignal(u"ActionInvoked"_s, {id, u"default"_s});
    QVERIFY(activated.wait(5000));
    QCOMPARE(activated.first().first().toString(), u"conversation"_s);
}

void tst_DesktopNotifier::foreignAndOtherActionsAreIgnored()
{
    DesktopNotifier notifier;
    QSignalSpy activated(&notifier, &DesktopNotifier::activated);
    const uint id = showConversation(notifier);
    QVERIFY(id != 0);
    emitServerSignal(u"ActionInvoked"_s, {id + 100, u"default"_s}); // another app's
    emitServerSignal(u"ActionInvoked"_s, {id, u"inline-reply"_s});
    emitServerSignal(u"ActionInvoked"_s, {id, u"default"_s}); // ours, last: it must be the only one
    QVERIFY(activated.wait(5000));
    settle();
    QCOMPARE(activated.size(), 1); // the two before it were handled first, and ignored
}

void tst_DesktopNotifier::closedNotificationIsNotReplaced()
{
    DesktopNotifier notifier;
    QSignalSpy activated(&notifier, &DesktopNotifier::activated);
    const uint id = showConversation(notifier);
    QVERIFY(id != 0);
    emitServerSignal(u"NotificationClosed"_s, {id, 2u}); // dismissed by the user
    emitServerSignal(u"ActionInvoked"_s, {id, u"default"_s});
    settle();
    QCOMPARE(activated.size(), 0); // a closed notification is forgotten
    notifier.notify({u"conversation"_s, u"ada"_s, u"again"_s});
    QVERIFY(waitForCalls(2));
    QCOMPARE(m_server->calls.at(1).replacesId, 0u);
}

void tst_DesktopNotifier::fallbackWithoutService()
{
    cleanup(); // nobody owns org.freedesktop.Notifications now
    DesktopNotifier notifier;
    QList<DesktopNotifier::Notification> shown;
    notifier.setFallback(
        [&](const DesktopNotifier::Notification &notification) { shown.append(notification); });
    notifier.notify({u"tag"_s, u"ada"_s, u"<b>plain</b>"_s});
    QTRY_COMPARE(shown.size(), 1);
    // The fallback (Qt's balloon) shows plain text: it gets the text as it was.
    QCOMPARE(shown.first().title, u"ada"_s);
    QCOMPARE(shown.first().body, u"<b>plain</b>"_s);
    init(); // for cleanup()
}

void tst_DesktopNotifier::fallbackWithoutBus()
{
    const QDBusConnection noBus
        = QDBusConnection::connectToBus(u"unix:path=/nonexistent/bus"_s, u"nobus"_s);
    QVERIFY(!noBus.isConnected());
    DesktopNotifier notifier(noBus, nullptr);
    int shown = 0;
    notifier.setFallback([&](const DesktopNotifier::Notification &) { ++shown; });
    notifier.notify({u"tag"_s, u"ada"_s, u"hi"_s});
    QCOMPARE(shown, 1);
    QDBusConnection::disconnectFromBus(u"nobus"_s);
}

void tst_DesktopNotifier::windowNotifierClicks()
{
    WindowNotifier notifier(nullptr); // no tray on this platform
    QSignalSpy clicked(&notifier, &WindowNotifier::clicked);
    notifier.notify(u"tag"_s, u"ada"_s, u"hi & bye"_s);
    QVERIFY(waitForCalls(1));
    QCOMPARE(m_server->calls.first().body, u"hi &amp; bye"_s);
    settle();
    emitServerSignal(u"ActionInvoked"_s, {m_server->calls.first().id, u"default"_s});
    QVERIFY(clicked.wait(5000));
}

void tst_DesktopNotifier::hostWindowNotifiesAndOpensTheChat()
{
    TestServer server;
    HostedChat host(server); // the host's chat window, as the app opens it
    ChatWindow &window = host.window();
    QVERIFY(host.start()); // the window stays hidden, as in the tray
    TestClient ada;
    QVERIFY(ada.join(server.wsUrl(u"ada"_s)));
    ada.send({{"type"_L1, "message"_L1}, {"text"_L1, u"<i>psst</i> & more"_s}});
    QVERIFY(waitForCalls(1));
    const FakeNotificationServer::Call call = m_server->calls.first();
    QCOMPARE(call.summary, u"ada"_s);
    QCOMPARE(call.body, u"&lt;i&gt;psst&lt;/i&gt; &amp; more"_s);
    QVERIFY(!window.isVisible());

    window.input()->clearFocus();
    settle();
    emitServerSignal(u"ActionInvoked"_s, {call.id, u"default"_s});
    QTRY_VERIFY(window.isVisible());
    QTRY_VERIFY(window.input()->hasFocus()); // the chat, to answer
}

// The chat window, not active, notifies with the Settings menu's choices: with sound when asked,
// and not at all when notifications are off.
void tst_DesktopNotifier::chatWindowFollowsItsNotificationSettings()
{
    QSettings().clear(); // the defaults: notifications on, no sound
    TestServer server;
    QVERIFY(server.start());
    QTemporaryDir data;
    ChatClient client;
    client.setDataDirectory(data.path());
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = server.port();
    endpoint.token = server.token();
    endpoint.username = u"me"_s;
    client.setEndpoint(endpoint);
    ChatWindow window(&client); // never shown: never the active window
    QSignalSpy synced(&client, &ChatClient::synced);
    client.connectToServer();
    QVERIFY(synced.wait(10000));
    TestClient ada;
    QVERIFY(ada.join(server.wsUrl(u"ada"_s)));

    window.preferences()->soundAction()->trigger();
    ada.send({{"type"_L1, "message"_L1}, {"text"_L1, u"with sound"_s}});
    QVERIFY(waitForCalls(1));
    QCOMPARE(m_server->calls.first().body, u"with sound"_s);
    QCOMPARE(m_server->calls.first().hints.value(u"sound-name"_s).toString(),
             u"message-new-instant"_s);

    window.preferences()->notificationsAction()->trigger(); // off
    ada.send({{"type"_L1, "message"_L1}, {"text"_L1, u"silent"_s}});
    ada.send({{"type"_L1, "message"_L1}, {"text"_L1, u"turned on again"_s}});
    QTRY_COMPARE(window.unreadCount(), 3); // both arrived, and the unread count still counts
    window.preferences()->notificationsAction()->trigger(); // on
    ada.send({{"type"_L1, "message"_L1}, {"text"_L1, u"after"_s}});
    QVERIFY(waitForCalls(2));
    QCOMPARE(m_server->calls.at(1).body, u"after"_s); // "silent" never reached the service
}

int main(int argc, char *argv[])
{
    // Before QApplication: nothing may reach the real session bus first.
    PrivateSessionBus bus;
    privateBus = &bus;
    QApplication app(argc, argv);
    tst_DesktopNotifier test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_desktopnotifier.moc"
