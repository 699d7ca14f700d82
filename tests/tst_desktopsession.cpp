// What the running LanChat does with what another start hands over (DesktopSession): an invite
// opens the join dialog filled in, also beside a hidden host window; accepting it opens a chat
// window that does not end a hosting process when closed; an invite for a chat already open
// raises that window; "activate" shows the host window from the tray; an invite arriving while
// the start dialog asks "host or join" answers it; a join that fails stays in the dialog with the
// problem shown; "Change connection…" works while the chat retries.
#include "chatwindow.h"
#include "desktopsession.h"
#include "hostedchat.h"
#include "joindialog.h"
#include "startdialog.h"
#include "testsupport.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
QString invite(quint16 port, const QString &token, const QString &username = QString())
{
    QUrl url(u"lanchat://127.0.0.1"_s);
    url.setPort(port);
    QUrlQuery query({{u"token"_s, token}});
    if (!username.isEmpty())
        query.addQueryItem(u"username"_s, username);
    url.setQuery(query);
    return url.toString();
}
} // namespace

class tst_DesktopSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void inviteOpensTheJoinDialogFilledIn();
    void secondInviteRefillsTheOpenDialog();
    void joinBesideTheHostKeepsHosting();
    void inviteForAnOpenChatRaisesIt();
    void activateShowsTheHostFromTheTray();
    void inviteAnswersTheStartDialog();
    void failedJoinStaysInTheDialog();
    void inviteFocusesTheFirstEmptyField();
    void changeConnectionWhileRetrying();
};

void tst_DesktopSession::initTestCase()
{
    LanChat::registerMetaTypes();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QCoreApplication::setApplicationName(u"tst_desktopsession"_s);
}

void tst_DesktopSession::init()
{
    QSettings().clear();
}

void tst_DesktopSession::inviteOpensTheJoinDialogFilledIn()
{
    DesktopSession session;
    session.handle(HandOverMessage::join(invite(4242, u"t0k"_s, u"ada"_s)));
    JoinDialog *dialog = session.joinDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    // Even a complete invite asks first: a link clicked anywhere must not connect by itself.
    QCOMPARE(dialog->endpoint().host, u"127.0.0.1"_s);
    QCOMPARE(dialog->endpoint().port, 4242);
    QCOMPARE(dialog->endpoint().token, u"t0k"_s);
    QCOMPARE(dialog->endpoint().username, u"ada"_s);
    QVERIFY(session.chatWindows().isEmpty());
    QVERIFY(!dialog->testAttribute(Qt::WA_QuitOnClose));
}

void tst_DesktopSession::secondInviteRefillsTheOpenDialog()
{
    DesktopSession session;
    session.handle(HandOverMessage::join(invite(1111, u"one"_s)));
    JoinDialog *dialog = session.joinDialog();
    QVERIFY(dialog);
    session.handle(HandOverMessage::join(invite(2222, u"two"_s)));
    QCOMPARE(session.joinDialog(), dialog); // one dialog, not a pile of them
    QCOMPARE(dialog->endpoint().port, 2222);
    QCOMPARE(dialog->endpoint().token, u"two"_s);
}

void tst_DesktopSession::joinBesideTheHostKeepsHosting()
{
    TestServer hosted;
    HostedChat hosting(hosted); // the host's chat window, as the app opens it
    ChatWindow &host = hosting.window();
    TestServer other(u"other-token"_s);
    QVERIFY(other.start());

    DesktopSession session;
    session.setHostWindow(&host); // hidden: in the tray
    session.handle(HandOverMessage::join(invite(other.port(), u"other-token"_s, u"ada"_s)));
    QPointer<JoinDialog> dialog = session.joinDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->parentWidget(), &host);
    dialog->accept();
    QTRY_COMPARE(session.chatWindows().size(), 1);
    ChatWindow *chat = session.chatWindows().first();
    QVERIFY(chat != &host);
    QVERIFY(chat->isVisible());
    QVERIFY(!chat->testAttribute(Qt::WA_QuitOnClose)); // only the host window ends hosting
    TestClient observer;
    QVERIFY(observer.join(other.wsUrl(u"observer"_s)));
    QTRY_VERIFY(chat->connectionText().contains(u"Connected"_s));

    QSignalSpy lastClosed(qApp, &QGuiApplication::lastWindowClosed);
    chat->close();
    QTRY_VERIFY(session.chatWindows().isEmpty());
    QCOMPARE(lastClosed.size(), 0);
}

void tst_DesktopSession::inviteForAnOpenChatRaisesIt()
{
    TestServer server(u"tok"_s);
    QVERIFY(server.start());
    DesktopSession session;
    QVERIFY(session.joinAtStart(invite(server.port(), u"tok"_s, u"bob"_s))); // connects at once
    QCOMPARE(session.chatWindows().size(), 1);
    ChatWindow *chat = session.chatWindows().first();
    chat->showMinimized();
    QTRY_VERIFY(chat->isMinimized());

    session.handle(HandOverMessage::join(invite(server.port(), u"tok"_s, u"BOB"_s)));
    QVERIFY(!session.joinDialog());
    QTRY_VERIFY(!chat->isMinimized());
    QCOMPARE(session.chatWindows().size(), 1);

    // Another username on the same server is another chat: the dialog asks.
    session.handle(HandOverMessage::join(invite(server.port(), u"tok"_s, u"carol"_s)));
    QVERIFY(session.joinDialog());
}

void tst_DesktopSession::activateShowsTheHostFromTheTray()
{
    TestServer server;
    HostedChat hosting(server); // the host's chat window, as the app opens it
    ChatWindow &host = hosting.window();
    DesktopSession session;
    session.setHostWindow(&host);
    QVERIFY(!host.isVisible());
    session.handle(HandOverMessage::activate());
    QTRY_VERIFY(host.isVisible());
}

void tst_DesktopSession::inviteAnswersTheStartDialog()
{
    DesktopSession session;
    StartDialog dialog(StartDialog::Choice::Host);
    session.setStartDialog(&dialog);
    const QString link = invite(3333, u"x"_s, u"ada"_s);
    QTimer::singleShot(0, &session, [&] { session.handle(HandOverMessage::join(link)); });
    QCOMPARE(dialog.exec(), int(QDialog::Rejected));
    QCOMPARE(session.takePendingInvite(), link);
    QCOMPARE(session.takePendingInvite(), QString());
}

// Joining a port where nothing listens: the dialog stays, says why, keeps what was typed and
// focuses the address; no chat window opens until the server welcomed the user.
void tst_DesktopSession::failedJoinStaysInTheDialog()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 deadPort = closed.serverPort();
    closed.close();
    DesktopSession session;
    session.handle(HandOverMessage::join(invite(deadPort, u"tok"_s, u"ada"_s)));
    QPointer<JoinDialog> dialog = session.joinDialog();
    QVERIFY(dialog);
    QApplication::setActiveWindow(dialog);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QVERIFY(dialog->isConnecting());
    QTRY_VERIFY(!dialog->isConnecting());
    QVERIFY2(dialog->problemText().contains(u"Nothing answers at 127.0.0.1:%1"_s.arg(deadPort)),
             qPrintable(dialog->problemText()));
    QVERIFY(dialog->isVisible());
    QVERIFY(session.chatWindows().isEmpty());
    QCOMPARE(dialog->endpoint().port, deadPort);
    QCOMPARE(dialog->endpoint().token, u"tok"_s);
    QCOMPARE(dialog->endpoint().username, u"ada"_s);
    auto *host = dialog->findChild<QLineEdit *>(u"hostField"_s);
    QVERIFY(host);
    QTRY_COMPARE(dialog->focusWidget(), host);

    // Fixed: the port of a running server. The chat window opens connected, the dialog closes.
    TestServer server(u"tok"_s);
    QVERIFY(server.start());
    dialog->findChild<QSpinBox *>(u"portField"_s)->setValue(server.port());
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QTRY_COMPARE(session.chatWindows().size(), 1);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    ChatWindow *chat = session.chatWindows().first();
    QTRY_VERIFY(chat->connectionText().contains(u"Connected"_s));
    chat->close();
}

// An invite with address and token but no name: the name field has the focus, not the invite.
void tst_DesktopSession::inviteFocusesTheFirstEmptyField()
{
    const QByteArray user = qgetenv("USER");
    qunsetenv("USER"); // the dialog proposes the account's name
    JoinDialog dialog;
    qputenv("USER", user);
    dialog.applyInvite(invite(4242, u"t0k"_s));
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(dialog.focusWidget(), dialog.findChild<QLineEdit *>(u"usernameField"_s));
}

// The server went away and the chat retries: "Change connection…" is offered and takes effect.
void tst_DesktopSession::changeConnectionWhileRetrying()
{
    auto first = std::make_unique<TestServer>(u"tok"_s);
    QVERIFY(first->start());
    DesktopSession session;
    QVERIFY(session.joinAtStart(invite(first->port(), u"tok"_s, u"bob"_s)));
    ChatWindow *chat = session.chatWindows().first();
    QTRY_VERIFY(chat->connectionText().contains(u"Connected"_s));
    QVERIFY(first->stop());
    auto *change = chat->findChild<QPushButton *>(u"changeConnectionButton"_s);
    QVERIFY(change);
    QTRY_VERIFY(change->isVisible());

    TestServer second(u"tok"_s);
    QVERIFY(second.start());
    QTimer::singleShot(0, chat, [&] {
        auto *dialog = chat->findChild<JoinDialog *>();
        QVERIFY(dialog);
        dialog->findChild<QSpinBox *>(u"portField"_s)->setValue(second.port());
        dialog->accept();
    });
    QTest::mouseClick(change, Qt::LeftButton);
    QTRY_VERIFY(chat->connectionText().contains(QString::number(second.port()))
                && chat->connectionText().contains(u"Connected"_s));
    chat->close();
}

QTEST_MAIN(tst_DesktopSession)

#include "tst_desktopsession.moc"
