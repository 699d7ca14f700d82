// Tests of the chat view inside the join window, against a real server on 127.0.0.1 with a
// history written beforehand (yesterday's messages) and real WebSocket clients chatting live:
// geometry after resizes, the unread divider, quoting, the emoji picker, dark mode; and the
// screenshots of docs/ (written when LANCHAT_SCREENSHOT_DIR is set; run under xvfb-run for them).
// Everything lives in the test's main thread.
#include "chatclient.h"
#include "chatinput.h"
#include "chatview/chattheme.h"
#include "chatview/chatview.h"
#include "chatview/jumptolatestbutton.h"
#include "chatviewgeometry.h"
#include "chatwindow.h"
#include "colorscheme.h"
#include "emojipicker/emojicatalog.h"
#include "emojipicker/emojipicker.h"
#include "historystore.h"
#include "lanchatsettings.h"
#include "messagelistmodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {
constexpr int WaitMs = 10000;

const QString LongMessage = u"Notes from today's standup, so that nobody has to ask again:\n"
                            "1. The release branch is cut on Thursday; anything not merged by "
                            "Wednesday evening waits for the next one.\n"
                            "2. The flaky upload test is fixed (it waited on a timer instead of "
                            "the signal).\n"
                            "3. Sam takes over the installer for Windows while Kim is away.\n"
                            "4. The new build machine arrives next week; until then, please do "
                            "not start more than two builds at once.\n"
                            "5. Retro on Friday at 15:00 in the small meeting room.\n"
                            "6. Remember to update the changelog.\n"
                            "7. Lunch is on the team on Friday.\n"
                            "8. Questions to me."_s;

ChatEvent event(ChatEvent::Kind kind, const QString &user, const QString &text, qint64 ms)
{
    ChatEvent result;
    result.kind = kind;
    result.username = user;
    result.text = text;
    result.timestampMs = ms;
    return result;
}

// Yesterday's conversation, written into the history file before the server starts.
bool writeHistory(const QString &dataDir)
{
    HistoryStore store(u"tst_chatviewlive_fill"_s);
    if (!store.open(QDir(dataDir).absoluteFilePath(u"history.sqlite"_s))) {
        qWarning() << "history:" << store.lastError();
        return false;
    }
    const QDateTime yesterday(QDate::currentDate().addDays(-1), QTime(9, 12));
    qint64 t = yesterday.toMSecsSinceEpoch();
    const auto at = [&t](int seconds) { return t += seconds * 1000; };
    using K = ChatEvent::Kind;
    const QList<ChatEvent> events {
        event(K::Join, u"kim"_s, {}, at(0)),
        event(K::Join, u"sam"_s, {}, at(20)),
        event(K::Join, u"lee"_s, {}, at(40)),
        event(K::Message, u"kim"_s, u"Morning! Standup in 10 minutes?"_s, at(60)),
        event(K::Message, u"kim"_s, u"I'll post the notes here afterwards 📝"_s, at(15)),
        event(K::Message, u"sam"_s, u"👍"_s, at(30)),
        event(K::Message, u"lee"_s,
              u"Sure. Last night's build is on https://ci.example.lan/builds/1842 – all green ✅"_s,
              at(40)),
        event(K::Message, u"kim"_s, LongMessage, at(1500)),
        event(K::Leave, u"kim"_s, {}, at(600)),
        event(K::Leave, u"sam"_s, {}, at(30)),
    };
    QList<PendingEvent> batch;
    for (const ChatEvent &e : events)
        batch.append({e, 0, e.username, {}, {}});
    QList<StoredEvent> stored;
    if (!store.append(batch, &stored)) {
        qWarning() << "history:" << store.lastError();
        return false;
    }
    return true;
}

ServerEndpoint endpointFor(const TestServer &server, const QString &username)
{
    ServerEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = server.port();
    endpoint.token = server.token();
    endpoint.username = username;
    return endpoint;
}

int findRow(const QAbstractItemModel &model, const QString &text)
{
    for (int row = model.rowCount() - 1; row >= 0; --row) {
        if (model.index(row, 0).data(Qt::DisplayRole).toString() == text)
            return row;
    }
    return -1;
}

} // namespace

class TestChatViewLive final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void resizesNeverOverlap();
    void unreadDividerWhileAway();
    void quoteGoesToInput();
    void emojiPickerInserts();
    void darkModeHasNoLightBubbles();
    void pendingAndRefusedAreMarked();
    void screenshots();

private:
    // A server with yesterday's history, the join window connected as lee, and a lively chat.
    bool startChat();
    std::unique_ptr<ChatClient> makeClient(const ServerEndpoint &endpoint);

    QTemporaryDir m_clientDir;
    std::unique_ptr<QTemporaryDir> m_serverDir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<ChatWindow> m_window;
    QList<TestClient *> m_bots;
};

void TestChatViewLive::initTestCase()
{
    QVERIFY(m_clientDir.isValid());
    // For looking at a translation: LANCHAT_SCREENSHOT_QM=build/debug/app/lanchat_de.qm.
    if (const QString qm = qEnvironmentVariable("LANCHAT_SCREENSHOT_QM"); !qm.isEmpty()) {
        auto *translator = new QTranslator(this);
        QVERIFY(translator->load(qm));
        QCoreApplication::installTranslator(translator);
    }
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestChatViewLive::init()
{
    ColorScheme::apply(ColorScheme::Mode::Light);
}

void TestChatViewLive::cleanup()
{
    m_window.reset();
    m_client.reset();
    qDeleteAll(m_bots);
    m_bots.clear();
    m_server.reset();
    m_serverDir.reset();
    ColorScheme::apply(ColorScheme::Mode::System);
}

std::unique_ptr<ChatClient> TestChatViewLive::makeClient(const ServerEndpoint &endpoint)
{
    auto client = std::make_unique<ChatClient>();
    client->setDataDirectory(m_clientDir.path());
    client->setRetryDelays(20, 200);
    client->setEndpoint(endpoint);
    return client;
}

bool TestChatViewLive::startChat()
{
    m_serverDir = std::make_unique<QTemporaryDir>();
    if (!writeHistory(m_serverDir->path()))
        return false;
    m_server = std::make_unique<TestServer>(u"test-token"_s, m_serverDir->path());
    m_server->config().operatorName = u"Operator"_s;
    if (!m_server->start())
        return false;
    const auto bot = [this](const QString &name) {
        auto *client = new TestClient;
        m_bots.append(client);
        return client->join(m_server->wsUrl(name)) ? client : nullptr;
    };
    TestClient *bob = bot(u"bob"_s);
    TestClient *alice = bot(u"alice"_s);
    TestClient *erin = bot(u"erin"_s);
    TestClient *carol = bot(u"carol"_s);
    TestClient *dave = bot(u"dave"_s);
    TestClient *mallory = bot(u"mallory"_s);
    if (!bob || !alice || !erin || !carol || !dave || !mallory)
        return false;

    m_client = makeClient(endpointFor(*m_server, u"lee"_s));
    m_window = std::make_unique<ChatWindow>(m_client.get());
    m_window->resize(820, 640);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get()))
        return false;
    QSignalSpy synced(m_client.get(), &ChatClient::synced);
    m_client->connectToServer();
    if (!synced.wait(WaitMs))
        return false;

    const auto say = [](TestClient *client, const QString &text) {
        client->send({{"type"_L1, "message"_L1}, {"text"_L1, text}});
    };
    say(bob, u"Has anyone seen the projector remote? 🙈"_s);
    say(bob, u"It was in room 2 yesterday"_s);
    if (!QTest::qWaitFor(
            [&] { return findRow(*m_window->model(), u"It was in room 2 yesterday"_s) >= 0; },
            WaitMs))
        return false;
    m_window->input()->setPlainText(u"Check the drawer under the screen, bob"_s);
    m_window->sendCurrentText();
    say(alice, u"lee, could you send me the slides? Or mail them: mailto:alice@example.lan"_s);
    say(erin, u"🎉🎉🎉"_s);
    m_server->controller().announce(
        u"Network maintenance tonight at 22:00 – please save your work."_s);
    carol->socket().close();
    dave->socket().close();
    say(mallory, u"FREE PRIZES!!! javascript:alert(1) file:///etc/passwd"_s);
    const QString last = u"FREE PRIZES!!! javascript:alert(1) file:///etc/passwd"_s;
    return QTest::qWaitFor([&] { return findRow(*m_window->model(), last) >= 0; }, WaitMs)
           && QTest::qWaitFor(
               [&] {
                   return findRow(
                              *m_window->model(),
                              u"Network maintenance tonight at 22:00 – please save your work."_s)
                          >= 0;
               },
               WaitMs);
}

void TestChatViewLive::resizesNeverOverlap()
{
    QVERIFY(startChat());
    ChatView *view = m_window->messageView();
    QAbstractItemModelTester tester(view->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Scrolled to different places: the latest messages, and yesterday's long one.
    const int longRow = findRow(*view->model(), LongMessage);
    QVERIFY(longRow >= 0);
    for (const int width : {820, 300, 420, 820, 300, 420}) {
        m_window->resize(width, 600);
        QTRY_COMPARE(m_window->width(), width);
        QVERIFY2(chatViewGeometryProblem(*view).isEmpty(),
                 qPrintable(chatViewGeometryProblem(*view)));
        view->scrollTo(view->model()->index(longRow, 0), QAbstractItemView::PositionAtCenter);
        QVERIFY2(chatViewGeometryProblem(*view).isEmpty(),
                 qPrintable(chatViewGeometryProblem(*view)));
        QVERIFY(view->visualRect(view->model()->index(longRow, 0))
                    .intersects(view->viewport()->rect()));
        view->jumpToLatest();
        QVERIFY(view->isAtBottom());
        // Still at the bottom after the resize: the latest row ends where the view ends.
        const QModelIndex lastRow = view->model()->index(view->model()->rowCount() - 1, 0);
        QVERIFY(view->visualRect(lastRow).bottom() < view->viewport()->height());
        QVERIFY(view->visualRect(lastRow).bottom() > view->viewport()->height() - 40);
    }
}

void TestChatViewLive::unreadDividerWhileAway()
{
    QVERIFY(startChat());
    ChatView *view = m_window->messageView();
    // Another window takes the focus: lee is away.
    QWidget other;
    other.show();
    QApplication::setActiveWindow(&other);
    QTRY_VERIFY(!m_window->isActiveWindow());
    QVERIFY(!view->unreadMarker().isValid());
    m_bots.first()->send({{"type"_L1, "message"_L1}, {"text"_L1, u"Found it!"_s}});
    m_bots.first()->send({{"type"_L1, "message"_L1}, {"text"_L1, u"It was in the drawer."_s}});
    QTRY_VERIFY_WITH_TIMEOUT(findRow(*view->model(), u"It was in the drawer."_s) >= 0, WaitMs);
    QCOMPARE(m_window->unreadCount(), 2);
    QVERIFY(view->unreadMarker().isValid());
    QCOMPARE(view->unreadMarker().data(Qt::DisplayRole).toString(), u"Found it!"_s);
    // The divider makes its row taller; the rows still fit together.
    QVERIFY2(chatViewGeometryProblem(*view).isEmpty(), qPrintable(chatViewGeometryProblem(*view)));
    // Back, and answering: the divider goes.
    QApplication::setActiveWindow(m_window.get());
    QTRY_COMPARE(m_window->unreadCount(), 0);
    m_window->input()->setPlainText(u"Thanks!"_s);
    m_window->sendCurrentText();
    QVERIFY(!view->unreadMarker().isValid());
}

void TestChatViewLive::quoteGoesToInput()
{
    QVERIFY(startChat());
    ChatView *view = m_window->messageView();
    m_window->input()->setPlainText(u"About this:"_s);
    QTextCursor end = m_window->input()->textCursor();
    end.movePosition(QTextCursor::End);
    m_window->input()->setTextCursor(end);
    emit view->quoteRequested(u"line one\nline two"_s);
    QCOMPARE(m_window->input()->toPlainText(), u"About this:\n> line one\n> line two\n"_s);
}

void TestChatViewLive::emojiPickerInserts()
{
    QVERIFY(startChat());
    QSettings().remove(Settings::UiRecentEmoji.key());
    m_window->input()->clear();
    m_window->input()->setFocus();
    QTest::keyClick(m_window->input(), Qt::Key_Period, Qt::ControlModifier);
    EmojiPicker *picker = m_window->emojiPicker();
    QTRY_VERIFY(picker->isVisible());
    QTest::keyClicks(picker->searchField(), u"thumbs up"_s);
    QVERIFY(picker->grid()->count() >= 1);
    QCOMPARE(picker->grid()->currentItem()->text(), u"👍"_s);
    QTest::keyClick(picker->searchField(), Qt::Key_Return);
    QTRY_VERIFY(!picker->isVisible());
    QCOMPARE(m_window->input()->toPlainText(), u"👍"_s);
    // Recently used comes first next time.
    m_window->showEmojiPicker();
    QTRY_VERIFY(picker->isVisible());
    QCOMPARE(picker->tabs()->currentIndex(), 0);
    QCOMPARE(picker->grid()->item(0)->text(), u"👍"_s);
    picker->close();
}

void TestChatViewLive::darkModeHasNoLightBubbles()
{
    QVERIFY(startChat());
    ChatView *view = m_window->messageView();
    ColorScheme::apply(ColorScheme::Mode::Dark);
    QTRY_VERIFY(ChatTheme::isDark(view->palette()));
    view->jumpToLatest();
    const QImage image = view->viewport()->grab().toImage();
    // Every bubble, the own ones and the mention included, is dark: no light pastel stays.
    int light = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (ChatTheme::luminance(image.pixelColor(x, y)) > 0.35)
                ++light;
        }
    }
    const int samples = (image.height() / 2) * (image.width() / 2);
    QVERIFY2(light < samples / 20, qPrintable(u"%1 of %2 light pixels"_s.arg(light).arg(samples)));
}

void TestChatViewLive::pendingAndRefusedAreMarked()
{
    QVERIFY(startChat());
    ChatView *view = m_window->messageView();
    MessageListModel *model = m_window->model();
    // Sent while the connection is down: shown at once, marked until the server has it.
    m_client->disconnectFromServer();
    m_window->input()->setPlainText(u"Are you still there?"_s);
    m_window->sendCurrentText();
    QTRY_COMPARE(model->pendingCount(), 1);
    const int pendingRow = model->rowCount() - 1;
    QCOMPARE(view->statusText(model->index(pendingRow)),
             QCoreApplication::translate("ChatLineLayouter", "Sending…"));
    // The server refused one for good (too long, say): it stays, marked, with the reason.
    model->markRefused(u"refused-cid"_s, u"This one was refused"_s, u"The message is too long."_s);
    const int refusedRow = model->rowCount() - 1;
    QVERIFY(view->statusText(model->index(refusedRow)).contains(u"too long"_s));
    QVERIFY(
        model->index(refusedRow).data(Qt::AccessibleTextRole).toString().contains(u"too long"_s));
    QVERIFY2(chatViewGeometryProblem(*view).isEmpty(), qPrintable(chatViewGeometryProblem(*view)));
    // Connected again, the pending message is delivered and its mark goes.
    QSignalSpy synced(m_client.get(), &ChatClient::synced);
    m_client->connectToServer();
    QVERIFY(synced.wait(WaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(model->pendingCount(), 1, WaitMs); // only the refused one
    const int delivered = findRow(*model, u"Are you still there?"_s);
    QVERIFY(delivered >= 0);
    QVERIFY(view->statusText(model->index(delivered)).isEmpty());

    const QString directory = qEnvironmentVariable("LANCHAT_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    // The states a user meets, for looking at: a selection with the keyboard's focus ring, the
    // unread divider, scrolled up with the jump button, the emoji picker.
    m_window->resize(900, 680);
    QApplication::setActiveWindow(m_window.get());
    view->jumpToLatest();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Up);
    QTest::keyClick(view, Qt::Key_Up);
    for (int i = 0; i < 8; ++i)
        QTest::keyClick(view, Qt::Key_Right, Qt::ShiftModifier);
    view->setUnreadMarker(model->index(findRow(*model, u"🎉🎉🎉"_s)));
    QVERIFY(m_window->grab().save(QDir(directory).absoluteFilePath(u"state-selection.png"_s)));
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 3);
    m_bots.at(1)->send({{"type"_L1, "message"_L1}, {"text"_L1, u"Anyone?"_s}});
    m_bots.at(1)->send({{"type"_L1, "message"_L1}, {"text"_L1, u"Hello?"_s}});
    QTRY_COMPARE_WITH_TIMEOUT(view->newBelowCount(), 2, WaitMs);
    QVERIFY(m_window->grab().save(QDir(directory).absoluteFilePath(u"state-scrolled.png"_s)));
    m_window->showEmojiPicker();
    QTRY_VERIFY(m_window->emojiPicker()->isVisible());
    QTest::qWait(100);
    QImage withPicker = m_window->grab().toImage();
    {
        QPainter painter(&withPicker);
        EmojiPicker *picker = m_window->emojiPicker();
        painter.drawPixmap(m_window->mapFromGlobal(picker->mapToGlobal(QPoint(0, 0))),
                           picker->grab());
    }
    QVERIFY(withPicker.save(QDir(directory).absoluteFilePath(u"state-emoji.png"_s)));
    QTest::keyClicks(m_window->emojiPicker()->searchField(), u"heart"_s);
    QVERIFY(m_window->emojiPicker()->grab().save(
        QDir(directory).absoluteFilePath(u"state-emoji-search.png"_s)));
    m_window->emojiPicker()->close();
}

void TestChatViewLive::screenshots()
{
    QVERIFY(startChat());
    const QString directory = qEnvironmentVariable("LANCHAT_SCREENSHOT_DIR");
    struct Shot
    {
        QString name;
        ColorScheme::Mode mode;
        int width;
    };
    const QList<Shot> shots {{u"join-window"_s, ColorScheme::Mode::Light, 900},
                             {u"join-window-dark"_s, ColorScheme::Mode::Dark, 900},
                             {u"join-window-narrow"_s, ColorScheme::Mode::Light, 420},
                             {u"join-window-narrow-dark"_s, ColorScheme::Mode::Dark, 420}};
    QApplication::setActiveWindow(m_window.get());
    for (const Shot &shot : shots) {
        ColorScheme::apply(shot.mode);
        m_window->resize(shot.width, 680);
        QTRY_COMPARE(m_window->width(), shot.width);
        m_window->messageView()->jumpToLatest();
        QTest::qWait(50);
        const QImage image = m_window->grab().toImage();
        QVERIFY(!image.isNull());
        if (!directory.isEmpty())
            QVERIFY(image.save(QDir(directory).absoluteFilePath(shot.name + u".png"_s)));
    }
}

QTEST_MAIN(TestChatViewLive)
#include "tst_chatviewlive.moc"
