// Tests of the join-mode widgets (ChatWindow, MessageListModel, JoinDialog) driven with QTest
// against a real server on 127.0.0.1; everything lives in the test's main thread.
#include "chatclient.h"
#include "chatinput.h"
#include "chattime.h"
#include "chatview/chatview.h"
#include "chatwindow.h"
#include "joindialog.h"
#include "messagelistmodel.h"
#include "mutenotice.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QWindow>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 10000;

ServerEndpoint endpointFor(const TestServer &server, const QString &username)
{
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = server.port();
    endpoint.token = server.token();
    endpoint.username = username;
    return endpoint;
}

int findRow(const MessageListModel &model, const QString &text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row).data(Qt::DisplayRole).toString() == text)
            return row;
    }
    return -1;
}

ChatEntry entry(qint64 id, const QString &text, qint64 timestampMs)
{
    ChatEntry result;
    result.id = id;
    result.text = text;
    result.username = u"bob"_s;
    result.timestampMs = timestampMs;
    return result;
}
} // namespace

class TestJoinWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void modelBatches();
    void typeAndSend();
    void historyIsOneBatch();
    void lengthCounter();
    void kickedShowsReason();
    void muteNoticeFollowsTheOperator();
    void wrongTokenLetsUserFix();
    void joinDialogReadsInvite();
    void titleShowsTheNameAsWritten();

private:
    std::unique_ptr<ChatClient> makeClient(const ServerEndpoint &endpoint);
    QTemporaryDir m_dataDir;
};

void TestJoinWindow::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QStandardPaths::setTestModeEnabled(true);
}

std::unique_ptr<ChatClient> TestJoinWindow::makeClient(const ServerEndpoint &endpoint)
{
    auto client = std::make_unique<ChatClient>();
    client->setDataDirectory(m_dataDir.path());
    client->setRetryDelays(20, 200);
    client->setEndpoint(endpoint);
    return client;
}

void TestJoinWindow::modelBatches()
{
    MessageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ChatView view;
    view.setModel(&model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const qint64 day = 24 * 3600 * 1000;
    const qint64 base = QDateTime(QDate(2026, 11, 24), QTime(12, 0)).toMSecsSinceEpoch();
    model.setOwnUsername(u"alice"_s);
    model.appendEntries({entry(10, u"a"_s, base), entry(11, u"hi alice"_s, base + 1000),
                         entry(12, u"<b>c</b>"_s, base + day)});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.index(0).data(MessageListModel::DayStartRole).toBool());
    QVERIFY(!model.index(1).data(MessageListModel::DayStartRole).toBool());
    QVERIFY(model.index(2).data(MessageListModel::DayStartRole).toBool()); // next day
    QVERIFY(model.index(1).data(MessageListModel::MentionRole).toBool());
    QCOMPARE(model.index(2).data(Qt::DisplayRole).toString(), u"<b>c</b>"_s);
    QCOMPARE(view.rowText(model.index(2)), u"<b>c</b>"_s);

    model.prependEntries({entry(5, u"old 1"_s, base - day), entry(6, u"old 2"_s, base - day)});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), u"old 1"_s);
    QVERIFY(model.index(2).data(MessageListModel::DayStartRole).toBool());

    OutgoingMessage pending;
    pending.cid = u"c1"_s;
    pending.text = u"mine"_s;
    pending.createdMs = base + day;
    model.setPending({pending});
    QCOMPARE(model.pendingCount(), 1);
    QCOMPARE(model.index(5).data(MessageListModel::DeliveryRole).toInt(),
             int(MessageListModel::Delivery::Pending));
    ChatEntry ack = entry(13, u"mine"_s, base + day);
    ack.cid = u"c1"_s;
    ack.own = true;
    model.appendEntries({ack}); // replaces the pending row
    QCOMPARE(model.pendingCount(), 0);
    QCOMPARE(model.rowCount(), 6);
    QVERIFY(model.index(5).data(MessageListModel::OwnRole).toBool());

    pending.cid = u"c2"_s;
    model.setPending({pending});
    model.markRefused(u"c2"_s, pending.text, u"too long"_s);
    model.setPending({});
    QCOMPARE(model.pendingCount(), 1); // refused rows stay, marked
    QCOMPARE(model.index(6).data(MessageListModel::DeliveryRole).toInt(),
             int(MessageListModel::Delivery::Failed));
    QVERIFY(view.statusText(model.index(6)).contains(u"too long"_s));
    QVERIFY(model.index(6).data(Qt::AccessibleTextRole).toString().contains(u"too long"_s));
    model.clearEntries();
    QCOMPARE(model.rowCount(), 1);
}

void TestJoinWindow::typeAndSend()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    auto client = makeClient(endpointFor(server, u"alice"_s));
    ChatWindow window(client.get());
    QAbstractItemModelTester tester(window.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QVERIFY(window.connectionText().contains(u"Connected"_s));
    QVERIFY(window.windowTitle().contains(u"alice"_s));

    ChatInput *input = window.input();
    input->setFocus();
    QTest::keyClicks(input, u"hello <b>bob</b> & <img src=x>"_s);
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(input->toPlainText().isEmpty());
    const QString sent = u"hello <b>bob</b> & <img src=x>"_s;
    QCOMPARE(bob.waitFor(u"message"_s, WaitMs).value("text"_L1).toString(), sent);
    QTRY_VERIFY_WITH_TIMEOUT(
        findRow(*window.model(), sent) >= 0 && window.model()->pendingCount() == 0, WaitMs);
    const QModelIndex own = window.model()->index(findRow(*window.model(), sent));
    QVERIFY(own.data(MessageListModel::OwnRole).toBool());
    QCOMPARE(own.data(MessageListModel::DeliveryRole).toInt(),
             int(MessageListModel::Delivery::Delivered));
    QCOMPARE(window.messageView()->rowText(own), sent); // shown literally, not as HTML
    QVERIFY(window.messageView()->headerText(own).contains(u"alice"_s));

    // Shift+Enter: a new line in the same message.
    QTest::keyClicks(input, u"line one"_s);
    QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(input, u"line two"_s);
    QCOMPARE(input->toPlainText(), u"line one\nline two"_s);
    QTest::keyClick(input, Qt::Key_Enter);
    QTRY_VERIFY_WITH_TIMEOUT(findRow(*window.model(), u"line one\nline two"_s) >= 0, WaitMs);

    // From someone else, naming us: not own, highlighted.
    bob.send({{"type"_L1, "message"_L1}, {"text"_L1, u"ALICE: <i>hi</i>"_s}});
    QTRY_VERIFY_WITH_TIMEOUT(findRow(*window.model(), u"ALICE: <i>hi</i>"_s) >= 0, WaitMs);
    const QModelIndex theirs
        = window.model()->index(findRow(*window.model(), u"ALICE: <i>hi</i>"_s));
    QVERIFY(!theirs.data(MessageListModel::OwnRole).toBool());
    QVERIFY(theirs.data(MessageListModel::MentionRole).toBool());

    const QImage image = window.grab().toImage();
    QVERIFY(!image.isNull());
    const QString screenshot = qEnvironmentVariable("LANCHAT_SCREENSHOT");
    if (!screenshot.isEmpty())
        QVERIFY(image.save(screenshot));
}

void TestJoinWindow::historyIsOneBatch()
{
    TestServer server;
    QVERIFY(server.start());
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    for (int i = 1; i <= 20; ++i)
        bob.send({{"type"_L1, "message"_L1}, {"text"_L1, u"history %1"_s.arg(i)}});
    QTRY_COMPARE_WITH_TIMEOUT(bob.frames(u"message"_s).size(), 20, WaitMs);

    auto client = makeClient(endpointFor(server, u"carol"_s));
    ChatWindow window(client.get());
    window.show();
    QSignalSpy inserted(window.model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    // The whole history page (bob's join and his 20 messages) is one insertion; our own join
    // may follow live as a batch of its own.
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QVERIFY(inserted.first().at(2).toInt() >= 20);
    QVERIFY(findRow(*window.model(), u"history 1"_s) >= 0);
    QVERIFY(findRow(*window.model(), u"history 20"_s) > findRow(*window.model(), u"history 1"_s));
}

void TestJoinWindow::lengthCounter()
{
    ChatClient client;
    client.setDataDirectory(m_dataDir.path());
    ChatWindow window(&client);
    window.show();
    auto *send = [&window] {
        const QList<QPushButton *> buttons = window.findChildren<QPushButton *>();
        for (QPushButton *button : buttons) {
            if (button->text().contains(u"Send"_s))
                return button;
        }
        return static_cast<QPushButton *>(nullptr);
    }();
    QVERIFY(send);
    QVERIFY(!send->isEnabled());
    window.input()->setPlainText(QString(4000, u'a'));
    QVERIFY(send->isEnabled());
    const auto counterLabel = [&window]() -> QLabel * {
        const QList<QLabel *> labels = window.findChildren<QLabel *>();
        for (QLabel *label : labels) {
            if (label->text().contains(u" / "_s))
                return label;
        }
        return nullptr;
    };
    QVERIFY(counterLabel() && !counterLabel()->isVisible());
    window.input()->setPlainText(QString(4700, u'a'));
    QVERIFY(counterLabel()->isVisible());
    window.input()->setPlainText(QString(5001, u'a'));
    QVERIFY(!send->isEnabled());
    // No label in the window interprets markup.
    const QList<QLabel *> labels = window.findChildren<QLabel *>();
    for (QLabel *label : labels)
        QVERIFY(label->textFormat() == Qt::PlainText || !label->text().contains(u'<'));
}

void TestJoinWindow::kickedShowsReason()
{
    TestServer server;
    QVERIFY(server.start());
    ClientId id = 0;
    connect(&server.controller(), &ServerController::activity, this,
            [&id](const ServerActivity &activity) {
                for (const ClientInfo &info : activity.updatedClients)
                    id = info.id;
            });
    auto client = makeClient(endpointFor(server, u"kim"_s));
    ChatWindow window(client.get());
    window.show();
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(id != 0, WaitMs);
    server.controller().kick(id, u"<b>be nice</b>"_s);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ChatClient::State::Disconnected, WaitMs);
    QVERIFY2(window.connectionText().contains(u"<b>be nice</b>"_s),
             qPrintable(window.connectionText()));
    bool shown = false;
    const QList<QLabel *> labels = window.findChildren<QLabel *>();
    for (QLabel *label : labels)
        shown = shown
                || (label->text().contains(u"be nice"_s) && label->textFormat() == Qt::PlainText);
    QVERIFY(shown);
}

// The operator mutes: a notice in German above the input, with the time and the reason as plain
// text; Send and Enter keep the text; the notice goes when the operator lifts the mute and when
// a short one runs out.
void TestJoinWindow::muteNoticeFollowsTheOperator()
{
    QTranslator german;
    QVERIFY(german.load(u":/i18n/lanchat_de.qm"_s));
    QCoreApplication::installTranslator(&german);
    const QLocale previousLocale;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const auto restore = qScopeGuard([&] {
        QCoreApplication::removeTranslator(&german);
        QLocale::setDefault(previousLocale);
    });
    TestServer server;
    QVERIFY(server.start());
    QSignalSpy activity(&server.controller(), &ServerController::activity);
    TestClient bob;
    QVERIFY(bob.join(server.wsUrl(u"bob"_s)));
    auto client = makeClient(endpointFor(server, u"gerd"_s));
    ChatWindow window(client.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy synced(client.get(), &ChatClient::synced);
    client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    MuteNotice *notice = window.muteNotice();
    QVERIFY(!notice->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(clientIdOf(activity, u"gerd"_s) != 0, WaitMs);
    const ClientId gerd = clientIdOf(activity, u"gerd"_s);

    const QString reason = u"<b>ruhig</b> bitte"_s;
    server.controller().mute(gerd, 600, reason);
    QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), WaitMs);
    const QString time = ChatTime::moment(QDateTime::fromMSecsSinceEpoch(client->mute()->untilMs));
    QVERIFY(time.contains(u':'));
    QCOMPARE(notice->text(), u"Der Betreiber hat dich bis %1 stummgeschaltet: Du kannst lesen, "
                             u"aber nichts senden. Grund: <b>ruhig</b> bitte"_s.arg(time));
    const auto *label = notice->findChild<QLabel *>(u"muteNoticeText"_s);
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->textFormat(), Qt::PlainText); // the reason is never markup
    QVERIFY(notice->geometry().bottom() < window.input()->geometry().top()); // above the input

    // Typed while muted: Send is off, Enter leaves the text where it is, nothing goes out.
    ChatInput *input = window.input();
    input->setFocus();
    QTest::keyClicks(input, u"darf ich?"_s);
    auto *send = window.findChild<QPushButton *>(u"sendButton"_s);
    QVERIFY(send);
    QVERIFY(!send->isEnabled());
    QTest::keyClick(input, Qt::Key_Return);
    QCOMPARE(input->toPlainText(), u"darf ich?"_s);
    QVERIFY(client->pendingMessages().isEmpty());
    // For looking at it: LANCHAT_SCREENSHOT_MUTE=/tmp/muted.png.
    if (const QString shot = qEnvironmentVariable("LANCHAT_SCREENSHOT_MUTE"); !shot.isEmpty())
        QVERIFY(window.grab().save(shot));

    // Lifted early: gone, and the text goes.
    server.controller().unmute(gerd);
    QTRY_VERIFY_WITH_TIMEOUT(!notice->isVisible(), WaitMs);
    QVERIFY(send->isEnabled());
    QTest::keyClick(input, Qt::Key_Return);
    QCOMPARE(bob.waitFor(u"message"_s, WaitMs).value("text"_L1).toString(), u"darf ich?"_s);

    // A short mute ends by itself.
    server.controller().mute(gerd, 1, {});
    QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), WaitMs);
    QVERIFY2(!notice->text().contains(u"Grund"_s), qPrintable(notice->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!notice->isVisible(), WaitMs);
    QTest::keyClicks(input, u"wieder da"_s);
    QVERIFY(send->isEnabled());
}

void TestJoinWindow::wrongTokenLetsUserFix()
{
    TestServer server;
    QVERIFY(server.start());
    ServerEndpoint endpoint = endpointFor(server, u"wes"_s);
    endpoint.token = u"nope"_s;
    auto client = makeClient(endpoint);
    ChatWindow window(client.get());
    window.show();
    client->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(client->problem(), ChatClient::Problem::InvalidToken, WaitMs);
    QVERIFY(window.connectionText().contains(u"token"_s));
    bool editVisible = false;
    const QList<QPushButton *> buttons = window.findChildren<QPushButton *>();
    for (QPushButton *button : buttons)
        editVisible = editVisible || (button->text().contains(u"Change"_s) && button->isVisible());
    QVERIFY(editVisible);
}

void TestJoinWindow::joinDialogReadsInvite()
{
    JoinDialog dialog;
    QVERIFY(dialog.applyInvite(u"Join my LanChat:\n  lanchat://127.0.0.1:4321?token=s3cret\n"_s));
    QCOMPARE(dialog.endpoint().host, u"127.0.0.1"_s);
    QCOMPARE(dialog.endpoint().port, quint16(4321));
    QCOMPARE(dialog.endpoint().token, u"s3cret"_s);
    QVERIFY(!dialog.applyInvite(u"not an invite"_s));
    QVERIFY(!dialog.rememberToken());
}

// The window title shows the user's name as typed: "[*]" in it is not Qt's modified mark.
void TestJoinWindow::titleShowsTheNameAsWritten()
{
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = 9;
    endpoint.username = u"a[*]b"_s;
    auto client = makeClient(endpoint);
    ChatWindow window(client.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.windowHandle()->title().contains(u"a[*]b @ 127.0.0.1:9"_s),
             qPrintable(window.windowHandle()->title()));
}

QTEST_MAIN(TestJoinWindow)
#include "tst_joinwindow.moc"
