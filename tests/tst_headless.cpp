// The lanchat executable in --headless mode, driven through QProcess: command line, the
// machine-readable first line, clean shutdown on SIGTERM, durability across SIGKILL, and refusing
// to start on a history database that is damaged or cannot be written.
#include "historystore.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

#include <QDir>
#include <QTemporaryDir>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

QString binary()
{
    const QString fromEnvironment = qEnvironmentVariable("LANCHAT_BINARY");
    return fromEnvironment.isEmpty() ? QCoreApplication::applicationDirPath() + u"/../lanchat"_s
                                     : fromEnvironment;
}

// A headless lanchat process on 127.0.0.1; the destructor kills it if a test bails out early.
class HeadlessProcess
{
public:
    explicit HeadlessProcess(const QString &dataDir, const QStringList &extra = {})
    {
        m_process.setProgram(binary());
        m_process.setArguments(
            QStringList {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--data-dir"_s, dataDir}
            + extra);
        // Settings of its own (a generated token is kept there), not the user's.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_CONFIG_HOME"_s, dataDir + u"/config"_s);
        m_process.setProcessEnvironment(environment);
    }
    ~HeadlessProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    // Starts and reads the "listening on" line; 0 on failure.
    quint16 start()
    {
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return 0;
        static const QRegularExpression line(u"^listening on http://127\\.0\\.0\\.1:(\\d+)$"_s);
        if (!QTest::qWaitFor(
                [this] {
                    return m_process.canReadLine() || m_process.state() == QProcess::NotRunning;
                },
                10000))
            return 0;
        m_firstLine = QString::fromUtf8(m_process.readLine()).trimmed();
        const QRegularExpressionMatch match = line.match(m_firstLine);
        return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
    }
    QProcess &process() { return m_process; }
    QString firstLine() const { return m_firstLine; }

private:
    QProcess m_process;
    QString m_firstLine;
};

QUrl chatUrl(quint16 port, const QString &username, const QString &token)
{
    QUrl url(u"ws://127.0.0.1"_s);
    url.setPort(port);
    url.setPath(u"/ws"_s);
    url.setQuery(QUrlQuery({{u"token"_s, token}, {u"username"_s, username}}));
    return url;
}

// The permission bits of a file or directory (e.g. 0600).
uint modeOf(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode & 07777 : 0;
}

// Writes a file and gives it the permission bits (the process umask does not apply).
bool writeFileWithMode(const QString &path, const QByteArray &content, uint mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(content) != content.size())
        return false;
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

} // namespace

class tst_Headless : public QObject
{
    Q_OBJECT

private slots:
    void helpListsOptions();
    void versionIsPrinted();
    void germanLocaleGetsGermanHelp();
    void invalidOptionsExitWithTwo_data();
    void invalidOptionsExitWithTwo();
    void printsUrlAndGeneratedToken();
    void generatedTokenIsKeptAndNotJournaled();
    void givenTokenIsNotPrinted();
    void tokenNeverReachesTheLogs();
    void busyPortExitsWithOne();
    void sigtermClosesClientsWith1001();
    void ackedMessagesSurviveSigkill();
    void historySizeLimitRefusesMessages();
    void badDatabaseExitsWithOne_data();
    void badDatabaseExitsWithOne();
    void largeHistoryIsCheckedWhileServing();
    void dataFilesAreOwnerOnly();
    void tokenFileIsRead();
    void tokenFileProblemsExitWithTwo_data();
    void tokenFileProblemsExitWithTwo();
    void settingsFileIsOwnerOnly();
};

void tst_Headless::helpListsOptions()
{
    QProcess process;
    process.start(binary(), {u"--help"_s});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const QString &option :
         {u"--headless"_s, u"--port"_s, u"--bind"_s, u"--token"_s, u"--token-file"_s,
          u"--data-dir"_s, u"--version"_s, u"--max-connections"_s,
          u"--max-connections-per-address"_s, u"--message-rate"_s, u"--max-text-length"_s,
          u"--max-frame-size"_s, u"--max-output-buffer"_s, u"--keepalive"_s,
          u"--max-failed-tokens"_s, u"--allow-origin"_s, u"--max-history-size"_s})
        QVERIFY2(help.contains(option), qPrintable(option));
}

void tst_Headless::versionIsPrinted()
{
    QProcess process;
    process.start(binary(), {u"--headless"_s, u"--version"_s});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains(LANCHAT_VERSION));
}

void tst_Headless::germanLocaleGetsGermanHelp()
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LC_ALL"_s, u"de_DE.UTF-8"_s);
    environment.insert(u"LANGUAGE"_s, u"de"_s);
    process.setProcessEnvironment(environment);
    process.start(binary(), {u"--headless"_s, u"--help"_s});
    QVERIFY(process.waitForFinished(10000));
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(help.contains(u"Chat im lokalen Netz"_s), qPrintable(help));
    QVERIFY(help.contains(u"Den Server ohne Fenster ausführen."_s));
}

void tst_Headless::invalidOptionsExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("port not a number") << QStringList {u"--port"_s, u"http"_s} << u"invalid port"_s;
    QTest::addRow("port too big") << QStringList {u"--port"_s, u"70000"_s} << u"invalid port"_s;
    QTest::addRow("bad address") << QStringList {u"--bind"_s, u"999.1.1.1"_s}
                                 << u"invalid bind address"_s;
    QTest::addRow("bad message rate")
        << QStringList {u"--message-rate"_s, u"fast"_s} << u"--message-rate"_s;
    QTest::addRow("zero burst") << QStringList {u"--message-rate"_s, u"2/0"_s}
                                << u"--message-rate"_s;
    QTest::addRow("no connections")
        << QStringList {u"--max-connections"_s, u"0"_s} << u"--max-connections"_s;
    QTest::addRow("tiny frames") << QStringList {u"--max-frame-size"_s, u"10"_s}
                                 << u"--max-frame-size"_s;
    QTest::addRow("negative history size")
        << QStringList {u"--max-history-size"_s, u"-1"_s} << u"--max-history-size"_s;
}

void tst_Headless::invalidOptionsExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QProcess process;
    process.start(binary(), QStringList {u"--headless"_s} + arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(message));
}

void tst_Headless::printsUrlAndGeneratedToken()
{
    QTemporaryDir dir;
    HeadlessProcess lanchat(dir.path(), {u"--port"_s, u"0"_s});
    const quint16 port = lanchat.start();
    QVERIFY2(port != 0, qPrintable(lanchat.firstLine()));
    QVERIFY(QTest::qWaitFor([&] { return lanchat.process().canReadLine(); }, 5000));
    const QString tokenLine = QString::fromUtf8(lanchat.process().readLine()).trimmed();
    QVERIFY(tokenLine.startsWith("token: "_L1));
    const QString token = tokenLine.mid(7);
    QCOMPARE(token.size(), 24); // 144 bits in base64url

    TestClient client;
    QVERIFY(client.join(chatUrl(port, u"alice"_s, token)));
    client.send({{"type"_L1, "message"_L1}, {"text"_L1, "hello"_L1}});
    QCOMPARE(client.waitFor(u"message"_s).value("text"_L1).toString(), u"hello"_s);
}

// Without --token the token is the one kept in the settings, generated at the first start, as
// when hosting with the window (the systemd service relies on it). Under systemd, whose journal
// is readable by more people than the settings, it says where the token is instead.
void tst_Headless::generatedTokenIsKeptAndNotJournaled()
{
    QTemporaryDir dir;
    QString token;
    {
        HeadlessProcess first(dir.path(), {u"--port"_s, u"0"_s});
        QVERIFY(first.start() != 0);
        QVERIFY(QTest::qWaitFor([&] { return first.process().canReadLine(); }, 5000));
        token = QString::fromUtf8(first.process().readLine()).trimmed().mid(7);
        QCOMPARE(token.size(), 24);
        first.process().terminate();
        QVERIFY(first.process().waitForFinished(10000));
    }
    const QString settings = dir.filePath(u"config/LanChat/lanchat.conf"_s);
    QFile file(settings);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(u"token="_s.append(token).toUtf8()));
    file.close();

    // Standard output is the journal when JOURNAL_STREAM names its device and inode.
    const QString output = dir.filePath(u"journal.txt"_s);
    QFile journal(output);
    QVERIFY(journal.open(QIODevice::WriteOnly));
    journal.close();
    struct stat info
    {
    };
    QCOMPARE(::stat(QFile::encodeName(output).constData(), &info), 0);
    HeadlessProcess second(dir.path(), {u"--port"_s, u"0"_s});
    QProcessEnvironment environment = second.process().processEnvironment();
    environment.insert(u"JOURNAL_STREAM"_s,
                       u"%1:%2"_s.arg(quint64(info.st_dev)).arg(quint64(info.st_ino)));
    second.process().setProcessEnvironment(environment);
    second.process().setStandardOutputFile(output, QIODevice::Append);
    second.process().start();
    QVERIFY(QTest::qWaitFor(
        [&] {
            QFile log(output);
            return log.open(QIODevice::ReadOnly) && log.readAll().contains("history: ");
        },
        10000));
    QVERIFY(journal.open(QIODevice::ReadOnly));
    const QByteArray logged = journal.readAll();
    const QByteArray where = "token kept in: " + QFile::encodeName(settings);
    QVERIFY2(logged.contains(where), logged.constData());
    QVERIFY2(!logged.contains(token.toUtf8()), logged.constData());
    QVERIFY(!logged.contains("token: "));
    // And the kept token is the one it serves with.
    static const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
    const quint16 port = quint16(listening.match(QString::fromUtf8(logged)).captured(1).toUInt());
    QVERIFY(port != 0);
    TestClient client;
    QVERIFY(client.join(chatUrl(port, u"alice"_s, token)));
}

void tst_Headless::givenTokenIsNotPrinted()
{
    QTemporaryDir dir;
    HeadlessProcess lanchat(dir.path(), {u"--port"_s, u"0"_s, u"--token"_s, u"sekrit-value"_s});
    QVERIFY(lanchat.start() != 0);
    lanchat.process().terminate();
    QVERIFY(lanchat.process().waitForFinished(10000));
    const QByteArray everything
        = lanchat.process().readAllStandardOutput() + lanchat.process().readAllStandardError();
    QVERIFY(!everything.contains("sekrit-value"));
}

// With every debug category on (Qt's own included), a session that uses the token in every way a
// client can, right and wrong, leaves no trace of it in the output.
void tst_Headless::tokenNeverReachesTheLogs()
{
    QTemporaryDir dir;
    const QString token = u"Sekr3tTokenValue"_s;
    HeadlessProcess lanchat(dir.path(), {u"--port"_s, u"0"_s, u"--token"_s, token});
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true"_s);
    lanchat.process().setProcessEnvironment(environment);
    const quint16 port = lanchat.start();
    QVERIFY(port != 0);

    TestClient good;
    QVERIFY(good.join(chatUrl(port, u"alice"_s, token)));
    good.send({{"type"_L1, "message"_L1}, {"text"_L1, "hello"_L1}});
    QVERIFY(!good.waitFor(u"message"_s).isEmpty());
    TestClient wrong; // a near miss is as secret as the token itself
    wrong.open(chatUrl(port, u"bob"_s, token + u"x"_s));
    QVERIFY(wrong.waitForDisconnect());
    QUrl history(u"http://127.0.0.1/api/history"_s);
    history.setPort(port);
    history.setQuery(u"token="_s + token);
    QCOMPARE(httpGet(history).status, 200);
    history.setQuery(QString());
    QCOMPARE(httpGet(history, token.toUtf8()).status, 200);

    lanchat.process().terminate();
    QVERIFY(lanchat.process().waitForFinished(10000));
    const QByteArray output
        = lanchat.process().readAllStandardOutput() + lanchat.process().readAllStandardError();
    QVERIFY2(output.contains("lanchat.connections"), "debug output was expected");
    QVERIFY2(!output.contains(token.toUtf8()), output.constData());
}

void tst_Headless::busyPortExitsWithOne()
{
    QTemporaryDir dir1, dir2;
    HeadlessProcess first(dir1.path(), {u"--port"_s, u"0"_s, u"--token"_s, u"t"_s});
    const quint16 port = first.start();
    QVERIFY(port != 0);
    HeadlessProcess second(dir2.path(), {u"--port"_s, QString::number(port), u"--token"_s, u"t"_s});
    second.process().start();
    QVERIFY(second.process().waitForFinished(10000));
    QCOMPARE(second.process().exitCode(), 1);
    QVERIFY(QString::fromUtf8(second.process().readAllStandardError())
                .contains(u"Cannot listen on 127.0.0.1 port %1"_s.arg(port)));
}

void tst_Headless::sigtermClosesClientsWith1001()
{
    QTemporaryDir dir;
    HeadlessProcess lanchat(dir.path(), {u"--port"_s, u"0"_s, u"--token"_s, u"t"_s});
    const quint16 port = lanchat.start();
    QVERIFY(port != 0);
    TestClient client;
    QVERIFY(client.join(chatUrl(port, u"bob"_s, u"t"_s)));
    lanchat.process().terminate(); // SIGTERM
    QVERIFY(client.waitForDisconnect(10000));
    QCOMPARE(client.closeCode(), 1001);
    // The event loop may already have seen the process end while waiting for the disconnect.
    QTRY_COMPARE_WITH_TIMEOUT(lanchat.process().state(), QProcess::NotRunning, 10000);
    QCOMPARE(lanchat.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(lanchat.process().exitCode(), 0);
}

// Several clients send as fast as acks allow; the process is SIGKILLed mid-stream, restarted on
// the same data directory, and every message that was acknowledged must be in the history once.
void tst_Headless::ackedMessagesSurviveSigkill()
{
    QTemporaryDir dir;
    QMap<QString, qint64> acked; // cid -> id
    const int rounds = 3;
    for (int round = 0; round < rounds; ++round) {
        HeadlessProcess lanchat(
            dir.path(), {u"--port"_s, u"0"_s, u"--token"_s, u"t"_s, u"--message-rate"_s, u"0"_s});
        const quint16 port = lanchat.start();
        QVERIFY2(port != 0, qPrintable(lanchat.firstLine()));

        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<TestClient>());
            QVERIFY(clients.back()->join(chatUrl(port, u"writer%1"_s.arg(i), u"t"_s)));
            for (int n = 0; n < 200; ++n)
                clients.back()->send({{"type"_L1, "message"_L1},
                                      {"text"_L1, u"r%1 w%2 n%3"_s.arg(round).arg(i).arg(n)},
                                      {"cid"_L1, u"r%1-w%2-n%3"_s.arg(round).arg(i).arg(n)}});
        }
        // Kill as soon as some, but typically not all, acks are in.
        QVERIFY(QTest::qWaitFor([&] { return clients.front()->frames(u"message"_s).size() >= 20; },
                                10000));
        ::kill(pid_t(lanchat.process().processId()), SIGKILL);
        QVERIFY(lanchat.process().waitForFinished(10000));
        QCOMPARE(lanchat.process().exitStatus(), QProcess::CrashExit);
        for (auto &client : clients) {
            for (const QJsonObject &frame : client->frames(u"message"_s)) {
                if (frame.contains("cid"_L1))
                    acked.insert(frame.value("cid"_L1).toString(),
                                 frame.value("id"_L1).toInteger());
            }
        }
    }
    QVERIFY(!acked.isEmpty());

    HeadlessProcess lanchat(dir.path(), {u"--port"_s, u"0"_s, u"--token"_s, u"t"_s});
    const quint16 port = lanchat.start();
    QVERIFY(port != 0);
    QMap<qint64, QString> stored; // id -> text
    qint64 after = 0;
    for (;;) {
        QUrl url(u"http://127.0.0.1/api/history"_s);
        url.setPort(port);
        url.setQuery(u"limit=500&after=%1"_s.arg(after));
        const HttpResult page = httpGet(url, "t");
        QCOMPARE(page.status, 200);
        const QJsonArray events = page.json.value("events"_L1).toArray();
        for (const QJsonValue &value : events) {
            const QJsonObject event = value.toObject();
            const qint64 id = event.value("id"_L1).toInteger();
            QVERIFY2(id > after, "ids must increase");
            after = id;
            if (event.value("type"_L1).toString() == "message"_L1)
                stored.insert(id, event.value("text"_L1).toString());
        }
        if (!page.json.value("hasMore"_L1).toBool())
            break;
    }
    QStringList texts = stored.values();
    for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
        QVERIFY2(stored.contains(it.value()), qPrintable(u"acked %1 lost"_s.arg(it.key())));
        QString expected = it.key();
        expected.replace(u'-', u' ');
        QCOMPARE(stored.value(it.value()), expected);
        QCOMPARE(texts.count(expected), 1);
    }
    qInfo() << acked.size() << "acked messages of" << stored.size() << "stored, all present once";
}

// --max-history-size end to end: at 1 MiB the sender gets storage_failed, the server keeps
// serving and logs the problem once at warning level.
void tst_Headless::historySizeLimitRefusesMessages()
{
    QTemporaryDir dir;
    HeadlessProcess lanchat(dir.path(),
                            {u"--port"_s, u"0"_s, u"--token"_s, u"t"_s, u"--message-rate"_s, u"0"_s,
                             u"--max-history-size"_s, u"1"_s});
    const quint16 port = lanchat.start();
    QVERIFY2(port != 0, qPrintable(lanchat.firstLine()));
    TestClient client;
    QVERIFY(client.join(chatUrl(port, u"alice"_s, u"t"_s)));
    const QString text(4000, u'h');
    int sent = 0;
    for (; sent < 1000 && client.frames(u"error"_s).isEmpty(); sent += 10) {
        for (int i = sent; i < sent + 10; ++i)
            client.send(
                {{"type"_L1, "message"_L1}, {"text"_L1, text}, {"cid"_L1, u"h%1"_s.arg(i)}});
        QTRY_COMPARE_WITH_TIMEOUT(client.frames(u"message"_s).size()
                                      + client.frames(u"error"_s).size(),
                                  sent + 10, 10000);
    }
    QVERIFY2(!client.frames(u"error"_s).isEmpty(), "1 MiB never filled up");
    QVERIFY2(client.frames(u"message"_s).size() > 200, "about 1 MiB of messages fit");
    QCOMPARE(client.frames(u"error"_s).first().value("code"_L1).toString(), u"storage_failed"_s);
    QVERIFY(QFileInfo(dir.filePath(u"history.sqlite"_s)).size() <= 1024 * 1024);
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);

    lanchat.process().terminate();
    QVERIFY(lanchat.process().waitForFinished(10000));
    QCOMPARE(lanchat.process().exitCode(), 0);
    const QString log = QString::fromUtf8(lanchat.process().readAllStandardError());
    QCOMPARE(log.count(u"is full (its limit is 1 MiB"_s), 1);
}

void tst_Headless::badDatabaseExitsWithOne_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::addRow("random bytes") << u"random"_s << u"is damaged or not a LanChat database"_s;
    QTest::addRow("garbage pages") << u"pages"_s << u"is damaged"_s;
    QTest::addRow("a directory") << u"directory"_s << u"it is a directory"_s;
    QTest::addRow("data dir is a file")
        << u"dataDirFile"_s << u"Cannot create the data directory"_s;
    QTest::addRow("read-only to its user") << u"readOnly"_s << u"cannot be written"_s;
    QTest::addRow("unreadable directory") << u"noAccess"_s << u"Cannot open the history database"_s;
}

// Never an empty history in place of the real one: a one-line reason naming the file, exit 1,
// and the file as it was. Damage the open does not see (garbage pages behind a sound header and
// schema) is found by the check of every page that runs once the server listens, before its
// first write: the same line and status then.
void tst_Headless::badDatabaseExitsWithOne()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString dataDir = dir.path();
    const QString path = dir.filePath(u"history.sqlite"_s);
    QString named = path;
    QStringList wrapper;
    if (kind == "random"_L1 || kind == "pages"_L1 || kind == "readOnly"_L1
        || kind == "noAccess"_L1) {
        QVERIFY(writeLargeHistory(path, 500, 40));
    }
    if (kind == "random"_L1 || kind == "pages"_L1) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        QRandomGenerator random(7);
        for (qsizetype i = kind == "random"_L1 ? 0 : 2 * 4096; i < qMin(bytes.size(), 6 * 4096);
             ++i)
            bytes[i] = char(random.bounded(256));
        file.seek(0);
        file.write(bytes);
    } else if (kind == "directory"_L1) {
        QVERIFY(QDir().mkpath(path));
    } else if (kind == "dataDirFile"_L1) {
        dataDir = dir.filePath(u"plain-file"_s);
        QFile file(dataDir);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a directory");
        named = dataDir;
    } else {
        // Permission bits do not stop root: run the server as nobody on root's files.
        if (::geteuid() != 0 || QStandardPaths::findExecutable(u"setpriv"_s).isEmpty())
            QSKIP("needs root and setpriv to run the server as another user");
        // readOnly: nobody may create the WAL and shared-memory files but not write the database;
        // noAccess: nobody cannot even look into the directory.
        QFile::setPermissions(dir.path(), kind == "readOnly"_L1
                                              ? QFileDevice::Permissions(0x7777)
                                              : QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                    | QFileDevice::ExeOwner);
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                | QFileDevice::ReadOther | QFileDevice::ReadGroup));
        wrapper = {u"--reuid=nobody"_s, u"--regid=nogroup"_s, u"--clear-groups"_s, binary()};
    }
    QFile before(path);
    const QByteArray original = before.open(QIODevice::ReadOnly) ? before.readAll() : QByteArray();
    before.close();

    QProcess process;
    const QStringList arguments {u"--headless"_s, u"--bind"_s,     u"127.0.0.1"_s, u"--port"_s,
                                 u"0"_s,          u"--data-dir"_s, dataDir};
    if (wrapper.isEmpty())
        process.start(binary(), arguments);
    else
        process.start(u"setpriv"_s, wrapper + arguments);
    QVERIFY(process.waitForFinished(15000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    const QStringList errors
        = QString::fromUtf8(process.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(process.exitCode(), 1);
    if (kind != "pages"_L1)
        QVERIFY2(!output.contains(u"listening"_s), qPrintable(output));
    QVERIFY(!errors.isEmpty());
    const QString last = errors.last();
    QVERIFY2(last.startsWith(u"lanchat: "_s) && last.contains(named) && last.contains(message),
             qPrintable(errors.join(u'\n')));
    if (!original.isEmpty()) {
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QVERIFY2(after.readAll() == original, "the file must be left as it was");
    }
    QFile::setPermissions(dir.path(), QFileDevice::Permissions(0x7700));
}

// A large history (128 MiB) is checked page by page while the server already listens and serves:
// the start does not wait a second per GB. A message sent meanwhile is acknowledged only after
// the check's verdict (writes queue behind it), and SIGTERM then ends the process cleanly.
void tst_Headless::largeHistoryIsCheckedWhileServing()
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(u"data"_s);
    QVERIFY(QDir().mkpath(dataDir));
    const QString databasePath = dataDir + u"/history.sqlite"_s;
    QVERIFY(writeLargeHistory(databasePath, 32'000, 4000));
    QVERIFY(QFileInfo(databasePath).size() > 100 * 1024 * 1024);

    HeadlessProcess lanchat(dataDir, {u"--port"_s, u"0"_s, u"--token"_s, u"t"_s});
    const quint16 port = lanchat.start();
    QVERIFY2(port != 0, qPrintable(lanchat.firstLine()));
    TestClient client;
    QVERIFY(client.join(chatUrl(port, u"alice"_s, u"t"_s)));
    client.send({{"type"_L1, "message"_L1}, {"text"_L1, "while checking"_L1}, {"cid"_L1, "c1"_L1}});
    QCOMPARE(client.waitFor(u"message"_s).value("cid"_L1).toString(), u"c1"_s);
    // The server thread logs the verdict before it handles any commit that came after it.
    const QString log = QString::fromUtf8(lanchat.process().readAllStandardError());
    const qsizetype listening = log.indexOf(u"listening on 127.0.0.1"_s);
    const qsizetype checked = log.indexOf(u"history checked in"_s);
    QVERIFY2(listening >= 0 && checked > listening, qPrintable(log));

    QCOMPARE(::kill(pid_t(lanchat.process().processId()), SIGTERM), 0);
    QVERIFY2(lanchat.process().waitForFinished(20000), "still running after SIGTERM");
    QCOMPARE(lanchat.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(lanchat.process().exitCode(), 0);
}

// Under the common umask 022, what holds the chat is the owner's alone: a data directory the
// server creates is 0700, the database and its WAL and shared-memory files are 0600.
void tst_Headless::dataFilesAreOwnerOnly()
{
    const mode_t previous = ::umask(022);
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(u"new/data"_s);
    HeadlessProcess lanchat(dataDir, {u"--port"_s, u"0"_s, u"--token"_s, u"t"_s});
    const quint16 port = lanchat.start();
    ::umask(previous);
    QVERIFY2(port != 0, qPrintable(lanchat.firstLine()));
    TestClient client;
    QVERIFY(client.join(chatUrl(port, u"alice"_s, u"t"_s)));
    client.send({{"type"_L1, "message"_L1}, {"text"_L1, "secret plans"_L1}});
    QVERIFY(!client.waitFor(u"message"_s).isEmpty());
    QCOMPARE(modeOf(dataDir), 0700u);
    const QString database = dataDir + u"/history.sqlite"_s;
    QCOMPARE(modeOf(database), 0600u);
    QVERIFY(QFile::exists(database + u"-wal"_s));
    QCOMPARE(modeOf(database + u"-wal"_s), 0600u);
    QCOMPARE(modeOf(database + u"-shm"_s), 0600u);
    lanchat.process().terminate();
    QVERIFY(lanchat.process().waitForFinished(10000));
    QCOMPARE(modeOf(database), 0600u);
}

// --token-file: the token from a file only its owner can read, without the line break an
// editor adds; it is not printed, and it works.
void tst_Headless::tokenFileIsRead()
{
    QTemporaryDir dir;
    const QString tokenFile = dir.filePath(u"token"_s);
    QVERIFY(writeFileWithMode(tokenFile, "from-a-file\n", 0600));
    HeadlessProcess lanchat(dir.filePath(u"data"_s),
                            {u"--port"_s, u"0"_s, u"--token-file"_s, tokenFile});
    const quint16 port = lanchat.start();
    QVERIFY2(port != 0, qPrintable(lanchat.firstLine()
                                   + QString::fromUtf8(lanchat.process().readAllStandardError())));
    TestClient client;
    QVERIFY(client.join(chatUrl(port, u"alice"_s, u"from-a-file"_s)));
    TestClient wrong;
    QVERIFY(wrong.open(chatUrl(port, u"bob"_s, u"from-a-file\n"_s)));
    QVERIFY(wrong.waitForDisconnect());
    QCOMPARE(wrong.closeCode(), 1008);
    lanchat.process().terminate();
    QVERIFY(lanchat.process().waitForFinished(10000));
    QVERIFY(!lanchat.process().readAllStandardOutput().contains("from-a-file"));
}

void tst_Headless::tokenFileProblemsExitWithTwo_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<uint>("mode");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::addRow("readable by everyone")
        << QByteArray("tok\n") << 0644u << QStringList() << u"other users can read"_s;
    QTest::addRow("empty") << QByteArray("\n") << 0600u << QStringList() << u"empty"_s;
    QTest::addRow("missing") << QByteArray() << 0u << QStringList() << u"cannot read"_s;
    QTest::addRow("both token options")
        << QByteArray("tok") << 0600u << QStringList {u"--token"_s, u"other"_s}
        << u"--token-file"_s;
}

void tst_Headless::tokenFileProblemsExitWithTwo()
{
    QFETCH(QByteArray, content);
    QFETCH(uint, mode);
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString tokenFile = dir.filePath(u"token"_s);
    if (mode != 0)
        QVERIFY(writeFileWithMode(tokenFile, content, mode));
    QProcess process;
    process.start(binary(),
                  QStringList {u"--headless"_s, u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s,
                               u"--data-dir"_s, dir.filePath(u"d"_s), u"--token-file"_s, tokenFile}
                      + extra);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath(u"d/history.sqlite"_s)));
}

// The settings file keeps the server token (and remembered invites' tokens) in clear: the app
// keeps it 0600 in a 0700 directory, under umask 022 too.
void tst_Headless::settingsFileIsOwnerOnly()
{
    QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"share"_s));
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    QProcess gui;
    gui.setProcessEnvironment(environment);
    const mode_t previous = ::umask(022);
    // A port on the command line skips the start dialog: the host window opens and the server
    // starts, and its generated token is kept in the settings.
    gui.start(binary(), {u"--port"_s, u"0"_s, u"--bind"_s, u"127.0.0.1"_s});
    const bool started = gui.waitForStarted(5000);
    ::umask(previous);
    QVERIFY(started);
    const QString settingsFile = home.filePath(u"config/LanChat/lanchat.conf"_s);
    const auto tokenSaved = [&] {
        QFile file(settingsFile);
        return file.open(QIODevice::ReadOnly) && file.readAll().contains("token=");
    };
    QVERIFY2(
        QTest::qWaitFor([&] { return tokenSaved() || gui.state() == QProcess::NotRunning; }, 20000),
        gui.readAllStandardError().constData());
    QVERIFY(tokenSaved());
    QCOMPARE(modeOf(settingsFile), 0600u);
    QCOMPARE(modeOf(home.filePath(u"config/LanChat"_s)), 0700u);
    // The history of the host is kept in the application's data directory, created 0700.
    const QString dataDir = home.filePath(u"share/LanChat/lanchat"_s);
    QCOMPARE(modeOf(dataDir), 0700u);
    QCOMPARE(modeOf(dataDir + u"/history.sqlite"_s), 0600u);
    gui.kill();
    QVERIFY(gui.waitForFinished(5000));
}

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
