// The host's chat window (issue 19): hosting opens the same chat window as joining, with the
// host's own client admitted as the operator, the operator tools in a dock, kick/ban/mute on the
// online list's context menu, and a question before closing ends a chat people are in. Real
// servers and clients on loopback, offscreen.
#include "chatclient.h"
#include "chatwindow.h"
#include "clienttablemodel.h"
#include "hostedchat.h"
#include "hostsession.h"
#include "hostwindow.h"
#include "lanchatsettings.h"
#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;

class tst_HostChat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void hostIsListedAsOperator();
    void onlyTheHostHasTheUserMenu();
    void closingAsksWhilePeopleAreConnected();
    void closingWithNobodyConnectedDoesNotAsk();
    void keepRunningInTheTray();
    void closingToTheTrayKeepsHosting();
    void operatorToolsToggleWithTheirAction();
    void operatorPanelsFitANarrowDock();

private:
    static constexpr int WaitMs = 10000;
};

namespace {
// A host: the server, and what hosting opens (HostSession), its client connected.
struct Host
{
    Host() : session(&server.controller()) { session.console()->setServerConfig(server.config()); }
    bool start()
    {
        return server.start()
               && QTest::qWaitFor([this] { return session.client()->isSynced(); }, 10000);
    }
    TestServer server;
    HostSession session;
};

// A joiner: a ChatClient and its ChatWindow, connected with the token.
struct Joiner
{
    Joiner(TestServer &server, const QString &name) : window(&client)
    {
        ServerEndpoint endpoint;
        endpoint.host = u"127.0.0.1"_s;
        endpoint.port = server.port();
        endpoint.token = server.token();
        endpoint.username = name;
        client.setDataDirectory(dir.path());
        client.setEndpoint(endpoint);
        client.connectToServer();
    }
    QTemporaryDir dir;
    ChatClient client;
    ChatWindow window;
};

QListWidgetItem *userItem(QListWidget *list, const QString &username)
{
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(Qt::UserRole).toString() == username)
            return list->item(row);
    }
    return nullptr;
}

QMessageBox *stopHostingPrompt()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == u"stopHostingPrompt"_s && widget->isVisible())
            return qobject_cast<QMessageBox *>(widget);
    }
    return nullptr;
}

// While it lives, new windows get a tray icon: the offscreen platform has no tray.
struct AssumedTray
{
    AssumedTray() { ChatWindow::setSystemTrayAvailable(true); }
    ~AssumedTray() { ChatWindow::setSystemTrayAvailable(std::nullopt); }
    Q_DISABLE_COPY_MOVE(AssumedTray)
};

// Starts the host and shows its window, with bob connected as a participant; null when that does
// not happen in time.
std::unique_ptr<Joiner> showWithBob(Host &host)
{
    if (!host.start())
        return nullptr;
    ChatWindow *window = host.session.window();
    window->show();
    if (!QTest::qWaitForWindowExposed(window))
        return nullptr;
    auto bob = std::make_unique<Joiner>(host.server, u"bob"_s);
    const bool joined = QTest::qWaitFor(
        [&] { return bob->client.isSynced() && host.session.console()->participantCount() == 1; },
        10000);
    return joined ? std::move(bob) : nullptr;
}
} // namespace

void tst_HostChat::initTestCase()
{
    LanChat::registerMetaTypes();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QCoreApplication::setApplicationName(u"tst_hostchat"_s);
}

void tst_HostChat::init()
{
    QSettings settings;
    settings.clear();
    Settings::UiChatName.setValue(settings, u"hostess"_s);
}

void tst_HostChat::hostIsListedAsOperator()
{
    Host host;
    QVERIFY(host.start());
    QCOMPARE(host.session.client()->username(), u"hostess"_s);

    const HttpResult users
        = httpGet(host.server.httpUrl(u"/api/users"_s), host.server.token().toUtf8());
    QCOMPARE(users.status, 200);
    const QJsonArray list = users.json.value("users"_L1).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value("username"_L1).toString(), u"hostess"_s);
    QCOMPARE(list.first().toObject().value("operator"_L1).toBool(), true);

    Joiner bob(host.server, u"bob"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bob.client.isSynced(), WaitMs);
    QListWidget *online = bob.window.usersList();
    QTRY_VERIFY_WITH_TIMEOUT(userItem(online, u"hostess"_s), WaitMs);
    const QListWidgetItem *hostRow = userItem(online, u"hostess"_s);
    QCOMPARE(hostRow->text(), u"hostess (host)"_s);
    QVERIFY(hostRow->data(Qt::AccessibleTextRole).toString().contains(u"host of this chat"_s));
    QTRY_VERIFY_WITH_TIMEOUT(userItem(online, u"bob"_s), WaitMs);
    QCOMPARE(userItem(online, u"bob"_s)->text(), u"bob (you)"_s);
    // The host sees the badge on its own row too.
    QTRY_VERIFY_WITH_TIMEOUT(userItem(host.session.window()->usersList(), u"bob"_s), WaitMs);
    QCOMPARE(userItem(host.session.window()->usersList(), u"hostess"_s)->text(),
             u"hostess (you, host)"_s);
}

void tst_HostChat::onlyTheHostHasTheUserMenu()
{
    Host host;
    QVERIFY(host.start());
    Joiner bob(host.server, u"bob"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bob.client.isSynced(), WaitMs);
    ChatWindow *window = host.session.window();
    QTRY_COMPARE_WITH_TIMEOUT(host.session.console()->clientModel()->rowCount(), 2, WaitMs);

    // A joiner: no operator space, and the list's context menu offers a direct message only.
    std::unique_ptr<QMenu> joinerMenu(bob.window.createUserMenu(u"hostess"_s));
    QVERIFY(joinerMenu);
    QCOMPARE(joinerMenu->actions().size(), 1);
    QCOMPARE(joinerMenu->actions().first()->objectName(), u"directMessageAction"_s);
    QVERIFY(!bob.window.operatorDock());
    QVERIFY(!bob.window.operatorToolsAction());
    // The host: not on its own row.
    QVERIFY(!window->createUserMenu(u"hostess"_s));

    std::unique_ptr<QMenu> menu(window->createUserMenu(u"bob"_s));
    QVERIFY(menu);
    QAction *kick = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->objectName() == u"kickAction"_s)
            kick = action;
    }
    QVERIFY(kick);
    QVERIFY(kick->isEnabled());
    kick->trigger();
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = window->findChild<QInputDialog *>(u"kickDialog"_s)), WaitMs);
    dialog->setTextValue(u"enough"_s);
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(bob.client.problem(), ChatClient::Problem::Kicked, WaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!userItem(window->usersList(), u"bob"_s), WaitMs);
}

void tst_HostChat::closingAsksWhilePeopleAreConnected()
{
    {
        QSettings settings; // closing to the tray needs a tray: offscreen has none
        Settings::UiCloseToTray.setValue(settings, true);
    }
    Host host;
    const std::unique_ptr<Joiner> bob = showWithBob(host);
    QVERIFY(bob);
    ChatWindow *window = host.session.window();

    // Cancel: the window stays, so does the server.
    QVERIFY(!window->close());
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = stopHostingPrompt()), WaitMs);
    QCOMPARE(box->text(), u"1 person is connected. Stop hosting?"_s);
    // No tray offscreen: no "Keep running in the tray".
    QVERIFY(!box->findChild<QPushButton *>(u"keepRunningButton"_s));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!stopHostingPrompt(), WaitMs);
    QVERIFY(window->isVisible());
    QVERIFY(host.server.controller().isRunning());

    // Stop hosting: the window closes.
    QVERIFY(!window->close());
    QTRY_VERIFY_WITH_TIMEOUT((box = stopHostingPrompt()), WaitMs);
    auto *stop = box->findChild<QPushButton *>(u"stopHostingButton"_s);
    QVERIFY(stop);
    stop->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), WaitMs);
}

void tst_HostChat::closingWithNobodyConnectedDoesNotAsk()
{
    Host host;
    QVERIFY(host.start());
    ChatWindow *window = host.session.window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QCOMPARE(host.session.console()->participantCount(), 0); // the host itself is no one
    QVERIFY(window->close());
    QVERIFY(!window->isVisible());
    QTest::qWait(50);
    QVERIFY(!stopHostingPrompt());
}

// Where there is a tray (the offscreen platform has none: the window is told there is one),
// the question offers to keep hosting in it: the window goes, the chat goes on, and the tray
// icon brings the window back.
void tst_HostChat::keepRunningInTheTray()
{
    const AssumedTray tray;
    Host host;
    const std::unique_ptr<Joiner> bob = showWithBob(host);
    QVERIFY(bob);
    ChatWindow *window = host.session.window();
    QVERIFY(window->trayIcon());

    QSignalSpy quit(qApp, &QCoreApplication::aboutToQuit);
    QVERIFY(!window->close());
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = stopHostingPrompt()), WaitMs);
    auto *keep = box->findChild<QPushButton *>(u"keepRunningButton"_s);
    QVERIFY(keep);
    keep->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), WaitMs);
    QVERIFY(host.server.controller().isRunning());
    QCOMPARE(bob->client.state(), ChatClient::State::Connected);
    QCOMPARE(quit.size(), 0);

    emit window->trayIcon()->activated(QSystemTrayIcon::Trigger);
    QTRY_VERIFY_WITH_TIMEOUT(window->isVisible(), WaitMs);

    // The tray icon's menu: Show brings the window back, Quit asks first.
    QMenu *trayMenu = window->trayIcon()->contextMenu();
    QVERIFY(trayMenu);
    QCOMPARE(trayMenu->actions().size(), 2);
    window->hide();
    trayMenu->actions().first()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window->isVisible(), WaitMs);
    trayMenu->actions().last()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT((box = stopHostingPrompt()), WaitMs);
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!stopHostingPrompt(), WaitMs);
    QCOMPARE(quit.size(), 0);
}

// "Close to the tray" in the settings: closing hides the window without asking, the chat goes
// on; without a tray the same setting asks (closingAsksWhilePeopleAreConnected).
void tst_HostChat::closingToTheTrayKeepsHosting()
{
    {
        QSettings settings;
        Settings::UiCloseToTray.setValue(settings, true);
    }
    const AssumedTray tray;
    Host host;
    const std::unique_ptr<Joiner> bob = showWithBob(host);
    QVERIFY(bob);
    ChatWindow *window = host.session.window();

    QVERIFY(!window->close());
    QVERIFY(!window->isVisible());
    QTest::qWait(50);
    QVERIFY(!stopHostingPrompt());
    QVERIFY(host.server.controller().isRunning());
    QCOMPARE(bob->client.state(), ChatClient::State::Connected);

    // Quitting still asks: it ends the chat.
    window->show();
    window->quit();
    QTRY_VERIFY_WITH_TIMEOUT(stopHostingPrompt(), WaitMs);
    stopHostingPrompt()->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!stopHostingPrompt(), WaitMs);
}

void tst_HostChat::operatorToolsToggleWithTheirAction()
{
    Host host;
    ChatWindow *window = host.session.window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QDockWidget *dock = window->operatorDock();
    QAction *action = window->operatorToolsAction();
    QVERIFY(dock && action);
    QCOMPARE(dock->widget(), host.session.console());
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QVERIFY(dock->isVisible());
    action->trigger();
    QVERIFY(!dock->isVisible());
    QCOMPARE(Settings::UiOperatorToolsVisible.value(QSettings()), false);
    action->trigger();
    QVERIFY(dock->isVisible());
    QCOMPARE(Settings::UiOperatorToolsVisible.value(QSettings()), true);
    // The console's menus are the chat window's; it has no menu bar of its own.
    QVERIFY(!host.session.console()->findChild<QMenuBar *>());
    QVERIFY(window->findChild<QAction *>(u"startAction"_s));
}

// The name of the first visible scroll area in page (page included) that shows a horizontal
// scroll bar; empty when none does.
QString horizontalScrollBarIn(QWidget *page)
{
    const QList<QAbstractScrollArea *> areas = page->findChildren<QAbstractScrollArea *>();
    QList<QAbstractScrollArea *> all = areas;
    if (auto *self = qobject_cast<QAbstractScrollArea *>(page))
        all.prepend(self);
    for (QAbstractScrollArea *area : all) {
        if (!area->isVisible() || !area->horizontalScrollBar()->isVisible())
            continue;
        QString where = area->objectName().isEmpty()
                            ? QString::fromLatin1(area->metaObject()->className())
                            : area->objectName();
        // A table says what its columns need.
        if (auto *table = qobject_cast<QTableView *>(area)) {
            QStringList widths;
            const QHeaderView *header = table->horizontalHeader();
            for (int column = 0; column < header->count(); ++column) {
                if (!header->isSectionHidden(column))
                    widths << QString::number(header->sectionSize(column));
            }
            where += u" (columns %1 px in %2 px)"_s.arg(widths.join(u" + "_s))
                         .arg(table->viewport()->width());
        }
        return where;
    }
    return {};
}

// At 420 px, the operator tools show every panel's name and every action, and no panel needs a
// horizontal scroll bar: the status (addresses, the TLS certificate, the token with Show and
// Copy invite, the state), the clients' columns with long names and a muted client, the bans,
// the logs.
void tst_HostChat::operatorPanelsFitANarrowDock()
{
    TestServer server;
    server.config().tls = true; // the certificate's fingerprint: the status's longest line
    HostedChat host(server);
    ChatWindow &window = host.window();
    window.resize(1180, 720);
    QVERIFY(host.show());
    QVERIFY(host.start());
    HostWindow &console = host.console();
    QTRY_COMPARE_WITH_TIMEOUT(console.clientModel()->rowCount(), 1, WaitMs); // the host's own
    // The widest rows the clients table shows: a long name, a muted client, a day-old
    // connection with many messages (as the server would report them; the test's client speaks
    // no TLS).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<ClientInfo> fakeClients;
    for (const QString &name : {u"Maximilian Mustermann-Schmidt"_s, u"Ann"_s, u"yesterday"_s}) {
        ClientInfo client;
        client.id = 9000 + fakeClients.size();
        client.username = name;
        client.address = u"192.168.178.%1"_s.arg(100 + fakeClients.size());
        client.connectedSinceMs = name == u"yesterday"_s ? now - 36 * 3600 * 1000 : now;
        client.lastActivityMs = client.connectedSinceMs;
        client.messageCount = name == u"yesterday"_s ? 123456 : 3;
        client.mutedUntilMs = name == u"Ann"_s ? now + 3600 * 1000 : 0;
        fakeClients << client;
    }
    console.clientModel()->applyChanges(fakeClients, {});
    QCOMPARE(console.clientModel()->rowCount(), 4);

    QDockWidget *dock = window.operatorDock();
    window.resizeDocks({dock}, {420}, Qt::Horizontal);
    QTRY_COMPARE(dock->width(), 420);

    // Every action in sight: no tool bar hides some behind its extension button.
    const QList<QToolBar *> toolBars = dock->findChildren<QToolBar *>();
    for (QToolBar *toolBar : toolBars) {
        for (auto *button : toolBar->findChildren<QToolButton *>(u"qt_toolbar_ext_button"_s))
            QVERIFY2(!button->isVisible(), "the tool bar hides actions behind »");
    }
    // The panel shown first, the status, fits.
    QWidget *status = console.findChild<QWidget *>(u"statusPanel"_s);
    QVERIFY(status);
    QTRY_VERIFY(status->isVisible());
    QString scrolling = horizontalScrollBarIn(dock);
    QVERIFY2(scrolling.isEmpty(), qPrintable(u"the status scrolls sideways in "_s + scrolling));
    // The QR code follows the facts closely: no band of empty space between the server's buttons
    // and it (the code's height-for-width once made the form as tall as the code is wide).
    QWidget *qrPanel = status->findChild<QWidget *>(u"qrPanel"_s);
    QVERIFY(qrPanel);
    QTRY_VERIFY(qrPanel->isVisible());
    int buttonsBottom = 0;
    for (const QToolButton *button : status->findChildren<QToolButton *>())
        if (button->isVisible() && !qrPanel->isAncestorOf(button))
            buttonsBottom
                = std::max(buttonsBottom, button->mapTo(status, QPoint(0, button->height())).y());
    QVERIFY(buttonsBottom > 0);
    const int gap = qrPanel->mapTo(status, QPoint(0, 0)).y() - buttonsBottom;
    QVERIFY2(gap < 24,
             qPrintable(u"%1 px between the server's buttons and the QR code"_s.arg(gap)));

    // Every panel's name in sight, none behind scroll arrows; each panel fits.
    const QList<QTabBar *> tabBars = dock->findChildren<QTabBar *>();
    for (QTabBar *bar : tabBars) {
        for (int tab = 0; tab < bar->count(); ++tab)
            QVERIFY2(bar->rect().contains(bar->tabRect(tab)), qPrintable(bar->tabText(tab)));
    }
    auto *navigation = console.findChild<QListWidget *>(u"operatorNavigation"_s);
    QVERIFY(navigation);
    QVERIFY(!navigation->accessibleName().isEmpty());
    QVERIFY(navigation->count() >= 7);
    for (int row = 0; row < navigation->count(); ++row) {
        const QString name = navigation->item(row)->text();
        const QRect entry = navigation->visualItemRect(navigation->item(row));
        QVERIFY2(navigation->viewport()->rect().contains(entry),
                 qPrintable(u"%1 at %2,%3 %4x%5 in %6x%7"_s.arg(name)
                                .arg(entry.x())
                                .arg(entry.y())
                                .arg(entry.width())
                                .arg(entry.height())
                                .arg(navigation->viewport()->width())
                                .arg(navigation->viewport()->height())));
        // Chosen with the keyboard, as a user without a mouse would.
        navigation->setFocus();
        navigation->setCurrentRow(row == 0 ? 1 : row - 1);
        QTest::keyClick(navigation, row == 0 ? Qt::Key_Home : Qt::Key_Right);
        QCOMPARE(navigation->currentRow(), row);
        QWidget *page = console.findChild<QStackedWidget *>(u"operatorPages"_s)->currentWidget();
        QVERIFY(page);
        QTRY_VERIFY(page->isVisible());
        QCOMPARE(page->accessibleName(), name);
        scrolling = horizontalScrollBarIn(page);
        QVERIFY2(scrolling.isEmpty(), qPrintable(name + u" scrolls sideways in "_s + scrolling));
    }
    // The clients' columns stay readable: a short name whole, the address whole.
    auto *clients = console.findChild<QTableView *>(u"clientView"_s);
    QHeaderView *header = clients->horizontalHeader();
    QVERIFY(header->sectionSize(ClientTableModel::Username)
            >= header->fontMetrics().horizontalAdvance(u"Maximilian"_s));
    QVERIFY(header->sectionSize(ClientTableModel::Address)
            >= clients->fontMetrics().horizontalAdvance(u"127.0.0.1"_s));
}

QTEST_MAIN(tst_HostChat)
#include "tst_hostchat.moc"
