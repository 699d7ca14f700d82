// Tests of the chat window's conversations (sidebar, panes, slash commands, keyboard, unread
// counts, typing, DMs from the online list) driven with QTest against a real server on
// 127.0.0.1; everything lives in the test's main thread.
#include "chatclient.h"
#include "chatinput.h"
#include "chatview/chatview.h"
#include "chatwindow.h"
#include "conversationactions.h"
#include "conversationpane.h"
#include "conversationsidebar.h"
#include "conversationstack.h"
#include "identitysupport.h"
#include "messagelistmodel.h"

#include <QApplication>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 10000;

bool contains(const MessageListModel *model, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(Qt::DisplayRole).toString() == text)
            return true;
    }
    return false;
}

QJsonObject inRoom(const QString &room, const QString &text)
{
    return {{"type"_L1, "message"_L1}, {"room"_L1, room}, {"text"_L1, text}};
}

const ConversationId Dev = ConversationId::room(u"dev"_s);

// A chat window for alice (registered), shown and active, and her client.
struct Chat
{
    explicit Chat(const TestServer &server, const QString &dataDir)
    {
        client.setDataDirectory(dataDir);
        client.setRetryDelays(20, 200);
        ServerEndpoint endpoint;
        endpoint.host = u"127.0.0.1"_s;
        endpoint.port = server.port();
        endpoint.token = server.token();
        endpoint.username = u"alice"_s;
        client.setEndpoint(endpoint);
        client.setIdentity(identityOf(u"alice"_s));
    }
    bool start()
    {
        QSignalSpy synced(&client, &ChatClient::synced);
        client.connectToServer();
        window.show();
        QApplication::setActiveWindow(&window);
        // Active on the offscreen platform; an X server without a window manager (xvfb-run, for
        // the screenshot) may not activate it: the tests that count on it say so.
        return synced.wait(WaitMs) && QTest::qWaitForWindowExposed(&window);
    }
    // Types the text into the input and presses Enter, as the user would.
    void type(const QString &text)
    {
        window.input()->setFocus();
        QTest::keyClicks(window.input(), text);
        QTest::keyClick(window.input(), Qt::Key_Return);
    }
    ConversationId current() const { return window.conversations()->currentId(); }

    ChatClient client;
    ChatWindow window {&client};
};
} // namespace

class TestConversationWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void joinTopicAndLeaveWithCommands();
    void unreadBadgesAndKeyboard();
    void directMessageFromTheOnlineList();
    void typingIsShownInItsConversation();
    void badCommandsSayWhy();
    void screenshot();

private:
    QTemporaryDir m_dataDir;
};

void TestConversationWindow::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QStandardPaths::setTestModeEnabled(true);
}

// "/join dev" opens the room once the server confirms it; "/topic" sets what the topic line
// shows (as plain text); its members are the online list; "/leave" closes it.
void TestConversationWindow::joinTopicAndLeaveWithCommands()
{
    TestServer server;
    QVERIFY(server.start());
    Chat chat(server, m_dataDir.path());
    QVERIFY(chat.start());
    ConversationSidebar *sidebar = chat.window.sidebar();
    QCOMPARE(sidebar->list()->count(), 1);
    QCOMPARE(sidebar->entryText(ConversationId::general()), u"# general"_s);

    chat.type(u"/join #dev"_s);
    QVERIFY(chat.window.input()->toPlainText().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(chat.current(), Dev, WaitMs);
    QCOMPARE(sidebar->entryText(Dev), u"# dev"_s);
    QCOMPARE(sidebar->current(), Dev);
    ConversationPane *pane = chat.window.conversations()->currentPane();
    QCOMPARE(pane->topicText(), u"#dev"_s);
    QCOMPARE(chat.window.usersList()->count(), 1);

    chat.type(u"/topic <b>Builds</b> & releases"_s);
    QTRY_COMPARE_WITH_TIMEOUT(pane->topicText(), u"#dev: <b>Builds</b> & releases"_s, WaitMs);
    TestClient bob;
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    bob.send({{"type"_L1, "join_room"_L1}, {"room"_L1, "dev"_L1}});
    QTRY_COMPARE_WITH_TIMEOUT(chat.window.usersList()->count(), 2, WaitMs);
    chat.type(u"hello dev"_s);
    QTRY_VERIFY_WITH_TIMEOUT(contains(pane->model(), u"hello dev"_s), WaitMs);
    const QJsonObject received = bob.waitFor(u"message"_s);
    QCOMPARE(received.value("room"_L1).toString(), u"dev"_s);
    QCOMPARE(received.value("text"_L1).toString(), u"hello dev"_s);
    // What was said in dev is not in general.
    QVERIFY(!contains(chat.window.conversations()->pane(ConversationId::general())->model(),
                      u"hello dev"_s));

    chat.type(u"/leave"_s);
    QTRY_COMPARE_WITH_TIMEOUT(chat.current(), ConversationId::general(), WaitMs);
    QCOMPARE(sidebar->list()->count(), 1);
    QVERIFY(!chat.window.conversations()->pane(Dev));
}

// What arrives in another conversation counts in its sidebar entry and in the title; showing it
// (Alt+2, Ctrl+Page Down) reads it.
void TestConversationWindow::unreadBadgesAndKeyboard()
{
    TestServer server;
    QVERIFY(server.start());
    Chat chat(server, m_dataDir.path());
    QVERIFY(chat.start());
    QTRY_VERIFY(chat.window.isActiveWindow()); // what one looks at is read
    chat.type(u"/join dev"_s);
    QTRY_COMPARE_WITH_TIMEOUT(chat.current(), Dev, WaitMs);
    TestClient bob;
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    bob.send({{"type"_L1, "join_room"_L1}, {"room"_L1, "dev"_L1}});
    bob.waitFor(u"room_joined"_s);

    QTest::keyClick(&chat.window, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(chat.current(), ConversationId::general());
    bob.send(inRoom(u"dev"_s, u"one"_s));
    bob.send(inRoom(u"dev"_s, u"two, @alice"_s));
    QTRY_COMPARE_WITH_TIMEOUT(chat.window.conversations()->unreadCount(Dev), 2, WaitMs);
    QCOMPARE(chat.window.unreadCount(), 2);
    QCOMPARE(chat.window.sidebar()->entryText(Dev), u"# dev (2)"_s);
    QVERIFY(chat.window.windowTitle().startsWith(u"(2)"_s));
    const QListWidgetItem *item = chat.window.sidebar()->list()->item(1);
    QVERIFY(item->font().bold());
    QVERIFY(item->data(Qt::AccessibleTextRole).toString().contains(u"mentioned"_s));
    ChatView *devView = chat.window.conversations()->pane(Dev)->view();
    QCOMPARE(devView->unreadMarker().data(Qt::DisplayRole).toString(), u"one"_s);
    // What is said in the conversation one looks at is read.
    bob.send({{"type"_L1, "message"_L1}, {"text"_L1, "in general"_L1}});
    QTRY_VERIFY_WITH_TIMEOUT(contains(chat.window.model(), u"in general"_s), WaitMs);
    QCOMPARE(chat.window.conversations()->unreadCount(ConversationId::general()), 0);

    QTest::keyClick(&chat.window, Qt::Key_2, Qt::AltModifier);
    QCOMPARE(chat.current(), Dev);
    QCOMPARE(chat.window.unreadCount(), 0);
    QCOMPARE(chat.window.sidebar()->entryText(Dev), u"# dev"_s);
    QVERIFY(!chat.window.windowTitle().startsWith(u"("_s));
    QTest::keyClick(&chat.window, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(chat.current(), ConversationId::general()); // wraps around
    QTest::keyClick(&chat.window, Qt::Key_1, Qt::AltModifier);
    QCOMPARE(chat.current(), ConversationId::general());
    // A click in the sidebar shows a conversation too.
    QListWidget *list = chat.window.sidebar()->list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(1)).center());
    QCOMPARE(chat.current(), Dev);
}

// A double click on someone in the online list (or Ctrl+D on them) opens the DM conversation;
// what is written there goes to them only, and their answer lands there.
void TestConversationWindow::directMessageFromTheOnlineList()
{
    TestServer server;
    QVERIFY(server.start());
    Chat chat(server, m_dataDir.path());
    QVERIFY(chat.start());
    TestClient bob, carol;
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    QVERIFY(carol.join(withIdentity(server, u"carol"_s)));
    QListWidget *users = chat.window.usersList();
    QTRY_COMPARE_WITH_TIMEOUT(users->count(), 3, WaitMs);
    int bobRow = -1;
    for (int row = 0; row < users->count(); ++row) {
        if (users->item(row)->data(Qt::UserRole).toString() == u"bob"_s)
            bobRow = row;
    }
    QVERIFY(bobRow >= 0);
    const QPoint bobAt = users->visualItemRect(users->item(bobRow)).center();
    // As a real double click arrives: a press and release, then the double click.
    QTest::mouseClick(users->viewport(), Qt::LeftButton, {}, bobAt);
    QTest::mouseDClick(users->viewport(), Qt::LeftButton, {}, bobAt);
    const ConversationId withBob = ConversationId::direct(u"bob"_s);
    QCOMPARE(chat.current(), withBob);
    QCOMPARE(chat.window.sidebar()->entryText(withBob), u"@ bob"_s);
    QCOMPARE(chat.window.conversations()->currentPane()->topicText(),
             u"Direct messages with bob"_s);
    chat.type(u"just for you"_s);
    const QJsonObject dm = bob.waitFor(u"message"_s);
    QCOMPARE(dm.value("to"_L1).toString(), u"bob"_s);
    QCOMPARE(dm.value("username"_L1).toString(), u"alice"_s);
    bob.send({{"type"_L1, "message"_L1}, {"to"_L1, "alice"_L1}, {"text"_L1, "thanks"_L1}});
    QTRY_VERIFY_WITH_TIMEOUT(contains(chat.window.model(), u"thanks"_s), WaitMs);
    QVERIFY(contains(chat.window.model(), u"just for you"_s));
    // Carol saw nothing of it.
    carol.send({{"type"_L1, "message"_L1}, {"text"_L1, "marker"_L1}});
    carol.waitFor(u"message"_s);
    for (const QJsonObject &frame : carol.frames(u"message"_s))
        QCOMPARE(frame.value("text"_L1).toString(), u"marker"_s);

    // The context menu offers it too; Ctrl+D on the selected name as well.
    QTest::keyClick(&chat.window, Qt::Key_1, Qt::AltModifier);
    std::unique_ptr<QMenu> menu(chat.window.createUserMenu(u"carol"_s));
    QVERIFY(menu);
    QAction *direct = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->objectName() == u"directMessageAction"_s)
            direct = action;
    }
    QVERIFY(direct);
    QVERIFY(!chat.window.createUserMenu(u"alice"_s)); // not for oneself
    users->setFocus();
    for (int row = 0; row < users->count(); ++row) {
        if (users->item(row)->data(Qt::UserRole).toString() == u"carol"_s)
            users->setCurrentRow(row);
    }
    QTest::keyClick(users, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(chat.current(), ConversationId::direct(u"carol"_s));
}

// "bob is typing…" shows in the conversation he types in, and goes when his message comes.
void TestConversationWindow::typingIsShownInItsConversation()
{
    TestServer server;
    QVERIFY(server.start());
    Chat chat(server, m_dataDir.path());
    QVERIFY(chat.start());
    TestClient bob;
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    ConversationPane *general = chat.window.conversations()->currentPane();
    bob.send({{"type"_L1, "typing"_L1}});
    QTRY_COMPARE_WITH_TIMEOUT(general->typingText(), u"bob is typing…"_s, WaitMs);
    bob.send({{"type"_L1, "message"_L1}, {"text"_L1, "typed"_L1}});
    QTRY_COMPARE_WITH_TIMEOUT(general->typingText(), QString(), WaitMs);

    // Alice's typing reaches bob, once, in the conversation she types in.
    QTest::keyClicks(chat.window.input(), u"hel"_s);
    const QJsonObject typing = bob.waitFor(u"typing"_s);
    QCOMPARE(typing.value("username"_L1).toString(), u"alice"_s);
    QCOMPARE(typing.value("room"_L1).toString(), u"general"_s);
    QTest::keyClicks(chat.window.input(), u"lo"_s);
    QTest::keyClick(chat.window.input(), Qt::Key_Return);
    bob.waitFor(u"message"_s);
    QCOMPARE(bob.frames(u"typing"_s).size(), 1);
}

// A command that cannot be done says why, keeps the text, and sends nothing.
void TestConversationWindow::badCommandsSayWhy()
{
    TestServer server;
    QVERIFY(server.start());
    Chat chat(server, m_dataDir.path());
    QVERIFY(chat.start());
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    chat.type(u"/join Not A Room"_s);
    QVERIFY(!chat.window.noticeText().isEmpty());
    QCOMPARE(chat.window.input()->toPlainText(), u"/join Not A Room"_s);
    chat.window.input()->clear();
    chat.type(u"/shrug"_s);
    QVERIFY(chat.window.noticeText().contains(u"//"_s));
    chat.window.input()->clear();
    chat.type(u"/leave"_s);
    QVERIFY(chat.window.noticeText().contains(u"general"_s));
    chat.window.input()->clear();
    // The server's refusal is shown too: a DM to a name nobody registered.
    chat.type(u"/msg nobody are you there?"_s);
    QCOMPARE(chat.current(), ConversationId::direct(u"nobody"_s));
    QTRY_VERIFY_WITH_TIMEOUT(
        chat.window.model()->index(0).data(MessageListModel::DeliveryRole).toInt()
            == int(MessageListModel::Delivery::Failed),
        WaitMs);
    // Slashes at the start are kept when doubled.
    QTest::keyClick(&chat.window, Qt::Key_1, Qt::AltModifier);
    chat.type(u"//shrug"_s);
    const QJsonObject sent = bob.waitFor(u"message"_s);
    QCOMPARE(sent.value("text"_L1).toString(), u"/shrug"_s);
    // The dialogs: Ctrl+J asks for a room.
    QTest::keyClick(&chat.window, Qt::Key_J, Qt::ControlModifier);
    QInputDialog *dialog = chat.window.conversationActions()->openDialog();
    QVERIFY(dialog);
    dialog->setTextValue(u"ops"_s);
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(chat.current(), ConversationId::room(u"ops"_s), WaitMs);
}

// A chat with rooms, a DM, an unread room and someone typing: docs/screenshots/conversations.png
// when LANCHAT_SCREENSHOT_DIR is set (run under xvfb-run for it).
void TestConversationWindow::screenshot()
{
    TestServer server;
    QVERIFY(server.start());
    Chat chat(server, m_dataDir.path());
    QVERIFY(chat.start());
    chat.window.resize(980, 640);
    TestClient bob, carol;
    QVERIFY(bob.join(withIdentity(server, u"bob"_s)));
    QVERIFY(carol.join(withIdentity(server, u"carol"_s)));
    for (const QString &room : {u"design"_s, u"dev"_s}) {
        chat.type(u"/join "_s + room);
        QTRY_COMPARE_WITH_TIMEOUT(chat.current(), ConversationId::room(room), WaitMs);
        for (TestClient *member : {&bob, &carol})
            member->send({{"type"_L1, "join_room"_L1}, {"room"_L1, room}});
    }
    chat.type(u"/topic Builds, releases and the CI queue"_s);
    bob.send(inRoom(u"dev"_s, u"The nightly build is green again 🎉"_s));
    carol.send(inRoom(u"dev"_s, u"Thanks! I'll tag 0.9 after lunch."_s));
    QTRY_VERIFY_WITH_TIMEOUT(contains(chat.window.model(), u"Thanks! I'll tag 0.9 after lunch."_s),
                             WaitMs);
    chat.type(u"Great, I'll write the release notes."_s);
    bob.send({{"type"_L1, "message"_L1}, {"to"_L1, "alice"_L1}, {"text"_L1, "Lunch at 12?"_L1}});
    carol.send(inRoom(u"design"_s, u"New icons are in the shared folder"_s));
    carol.send(inRoom(u"design"_s, u"@alice what do you think?"_s));
    bob.send({{"type"_L1, "message"_L1}, {"text"_L1, u"Coffee machine is fixed ☕"_s}});

    QTRY_COMPARE_WITH_TIMEOUT(chat.window.unreadCount(), 4, WaitMs);
    carol.send({{"type"_L1, "typing"_L1}, {"room"_L1, "dev"_L1}});
    QTRY_VERIFY_WITH_TIMEOUT(!chat.window.conversations()->currentPane()->typingText().isEmpty(),
                             WaitMs);
    QCOMPARE(chat.window.sidebar()->list()->count(), 4);
    QCOMPARE(chat.window.sidebar()->entryText(ConversationId::room(u"design"_s)),
             u"# design (2)"_s);
    const QString directory = qEnvironmentVariable("LANCHAT_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    chat.window.messageView()->jumpToLatest();
    QTest::qWait(50);
    QVERIFY(chat.window.grab().save(QDir(directory).absoluteFilePath(u"conversations.png"_s)));
}

QTEST_MAIN(TestConversationWindow)
#include "tst_conversationwindow.moc"
