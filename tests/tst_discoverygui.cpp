// Discovery without avahi-daemon, and the widgets that show what discovery found. The suite runs
// its own D-Bus system bus (a private dbus-daemon on a socket in a temporary directory, nothing
// on the network) with no Avahi on it, as on a machine where avahi-daemon is not running: the
// publisher and the browser report it, the join dialog says so in one line, and nothing else
// breaks. The found-hosts list is fed through its model, as the browser and scanner feed it.
#include "avahibrowser.h"
#include "avahipublisher.h"
#include "certificatepins.h"
#include "discoveredhostmodel.h"
#include "hostedchat.h"
#include "hostwindow.h"
#include "inviteqrpanel.h"
#include "joindialog.h"
#include "qrcodewidget.h"
#include "recentservers.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDBusConnection>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 10000;
const QString PinnedFingerprint = u"33:E4:22:85:E0:D8:7D:3A:66:51:87:38:FC:10:71:43:01:4E:51:C2:"
                                  u"4A:9F:BF:81:C4:89:AE:3E:7A:90:06:D2"_s;
const QString OtherFingerprint = u"AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:"
                                 u"EE:FF:00:11:22:33:44:55:66:77:88:99"_s;

DiscoveredHost found(const QString &name, const char *address, quint16 port, bool tls,
                     const QString &fingerprint = QString())
{
    DiscoveredHost host;
    host.name = name;
    host.hostName = name.section(u' ', 0, 0).toLower() + u".local"_s;
    host.address = QHostAddress(QString::fromLatin1(address));
    host.port = port;
    host.tls = tls;
    host.fingerprint = fingerprint;
    host.version = 1;
    return host;
}
} // namespace

class tst_DiscoveryGui final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void publisherWithoutAvahi();
    void browserWithoutAvahi();
    void joinDialogSaysItInOneLine();
    void foundHostsModel();
    void trustAgainstPins();
    void pickingFillsAddressNotToken();
    void pickingReusesTheTokenOfTheSameAddressOnly();
    void hostWindowSaysWhetherItIsAnnounced();
    void hostWindowQrCodeIsTheBrowserLink_data();
    void hostWindowQrCodeIsTheBrowserLink();

private:
    QTemporaryDir m_busDir;
    QProcess m_bus;
};

void tst_DiscoveryGui::initTestCase()
{
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QStandardPaths::setTestModeEnabled(true);
    LanChat::registerMetaTypes();
    const QString config = m_busDir.filePath(u"bus.conf"_s);
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(
                   "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration "
                   "1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                   "<busconfig><type>system</type><listen>unix:path=%1</listen>"
                   "<auth>EXTERNAL</auth><policy context=\"default\"><allow user=\"*\"/>"
                   "<allow own=\"*\"/><allow send_destination=\"*\"/>"
                   "<allow receive_sender=\"*\"/></policy></busconfig>\n")
                   .arg(m_busDir.filePath(u"bus"_s))
                   .toUtf8());
    file.close();
    // dbus-daemon is Debian's package dbus-daemon (scripts/deps.sh).
    m_bus.start(u"dbus-daemon"_s,
                {u"--config-file"_s, config, u"--nofork"_s, u"--print-address"_s});
    QVERIFY2(m_bus.waitForStarted(5000), "dbus-daemon cannot be started");
    QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), WaitMs);
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY(address.startsWith("unix:"));
    // Before anything opens the system bus (QtDBus reads this once).
    qputenv("DBUS_SYSTEM_BUS_ADDRESS", address);
    QVERIFY(QDBusConnection::systemBus().isConnected());
}

void tst_DiscoveryGui::cleanupTestCase()
{
    m_bus.terminate();
    m_bus.waitForFinished(5000);
}

void tst_DiscoveryGui::init()
{
    QSettings settings;
    settings.clear();
}

void tst_DiscoveryGui::publisherWithoutAvahi()
{
    AvahiPublisher publisher;
    QCOMPARE(publisher.state(), AvahiPublisher::State::Off);
    QSignalSpy changed(&publisher, &AvahiPublisher::stateChanged);
    ServiceAnnouncement announcement;
    announcement.name = u"LanChat test"_s;
    announcement.port = 8787;
    announcement.version = 1;
    publisher.publish(announcement);
    QTRY_COMPARE_WITH_TIMEOUT(publisher.state(), AvahiPublisher::State::Unavailable, WaitMs);
    QCOMPARE(publisher.problem(), u"avahi-daemon is not running"_s);
    QCOMPARE(publisher.publishedName(), u"LanChat test"_s);
    publisher.withdraw();
    QCOMPARE(publisher.state(), AvahiPublisher::State::Off);
}

void tst_DiscoveryGui::browserWithoutAvahi()
{
    AvahiBrowser browser;
    QSignalSpy settled(&browser, &AvahiBrowser::settled);
    browser.start();
    QVERIFY(settled.wait(WaitMs));
    QCOMPARE(browser.state(), AvahiBrowser::State::Unavailable);
    QCOMPARE(browser.problem(), u"avahi-daemon is not running"_s);
    QVERIFY(browser.hosts().isEmpty());
}

void tst_DiscoveryGui::joinDialogSaysItInOneLine()
{
    JoinDialog dialog;
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.discoveryStatus().contains(u"needs avahi-daemon"_s), WaitMs);
    QVERIFY(!dialog.discoveryStatus().contains(u'\n'));
    QCOMPARE(dialog.foundHosts()->rowCount(), 0);
    // Typing the address still works as before.
    ServerEndpoint typed;
    typed.host = u"10.0.0.5"_s;
    typed.port = 8787;
    typed.token = u"t"_s;
    typed.username = u"bob"_s;
    dialog.setEndpoint(typed);
    QCOMPARE(dialog.endpoint().host, u"10.0.0.5"_s);
}

void tst_DiscoveryGui::foundHostsModel()
{
    DiscoveredHostModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    const DiscoveredHost hostile = found(u"<img src=\"/dev/zero\"> room"_s, "10.0.0.5", 8787, true);
    model.upsert(hostile);
    model.upsert(found(u"Kitchen laptop"_s, "10.0.0.6", 8788, false));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.index(0, DiscoveredHostModel::Name).data().toString(), hostile.name);
    QCOMPARE(model.index(0, DiscoveredHostModel::Address).data().toString(), u"10.0.0.5:8787"_s);
    // A lock for TLS, none without.
    QVERIFY(!model.index(0, DiscoveredHostModel::Name)
                 .data(Qt::DecorationRole)
                 .value<QIcon>()
                 .isNull());
    QVERIFY(model.index(1, DiscoveredHostModel::Name).data(Qt::DecorationRole).isNull());
    // The peer's text is never markup in a tooltip.
    const QString tooltip
        = model.index(0, DiscoveredHostModel::Name).data(Qt::ToolTipRole).toString();
    QVERIFY2(!tooltip.contains(u"<img"_s) && tooltip.contains(u"&lt;img"_s), qPrintable(tooltip));
    // The same host again (here found by the scan) updates its row instead of adding one.
    DiscoveredHost scanned = hostile;
    scanned.source = DiscoveredHost::Source::Scan;
    scanned.fingerprint = PinnedFingerprint;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.upsert(scanned);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.host(0).fingerprint, PinnedFingerprint);
    QCOMPARE(model.host(0).name, hostile.name); // the announced name stays
    model.remove(hostile.key());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(removed.size(), 1);
    model.remove(u"dns-sd:nobody"_s);
    QCOMPARE(model.rowCount(), 1);
}

void tst_DiscoveryGui::trustAgainstPins()
{
    QSettings settings;
    CertificatePins::pin(settings, u"10.0.0.5"_s, 8787, PinnedFingerprint);
    CertificatePins::pin(settings, u"front.local"_s, 8789, PinnedFingerprint);
    DiscoveredHostModel model;
    model.upsert(found(u"Pinned room"_s, "10.0.0.5", 8787, true, PinnedFingerprint));
    model.upsert(found(u"Front desk"_s, "10.0.0.7", 8789, true, OtherFingerprint)); // by name
    model.upsert(found(u"New room"_s, "10.0.0.8", 8787, true, OtherFingerprint));
    model.upsert(found(u"Plain room"_s, "10.0.0.9", 8787, false));
    using Trust = DiscoveredHostModel::Trust;
    QCOMPARE(model.trust(0), Trust::Trusted);
    QCOMPARE(model.trust(1), Trust::Mismatch);
    QCOMPARE(model.trust(2), Trust::Unknown);
    QCOMPARE(model.trust(3), Trust::Plain);
    QVERIFY(model.index(1, DiscoveredHostModel::Security)
                .data()
                .toString()
                .contains(u"not the pinned"_s));
    QVERIFY(!model.index(1, DiscoveredHostModel::Security)
                 .data(Qt::DecorationRole)
                 .value<QIcon>()
                 .isNull());
    // Trusting it later (the user confirmed the new certificate) clears the warning.
    CertificatePins::pin(settings, u"front.local"_s, 8789, OtherFingerprint);
    model.refreshTrust();
    QCOMPARE(model.trust(1), Trust::Trusted);
}

void tst_DiscoveryGui::pickingFillsAddressNotToken()
{
    QSettings settings;
    CertificatePins::pin(settings, u"10.0.0.5"_s, 8790, PinnedFingerprint);
    JoinDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.foundHosts()->upsert(found(u"Team room"_s, "10.0.0.5", 8790, true, PinnedFingerprint));
    auto *view = dialog.findChild<QTreeView *>(u"foundView"_s);
    QCOMPARE(view->model()->rowCount(), 1);
    // A click on the row, as a user does.
    const QRect rect = view->visualRect(view->model()->index(0, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    const ServerEndpoint endpoint = dialog.endpoint();
    QCOMPARE(endpoint.host, u"10.0.0.5"_s);
    QCOMPARE(endpoint.port, 8790);
    QVERIFY(endpoint.tls);
    QCOMPARE(endpoint.fingerprint, PinnedFingerprint); // the pin, not the announcement
    QCOMPARE(endpoint.token, QString()); // still needed
    QVERIFY(dialog.findChild<QCheckBox *>(u"tlsField"_s)->isChecked());

    // An unpinned host's announced fingerprint is not taken over: the client asks on connect.
    dialog.foundHosts()->upsert(found(u"New room"_s, "10.0.0.8", 8787, true, OtherFingerprint));
    dialog.pickFound(1);
    QCOMPARE(dialog.endpoint().host, u"10.0.0.8"_s);
    QCOMPARE(dialog.endpoint().fingerprint, QString());
}

void tst_DiscoveryGui::pickingReusesTheTokenOfTheSameAddressOnly()
{
    QSettings settings;
    ServerEndpoint recent;
    recent.host = u"10.0.0.5"_s;
    recent.port = 8787;
    recent.token = u"remembered-token"_s;
    recent.username = u"alice"_s;
    RecentServers::remember(settings, recent, true);
    JoinDialog dialog;
    QCOMPARE(dialog.endpoint().token, u"remembered-token"_s); // the recent server, preselected
    // A host that merely announced itself elsewhere never gets that token.
    dialog.foundHosts()->upsert(found(u"Impostor"_s, "10.0.0.66", 8787, false));
    dialog.pickFound(0);
    QCOMPARE(dialog.endpoint().host, u"10.0.0.66"_s);
    QCOMPARE(dialog.endpoint().token, QString());
    QCOMPARE(dialog.endpoint().username, u"alice"_s);
    // The same address as the recent server: its token comes back.
    dialog.foundHosts()->upsert(found(u"Team room"_s, "10.0.0.5", 8787, false));
    dialog.pickFound(1);
    QCOMPARE(dialog.endpoint().token, u"remembered-token"_s);
}

void tst_DiscoveryGui::hostWindowSaysWhetherItIsAnnounced()
{
    TestServer server;
    HostedChat host(server); // the operator tools in the host's chat window
    HostWindow &window = host.console();
    AvahiPublisher publisher;
    window.setPublisher(&publisher, true);
    auto *label = window.findChild<QLabel *>(u"announceLabel"_s);
    QVERIFY(label);
    QCOMPARE(label->text(), u"Not announced while the server is stopped"_s);
    QVERIFY(host.start());
    // TestServer listens on 127.0.0.1: nobody else could reach it, so it is not announced.
    QTRY_COMPARE(label->text(), u"Not announced: the server listens on 127.0.0.1 only"_s);
    window.setPublisher(&publisher, false);
    QCOMPARE(label->text(), u"Not announced: turned off in the settings (or with --no-announce)"_s);
    // The publisher's own report, as the window shows it (no avahi-daemon on this bus).
    window.setPublisher(&publisher, true);
    ServiceAnnouncement announcement;
    announcement.name = u"x"_s;
    announcement.port = server.port();
    publisher.publish(announcement);
    QTRY_COMPARE(publisher.state(), AvahiPublisher::State::Unavailable);
    QVERIFY(server.stop());
    QCOMPARE(label->text(), u"Not announced while the server is stopped"_s);
}

void tst_DiscoveryGui::hostWindowQrCodeIsTheBrowserLink_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addRow("http") << false;
    QTest::addRow("https") << true;
}

void tst_DiscoveryGui::hostWindowQrCodeIsTheBrowserLink()
{
    QFETCH(bool, tls);
    TestServer server(u"qr token/+"_s);
    server.config().tls = tls;
    HostedChat host(server);
    HostWindow &window = host.console();
    QVERIFY(window.qrPanel()->currentLink().isEmpty()); // not hosting yet
    QVERIFY(host.start());
    const QString expected = (tls ? u"https"_s : u"http"_s) + u"://127.0.0.1:"_s
                             + QString::number(server.port()) + u"/?token=qr%20token%2F%2B"_s;
    QTRY_COMPARE(window.qrPanel()->currentLink(), expected);
    const QrMatrix shown = window.qrPanel()->code()->matrix();
    const QrMatrix wanted = QrMatrix::encode(expected);
    QCOMPARE(shown.size(), wanted.size());
    for (int y = 0; y < wanted.size(); ++y)
        for (int x = 0; x < wanted.size(); ++x)
            QCOMPARE(shown.isDark(x, y), wanted.isDark(x, y));
    QVERIFY(server.stop());
    QTRY_VERIFY(window.qrPanel()->currentLink().isEmpty());
}

QTEST_MAIN(tst_DiscoveryGui)
#include "tst_discoverygui.moc"
