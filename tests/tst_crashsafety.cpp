// The real executable under SIGKILL at random moments: several writers send as fast as their
// window of unacknowledged messages allows, re-send what was not acknowledged with the same cid
// after each restart, and at the end every acknowledged message is in the database exactly once,
// with ids increasing in the order each writer sent, and the file passes integrity_check.
// The seed is printed; LANCHAT_CRASH_SEED=<n> repeats a run.
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <csignal>
#include <map>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int Writers = 4;
constexpr int Window = 20; // unacknowledged messages per writer
constexpr int MinRounds = 5;
constexpr int MaxRounds = 15;
constexpr qint64 RoundBudgetMs = 35'000; // no new round after this, so ASan runs stay bounded

QString binary()
{
    const QString fromEnvironment = qEnvironmentVariable("LANCHAT_BINARY");
    return fromEnvironment.isEmpty() ? QCoreApplication::applicationDirPath() + u"/../lanchat"_s
                                     : fromEnvironment;
}

// One writer: a numbered stream of messages with cids "<name>-<n>". Whatever was sent and not
// acknowledged is sent again, in order and with the same cid, after every (re)connect.
class Writer final : public QObject
{
public:
    explicit Writer(const QString &name) : m_name(name)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Writer::onText);
    }

    void connectTo(quint16 port)
    {
        QUrl url(u"ws://127.0.0.1"_s);
        url.setPort(port);
        url.setPath(u"/ws"_s);
        url.setQuery(QUrlQuery({{u"token"_s, u"t"_s}, {u"username"_s, m_name}}));
        m_socket.open(url);
    }
    void abort() { m_socket.abort(); }
    bool isUnconnected() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }
    // Stops starting new messages; what is in flight still completes.
    void finish() { m_finishing = true; }
    bool isDone() const { return m_finishing && m_unacked.empty(); }

    QString name() const { return m_name; }
    int sent() const { return m_next; }
    const std::map<int, qint64> &acked() const { return m_acked; } // number -> id
    QStringList problems() const { return m_problems; }
    int resent() const { return m_resent; }
    int duplicates() const { return m_duplicates; }

private:
    QString cid(int n) const { return u"%1-%2"_s.arg(m_name).arg(n); }
    void send(int n)
    {
        const QJsonObject frame {{"type"_L1, "message"_L1},
                                 {"text"_L1, u"%1 says %2"_s.arg(m_name).arg(n)},
                                 {"cid"_L1, cid(n)}};
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }
    void topUp()
    {
        while (!m_finishing && int(m_unacked.size()) < Window) {
            m_unacked.push_back(m_next);
            send(m_next++);
        }
    }
    void onText(const QString &text)
    {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = frame.value("type"_L1).toString();
        if (type == "welcome"_L1) {
            for (const int n : m_unacked)
                send(n);
            m_resent += int(m_unacked.size());
            topUp();
        } else if (type == "message"_L1 && frame.contains("cid"_L1)) {
            const QString ackedCid = frame.value("cid"_L1).toString();
            const auto it = std::find_if(m_unacked.begin(), m_unacked.end(),
                                         [&](int n) { return cid(n) == ackedCid; });
            if (it == m_unacked.end()) {
                m_problems << u"ack for %1, which was not in flight"_s.arg(ackedCid);
                return;
            }
            m_acked.emplace(*it, frame.value("id"_L1).toInteger());
            if (frame.value("duplicate"_L1).toBool()) // stored before a kill, ack lost with it
                ++m_duplicates;
            m_unacked.erase(it);
            topUp();
        } else if (type == "error"_L1) {
            m_problems << text;
        }
    }

    QString m_name;
    QWebSocket m_socket;
    std::vector<int> m_unacked; // sent (at least once) and not acknowledged, in send order
    std::map<int, qint64> m_acked;
    int m_next = 0;
    int m_resent = 0;
    int m_duplicates = 0;
    bool m_finishing = false;
    QStringList m_problems;
};

// A headless lanchat on 127.0.0.1 with flood control off; killed by the destructor if still up.
class Server
{
public:
    explicit Server(const QString &dataDir)
    {
        m_process.setProgram(binary());
        m_process.setArguments({u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                                u"--token"_s, u"t"_s, u"--message-rate"_s, u"0"_s, u"--data-dir"_s,
                                dataDir});
        // Warnings reach the test's output; the info lines of every join and leave do not.
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_LOGGING_RULES"_s, u"lanchat.*.info=false"_s);
        m_process.setProcessEnvironment(environment);
    }
    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    quint16 start()
    {
        m_process.start();
        if (!m_process.waitForStarted(5000)
            || !QTest::qWaitFor(
                [this] {
                    return m_process.canReadLine() || m_process.state() == QProcess::NotRunning;
                },
                15000))
            return 0;
        static const QRegularExpression line(u"^listening on http://127\\.0\\.0\\.1:(\\d+)$"_s);
        const QRegularExpressionMatch match
            = line.match(QString::fromUtf8(m_process.readLine()).trimmed());
        return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }
    void kill() { ::kill(pid_t(m_process.processId()), SIGKILL); }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
};

} // namespace

class tst_CrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void ackedMessagesSurviveRandomKills();
};

void tst_CrashSafety::ackedMessagesSurviveRandomKills()
{
    const quint32 seed = qEnvironmentVariableIsSet("LANCHAT_CRASH_SEED")
                             ? quint32(qEnvironmentVariableIntValue("LANCHAT_CRASH_SEED"))
                             : QRandomGenerator::system()->generate();
    qInfo() << "seed" << seed << "(LANCHAT_CRASH_SEED to repeat)";
    QRandomGenerator random(seed);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::vector<std::unique_ptr<Writer>> writers;
    for (int i = 0; i < Writers; ++i)
        writers.push_back(std::make_unique<Writer>(u"writer%1"_s.arg(i)));
    const auto connectAll = [&](quint16 port) {
        for (auto &writer : writers)
            writer->connectTo(port);
    };

    QElapsedTimer clock;
    clock.start();
    int rounds = 0;
    while (rounds < MaxRounds && (rounds < MinRounds || clock.elapsed() < RoundBudgetMs)) {
        Server server(dir.path());
        const quint16 port = server.start();
        QVERIFY2(port != 0, "the server did not start after a kill");
        connectAll(port);
        // Any moment: during the handshakes, the re-sends, or the steady stream.
        const int delayMs = int(random.bounded(600));
        QTimer::singleShot(delayMs, &server.process(), [&server] { server.kill(); });
        QTRY_COMPARE_WITH_TIMEOUT(server.process().state(), QProcess::NotRunning, 10000);
        QCOMPARE(server.process().exitStatus(), QProcess::CrashExit);
        for (auto &writer : writers)
            writer->abort();
        ++rounds;
    }

    // The last start: everything in flight is re-sent and acknowledged, then a clean stop.
    Server server(dir.path());
    const quint16 port = server.start();
    QVERIFY(port != 0);
    for (auto &writer : writers)
        writer->finish();
    connectAll(port);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(writers.cbegin(), writers.cend(),
                                         [](const auto &writer) { return writer->isDone(); }),
                             20000);
    server.process().terminate();
    QTRY_COMPARE_WITH_TIMEOUT(server.process().state(), QProcess::NotRunning, 10000);
    QCOMPARE(server.process().exitCode(), 0);

    const QString connection = u"crashsafety-check"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(dir.filePath(u"history.sqlite"_s));
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA integrity_check"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"ok"_s);
        QVERIFY(!query.next());

        QHash<QString, QList<qint64>> stored; // cid -> ids (one expected)
        QVERIFY(query.exec(u"SELECT cid, id FROM events WHERE kind = 'message'"_s));
        while (query.next())
            stored[query.value(0).toString()].append(query.value(1).toLongLong());
        query.finish();

        qsizetype ackedTotal = 0;
        int resent = 0;
        int duplicates = 0;
        for (const auto &writer : writers) {
            QVERIFY2(writer->problems().isEmpty(), qPrintable(writer->problems().join(u'\n')));
            QCOMPARE(int(writer->acked().size()), writer->sent()); // all drained in the end
            qint64 previous = 0;
            for (const auto &[n, id] : writer->acked()) {
                const QString cid = u"%1-%2"_s.arg(writer->name()).arg(n);
                const QList<qint64> ids = stored.value(cid);
                QVERIFY2(ids.size() == 1,
                         qPrintable(u"%1 stored %2 times"_s.arg(cid).arg(ids.size())));
                QVERIFY2(ids.first() == id,
                         qPrintable(
                             u"%1 acked as %2, stored as %3"_s.arg(cid).arg(id).arg(ids.first())));
                QVERIFY2(id > previous,
                         qPrintable(u"%1: id %2 after %3"_s.arg(cid).arg(id).arg(previous)));
                previous = id;
            }
            ackedTotal += qsizetype(writer->acked().size());
            resent += writer->resent();
            duplicates += writer->duplicates();
        }
        QCOMPARE(qsizetype(stored.size()), ackedTotal); // nothing stored that nobody sent
        qInfo() << rounds << "kills," << ackedTotal << "messages acknowledged and stored once,"
                << resent << "re-sent," << duplicates << "of them already stored, in"
                << clock.elapsed() << "ms";
    }
    QSqlDatabase::removeDatabase(connection);
}

QTEST_GUILESS_MAIN(tst_CrashSafety)
#include "tst_crashsafety.moc"
