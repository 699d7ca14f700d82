// One LanChat window process per user session. In the process: the hand-over message format,
// what the running instance refuses (garbage, oversized, silent connections), a stale socket left
// by a crash. With the executable (QProcess, QT_QPA_PLATFORM=offscreen): a second start hands
// its invite to the first and exits 0 without needing a display, --new-instance opts out, starts
// racing each other end with exactly one running, a crashed first instance is replaced, an invite
// argument joins like --join, and --help, --version and bad values need no display.
#include "handovermessage.h"
#include "singleinstance.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <atomic>
#include <csignal>
#include <cstring>
#include <memory>
#include <thread>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Runs handOverOrClaim() in a thread of its own, as another process would, while the test's
// thread runs the listening instance's event loop.
SingleInstance::Outcome handOverFromAnotherThread(const QString &socketPath,
                                                  const HandOverMessage &message, QString *error)
{
    std::atomic<bool> done = false;
    SingleInstance::Outcome outcome = SingleInstance::Outcome::Failed;
    std::thread other([&] {
        SingleInstance instance(socketPath);
        outcome = instance.handOverOrClaim(message, error);
        done = true;
    });
    // The other thread's timeouts end it in well under this.
    if (!QTest::qWaitFor([&] { return done.load(); }, 30000))
        qWarning("the handing-over thread did not finish");
    other.join();
    return outcome;
}

// An instance that claimed the socket path and listens there, as the first LanChat does.
std::unique_ptr<SingleInstance> listeningInstance(const QString &socketPath)
{
    auto instance = std::make_unique<SingleInstance>(socketPath);
    QString error;
    if (instance->handOverOrClaim(HandOverMessage::activate(), &error)
            != SingleInstance::Outcome::Claimed
        || !instance->listen(&error)) {
        qWarning("cannot listen at %s: %s", qPrintable(socketPath), qPrintable(error));
        return nullptr;
    }
    return instance;
}

// Sends raw bytes to the running instance and returns its answer (empty when it closed without
// one).
QByteArray sendRaw(const QString &socketPath, const QByteArray &bytes)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(2000))
        return "(no connection)";
    socket.write(bytes);
    QByteArray answer;
    const bool ended = QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return answer.endsWith('\n') || socket.state() == QLocalSocket::UnconnectedState;
        },
        8000);
    return ended ? answer + socket.readAll() : QByteArray("(no answer)");
}

// A socket file nobody listens on, as a LanChat killed with SIGKILL leaves it.
bool makeStaleSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    const QByteArray name = QFile::encodeName(path);
    if (fd < 0 || size_t(name.size()) >= sizeof(address.sun_path))
        return false;
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd);
    return bound && QFile::exists(path);
}

// A user session of its own: runtime directory (the socket), settings and data.
class Session
{
public:
    Session()
    {
        QFile::setPermissions(m_directory.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.insert(u"XDG_RUNTIME_DIR"_s, m_directory.path());
        m_environment.insert(u"XDG_CONFIG_HOME"_s, m_directory.filePath(u"config"_s));
        m_environment.insert(u"XDG_DATA_HOME"_s, m_directory.filePath(u"data"_s));
        m_environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        m_environment.remove(u"DISPLAY"_s);
        m_environment.remove(u"WAYLAND_DISPLAY"_s);
    }
    ~Session()
    {
        for (const auto &process : m_processes) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }
    QString socketPath() const
    {
        return m_directory.filePath(QStringLiteral(LANCHAT_APP_ID) + u".socket"_s);
    }
    QProcessEnvironment &environment() { return m_environment; }
    // The first LanChat of the session, hosting, once it listens for hand-overs.
    QProcess *startFirstHost()
    {
        QProcess *first = startHost();
        if (!waitForLog(first, u"lanchat.server: listening"_s)
            || !QTest::qWaitFor([&] { return QFile::exists(socketPath()); }, 5000))
            qWarning("the first LanChat did not start: %s", qPrintable(log(first)));
        return first;
    }
    // Hosting with its window (offscreen) on a free loopback port.
    QProcess *startHost(const QStringList &extra = {})
    {
        static int hosts = 0;
        return start(QStringList {u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s, u"--data-dir"_s,
                                  m_directory.filePath(u"chat%1"_s.arg(++hosts))}
                     + extra);
    }
    QProcess *start(const QStringList &arguments,
                    const QProcessEnvironment &environment = QProcessEnvironment())
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment.isEmpty() ? m_environment : environment);
        process->start(lanchatBinary(), arguments);
        m_processes.push_back(std::move(process));
        return m_processes.back().get();
    }
    // Waits until the process's standard error (where Qt logs) holds the text; keeps what was
    // read in its log.
    bool waitForLog(QProcess *process, const QString &text, int timeoutMs = 15000)
    {
        return QTest::qWaitFor(
            [&] {
                m_logs[process] += QString::fromUtf8(process->readAllStandardError());
                return m_logs[process].contains(text);
            },
            timeoutMs);
    }
    QString log(QProcess *process)
    {
        m_logs[process] += QString::fromUtf8(process->readAllStandardError());
        return m_logs[process];
    }

private:
    QTemporaryDir m_directory;
    QProcessEnvironment m_environment;
    std::vector<std::unique_ptr<QProcess>> m_processes;
    QHash<QProcess *, QString> m_logs;
};

// The window-system plugin that needs a display, with none: anything that creates a
// QGuiApplication aborts.
QProcessEnvironment withoutDisplay(QProcessEnvironment environment)
{
    environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    return environment;
}

} // namespace

class tst_SingleInstance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void messageRoundTrip();
    void malformedMessagesAreRefused_data();
    void malformedMessagesAreRefused();
    void handOverReachesTheListeningInstance();
    void runningInstanceRefusesGarbage();
    void silentConnectionIsClosed();
    void staleSocketIsReplaced();
    void secondStartHandsOverWithoutDisplay();
    void newInstanceOptsOut();
    void racingStartsLeaveOneRunning();
    void crashedInstanceIsReplaced();
    void inviteArgumentJoins();
    void commandLineNeedsNoDisplay_data();
    void commandLineNeedsNoDisplay();

private:
    QTemporaryDir m_directory;
};

void tst_SingleInstance::initTestCase()
{
    LanChat::registerMetaTypes();
    QVERIFY(m_directory.isValid());
}

void tst_SingleInstance::messageRoundTrip()
{
    const QString invite = u"lanchat://192.168.1.20:8787?token=a%26b&username=ada"_s;
    QString error;
    const auto join = HandOverMessage::fromLine(HandOverMessage::join(invite).toLine(), &error);
    QVERIFY2(join, qPrintable(error));
    QCOMPARE(join->action, HandOverMessage::Action::Join);
    QCOMPARE(join->invite, invite);
    const auto activate = HandOverMessage::fromLine(HandOverMessage::activate().toLine(), &error);
    QVERIFY(activate);
    QCOMPARE(activate->action, HandOverMessage::Action::Activate);

    QVERIFY(HandOverMessage::parseReply(HandOverMessage::replyLine(QString()), &error));
    QVERIFY(!HandOverMessage::parseReply(HandOverMessage::replyLine(u"no"_s), &error));
    QCOMPARE(error, u"no"_s);
    QVERIFY(!HandOverMessage::parseReply("garbage\n", &error));
}

void tst_SingleInstance::malformedMessagesAreRefused_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addRow("empty") << QByteArray("\n");
    QTest::addRow("not json") << QByteArray("join lanchat://h:1?token=t\n");
    QTest::addRow("array") << QByteArray("[1]\n");
    QTest::addRow("no version") << QByteArray(R"({"action":"activate"})");
    QTest::addRow("other version") << QByteArray(R"({"handover":2,"action":"activate"})");
    QTest::addRow("unknown action") << QByteArray(R"({"handover":1,"action":"quit"})");
    QTest::addRow("join without invite") << QByteArray(R"({"handover":1,"action":"join"})");
    QTest::addRow("invite not a string")
        << QByteArray(R"({"handover":1,"action":"join","invite":7})");
    QTest::addRow("not an invite")
        << QByteArray(R"({"handover":1,"action":"join","invite":"rm -rf /"})");
    QTest::addRow("bad port") << QByteArray(
        R"({"handover":1,"action":"join","invite":"lanchat://h:0?token=t"})");
    QTest::addRow("two lines") << QByteArray("{\"handover\":1,\n\"action\":\"activate\"}\n");
    QTest::addRow("invite too long")
        << QByteArray(R"({"handover":1,"action":"join","invite":"lanchat://h:1?token=)"
                      + QByteArray(HandOverMessage::MaxInviteLength, 'a') + "\"}\n");
    QTest::addRow("line too long")
        << QByteArray(R"({"handover":1,"action":"activate","x":")"
                      + QByteArray(HandOverMessage::MaxLineBytes, 'a') + "\"}\n");
}

void tst_SingleInstance::malformedMessagesAreRefused()
{
    QFETCH(QByteArray, line);
    QString error;
    QVERIFY(!HandOverMessage::fromLine(line, &error));
    QVERIFY(!error.isEmpty());
}

void tst_SingleInstance::handOverReachesTheListeningInstance()
{
    const QString path = m_directory.filePath(u"handover.socket"_s);
    const auto running = listeningInstance(path);
    QVERIFY(running);
    QVERIFY(!QFile::exists(path + u".lock"_s)); // released once listening
    QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadOther | QFile::WriteOther),
             QFile::Permissions());
    QSignalSpy received(running.get(), &SingleInstance::received);
    QString error;

    const QString invite = u"lanchat://127.0.0.1:9?token=t"_s;
    QCOMPARE(handOverFromAnotherThread(path, HandOverMessage::join(invite), &error),
             SingleInstance::Outcome::HandedOver);
    QTRY_COMPARE(received.size(), 1);
    const auto message = received.first().first().value<HandOverMessage>();
    QCOMPARE(message.action, HandOverMessage::Action::Join);
    QCOMPARE(message.invite, invite);

    // An invite the running instance refuses: the starting one is told why.
    QCOMPARE(handOverFromAnotherThread(path, HandOverMessage::join(u"nonsense"_s), &error),
             SingleInstance::Outcome::Failed);
    QVERIFY2(error.contains(u"lanchat://"_s), qPrintable(error));
    QCOMPARE(received.size(), 1);
}

void tst_SingleInstance::runningInstanceRefusesGarbage()
{
    const QString path = m_directory.filePath(u"garbage.socket"_s);
    const auto running = listeningInstance(path);
    QVERIFY(running);
    QSignalSpy received(running.get(), &SingleInstance::received);

    QByteArray answer = sendRaw(path, "hello\n");
    QVERIFY2(answer.contains(R"("ok":false)"), answer.constData());
    // More than a line's worth without a newline: refused at the limit, not buffered on.
    answer = sendRaw(path, QByteArray(HandOverMessage::MaxLineBytes * 4, 'x'));
    QVERIFY2(answer.contains(R"("ok":false)"), answer.constData());
    QCOMPARE(received.size(), 0);
    // One message per connection: the second line is not read (both arrive together, and the
    // answer comes after the message was handled).
    answer = sendRaw(path,
                     HandOverMessage::activate().toLine() + HandOverMessage::activate().toLine());
    QVERIFY2(answer.contains(R"("ok":true)"), answer.constData());
    QCOMPARE(received.size(), 1);
}

void tst_SingleInstance::silentConnectionIsClosed()
{
    const QString path = m_directory.filePath(u"silent.socket"_s);
    const auto running = listeningInstance(path);
    QVERIFY(running);
    QLocalSocket silent;
    silent.connectToServer(path);
    QVERIFY(silent.waitForConnected(2000));
    QSignalSpy disconnected(&silent, &QLocalSocket::disconnected);
    QVERIFY(disconnected.wait(SingleInstance::ReadTimeoutMs + 3000));
}

void tst_SingleInstance::staleSocketIsReplaced()
{
    const QString path = m_directory.filePath(u"stale.socket"_s);
    QVERIFY(makeStaleSocket(path));
    const auto next = listeningInstance(path);
    QVERIFY(next);
    QSignalSpy received(next.get(), &SingleInstance::received);
    QString error;
    QCOMPARE(handOverFromAnotherThread(path, HandOverMessage::activate(), &error),
             SingleInstance::Outcome::HandedOver);
    QTRY_COMPARE(received.size(), 1);
}

void tst_SingleInstance::secondStartHandsOverWithoutDisplay()
{
    Session session;
    QProcess *first = session.startFirstHost();
    QVERIFY(QFile::exists(session.socketPath()));

    // As a desktop's URL handler starts it: Exec=lanchat %u. No display needed to hand over.
    QProcess *second = session.start({u"lanchat://127.0.0.1:9?token=s3cr3t&username=ada"_s},
                                     withoutDisplay(session.environment()));
    QVERIFY(second->waitForFinished(15000));
    QCOMPARE(second->exitStatus(), QProcess::NormalExit);
    QCOMPARE(second->exitCode(), 0);
    QVERIFY(session.waitForLog(first, u"another start handed over: join 127.0.0.1:9"_s));
    QVERIFY(!session.log(first).contains(u"s3cr3t"_s)); // the token stays out of the log
    QCOMPARE(first->state(), QProcess::Running);

    // Started again from the menu: the running one shows its window.
    QProcess *third = session.start({});
    QVERIFY(third->waitForFinished(15000));
    QVERIFY2(third->exitCode() == 0, third->readAllStandardError().constData());
    QVERIFY(session.waitForLog(first, u"another start handed over: show the window"_s));

    // A link that is no invite: the running instance refuses it and says why.
    QProcess *fourth = session.start({u"lanchat://"_s});
    QVERIFY(fourth->waitForFinished(15000));
    QCOMPARE(fourth->exitCode(), 1);
    QVERIFY(QString::fromUtf8(fourth->readAllStandardError()).contains(u"--new-instance"_s));
}

void tst_SingleInstance::newInstanceOptsOut()
{
    Session session;
    QProcess *first = session.startFirstHost();
    QVERIFY(QFile::exists(session.socketPath()));
    QProcess *second = session.startHost({u"--new-instance"_s});
    QVERIFY(session.waitForLog(second, u"lanchat.server: listening"_s));
    QCOMPARE(second->state(), QProcess::Running);
    QVERIFY(!session.log(first).contains(u"handed over"_s));
    // The first is still the one a third start reaches.
    QProcess *third = session.start({});
    QVERIFY(third->waitForFinished(15000));
    QVERIFY2(third->exitCode() == 0, third->readAllStandardError().constData());
    QVERIFY(session.waitForLog(first, u"another start handed over: show the window"_s));
}

void tst_SingleInstance::racingStartsLeaveOneRunning()
{
    Session session;
    constexpr int starts = 4;
    QList<QProcess *> processes;
    for (int i = 0; i < starts; ++i)
        processes << session.startHost();
    // All but one hand over and exit 0; the one left runs and was shown the others' requests.
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::count_if(processes.cbegin(), processes.cend(),
                                 [](QProcess *p) { return p->state() == QProcess::NotRunning; })
                   == starts - 1;
        },
        30000));
    QProcess *running = nullptr;
    for (QProcess *process : std::as_const(processes)) {
        if (process->state() != QProcess::NotRunning) {
            running = process;
            continue;
        }
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
    }
    QVERIFY(running);
    QVERIFY(QTest::qWaitFor(
        [&] { return session.log(running).count(u"handed over: show the window"_s) == starts - 1; },
        15000));
    QCOMPARE(running->state(), QProcess::Running);
}

void tst_SingleInstance::crashedInstanceIsReplaced()
{
    Session session;
    QProcess *first = session.startFirstHost();
    QVERIFY(QFile::exists(session.socketPath()));
    ::kill(pid_t(first->processId()), SIGKILL);
    QVERIFY(first->waitForFinished(5000));
    QVERIFY(QFile::exists(session.socketPath())); // left behind

    QProcess *second = session.startHost();
    QVERIFY(session.waitForLog(second, u"lanchat.server: listening"_s));
    QCOMPARE(second->state(), QProcess::Running);
    QProcess *third = session.start({u"lanchat://127.0.0.1:9?token=t"_s});
    QVERIFY(third->waitForFinished(15000));
    QVERIFY2(third->exitCode() == 0, third->readAllStandardError().constData());
    QVERIFY(session.waitForLog(second, u"another start handed over: join 127.0.0.1:9"_s));
}

void tst_SingleInstance::inviteArgumentJoins()
{
    TestServer server(u"join-token"_s);
    QVERIFY(server.start());
    TestClient observer;
    QVERIFY(observer.join(server.wsUrl(u"observer"_s)));

    Session session;
    QUrl invite(u"lanchat://127.0.0.1"_s);
    invite.setPort(server.port());
    invite.setQuery(QUrlQuery({{u"token"_s, u"join-token"_s}, {u"username"_s, u"bob"_s}}));
    // An invite with a username connects at once, as --join does.
    QProcess *joiner = session.start({invite.toString()});
    QVERIFY(QTest::qWaitFor(
        [&] {
            for (const QJsonObject &frame : observer.frames(u"join"_s)) {
                if (frame.value("username"_L1).toString() == "bob"_L1)
                    return true;
            }
            return false;
        },
        15000));
    QCOMPARE(joiner->state(), QProcess::Running);
}

void tst_SingleInstance::commandLineNeedsNoDisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("output");
    QTest::addRow("help") << QStringList {u"--help"_s} << 0 << u"[invite]"_s;
    QTest::addRow("version") << QStringList {u"--version"_s} << 0
                             << QStringLiteral("lanchat " LANCHAT_VERSION);
    QTest::addRow("bad port") << QStringList {u"--port"_s, u"x"_s} << 2 << u"invalid port"_s;
    QTest::addRow("two invites") << QStringList {u"lanchat://a:1?token=t"_s, u"lanchat://b:1"_s}
                                 << 2 << u"one invite"_s;
    QTest::addRow("headless join")
        << QStringList {u"--headless"_s, u"lanchat://a:1?token=t"_s} << 2 << u"--headless"_s;
    QTest::addRow("unknown option") << QStringList {u"--bogus"_s} << 1 << u"bogus"_s;
}

void tst_SingleInstance::commandLineNeedsNoDisplay()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, output);
    Session session;
    QProcess *process = session.start(arguments, withoutDisplay(session.environment()));
    QVERIFY(process->waitForFinished(10000));
    const QString everything = QString::fromUtf8(process->readAllStandardOutput())
                               + QString::fromUtf8(process->readAllStandardError());
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QVERIFY2(!everything.contains(u"could not connect to display"_s), qPrintable(everything));
    QCOMPARE(process->exitCode(), exitCode);
    QVERIFY2(everything.contains(output), qPrintable(everything));
}

QTEST_GUILESS_MAIN(tst_SingleInstance)

#include "tst_singleinstance.moc"
