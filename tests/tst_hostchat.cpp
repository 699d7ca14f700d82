// The host's chat window (issue 19): hosting opens the same chat window as joining, with the
// host's own client admitted as the operator, the operator tools in a dock, kick/ban/mute on the
// online list's context menu, and a question before closing ends a chat people are in. Real
// servers and clients on loopback, offscreen.
#include "chatclient.h"
#include "chatwindow.h"
#include "clienttablemodel.h"
#include "hostsession.h"
#include "hostwindow.h"
#include "lanchatsettings.h"
#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QInputDialog>
#include <QJsonArray>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

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
    void operatorToolsToggleWithTheirAction();

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

    // A joiner: no operator menu, no operator space, no context menu on the list.
    QVERIFY(!bob.window.createUserMenu(u"hostess"_s));
    QVERIFY(!bob.window.operatorDock());
    QVERIFY(!bob.window.operatorToolsAction());
    QCOMPARE(bob.window.usersList()->contextMenuPolicy(), Qt::DefaultContextMenu);
    // The host: not on its own row.
    QVERIFY(!window->createUserMenu(u"hostess"_s));
    QCOMPARE(window->usersList()->contextMenuPolicy(), Qt::CustomContextMenu);

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
    Host host;
    QVERIFY(host.start());
    ChatWindow *window = host.session.window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    Joiner bob(host.server, u"bob"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bob.client.isSynced(), WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(host.session.console()->participantCount(), 1, WaitMs);

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
    // The console's menus are the chat window's, its own menu bar hidden.
    QVERIFY(!host.session.console()->menuBar()->isVisible());
    QVERIFY(window->findChild<QAction *>(u"startAction"_s));
}

QTEST_MAIN(tst_HostChat)
#include "tst_hostchat.moc"
