// The hosting window driven like a user would, against its real embedded server on loopback.
#include "hostwindow.h"
#include "testsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_HostWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { LanChat::registerMetaTypes(); }
    void showsTokenAndInvite();
    void liveLogShowsMessagesAsPlainText();
    void announcementTypedInGuiReachesClients();
};

namespace {
template<typename T>
T *findNamed(QWidget &root, const QString &name)
{
    T *widget = root.findChild<T *>(name);
    if (!widget)
        qWarning() << "no widget named" << name;
    return widget;
}
} // namespace

void tst_HostWindow::showsTokenAndInvite()
{
    TestServer server(u"invite-token"_s);
    HostWindow window(&server.controller());
    window.show();
    QVERIFY(server.start());
    auto *token = findNamed<QLineEdit>(window, u"tokenField"_s);
    QVERIFY(token);
    QTRY_COMPARE(token->text(), u"invite-token"_s);
    QCOMPARE(token->echoMode(), QLineEdit::Password);

    auto *copy = findNamed<QPushButton>(window, u"copyInviteButton"_s);
    QVERIFY(copy);
    QVERIFY(copy->isEnabled());
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString invite = QApplication::clipboard()->text();
    // Bound to 127.0.0.1, the invite names exactly that address and the real port.
    QVERIFY2(invite.contains(u"lanchat://127.0.0.1:%1?token=invite-token"_s.arg(server.port())),
             qPrintable(invite));
    QCOMPARE(invite.count(u"lanchat://"_s), 1);
    // And the browser client's page on the same port, with the token for its join form.
    QVERIFY2(invite.contains(u"http://127.0.0.1:%1/?token=invite-token"_s.arg(server.port())),
             qPrintable(invite));
    QCOMPARE(invite.count(u"http://"_s), 1);
}

void tst_HostWindow::liveLogShowsMessagesAsPlainText()
{
    TestServer server;
    HostWindow window(&server.controller());
    window.show();
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.join(server.wsUrl(u"mallory"_s)));
    const QString html = u"<b>bold</b><img src=\"/etc/hosts\">"_s;
    client.send({{"type"_L1, "message"_L1}, {"text"_L1, html}});
    QVERIFY(!client.waitFor(u"message"_s).isEmpty());

    auto *log = findNamed<QPlainTextEdit>(window, u"liveLog"_s);
    QVERIFY(log);
    QTRY_VERIFY(log->toPlainText().contains(u"mallory: "_s + html));
    QVERIFY(log->toPlainText().contains(u"mallory joined"_s));
    auto *clients = findNamed<QLabel>(window, u"clientsLabel"_s);
    QTRY_COMPARE(clients->text(), u"1 connected"_s);
}

void tst_HostWindow::announcementTypedInGuiReachesClients()
{
    TestServer server;
    server.config().operatorName = u"Host"_s;
    HostWindow window(&server.controller());
    window.show();
    QVERIFY(server.start());
    TestClient a, b;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));

    auto *field = findNamed<QLineEdit>(window, u"announcementField"_s);
    QVERIFY(field);
    QTRY_VERIFY(findNamed<QPushButton>(window, u"announceButton"_s)->isEnabled());
    field->setFocus();
    QTest::keyClicks(field, u"Lunch in 5 minutes"_s);
    QTest::keyClick(field, Qt::Key_Return);
    QVERIFY(field->text().isEmpty());
    for (TestClient *client : {&a, &b}) {
        const QJsonObject announcement = client->waitFor(u"announcement"_s);
        QCOMPARE(announcement.value("text"_L1).toString(), u"Lunch in 5 minutes"_s);
        QCOMPARE(announcement.value("username"_L1).toString(), u"Host"_s);
    }
    auto *log = findNamed<QPlainTextEdit>(window, u"liveLog"_s);
    QTRY_VERIFY(log->toPlainText().contains(u"Host: Lunch in 5 minutes"_s));
}

QTEST_MAIN(tst_HostWindow)
#include "tst_hostwindow.moc"
