// The operator console driven like a user would, as the app shows it (the operator tools in the
// host's chat window, HostSession) against its real embedded server on loopback: the status box,
// the clients table, the live view, broadcast and operator chat, kick, ban (and its survival of a
// restart), mute, the ban list, the moderation log, history paging, search and export, the
// settings dialog, the chat window's unread count, the German translation, and the banner for a
// history that cannot be written or a start that failed. The host's own chat client is connected
// like everyone: one more client and one more join than the test's.
#include "bandialog.h"
#include "chatwindow.h"
#include "clienttablemodel.h"
#include "eventtablemodel.h"
#include "historypanel.h"
#include "historystore.h"
#include "hostedchat.h"
#include "hostwindow.h"
#include "invitelink.h"
#include "lanchatsettings.h"
#include "settingsdialog.h"
#include "testsupport.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTextDocumentFragment>
#include <QToolTip>
#include <QTranslator>
#include <QUrlQuery>
#include <QWindow>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

class tst_HostWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void showsTokenAndInvite();
    void clientsAppearAndDisappear();
    void liveViewShowsMessagesAsPlainText();
    void liveViewFollowsOnlyAtTheBottom();
    void announcementTypedInGuiReachesClients();
    void operatorChatReachesClients();
    void kickWithReasonReachesEveryone();
    void banRefusesReconnectAndSurvivesRestart();
    void muteAndUnmute();
    void registeredNameIsReleasedAfterConfirmation();
    void historyPagesAndSearches();
    void historyExports();
    void settingsRestartWithNewToken();
    void stopAndStart();
    void fullHistoryShowsBanner();
    void damagedHistoryIsReportedNotReplaced_data();
    void damagedHistoryIsReportedNotReplaced();
    void busyPortOffersAFreeOne();
    void unreadCountWhileMinimised();
    void germanTranslationLoads();
    void hoveringHostileNamesShowsThemAsText();
    void windowTitlesShowNamesAsTheyAre();
    void inviteKeepsAwkwardTokensIntact();
    void clientsTableFitsTheWindow();
};

namespace {
template<typename T>
T *findNamed(QObject &root, const QString &name)
{
    T *object = root.findChild<T *>(name);
    if (!object)
        qWarning() << "no object named" << name;
    return object;
}

QJsonObject chat(const QString &text)
{
    return {{"type"_L1, "message"_L1}, {"text"_L1, text}};
}

QUrl wsUrl(quint16 port, const QString &username, const QString &token)
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port);
    url.setPath(u"/ws"_s);
    QUrlQuery query;
    query.addQueryItem(u"token"_s, token);
    query.addQueryItem(u"username"_s, username);
    url.setQuery(query);
    return url;
}

// The row of a username in the clients view (through its sort/filter proxy), or invalid.
QModelIndex clientRow(QTableView *view, const QString &username)
{
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, ClientTableModel::Username);
        if (index.data().toString() == username)
            return index;
    }
    return {};
}

// The console that shows the widget.
HostWindow *consoleOf(QWidget *widget)
{
    for (; widget; widget = widget->parentWidget()) {
        if (auto *console = qobject_cast<HostWindow *>(widget))
            return console;
    }
    return nullptr;
}

// Opens the panel of the console that holds the widget, as the operator would.
void showPanelOf(QWidget *widget, const QString &panelName)
{
    HostWindow *console = consoleOf(widget);
    QVERIFY(console);
    auto *panel = console->findChild<QWidget *>(panelName);
    QVERIFY(panel);
    console->showPanel(panel);
    QTRY_VERIFY(widget->isVisible());
}

// Opens the clients panel and clicks the client's row like the operator would.
bool selectClient(QTableView *view, const QString &username)
{
    showPanelOf(view, u"clientsPanel"_s);
    if (!QTest::qWaitFor([&] { return clientRow(view, username).isValid(); }, 5000))
        return false;
    const QModelIndex index = clientRow(view, username);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    const QModelIndexList selected = view->selectionModel()->selectedRows();
    return selected.size() == 1 && selected.first().data().toString() == username;
}

// The text of a cell of a table, as shown.
QString cellText(const QTableView *view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

bool liveContains(HostWindow &window, const QString &text)
{
    const EventTableModel *model = window.liveModel();
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        if (model->index(row, EventTableModel::Text).data().toString() == text)
            return true;
    }
    return false;
}

// Rests the mouse on the cell of an item view, as the operator would, and returns the text of
// the tooltip that appears then, as a reader sees it (empty: none appeared). Tooltips show only
// in the active window.
QString hoverToolTip(QAbstractItemView *view, const QModelIndex &index)
{
    QToolTip::hideText(); // hides after a short delay
    if (!QTest::qWaitFor([] { return !QToolTip::isVisible(); }, 5000))
        return {};
    view->scrollTo(index);
    const QPoint at = view->visualRect(index).center();
    QTest::mouseMove(view->viewport(), at + QPoint(0, 1));
    QTest::mouseMove(view->viewport(), at);
    if (!QTest::qWaitFor([] { return QToolTip::isVisible(); }, 5000))
        return {};
    const QString tip = QToolTip::text();
    QToolTip::hideText();
    return Qt::mightBeRichText(tip) ? QTextDocumentFragment::fromHtml(tip).toPlainText() : tip;
}

// The host's chat window with the operator tools; window is the console in its dock.
struct Console
{
    explicit Console(TestServer &server) : host(server), chat(host.window()), window(host.console())
    { }
    HostedChat host;
    ChatWindow &chat;
    HostWindow &window;
};
} // namespace

void tst_HostWindow::initTestCase()
{
#if !defined(__SANITIZE_ADDRESS__)
    // A tooltip that took a peer's name for HTML would read <img src="/dev/zero"> until memory
    // runs out: capped, that fails this suite at once instead of exhausting the machine.
    // (AddressSanitizer needs terabytes of address space and caps allocations itself.)
    const rlimit cap {rlim_t(4) << 30, rlim_t(4) << 30};
    QCOMPARE(setrlimit(RLIMIT_AS, &cap), 0);
#endif
    LanChat::registerMetaTypes();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LanChatTest"_s);
    QCoreApplication::setApplicationName(u"tst_hostwindow"_s);
}

void tst_HostWindow::init()
{
    QSettings().clear();
}

void tst_HostWindow::showsTokenAndInvite()
{
    TestServer server(u"invite-token"_s);
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    auto *token = findNamed<QLineEdit>(window, u"tokenField"_s);
    QVERIFY(token);
    QTRY_COMPARE(token->text(), u"invite-token"_s);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    QTest::mouseClick(findNamed<QPushButton>(window, u"showTokenButton"_s), Qt::LeftButton);
    QCOMPARE(token->echoMode(), QLineEdit::Normal);
    QVERIFY(findNamed<QLabel>(window, u"stateLabel"_s)
                ->text()
                .contains(QString::number(server.port())));
    QVERIFY(findNamed<QLabel>(window, u"addressLabel"_s)
                ->text()
                .contains(u"127.0.0.1:%1"_s.arg(server.port())));

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
    QCOMPARE(invite, window.inviteText());
}

void tst_HostWindow::clientsAppearAndDisappear()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    auto *view = findNamed<QTableView>(window, u"clientView"_s);
    QVERIFY(view);
    showPanelOf(view, u"clientsPanel"_s);
    TestClient ann, ben;
    QVERIFY(ann.join(server.wsUrl(u"Ann"_s)));
    QVERIFY(ben.join(server.wsUrl(u"Ben"_s)));
    QTRY_COMPARE(view->model()->rowCount(), 2 + 1); // and the host's own client, last by name
    QCOMPARE(view->model()->index(0, ClientTableModel::Username).data().toString(), u"Ann"_s);
    QCOMPARE(view->model()
                 ->index(0, ClientTableModel::Address)
                 .data()
                 .toString()
                 .contains(u"127.0.0.1"_s),
             true);
    QTRY_COMPARE(findNamed<QLabel>(window, u"clientsLabel"_s)->text(), u"3 connected"_s);

    // Messages sent show in the table, live.
    ann.send(chat(u"one"_s));
    ann.send(chat(u"two"_s));
    QTRY_COMPARE(
        clientRow(view, u"Ann"_s).siblingAtColumn(ClientTableModel::Messages).data().toULongLong(),
        2u);

    // Sorting by messages (header click), filtering by name.
    QTest::mouseClick(
        view->horizontalHeader()->viewport(), Qt::LeftButton, {},
        QPoint(view->horizontalHeader()->sectionViewportPosition(ClientTableModel::Messages) + 5,
               view->horizontalHeader()->height() / 2));
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), int(ClientTableModel::Messages));
    auto *filter = findNamed<QLineEdit>(window, u"clientFilter"_s);
    QTest::keyClicks(filter, u"be"_s);
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data().toString(), u"Ben"_s);
    filter->clear();

    ben.socket().close();
    QTRY_COMPARE(view->model()->rowCount(), 1 + 1);
    QVERIFY(clientRow(view, u"Ann"_s).isValid());
    QVERIFY(!clientRow(view, u"Ben"_s).isValid());
    QTRY_COMPARE(findNamed<QLabel>(window, u"clientsLabel"_s)->text(), u"2 connected"_s);
}

void tst_HostWindow::liveViewShowsMessagesAsPlainText()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    TestClient client;
    QVERIFY(client.join(server.wsUrl(u"mallory"_s)));
    const QString html = u"<b>bold</b><img src=\"/etc/hosts\">"_s;
    client.send(chat(html));
    QVERIFY(!client.waitFor(u"message"_s).isEmpty());

    auto *view = findNamed<QTableView>(window, u"liveView"_s);
    QVERIFY(view);
    QCOMPARE(view->model(), window.liveModel());
    QTRY_VERIFY(liveContains(window, html));
    QVERIFY(liveContains(window, u"mallory joined"_s));
    const EventTableModel *model = window.liveModel();
    QCOMPARE(model->index(model->rowCount() - 1, EventTableModel::Sender).data().toString(),
             u"mallory"_s);
    QVERIFY(
        !model->index(model->rowCount() - 1, EventTableModel::Time).data().toString().isEmpty());
    QCOMPARE(model->maximumRows(), HostWindow::MaxLiveRows);
    // No widget in the window renders rich text from the message.
    const QList<QLabel *> labels = console.chat.findChildren<QLabel *>();
    for (const QLabel *label : labels)
        QVERIFY(!label->text().contains(u"<b>"_s) || label->textFormat() == Qt::PlainText);
}

void tst_HostWindow::liveViewFollowsOnlyAtTheBottom()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    auto *view = findNamed<QTableView>(window, u"liveView"_s);
    showPanelOf(view, u"livePanel"_s);
    TestClient client;
    QVERIFY(client.join(server.wsUrl(u"talker"_s)));
    for (int i = 0; i < 200; ++i)
        client.send(chat(u"line %1"_s.arg(i)));
    QTRY_VERIFY(liveContains(window, u"line 199"_s));
    QScrollBar *bar = view->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());

    // Scrolled up, new messages do not move the view.
    bar->setValue(0);
    client.send(chat(u"while reading"_s));
    QTRY_VERIFY(liveContains(window, u"while reading"_s));
    QCOMPARE(bar->value(), 0);
    // Back at the bottom, it follows again.
    bar->setValue(bar->maximum());
    client.send(chat(u"following"_s));
    QTRY_VERIFY(liveContains(window, u"following"_s));
    QTRY_COMPARE(bar->value(), bar->maximum());
}

void tst_HostWindow::announcementTypedInGuiReachesClients()
{
    TestServer server;
    server.config().operatorName = u"Host"_s;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    TestClient a, b;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));

    auto *field = findNamed<QLineEdit>(window, u"announcementField"_s);
    QVERIFY(field);
    QTRY_VERIFY(findNamed<QPushButton>(window, u"announceButton"_s)->isEnabled());
    // Ctrl+L focuses the announcement field.
    QTest::keyClick(&console.chat, Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(field->hasFocus());
    QTest::keyClicks(field, u"Lunch in 5 minutes"_s);
    QTest::keyClick(field, Qt::Key_Return);
    QVERIFY(field->text().isEmpty());
    for (TestClient *client : {&a, &b}) {
        const QJsonObject announcement = client->waitFor(u"announcement"_s);
        QCOMPARE(announcement.value("text"_L1).toString(), u"Lunch in 5 minutes"_s);
        QCOMPARE(announcement.value("username"_L1).toString(), u"Host"_s);
    }
    QTRY_VERIFY(liveContains(window, u"Announcement: Lunch in 5 minutes"_s));
}

void tst_HostWindow::operatorChatReachesClients()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    TestClient a, b;
    QVERIFY(a.join(server.wsUrl(u"a"_s)));
    QVERIFY(b.join(server.wsUrl(u"b"_s)));
    auto *name = findNamed<QLineEdit>(window, u"operatorNameField"_s);
    auto *field = findNamed<QLineEdit>(window, u"chatField"_s);
    showPanelOf(field, u"broadcastPanel"_s);
    QTRY_VERIFY(findNamed<QPushButton>(window, u"chatButton"_s)->isEnabled());
    name->clear();
    QTest::keyClicks(name, u"Olga"_s);
    QTest::keyClicks(field, u"Hello from the host"_s);
    QTest::mouseClick(findNamed<QPushButton>(window, u"chatButton"_s), Qt::LeftButton);
    for (TestClient *client : {&a, &b}) {
        const QJsonObject message = client->waitFor(u"message"_s);
        QCOMPARE(message.value("text"_L1).toString(), u"Hello from the host"_s);
        QCOMPARE(message.value("username"_L1).toString(), u"Olga"_s);
        QCOMPARE(message.value("operator"_L1).toBool(), true);
    }
    QTRY_VERIFY(liveContains(window, u"Hello from the host"_s));
}

void tst_HostWindow::kickWithReasonReachesEveryone()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    TestClient troll, witness;
    QVERIFY(troll.join(server.wsUrl(u"troll"_s)));
    QVERIFY(witness.join(server.wsUrl(u"witness"_s)));
    auto *view = findNamed<QTableView>(window, u"clientView"_s);
    QVERIFY(selectClient(view, u"troll"_s));
    QVERIFY(findNamed<QAction>(window, u"kickAction"_s)->isEnabled());

    QTest::keyClick(&console.chat, Qt::Key_K, Qt::ControlModifier);
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<QInputDialog *>(u"kickDialog"_s)));
    QTRY_VERIFY(dialog->isVisible());
    auto *reasonField = dialog->findChild<QLineEdit *>();
    QVERIFY(reasonField);
    QTest::keyClicks(reasonField, u"spamming"_s);
    QTest::keyClick(reasonField, Qt::Key_Return);

    QCOMPARE(troll.waitFor(u"kicked"_s).value("reason"_L1).toString(), u"spamming"_s);
    QVERIFY(troll.waitForDisconnect());
    const QJsonObject leave = witness.waitFor(u"leave"_s);
    QCOMPARE(leave.value("username"_L1).toString(), u"troll"_s);
    QCOMPARE(leave.value("kicked"_L1).toBool(), true);
    QTRY_VERIFY(liveContains(window, u"troll was kicked: spamming"_s));
    QTRY_COMPARE(view->model()->rowCount(), 1 + 1); // the witness and the host
    auto *log = findNamed<QTableView>(window, u"moderationLog"_s);
    QTRY_COMPARE(log->model()->rowCount(), 1);
    QCOMPARE(cellText(log, 0, 2), u"kick"_s);
    QCOMPARE(cellText(log, 0, 3), u"troll"_s);
    QCOMPARE(cellText(log, 0, 4), u"spamming"_s);
}

void tst_HostWindow::banRefusesReconnectAndSurvivesRestart()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    TestClient troll, witness;
    QVERIFY(troll.join(server.wsUrl(u"troll"_s)));
    QVERIFY(witness.join(server.wsUrl(u"witness"_s)));
    auto *view = findNamed<QTableView>(window, u"clientView"_s);
    QVERIFY(selectClient(view, u"troll"_s));

    QTest::keyClick(&console.chat, Qt::Key_B, Qt::ControlModifier);
    BanDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<BanDialog *>(u"banDialog"_s)));
    QCOMPARE(findNamed<QLineEdit>(*dialog, u"banUsername"_s)->text(), u"troll"_s);
    QTest::keyClicks(findNamed<QLineEdit>(*dialog, u"banReason"_s), u"trolling"_s);
    dialog->setDuration(1, BanDialog::Unit::Permanent);
    QCOMPARE(dialog->request().durationSeconds, 0);
    QCOMPARE(dialog->request().byUsername, true);
    QCOMPARE(dialog->request().byAddress, false);
    dialog->accept();

    QVERIFY(troll.waitFor(u"kicked"_s).value("reason"_L1).toString().contains("trolling"_L1));
    QVERIFY(troll.waitForDisconnect());
    QVERIFY(witness.waitFor(u"leave"_s).value("kicked"_L1).toBool());
    auto *bans = findNamed<QTableView>(window, u"banList"_s);
    QTRY_COMPARE(bans->model()->rowCount(), 1);
    QCOMPARE(cellText(bans, 0, 0), u"troll"_s);
    QCOMPARE(cellText(bans, 0, 3), u"trolling"_s);

    TestClient again;
    again.open(server.wsUrl(u"troll"_s));
    QVERIFY(again.waitForDisconnect());
    QCOMPARE(again.closeCode(), 4003);

    // Restart from the GUI: the ban comes back from the database.
    QSignalSpy started(&server.controller(), &ServerController::started);
    auto *restart = findNamed<QAction>(window, u"restartAction"_s);
    QCOMPARE(restart->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    restart->trigger();
    QVERIFY(started.wait(10000));
    QTRY_COMPARE(bans->model()->rowCount(), 1);
    const quint16 port = server.controller().status().port;
    TestClient afterRestart;
    afterRestart.open(wsUrl(port, u"Troll"_s, server.token()));
    QVERIFY(afterRestart.waitForDisconnect());
    QCOMPARE(afterRestart.closeCode(), 4003);

    // Unban from the list lets them back in.
    showPanelOf(bans, u"bansPanel"_s);
    bans->setCurrentIndex(bans->model()->index(0, 0));
    auto *unban = findNamed<QPushButton>(window, u"unbanButton"_s);
    QVERIFY(unban->isEnabled());
    QTest::mouseClick(unban, Qt::LeftButton);
    QTRY_COMPARE(bans->model()->rowCount(), 0);
    TestClient back;
    QVERIFY(back.join(wsUrl(port, u"troll"_s, server.token())));
}

// The registered names with first and last seen and online; Release… asks first, then frees the
// name (moderation log `release`) without disconnecting its owner.
void tst_HostWindow::registeredNameIsReleasedAfterConfirmation()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    const quint16 port = server.controller().status().port;
    const auto withIdentity = [port, &server](const QString &identity) {
        QUrl url = wsUrl(port, u"mallory"_s, server.token());
        QUrlQuery query(url);
        query.addQueryItem(u"identity"_s, identity);
        url.setQuery(query);
        return url;
    };
    TestClient owner;
    QVERIFY(owner.join(withIdentity(u"b3duZXItb2YtbWFsbG9yeS0xMjM0NTY3ODkwMTIzNDU2Nzg"_s)));
    auto *list = findNamed<QTableView>(window, u"registeredList"_s);
    showPanelOf(list, u"registeredPanel"_s);
    const auto rowOf = [list](const QString &name) {
        for (int row = 0; row < list->model()->rowCount(); ++row) {
            if (cellText(list, row, 0) == name)
                return row;
        }
        return -1;
    };
    QTRY_VERIFY(rowOf(u"mallory"_s) >= 0);
    const int row = rowOf(u"mallory"_s);
    QCOMPARE(cellText(list, row, 3), u"online"_s);
    QVERIFY(!cellText(list, row, 1).isEmpty());
    auto *release = findNamed<QPushButton>(window, u"releaseButton"_s);
    QVERIFY(!release->isEnabled());
    list->setCurrentIndex(list->model()->index(row, 0));
    QVERIFY(release->isEnabled());

    // Cancel keeps it.
    QTest::mouseClick(release, Qt::LeftButton);
    QMessageBox *confirmation = nullptr;
    QTRY_VERIFY((confirmation = window.findChild<QMessageBox *>(u"releaseConfirmation"_s)));
    QVERIFY(confirmation->text().contains(u"mallory"_s));
    QTest::mouseClick(confirmation->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!window.findChild<QMessageBox *>(u"releaseConfirmation"_s));
    QVERIFY(rowOf(u"mallory"_s) >= 0);

    QTest::mouseClick(release, Qt::LeftButton);
    QTRY_VERIFY((confirmation = window.findChild<QMessageBox *>(u"releaseConfirmation"_s)));
    QTest::mouseClick(confirmation->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(rowOf(u"mallory"_s), -1);
    auto *log = findNamed<QTableView>(window, u"moderationLog"_s);
    QTRY_VERIFY(log->model()->rowCount() >= 1);
    QCOMPARE(cellText(log, 0, 2), u"release"_s);
    QCOMPARE(cellText(log, 0, 3), u"mallory"_s);
    QCOMPARE(owner.socket().state(), QAbstractSocket::ConnectedState); // nobody disconnected
}

void tst_HostWindow::muteAndUnmute()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    TestClient loud, quiet;
    QVERIFY(loud.join(server.wsUrl(u"loud"_s)));
    QVERIFY(quiet.join(server.wsUrl(u"quiet"_s)));
    auto *view = findNamed<QTableView>(window, u"clientView"_s);
    QVERIFY(selectClient(view, u"loud"_s));
    QTest::keyClick(&console.chat, Qt::Key_M, Qt::ControlModifier); // 15 minutes
    QCOMPARE(loud.waitFor(u"error"_s).value("code"_L1).toString(), u"muted"_s);
    QTRY_VERIFY(!clientRow(view, u"loud"_s)
                     .siblingAtColumn(ClientTableModel::Muted)
                     .data()
                     .toString()
                     .isEmpty());
    loud.send(chat(u"SHOUT"_s));
    QCOMPARE(loud.waitFor(u"error"_s).value("code"_L1).toString(), u"muted"_s);

    QVERIFY(selectClient(view, u"loud"_s));
    QTRY_VERIFY(findNamed<QAction>(window, u"unmuteAction"_s)->isEnabled());
    QTest::keyClick(&console.chat, Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(clientRow(view, u"loud"_s)
                    .siblingAtColumn(ClientTableModel::Muted)
                    .data()
                    .toString()
                    .isEmpty());
    loud.send(chat(u"sorry"_s));
    QCOMPARE(quiet.waitFor(u"message"_s).value("text"_L1).toString(), u"sorry"_s);
    auto *log = findNamed<QTableView>(window, u"moderationLog"_s);
    QTRY_COMPARE(log->model()->rowCount(), 2);
    QCOMPARE(cellText(log, 0, 2), u"unmute"_s);
    QCOMPARE(cellText(log, 1, 2), u"mute"_s);
}

void tst_HostWindow::historyPagesAndSearches()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    TestClient ann, ben;
    QVERIFY(ann.join(server.wsUrl(u"Ann"_s)));
    QVERIFY(ben.join(server.wsUrl(u"Ben"_s)));
    for (int i = 0; i < 240; ++i)
        ann.send(chat(u"line %1"_s.arg(i)));
    // Two clients' messages have no order between them until stored: Ben writes once Ann's 240
    // are acknowledged, so that his is the newest.
    QTRY_COMPARE_WITH_TIMEOUT(ann.frames(u"message"_s).size(), 240, 10000);
    ben.send(chat(u"<i>ben</i> was here"_s));
    QTRY_COMPARE_WITH_TIMEOUT(ann.frames(u"message"_s).size(), 241, 10000);

    HistoryPanel *history = window.historyPanel();
    // Ctrl+F: the History tab with the cursor in its search field.
    QTest::keyClick(&console.chat, Qt::Key_F, Qt::ControlModifier);
    auto *text = findNamed<QLineEdit>(*history, u"historyTextField"_s);
    QTRY_VERIFY(text->hasFocus());
    QVERIFY(history->isVisible());
    QTest::keyClick(text, Qt::Key_Return); // (re)load: the newest page
    // 3 joins (the host's own client's first) + 241 messages = 244 events; the newest 100 first.
    QTRY_COMPARE(history->model()->rowCount(), HistoryPanel::PageSize);
    QTRY_VERIFY(!history->isLoading());
    QCOMPARE(history->model()->event(HistoryPanel::PageSize - 1).text, u"<i>ben</i> was here"_s);
    QCOMPARE(history->model()->index(HistoryPanel::PageSize - 1, EventTableModel::Text).data(),
             QVariant(u"<i>ben</i> was here"_s));
    QScrollBar *bar = history->view()->verticalScrollBar();
    QTRY_COMPARE(bar->value(), bar->maximum());

    // Scrolling to the top loads the page before, and keeps the row in view.
    QTest::keyClick(history->view(), Qt::Key_Home, Qt::ControlModifier);
    QTRY_COMPARE(history->model()->rowCount(), 2 * HistoryPanel::PageSize);
    QVERIFY(bar->value() > 0);
    bar->setValue(0);
    QTRY_COMPARE(history->model()->rowCount(), 244);
    QTRY_VERIFY(!history->hasMore());
    QCOMPARE(history->model()->event(0).kind, ChatEvent::Kind::Join);

    // Search by text, then by user.
    text->clear();
    QTest::keyClicks(text, u"LINE 23"_s);
    QTest::keyClick(text, Qt::Key_Return);
    QTRY_COMPARE(history->model()->rowCount(), 11); // line 23, line 230 … 239
    QCOMPARE(history->model()->event(0).text, u"line 23"_s);
    text->clear();
    auto *user = findNamed<QLineEdit>(*history, u"historyUserField"_s);
    QTest::keyClicks(user, u"ben"_s);
    QTest::mouseClick(findNamed<QPushButton>(*history, u"historySearchButton"_s), Qt::LeftButton);
    QTRY_COMPARE(history->model()->rowCount(), 2); // the join and the message
    QCOMPARE(history->model()->event(1).username, u"Ben"_s);
}

void tst_HostWindow::historyExports()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    TestClient ann;
    QVERIFY(ann.join(server.wsUrl(u"Ann"_s)));
    ann.send(chat(u"first <b>"_s));
    ann.send(chat(u"second"_s));
    QTRY_COMPARE(ann.frames(u"message"_s).size(), 2);

    QTemporaryDir out;
    HistoryPanel *history = window.historyPanel();
    auto *status = findNamed<QLabel>(*history, u"historyStatus"_s);
    const QString textPath = out.filePath(u"history.txt"_s);
    history->exportTo(textPath, false);
    QTRY_VERIFY(status->text().startsWith(u"Exported 4 events"_s)); // the host's join too
    QFile textFile(textPath);
    QVERIFY(textFile.open(QIODevice::ReadOnly));
    QVERIFY(textFile.readAll().contains("Ann: first <b>"));

    const QString jsonPath = out.filePath(u"history.json"_s);
    findNamed<QLineEdit>(*history, u"historyTextField"_s)->setText(u"second"_s);
    history->exportTo(jsonPath, true);
    QTRY_VERIFY(status->text().startsWith(u"Exported 1 events"_s));
    QFile jsonFile(jsonPath);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(jsonFile.readAll()).array().size(), 1);

    history->exportTo(out.filePath(u"no/such/dir/x.txt"_s), false);
    QTRY_VERIFY(status->text().contains(u"failed"_s));

    // Direct messages are left out unless the operator asks for them.
    const auto registered = [&](const QString &name) {
        QUrl url = server.wsUrl(name);
        url.setQuery(url.query() + u"&identity=identity-of-"_s + name + u"-0123456789abcdef"_s);
        return url;
    };
    TestClient cat, dan;
    QVERIFY(cat.join(registered(u"cat"_s)));
    QVERIFY(dan.join(registered(u"dan"_s)));
    cat.send({{"type"_L1, "message"_L1}, {"to"_L1, "dan"_L1}, {"text"_L1, "just us"_L1}});
    dan.waitFor(u"message"_s);
    findNamed<QLineEdit>(*history, u"historyTextField"_s)->clear();
    const auto exported = [&](bool includeDirect) {
        findNamed<QCheckBox>(*history, u"historyIncludeDirect"_s)->setChecked(includeDirect);
        const QString path = out.filePath(u"dm-%1.txt"_s.arg(includeDirect));
        history->exportTo(path, false);
        if (!QTest::qWaitFor([&] { return status->text().startsWith(u"Exported"_s); }, 10000))
            return QByteArray();
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QByteArray without = exported(false);
    QVERIFY(without.contains("Ann: first <b>"));
    QVERIFY(!without.contains("just us"));
    QVERIFY(exported(true).contains("just us"));
}

void tst_HostWindow::settingsRestartWithNewToken()
{
    TestServer server(u"old-token"_s);
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    TestClient before;
    QVERIFY(before.join(server.wsUrl(u"before"_s)));

    QTest::keyClick(&console.chat, Qt::Key_Comma, Qt::ControlModifier);
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>(u"settingsDialog"_s)));
    auto *token = findNamed<QLineEdit>(*dialog, u"tokenSetting"_s);
    QCOMPARE(token->text(), u"old-token"_s);
    QCOMPARE(findNamed<QLineEdit>(*dialog, u"dataDirField"_s)->text(), server.dataDir());
    QTest::mouseClick(findNamed<QPushButton>(*dialog, u"generateTokenButton"_s), Qt::LeftButton);
    QVERIFY(token->text().size() >= 20);
    token->clear();
    QTest::keyClicks(token, u"new-token"_s);
    QTest::keyClicks(findNamed<QLineEdit>(*dialog, u"operatorNameSetting"_s), u"Quinn"_s);
    QSignalSpy started(&server.controller(), &ServerController::started);
    dialog->accept();

    QVERIFY(before.waitForDisconnect());
    QVERIFY(started.wait(10000));
    QTRY_COMPARE(findNamed<QLineEdit>(window, u"tokenField"_s)->text(), u"new-token"_s);
    QCOMPARE(QSettings().value(u"server/token"_s).toString(), u"new-token"_s);
    QCOMPARE(QSettings().value(u"server/dataDir"_s).toString(), server.dataDir());
    const quint16 port = server.controller().status().port;
    TestClient refused;
    refused.open(wsUrl(port, u"x"_s, u"old-token"_s));
    QVERIFY(refused.waitForDisconnect());
    TestClient after;
    QVERIFY(after.join(wsUrl(port, u"after"_s, u"new-token"_s)));
}

void tst_HostWindow::stopAndStart()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    auto *state = findNamed<QLabel>(window, u"stateLabel"_s);
    auto *stop = findNamed<QAction>(window, u"stopAction"_s);
    auto *start = findNamed<QAction>(window, u"startAction"_s);
    QTRY_VERIFY(stop->isEnabled());
    QVERIFY(!start->isEnabled());
    QSignalSpy stopped(&server.controller(), &ServerController::stopped);
    stop->trigger();
    QVERIFY(stopped.wait(10000));
    QCOMPARE(state->text(), u"Stopped"_s);
    QVERIFY(start->isEnabled());
    QVERIFY(!findNamed<QPushButton>(window, u"announceButton"_s)->isEnabled());
    QSignalSpy started(&server.controller(), &ServerController::started);
    start->trigger();
    QVERIFY(started.wait(10000));
    QTRY_VERIFY(state->text().startsWith(u"Listening"_s));
}

void tst_HostWindow::fullHistoryShowsBanner()
{
    TestServer server;
    server.config().maxHistoryBytes = 64 * 1024;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    QVERIFY(window.problemText().isEmpty());
    auto *banner = findNamed<QLabel>(window, u"problemBanner"_s);
    QVERIFY(!banner->isVisible());
    TestClient client;
    QVERIFY(client.join(server.wsUrl(u"chatty"_s)));
    const QString big(4000, u'b');
    for (int n = 0; n < 100 && client.frames(u"error"_s).isEmpty(); ++n) {
        client.send(chat(big));
        QTRY_COMPARE_WITH_TIMEOUT(
            client.frames(u"message"_s).size() + client.frames(u"error"_s).size(), n + 1, 5000);
    }
    QCOMPARE(client.frames(u"error"_s).size(), 1);
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(window.problemText().contains(u"not being stored"_s)
                 && window.problemText().contains(u"is full"_s),
             qPrintable(window.problemText()));

    // The operator raises the limit in the settings: the server restarts with it, the banner
    // goes, and the chat stores messages again.
    window.openSettings();
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>(u"settingsDialog"_s)));
    auto *limit = findNamed<QSpinBox>(*dialog, u"maxHistoryField"_s);
    QCOMPARE(limit->value(), 1); // 64 KiB, shown in whole MiB
    limit->setValue(2);
    QSignalSpy started(&server.controller(), &ServerController::started);
    dialog->accept();
    QVERIFY(started.wait(10000));
    QCOMPARE(window.serverConfig().maxHistoryBytes, 2 * 1024 * 1024);
    QCOMPARE(QSettings().value(u"limits/maxHistorySizeMiB"_s).toInt(), 2);
    QVERIFY(!banner->isVisible());
    TestClient again;
    QVERIFY(again.join(wsUrl(server.controller().status().port, u"again"_s, server.token())));
    again.send(chat(big));
    QCOMPARE(again.waitFor(u"message"_s).value("text"_L1).toString(), big);
    QVERIFY(again.frames(u"error"_s).isEmpty());
}

void tst_HostWindow::damagedHistoryIsReportedNotReplaced_data()
{
    QTest::addColumn<bool>("pagesOnly");
    QTest::addRow("not a database: the open refuses it") << false;
    // A sound header and schema over damaged pages: the check that runs once the server listens
    // finds it, and the server stops itself before its first write.
    QTest::addRow("garbage pages: the check after the start") << true;
}

// A damaged database file stops the start (or the server, once its check is done) with a dialog
// that names the file and the problem; the window says so too, and the file stays as it was.
void tst_HostWindow::damagedHistoryIsReportedNotReplaced()
{
    QFETCH(bool, pagesOnly);
    TestServer server;
    const QString path = server.dataDir() + u"/history.sqlite"_s;
    QByteArray garbage = QByteArray("not a database, just some bytes ").repeated(300);
    if (pagesOnly) {
        QVERIFY(writeLargeHistory(path, 500, 40));
        QFile sound(path);
        QVERIFY(sound.open(QIODevice::ReadOnly));
        garbage = sound.readAll();
        for (qsizetype i = 2 * 4096; i < 6 * 4096; ++i)
            garbage[i] = char(i * 7919 % 251);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(garbage);
    file.close();
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QSignalSpy startFailed(&server.controller(), &ServerController::startFailed);
    QSignalSpy failed(&server.controller(), &ServerController::failed);
    QSignalSpy stopped(&server.controller(), &ServerController::stopped);
    server.controller().start(server.config());
    if (pagesOnly) {
        QVERIFY(stopped.wait(10000));
        QCOMPARE(failed.size(), 1);
    } else {
        QVERIFY(startFailed.wait(10000));
    }
    QTRY_VERIFY(window.findChild<QMessageBox *>(u"startFailedBox"_s));
    auto *box = window.findChild<QMessageBox *>(u"startFailedBox"_s);
    QVERIFY2(box->text().contains(path) && box->text().contains(u"damaged"_s),
             qPrintable(box->text()));
    QVERIFY(window.problemText().startsWith(u"Not hosting:"_s));
    QCOMPARE(findNamed<QLabel>(window, u"stateLabel"_s)->text(),
             pagesOnly ? u"Stopped"_s : u"Not running"_s);
    box->close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == garbage);
}

// A start on a port something else holds: the window offers a port found free, and choosing it
// saves it and hosts there.
void tst_HostWindow::busyPortOffersAFreeOne()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    TestServer server;
    server.config().port = occupant.serverPort();
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QSignalSpy started(&server.controller(), &ServerController::started);
    server.controller().start(server.config());
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QMessageBox *>(u"portConflictDialog"_s), 10000);
    auto *dialog = window.findChild<QMessageBox *>(u"portConflictDialog"_s);
    QVERIFY(!window.findChild<QMessageBox *>(u"startFailedBox"_s)); // not the bare error
    QVERIFY2(dialog->text().contains(QString::number(occupant.serverPort())),
             qPrintable(dialog->text()));
    QVERIFY(dialog->findChild<QPushButton *>(u"portSettingsButton"_s));
    auto *use = dialog->findChild<QPushButton *>(u"usePortButton"_s);
    QVERIFY(use);
    const QString label = use->text().remove(u'&');
    const quint16 offered = label.section(u' ', -1).toUShort();
    QVERIFY2(offered != 0 && offered != occupant.serverPort(), qPrintable(label));
    QTest::mouseClick(use, Qt::LeftButton);
    QVERIFY(started.wait(10000));
    QCOMPARE(started.first().first().value<ServerStatus>().port, offered);
    QCOMPARE(Settings::ServerPort.value(QSettings()), offered);
    server.controller().stop();
}

// The host's chat window counts what arrives while it is out of sight, in its title too (the
// stand-alone console's tray count before it).
void tst_HostWindow::unreadCountWhileMinimised()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    ChatWindow &chatWindow = console.chat;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    TestClient ann;
    QVERIFY(ann.join(server.wsUrl(u"Ann"_s)));
    ann.send(chat(u"seen"_s));
    QTRY_VERIFY(liveContains(window, u"seen"_s));
    QCOMPARE(chatWindow.unreadCount(), 0);
    chatWindow.showMinimized();
    QTRY_VERIFY(chatWindow.isMinimized());
    // Offscreen, minimising leaves the window active; on a desktop another one takes over.
    QWidget other;
    other.show();
    QApplication::setActiveWindow(&other);
    QTRY_VERIFY(!chatWindow.isActiveWindow());
    ann.send(chat(u"unseen 1"_s));
    ann.send(chat(u"unseen 2"_s));
    QTRY_COMPARE(chatWindow.unreadCount(), 2);
    QVERIFY(chatWindow.windowTitle().startsWith(u"(2)"_s));
    chatWindow.showNormal();
    QApplication::setActiveWindow(&chatWindow);
    QTRY_COMPARE(chatWindow.unreadCount(), 0);
}

void tst_HostWindow::germanTranslationLoads()
{
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/lanchat_de.qm"_s));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    {
        TestServer server;
        Console console(server);
        HostWindow &window = console.window;
        QCOMPARE(console.chat.windowTitle(), u"zz-host (Gastgeber)"_s);
        QCOMPARE(findNamed<QPushButton>(window, u"copyInviteButton"_s)->text(),
                 u"Einladung &kopieren"_s);
        QCOMPARE(findNamed<QAction>(window, u"kickAction"_s)->text(), u"&Hinauswerfen…"_s);
        QCOMPARE(window.liveModel()->headerData(EventTableModel::Sender, Qt::Horizontal),
                 QVariant(u"Von"_s));
        QCOMPARE(window.clientModel()->headerData(ClientTableModel::Username, Qt::Horizontal),
                 QVariant(u"Benutzer"_s));
        QCOMPARE(findNamed<QLabel>(window, u"clientsLabel"_s)->text(),
                 QCoreApplication::translate("StatusPanel", "No one connected"));
        QVERIFY(findNamed<QLabel>(window, u"clientsLabel"_s)->text() != u"No one connected"_s);
        SettingsDialog settings({}, &window);
        QCOMPARE(settings.windowTitle(), u"LanChat-Einstellungen"_s);
        BanDialog ban(ClientInfo(), &window);
        QCOMPARE(ban.windowTitle(), u"Sperren"_s);
    }
    QCoreApplication::removeTranslator(&translator);
}

// Names and texts from peers are text, never markup, wherever the operator rests the mouse: a
// tooltip that took <img src="/dev/zero"> for HTML would read /dev/zero until memory ran out and
// take the server down with the window. Names reach the console live (a client, the operator's
// own chat name) and from a history written by older versions, whatever today's rules allow.
void tst_HostWindow::hoveringHostileNamesShowsThemAsText()
{
    const QString hostile = u"<img src=\"/dev/zero\">"_s;
    const QString bold = u"<b>not bold</b> & <i>co</i>"_s;
    TestServer server;
    {
        // Written before this version, under rules that let any name through.
        HistoryStore old(u"tst_hostwindow_old"_s);
        QVERIFY(old.open(server.dataDir() + u"/history.sqlite"_s));
        PendingEvent stored;
        stored.event.kind = ChatEvent::Kind::Message;
        stored.event.timestampMs = QDateTime::currentMSecsSinceEpoch();
        stored.event.username = hostile;
        stored.event.text = bold;
        stored.userKey = hostile;
        QList<StoredEvent> results;
        QVERIFY(old.append({stored}, &results));
    }
    Console console(server);
    HostWindow &window = console.window;
    console.chat.resize(1180, 720);
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());

    // The clients table, whatever the server's username rules let through.
    ClientInfo client;
    client.id = 424242;
    client.username = hostile;
    client.address = u"192.0.2.7"_s;
    client.connectedSinceMs = QDateTime::currentMSecsSinceEpoch();
    client.lastActivityMs = client.connectedSinceMs;
    window.clientModel()->applyChanges({client}, {});
    auto *clients = findNamed<QTableView>(window, u"clientView"_s);
    QVERIFY(clients);
    showPanelOf(clients, u"clientsPanel"_s);
    const QModelIndex clientCell = clientRow(clients, hostile);
    QVERIFY(clientCell.isValid());
    QCOMPARE(hoverToolTip(clients, clientCell), hostile);

    // The live table: the operator chatting under that name, a client writing markup.
    auto *name = findNamed<QLineEdit>(window, u"operatorNameField"_s);
    auto *field = findNamed<QLineEdit>(window, u"chatField"_s);
    showPanelOf(field, u"broadcastPanel"_s);
    QTRY_VERIFY(findNamed<QPushButton>(window, u"chatButton"_s)->isEnabled());
    name->clear();
    QTest::keyClicks(name, hostile);
    QTest::keyClicks(field, bold);
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_VERIFY(liveContains(window, bold));
    auto *live = findNamed<QTableView>(window, u"liveView"_s);
    showPanelOf(live, u"livePanel"_s);
    const EventTableModel *liveModel = window.liveModel();
    const int row = liveModel->rowCount() - 1;
    QCOMPARE(liveModel->index(row, EventTableModel::Sender).data().toString(), hostile);
    QCOMPARE(hoverToolTip(live, liveModel->index(row, EventTableModel::Sender)), hostile);
    QCOMPARE(hoverToolTip(live, liveModel->index(row, EventTableModel::Text)), bold);

    // The history tab, with the name an older version stored.
    {
        HistoryPanel *history = window.historyPanel();
        QTest::keyClick(&console.chat, Qt::Key_F, Qt::ControlModifier);
        auto *text = findNamed<QLineEdit>(*history, u"historyTextField"_s);
        QTRY_VERIFY(text->hasFocus());
        QTest::keyClick(text, Qt::Key_Return);
        QTRY_VERIFY(history->model()->rowCount() >= 2);
        QTRY_VERIFY(!history->isLoading());
        const QModelIndex first = history->model()->index(0, EventTableModel::Sender);
        QCOMPARE(first.data().toString(), hostile);
        QCOMPARE(hoverToolTip(history->view(), first), hostile);
    }
    QVERIFY(window.isVisible()); // and the process is still here
}

// A window title shows a name as written: "[*]" is Qt's placeholder for the modified mark.
void tst_HostWindow::windowTitlesShowNamesAsTheyAre()
{
    const QString name = u"x[*]y"_s;
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.activate());
    QVERIFY(console.host.start());
    TestClient client;
    QVERIFY(client.join(server.wsUrl(name)));
    auto *view = findNamed<QTableView>(window, u"clientView"_s);
    QVERIFY(selectClient(view, name));

    QTest::keyClick(&console.chat, Qt::Key_K, Qt::ControlModifier);
    QInputDialog *kick = nullptr;
    QTRY_VERIFY((kick = window.findChild<QInputDialog *>(u"kickDialog"_s)));
    QTRY_VERIFY(kick->windowHandle());
    QCOMPARE(kick->windowHandle()->title(), u"Kick x[*]y"_s);
    kick->reject();

    QTest::keyClick(&console.chat, Qt::Key_B, Qt::ControlModifier);
    BanDialog *ban = nullptr;
    QTRY_VERIFY((ban = window.findChild<BanDialog *>(u"banDialog"_s)));
    QTRY_VERIFY(ban->windowHandle());
    QCOMPARE(ban->windowHandle()->title(), u"Ban x[*]y"_s);
    ban->reject();
}

// The token goes into the invite percent-encoded: '#' would cut off the fingerprint (a TLS invite
// read as a plain one), '&' and '%' would change the token, a space would end the link.
void tst_HostWindow::inviteKeepsAwkwardTokensIntact()
{
    const QString token = u"t#o&k%e+n =ü?"_s;
    TestServer server(token);
    server.config().tls = true;
    Console console(server);
    HostWindow &window = console.window;
    QVERIFY(console.host.show());
    QVERIFY(console.host.start());
    QTRY_VERIFY(findNamed<QPushButton>(window, u"copyInviteButton"_s)->isEnabled());
    QTest::mouseClick(findNamed<QPushButton>(window, u"copyInviteButton"_s), Qt::LeftButton);
    const QString invite = QApplication::clipboard()->text();
    const InviteLink link = InviteLink::parse(invite);
    QVERIFY2(link.isValid(), qPrintable(invite));
    QCOMPARE(link.token(), token);
    QVERIFY(link.isTls());
    QCOMPARE(link.fingerprint(), server.status().certificateFingerprint);
    QCOMPARE(link.port(), server.port());
    // Each line on its own, the browser link too.
    const QStringList lines = invite.split(u'\n');
    int links = 0;
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (!trimmed.startsWith(u"lanchat://"_s) && !trimmed.startsWith(u"https://"_s))
            continue;
        ++links;
        const InviteLink one = InviteLink::parse(trimmed);
        QVERIFY2(one.isValid(), qPrintable(trimmed));
        QCOMPARE(one.token(), token);
        QVERIFY(one.isTls());
        QVERIFY2(!trimmed.contains(u' '), qPrintable(trimmed));
    }
    QCOMPARE(links, 2);
}

// At the width the clients table had in the stand-alone console (half of its 1,100 px window),
// with every column shown from the header's menu, every column of the clients table is in
// sight: no horizontal scroll bar, with long names, a muted client and a day-old connection.
// (At 420 px, with the columns a narrow dock starts with: tst_hostchat.)
void tst_HostWindow::clientsTableFitsTheWindow()
{
    TestServer server;
    Console console(server);
    HostWindow &window = console.window;
    console.chat.resize(1180, 720);
    QVERIFY(console.host.show());
    QDockWidget *dock = console.chat.operatorDock();
    console.chat.resizeDocks({dock}, {1100 / 2}, Qt::Horizontal);
    QTRY_COMPARE(dock->width(), 1100 / 2);
    QVERIFY(console.host.start());
    TestClient first, second;
    QVERIFY(first.join(server.wsUrl(u"Maximilian Mustermann-Schmidt"_s)));
    QVERIFY(second.join(server.wsUrl(u"Ann"_s)));
    auto *view = findNamed<QTableView>(window, u"clientView"_s);
    QTRY_COMPARE(view->model()->rowCount(), 2 + 1); // and the host's own client
    QVERIFY(selectClient(view, u"Ann"_s));
    window.muteSelected(3600);
    QTRY_VERIFY(!clientRow(view, u"Ann"_s)
                     .siblingAtColumn(ClientTableModel::Muted)
                     .data()
                     .toString()
                     .isEmpty());
    // Connected since yesterday: the long date format.
    ClientInfo old;
    old.id = 9999;
    old.username = u"yesterday"_s;
    old.address = u"192.168.178.123"_s;
    old.connectedSinceMs = QDateTime::currentMSecsSinceEpoch() - 36 * 3600 * 1000;
    old.lastActivityMs = old.connectedSinceMs;
    old.messageCount = 123456;
    window.clientModel()->applyChanges({old}, {});
    QTRY_COMPARE(view->model()->rowCount(), 3 + 1);
    QHeaderView *header = view->horizontalHeader();
    // Every column, as the header's menu shows them.
    auto *columns = window.findChild<QMenu *>(u"clientColumnMenu"_s);
    QVERIFY(columns);
    for (QAction *column : columns->actions()) {
        if (!column->isChecked())
            column->trigger();
    }
    for (int column = 0; column < header->count(); ++column)
        QVERIFY(!header->isSectionHidden(column));
    QTRY_VERIFY(header->length() > 0);
    // Measured once the view has laid out the new rows.
    QTRY_VERIFY(header->sectionSize(ClientTableModel::Address)
                >= view->fontMetrics().horizontalAdvance(old.address));
    QStringList widths;
    for (int column = 0; column < header->count(); ++column)
        widths << QString::number(header->sectionSize(column));
    QVERIFY2(header->length() <= view->viewport()->width(),
             qPrintable(u"columns need %1 px (%2), the view shows %3"_s.arg(header->length())
                            .arg(widths.join(u", "_s))
                            .arg(view->viewport()->width())));
    // The name keeps room for a short name.
    QVERIFY(header->sectionSize(ClientTableModel::Username)
            >= header->fontMetrics().horizontalAdvance(u"Maximilian"_s));
    QVERIFY(!view->horizontalScrollBar()->isVisible());
    // Chosen once, kept.
    QVERIFY(Settings::UiHiddenClientColumns.value(QSettings()).isEmpty());
}

QTEST_MAIN(tst_HostWindow)
#include "tst_hostwindow.moc"
