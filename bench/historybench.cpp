// Benchmark of the durable chat history: the real HistoryStore on a real file, against raw
// QSqlQuery references measured in the same run (this machine is shared and noisy, so only
// ratios taken side by side mean much). Not a test: it prints numbers and checks nothing but
// that the store answered correctly.
#include "historyfile.h"
#include "historystore.h"
#include "historywriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <optional>
#include <pthread.h>
#include <time.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] void die(const QString &message)
{
    out().flush();
    QTextStream(stderr) << "historybench: " << message << Qt::endl;
    std::exit(1);
}

// ---------------------------------------------------------------------------------------------
// Statistics

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

// Nearest-rank percentile of sorted values.
double percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const auto rank = static_cast<qsizetype>(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1));
}

QString grouped(double value)
{
    // 1234567 -> "1,234,567" (independent of the locale, for stable docs).
    const QString digits = QString::number(qRound64(value));
    QString result;
    const qsizetype start = digits.startsWith(u'-') ? 1 : 0;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        if (i > start && (digits.size() - i) % 3 == 0)
            result += u',';
        result += digits.at(i);
    }
    return result;
}

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

// ---------------------------------------------------------------------------------------------
// Data: chat-like rows, deterministic

const QStringList &sentences()
{
    static const QStringList list = {
        u"ok"_s,
        u"see you at the stand-up"_s,
        u"has anyone seen the projector remote? it was in room 2 this morning"_s,
        u"lunch in ten minutes, the usual place"_s,
        u"the build on the second floor printer queue is stuck again, I restarted it"_s,
        u"Grüße aus dem Lager — die Lieferung ist da 📦"_s,
        u"can you send me the slides from yesterday's review when you have a moment? "
        u"I'd like to go through the numbers before the meeting with the customer"_s,
        u"+1"_s,
        u"network is slow on the east side, IT is looking into it"_s,
        u"thanks!"_s,
    };
    return list;
}

QList<PendingEvent> makeEvents(qint64 firstIndex, qint64 count, quint32 seed)
{
    QRandomGenerator random(seed);
    QList<PendingEvent> events;
    events.reserve(count);
    const qint64 baseTs = 1'700'000'000'000;
    const QStringList &texts = sentences();
    for (qint64 i = firstIndex; i < firstIndex + count; ++i) {
        PendingEvent pending;
        const int user = int(random.bounded(50));
        pending.event.timestampMs = baseTs + i * 250;
        pending.event.kind = ChatEvent::Kind::Message;
        pending.event.username = u"User%1"_s.arg(user);
        pending.event.text
            = texts.at(random.bounded(int(texts.size()))) + u" #"_s + QString::number(i);
        pending.sender = quint64(user) + 1;
        pending.userKey = u"user%1"_s.arg(user);
        pending.cid = u"c-%1"_s.arg(i, 8, 36, QChar(u'0'));
        events.append(pending);
    }
    return events;
}

QList<QList<PendingEvent>> split(const QList<PendingEvent> &events, qsizetype rows,
                                 qsizetype batchSize)
{
    QList<QList<PendingEvent>> batches;
    for (qsizetype i = 0; i < rows; i += batchSize)
        batches.append(events.mid(i, std::min(batchSize, rows - i)));
    return batches;
}

// ---------------------------------------------------------------------------------------------
// Files

void removeDatabase(const QString &path)
{
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s})
        QFile::remove(path + suffix);
}

// Wall time and process CPU time of a measured section.
struct Timing
{
    double wallSeconds = 0;
    double cpuSeconds = 0;
};

Timing timed(const std::function<void()> &work)
{
    const std::clock_t cpuStart = std::clock();
    QElapsedTimer timer;
    timer.start();
    work();
    const qint64 ns = timer.nsecsElapsed();
    const std::clock_t cpuEnd = std::clock();
    return {double(ns) / 1e9, double(cpuEnd - cpuStart) / CLOCKS_PER_SEC};
}

// ---------------------------------------------------------------------------------------------
// Raw QSqlQuery reference: the same schema and rows, one prepared INSERT reused, no nonce
// look-up, no result list. With synchronous=OFF it is the upper bound of what SQLite can do
// here; with FULL it has LanChat's durability and shows the cost of HistoryStore's own code.

class RawStore
{
public:
    RawStore(const QString &connection, const QString &path, const QString &synchronous)
        : m_connection(connection)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(path);
        if (!db.open())
            die(u"raw open: %1"_s.arg(db.lastError().text()));
        exec(u"PRAGMA journal_mode=WAL"_s);
        exec(u"PRAGMA synchronous=%1"_s.arg(synchronous));
        // The store's own schema, on a new file (the read benchmark opens the store's).
        QSqlQuery version(u"PRAGMA user_version"_s, db);
        if (version.next() && version.value(0).toInt() == 0) {
            for (const QStringList &step : HistoryFile::schemaSteps()) {
                for (const QString &statement : step)
                    exec(statement);
            }
        }
    }
    ~RawStore()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
    Q_DISABLE_COPY_MOVE(RawStore)

    QSqlDatabase db() const { return QSqlDatabase::database(m_connection, false); }

    void exec(const QString &statement)
    {
        QSqlQuery query(db());
        if (!query.exec(statement))
            die(u"raw SQL failed (%1): %2"_s.arg(statement, query.lastError().text()));
    }

    void insertAll(const QList<QList<PendingEvent>> &batches)
    {
        QSqlDatabase database = db();
        QSqlQuery insert(database);
        insert.prepare(u"INSERT INTO events (ts, kind, username, user_key, text, cid)"
                       u" VALUES (?, ?, ?, ?, ?, ?)"_s);
        const QString kind = LanChat::kindName(ChatEvent::Kind::Message);
        for (const QList<PendingEvent> &batch : batches) {
            if (!database.transaction())
                die(u"raw begin: %1"_s.arg(database.lastError().text()));
            for (const PendingEvent &pending : batch) {
                insert.bindValue(0, pending.event.timestampMs);
                insert.bindValue(1, kind);
                insert.bindValue(2, pending.event.username);
                insert.bindValue(3, pending.userKey);
                insert.bindValue(4, pending.event.text);
                insert.bindValue(5, pending.cid);
                if (!insert.exec())
                    die(u"raw insert: %1"_s.arg(insert.lastError().text()));
            }
            if (!database.commit())
                die(u"raw commit: %1"_s.arg(database.lastError().text()));
        }
    }

private:
    QString m_connection;
};

// ---------------------------------------------------------------------------------------------
// Results

struct InsertResult
{
    qsizetype batchSize = 0;
    qsizetype rows = 0;
    QList<double> lanchat; // rows/s per run
    QList<double> lanchatCpu; // CPU seconds / wall seconds per run
    QList<double> rawFull;
    QList<double> rawOff;
};

struct PageResult
{
    QString conversation; // "general", "a room", "a DM"
    QString position;
    QString query;
    qsizetype events = 0; // in the conversation
    // Per run: the percentiles of that run's queries, microseconds.
    QList<double> p50Us;
    QList<double> p99Us;
    QList<double> maxUs;
    QList<double> rawP50Us;
    QList<double> rawP99Us;
};

// Sustained ingest at one offered rate; per run, arrival-to-commit latencies in milliseconds.
struct IngestResult
{
    double offered = 0; // rows per second
    qsizetype rows = 0; // per run
    QList<double> p50Ms;
    QList<double> p99Ms;
    QList<double> maxMs;
    QList<double> medianBatch;
    QList<double> maxBatch;
    QList<double> writerCpu; // the database thread's CPU time over the run's wall time
};

struct Options
{
    qint64 rows = 1'000'000;
    int runs = 5;
    double ingestRate = 100'000;
    double ingestSeconds = 4;
    double ingestBoundMs = 50;
    bool quick = false;
    int pageQueries = 1000;
    QString dir;
    QString markdown;
};

qsizetype insertRowsFor(const Options &options, qsizetype batchSize)
{
    // Batch size 1 commits (and fsyncs) per row: a few thousand rows are enough to measure it.
    qsizetype cap = 200'000;
    if (batchSize == 1)
        cap = 2'000;
    else if (batchSize == 10)
        cap = 20'000;
    if (options.quick)
        cap /= 10;
    return std::min<qsizetype>(cap, options.rows);
}

QList<InsertResult> benchInserts(const Options &options)
{
    const QList<qsizetype> batchSizes = {1, 10, 100, 1000};
    qsizetype maxRows = 0;
    for (qsizetype size : batchSizes)
        maxRows = std::max(maxRows, insertRowsFor(options, size));
    const QList<PendingEvent> events = makeEvents(0, maxRows, 1);

    QList<InsertResult> results;
    for (qsizetype batchSize : batchSizes) {
        InsertResult result;
        result.batchSize = batchSize;
        result.rows = insertRowsFor(options, batchSize);
        const QList<QList<PendingEvent>> batches = split(events, result.rows, batchSize);
        out() << "  inserts, " << batchSize << " row(s) per commit, " << result.rows << " rows x "
              << options.runs << " runs" << Qt::endl;
        // Interleaved per run, so that load from the other users of the machine hits all three
        // variants alike.
        for (int run = 0; run < options.runs; ++run) {
            const QString path = options.dir + u"/insert-%1-%2.db"_s.arg(batchSize).arg(run);

            removeDatabase(path);
            {
                HistoryStore store(u"bench-insert"_s);
                if (!store.open(path))
                    die(store.lastError());
                QList<StoredEvent> stored;
                const Timing t = timed([&] {
                    for (const QList<PendingEvent> &batch : batches) {
                        if (!store.append(batch, &stored))
                            die(store.lastError());
                    }
                });
                if (store.count() != result.rows)
                    die(u"HistoryStore stored %1 rows, expected %2"_s.arg(store.count())
                            .arg(result.rows));
                result.lanchat.append(double(result.rows) / t.wallSeconds);
                result.lanchatCpu.append(t.cpuSeconds / t.wallSeconds);
            }
            removeDatabase(path);

            for (const QString &sync : {u"FULL"_s, u"OFF"_s}) {
                {
                    RawStore raw(u"bench-raw"_s, path, sync);
                    const Timing t = timed([&] { raw.insertAll(batches); });
                    (sync == "FULL"_L1 ? result.rawFull : result.rawOff)
                        .append(double(result.rows) / t.wallSeconds);
                }
                removeDatabase(path);
            }
        }
        results.append(result);
    }
    return results;
}

// ---------------------------------------------------------------------------------------------
// Sustained ingest: rows arrive at a fixed rate and are committed by the server's own group
// commit: the real HistoryWriter in a database thread of its own, at most one batch in flight,
// and everything that arrived meanwhile in the next batch (ChatServer::enqueue and flush). Open
// loop: row i is due at i / rate seconds whether or not the store has kept up, and its latency
// runs from then to the end of the commit that stored it, so a store that falls behind shows it
// as a latency that grows through the run.

struct IngestRun
{
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    double medianBatch = 0;
    double maxBatch = 0;
    double writerCpu = 0;
};

qint64 threadCpuNs(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

IngestRun ingestOnce(const QList<PendingEvent> &events, double rate, const QString &path)
{
    removeDatabase(path);
    QThread thread;
    thread.setObjectName(u"database"_s);
    auto *writer = new HistoryWriter;
    writer->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, writer, &QObject::deleteLater);
    thread.start();
    bool opened = false;
    QString error;
    clockid_t writerClock {};
    QMetaObject::invokeMethod(
        writer,
        [&] {
            opened = writer->open(path, 0, &error);
            pthread_getcpuclockid(pthread_self(), &writerClock);
        },
        Qt::BlockingQueuedConnection);
    if (!opened)
        die(u"ingest open: %1"_s.arg(error));

    const qsizetype total = events.size();
    const double nsPerRow = 1e9 / rate;
    QList<PendingEvent> pending;
    qsizetype produced = 0;
    qsizetype stored = 0;
    qsizetype inFlight = 0; // rows in the batch being committed
    std::vector<double> latencyMs;
    latencyMs.reserve(std::size_t(total));
    QList<double> batches;
    QElapsedTimer clock;
    QEventLoop loop;
    QObject context;

    const auto flush = [&] {
        if (inFlight > 0 || pending.isEmpty())
            return;
        inFlight = pending.size();
        QMetaObject::invokeMethod(
            writer, [writer, batch = std::exchange(pending, {})] { writer->store(batch); },
            Qt::QueuedConnection);
    };
    QObject::connect(writer, &HistoryWriter::batchStored, &context,
                     [&](const QList<StoredEvent> &results, const QList<PendingEvent> &failed,
                         const QString &storeError, bool) {
                         const double now = double(clock.nsecsElapsed());
                         if (!storeError.isEmpty() || !failed.isEmpty()
                             || results.size() != inFlight)
                             die(u"ingest batch of %1 failed: %2"_s.arg(inFlight).arg(storeError));
                         for (qsizetype i = stored; i < stored + inFlight; ++i)
                             latencyMs.push_back((now - double(i) * nsPerRow) / 1e6);
                         batches.append(double(inFlight));
                         stored += inFlight;
                         inFlight = 0;
                         if (stored == total)
                             loop.quit();
                         else
                             flush();
                     });
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, &context, [&] {
        const qsizetype due
            = std::min<qsizetype>(total, qsizetype(double(clock.nsecsElapsed()) / nsPerRow) + 1);
        if (due > produced) {
            pending.append(events.sliced(produced, due - produced));
            produced = due;
        }
        if (produced == total)
            tick.stop();
        flush();
    });
    // A store far behind would take long to drain: stop it with an error instead.
    const int limitMs = int(double(total) / rate * 1000.0) + 60'000;
    QTimer::singleShot(limitMs, &context, [&] {
        die(u"ingest at %1 rows/s did not finish within %2 ms"_s.arg(rate).arg(limitMs));
    });
    const qint64 writerCpuStart = threadCpuNs(writerClock);
    clock.start();
    tick.start();
    loop.exec();
    const double wallNs = double(clock.nsecsElapsed());
    const qint64 writerCpuNs = threadCpuNs(writerClock) - writerCpuStart;

    QMetaObject::invokeMethod(
        writer, [writer] { writer->close(); }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    removeDatabase(path);

    std::sort(latencyMs.begin(), latencyMs.end());
    const QList<double> sorted(latencyMs.begin(), latencyMs.end());
    std::sort(batches.begin(), batches.end());
    IngestRun run;
    run.p50Ms = percentile(sorted, 50);
    run.p99Ms = percentile(sorted, 99);
    run.maxMs = sorted.last();
    run.medianBatch = percentile(batches, 50);
    run.maxBatch = batches.last();
    run.writerCpu = double(writerCpuNs) / wallNs;
    return run;
}

void addRun(IngestResult &result, const IngestRun &run)
{
    result.p50Ms.append(run.p50Ms);
    result.p99Ms.append(run.p99Ms);
    result.maxMs.append(run.maxMs);
    result.medianBatch.append(run.medianBatch);
    result.maxBatch.append(run.maxBatch);
    result.writerCpu.append(run.writerCpu);
}

// The target rate over options.runs runs, then a search upward (one run per step, 20 % apart)
// for the highest rate whose p99 stays within the bound.
QList<IngestResult> benchIngest(const Options &options)
{
    const qsizetype rows = qsizetype(options.ingestRate * options.ingestSeconds);
    // The search needs rows for up to 4 times the target rate; a quick run only the target's.
    const QList<PendingEvent> events = makeEvents(0, options.quick ? rows : rows * 4, 3);
    const QString path = options.dir + u"/ingest.db"_s;
    QList<IngestResult> results;

    IngestResult target;
    target.offered = options.ingestRate;
    target.rows = rows;
    out() << "  sustained ingest at " << grouped(target.offered) << " rows/s, " << rows
          << " rows x " << options.runs << " runs" << Qt::endl;
    for (int run = 0; run < options.runs; ++run)
        addRun(target, ingestOnce(events.first(rows), target.offered, path));
    results.append(target);
    if (options.quick)
        return results;

    for (double rate = options.ingestRate * 1.2;; rate *= 1.2) {
        IngestResult step;
        step.offered = rate;
        step.rows = std::min(events.size(), qsizetype(rate * options.ingestSeconds));
        out() << "  sustained ingest at " << grouped(rate) << " rows/s, " << step.rows << " rows"
              << Qt::endl;
        addRun(step, ingestOnce(events.first(step.rows), rate, path));
        results.append(step);
        if (step.p99Ms.first() > options.ingestBoundMs || step.rows == events.size())
            break;
    }
    return results;
}

// The conversations of the page test: general, 100 rooms and 1,000 DM pairs among the 50 users.
constexpr int RoomCount = 100;
constexpr int DirectPairCount = 1000;
const QString ProbeRoom = u"room-42"_s;
constexpr int ProbePair = 123;

QString userName(int user)
{
    return u"User%1"_s.arg(user);
}

QString userKey(int user)
{
    return u"user%1"_s.arg(user);
}

std::pair<int, int> directPair(int index)
{
    int a = 0;
    int b = 1;
    for (int i = 0; i < index; ++i) {
        if (++b == 50) {
            ++a;
            b = a + 1;
        }
    }
    return {a, b};
}

// Spreads the rows: 20 % in general, 50 % over the rooms, 30 % over the DM pairs (a DM written
// by either side).
void spreadOverConversations(QList<PendingEvent> &events, quint32 seed)
{
    static const QList<std::pair<int, int>> pairs = [] {
        QList<std::pair<int, int>> list;
        for (int i = 0; i < DirectPairCount; ++i)
            list.append(directPair(i));
        return list;
    }();
    QRandomGenerator random(seed);
    for (PendingEvent &pending : events) {
        const quint32 share = random.bounded(100u);
        if (share < 20)
            continue; // general
        if (share < 70) {
            pending.event.room = u"room-%1"_s.arg(random.bounded(RoomCount), 2, 10, QChar(u'0'));
            continue;
        }
        const auto [a, b] = pairs.at(int(random.bounded(DirectPairCount)));
        const bool fromA = random.bounded(2) == 0;
        const int from = fromA ? a : b;
        const int to = fromA ? b : a;
        pending.event.username = userName(from);
        pending.userKey = userKey(from);
        pending.sender = quint64(from) + 1;
        pending.event.room.clear();
        pending.event.to = userName(to);
        pending.recipientKey = userKey(to);
    }
}

struct FillResult
{
    qint64 rows = 0;
    double seconds = 0;
    qint64 fileBytes = 0;
    // The ids of the conversations the pages are read from, ascending.
    QList<qint64> generalIds;
    QList<qint64> roomIds;
    QList<qint64> directIds;
};

FillResult fillStore(const Options &options, const QString &path)
{
    constexpr qint64 batchSize = 10'000;
    FillResult fill;
    fill.rows = options.rows;
    removeDatabase(path);
    HistoryStore store(u"bench-fill"_s);
    if (!store.open(path))
        die(store.lastError());
    const auto [probeA, probeB] = directPair(ProbePair);
    const QString probeDirect = userKey(probeA) + QChar(0x1F) + userKey(probeB);
    QList<StoredEvent> stored;
    for (qint64 first = 0; first < options.rows; first += batchSize) {
        QList<PendingEvent> batch
            = makeEvents(first, std::min(batchSize, options.rows - first), quint32(first + 7));
        spreadOverConversations(batch, quint32(first + 11));
        fill.seconds += timed([&] {
                            if (!store.append(batch, &stored))
                                die(store.lastError());
                        }).wallSeconds;
        for (const StoredEvent &event : std::as_const(stored)) {
            if (event.event.isDirect()) {
                const QString key = event.event.username.toLower();
                const QString to = event.event.to.toLower();
                if ((key < to ? key + QChar(0x1F) + to : to + QChar(0x1F) + key) == probeDirect)
                    fill.directIds.append(event.event.id);
            } else if (event.event.room == Protocol::DefaultRoom) {
                fill.generalIds.append(event.event.id);
            } else if (event.event.room == ProbeRoom) {
                fill.roomIds.append(event.event.id);
            }
        }
    }
    if (store.count() != options.rows)
        die(u"fill stored %1 rows, expected %2"_s.arg(store.count()).arg(options.rows));
    QList<RoomInfo> rooms;
    if (!store.rooms(&rooms) || rooms.size() != RoomCount + 1)
        die(u"fill made %1 rooms, expected %2"_s.arg(rooms.size()).arg(RoomCount + 1));
    // As after a restart: the server checkpoints on shutdown.
    if (!store.checkpoint())
        die(store.lastError());
    store.close();
    fill.fileBytes = QFileInfo(path).size();
    return fill;
}

QList<PageResult> benchPages(const Options &options, const QString &path, const FillResult &fill)
{
    constexpr int limit = 100;
    constexpr int warmUp = 10;

    // Like the server: a read-only connection of its own, separate from the writer.
    HistoryStore store(u"bench-read"_s);
    if (!store.open(path, true))
        die(store.lastError());
    RawStore raw(u"bench-raw-read"_s, path, u"FULL"_s);

    struct Conversation
    {
        QString label;
        HistoryQuery query;
        QString sqlName; // kind and name in the conversations table
        QString kind;
        const QList<qint64> *ids;
    };
    const auto [probeA, probeB] = directPair(ProbePair);
    HistoryQuery general;
    HistoryQuery room;
    room.room = ProbeRoom;
    HistoryQuery direct;
    direct.ownKey = userKey(probeB);
    direct.withKey = userKey(probeA);
    const QList<Conversation> conversations = {
        {u"general"_s, general, Protocol::defaultRoom(), u"room"_s, &fill.generalIds},
        {u"a room"_s, room, ProbeRoom, u"room"_s, &fill.roomIds},
        {u"a DM"_s, direct, userKey(probeA) + QChar(0x1F) + userKey(probeB), u"direct"_s,
         &fill.directIds},
    };

    QList<PageResult> results;
    for (const Conversation &conversation : conversations) {
        const QList<qint64> &ids = *conversation.ids;
        // Three distinct pages, each with more beyond it (a --quick run's are too small).
        if (ids.size() < 2 * limit + 2) {
            out() << "  pages of " << conversation.label << " skipped: " << ids.size() << " events"
                  << Qt::endl;
            continue;
        }
        QSqlQuery find(raw.db());
        find.prepare(u"SELECT id FROM conversations WHERE kind = ? AND name = ? AND deleted = 0"_s);
        find.addBindValue(conversation.kind);
        find.addBindValue(conversation.sqlName);
        if (!find.exec() || !find.next())
            die(u"no conversation for %1"_s.arg(conversation.label));
        const qint64 conversationId = find.value(0).toLongLong();

        struct Position
        {
            QString name;
            QString query;
            qint64 beforeId;
            qint64 afterId;
            qint64 expectedFirst;
        };
        const qsizetype n = ids.size();
        const QList<Position> positions = {
            {u"newest"_s, u"no bound"_s, -1, -1, ids.at(n - limit)},
            {u"middle"_s, u"before=%1"_s.arg(ids.at(n / 2)), ids.at(n / 2), -1,
             ids.at(n / 2 - limit)},
            {u"oldest"_s, u"after=0"_s, -1, 0, ids.first()},
        };
        for (const Position &position : positions) {
            PageResult result;
            result.conversation = conversation.label;
            result.position = position.name;
            result.query = position.query;
            result.events = n;
            HistoryQuery query = conversation.query;
            query.limit = limit;
            query.beforeId = position.beforeId;
            query.afterId = position.afterId;
            out() << "  page, " << conversation.label << " (" << grouped(double(n)) << " events), "
                  << position.name << " (" << position.query << "), " << options.runs << " x "
                  << options.pageQueries << " queries" << Qt::endl;

            // Reference: the same page with the same row decoding, prepared once and reused.
            const bool ascending = position.afterId >= 0;
            const bool bounded = ascending || position.beforeId >= 0;
            QString sql
                = u"SELECT id, ts, kind, username, text FROM events WHERE conversation = ?"_s;
            if (bounded)
                sql += ascending ? u" AND id > ?"_s : u" AND id < ?"_s;
            sql += ascending ? u" ORDER BY id ASC LIMIT ?"_s : u" ORDER BY id DESC LIMIT ?"_s;
            QSqlQuery select(raw.db());
            select.setForwardOnly(true);
            if (!select.prepare(sql))
                die(select.lastError().text());

            for (int run = 0; run < options.runs; ++run) {
                QList<double> lanchatUs;
                QList<double> rawUs;
                HistoryPage page;
                for (int i = 0; i < warmUp + options.pageQueries; ++i) {
                    QElapsedTimer timer;
                    timer.start();
                    const bool ok = store.page(query, &page);
                    const qint64 ns = timer.nsecsElapsed();
                    if (!ok)
                        die(store.lastError());
                    if (page.events.size() != limit
                        || page.events.first().id != position.expectedFirst || !page.hasMore)
                        die(u"unexpected %1 page of %2: %3 events from id %4"_s
                                .arg(position.name, conversation.label)
                                .arg(page.events.size())
                                .arg(page.events.isEmpty() ? -1 : page.events.first().id));
                    if (i >= warmUp)
                        lanchatUs.append(double(ns) / 1000.0);
                }
                for (int i = 0; i < warmUp + options.pageQueries; ++i) {
                    QElapsedTimer timer;
                    timer.start();
                    int bind = 0;
                    select.bindValue(bind++, conversationId);
                    if (bounded)
                        select.bindValue(bind++, ascending ? position.afterId : position.beforeId);
                    select.bindValue(bind, limit + 1);
                    if (!select.exec())
                        die(select.lastError().text());
                    QList<ChatEvent> events;
                    while (select.next() && events.size() < limit) {
                        ChatEvent event;
                        event.id = select.value(0).toLongLong();
                        event.timestampMs = select.value(1).toLongLong();
                        event.kind = select.value(2).toString() == "message"_L1
                                         ? ChatEvent::Kind::Message
                                         : ChatEvent::Kind::Announcement;
                        event.username = select.value(3).toString();
                        event.text = select.value(4).toString();
                        events.append(event);
                    }
                    select.finish();
                    const qint64 ns = timer.nsecsElapsed();
                    if (events.size() != limit)
                        die(u"reference page returned %1 rows"_s.arg(events.size()));
                    if (i >= warmUp)
                        rawUs.append(double(ns) / 1000.0);
                }
                std::sort(lanchatUs.begin(), lanchatUs.end());
                std::sort(rawUs.begin(), rawUs.end());
                result.p50Us.append(percentile(lanchatUs, 50));
                result.p99Us.append(percentile(lanchatUs, 99));
                result.maxUs.append(lanchatUs.last());
                result.rawP50Us.append(percentile(rawUs, 50));
                result.rawP99Us.append(percentile(rawUs, 99));
            }
            results.append(result);
        }
    }
    return results;
}

QString sqliteVersion()
{
    const QString connection = u"bench-version"_s;
    QString version;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(u":memory:"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT sqlite_version()"_s) && query.next())
                version = query.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return version;
}

// ---------------------------------------------------------------------------------------------
// Reports

QString spread(const QList<double> &values)
{
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    return u"%1–%2"_s.arg(grouped(*low), grouped(*high));
}

void printText(const Options &options, const QList<InsertResult> &inserts,
               const QList<IngestResult> &ingest, const FillResult &fill,
               const QList<PageResult> &pages)
{
    QTextStream &s = out();
    s << Qt::endl << "Inserts (rows/s, median of " << options.runs << " runs, min-max)" << Qt::endl;
    s << qSetFieldWidth(7) << Qt::right << "batch" << qSetFieldWidth(9) << "rows"
      << qSetFieldWidth(10) << "LanChat" << qSetFieldWidth(20) << "spread" << qSetFieldWidth(6)
      << "CPU" << qSetFieldWidth(10) << "raw FULL" << qSetFieldWidth(10) << "raw OFF"
      << qSetFieldWidth(10) << "/FULL" << qSetFieldWidth(8) << "/OFF" << qSetFieldWidth(0)
      << Qt::endl;
    for (const InsertResult &r : inserts) {
        const double lanchat = median(r.lanchat);
        s << qSetFieldWidth(7) << r.batchSize << qSetFieldWidth(9) << r.rows << qSetFieldWidth(10)
          << grouped(lanchat) << qSetFieldWidth(20) << spread(r.lanchat) << qSetFieldWidth(6)
          << u"%1%"_s.arg(qRound(median(r.lanchatCpu) * 100)) << qSetFieldWidth(10)
          << grouped(median(r.rawFull)) << qSetFieldWidth(10) << grouped(median(r.rawOff))
          << qSetFieldWidth(10) << fixed(lanchat / median(r.rawFull), 2) << qSetFieldWidth(8)
          << fixed(lanchat / median(r.rawOff), 2) << qSetFieldWidth(0) << Qt::endl;
    }
    s << Qt::endl
      << "Sustained ingest (group commit; ms from arrival to commit; target rate: median of "
      << options.runs << " runs)" << Qt::endl;
    s << qSetFieldWidth(10) << Qt::right << "offered" << qSetFieldWidth(9) << "rows"
      << qSetFieldWidth(8) << "p50" << qSetFieldWidth(8) << "p99" << qSetFieldWidth(8) << "max"
      << qSetFieldWidth(8) << "batch" << qSetFieldWidth(9) << "max b." << qSetFieldWidth(8)
      << "writer" << qSetFieldWidth(0) << Qt::endl;
    for (const IngestResult &r : ingest) {
        s << qSetFieldWidth(10) << grouped(r.offered) << qSetFieldWidth(9) << r.rows
          << qSetFieldWidth(8) << fixed(median(r.p50Ms), 1) << qSetFieldWidth(8)
          << fixed(median(r.p99Ms), 1) << qSetFieldWidth(8) << fixed(median(r.maxMs), 1)
          << qSetFieldWidth(8) << grouped(median(r.medianBatch)) << qSetFieldWidth(9)
          << grouped(median(r.maxBatch)) << qSetFieldWidth(8)
          << u"%1%"_s.arg(qRound(median(r.writerCpu) * 100)) << qSetFieldWidth(0) << Qt::endl;
    }
    s << Qt::endl
      << "Fill: " << grouped(double(fill.rows))
      << " rows in batches of 10,000: " << fixed(fill.seconds, 1) << " s ("
      << grouped(double(fill.rows) / fill.seconds) << " rows/s), file "
      << fixed(double(fill.fileBytes) / 1048576.0, 1) << " MiB" << Qt::endl;
    s << Qt::endl
      << "Pages of 100 (us, medians of " << options.runs << " runs of " << options.pageQueries
      << " queries each)" << Qt::endl;
    s << qSetFieldWidth(9) << Qt::right << "in" << qSetFieldWidth(8) << "page" << qSetFieldWidth(18)
      << "query" << qSetFieldWidth(8) << "p50" << qSetFieldWidth(8) << "p99" << qSetFieldWidth(8)
      << "max" << qSetFieldWidth(10) << "raw p50" << qSetFieldWidth(10) << "raw p99"
      << qSetFieldWidth(8) << "p50/raw" << qSetFieldWidth(0) << Qt::endl;
    for (const PageResult &r : pages) {
        const double p50 = median(r.p50Us);
        s << qSetFieldWidth(9) << r.conversation << qSetFieldWidth(8) << r.position
          << qSetFieldWidth(18) << r.query << qSetFieldWidth(8) << fixed(p50, 0)
          << qSetFieldWidth(8) << fixed(median(r.p99Us), 0) << qSetFieldWidth(8)
          << fixed(median(r.maxUs), 0) << qSetFieldWidth(10) << fixed(median(r.rawP50Us), 0)
          << qSetFieldWidth(10) << fixed(median(r.rawP99Us), 0) << qSetFieldWidth(8)
          << fixed(p50 / median(r.rawP50Us), 2) << qSetFieldWidth(0) << Qt::endl;
    }
}

// The highest offered rate whose (median) p99 stayed within the bound, 0 if none did.
double highestHeld(const Options &options, const QList<IngestResult> &ingest)
{
    double held = 0;
    for (const IngestResult &r : ingest) {
        if (median(r.p99Ms) <= options.ingestBoundMs)
            held = std::max(held, r.offered);
    }
    return held;
}

QString markdown(const Options &options, const QList<InsertResult> &inserts,
                 const QList<IngestResult> &ingest, const FillResult &fill,
                 const QList<PageResult> &pages)
{
    QString md;
    QTextStream s(&md);
    s << "## Durable history (SQLite)\n\n";
    s << "`HistoryStore` as the server uses it (WAL, `synchronous=FULL`, one transaction per "
         "`append()` batch, each row with a client nonce checked for duplicates), on a real file "
         "on this machine's disk. References measured in the same run, interleaved run by run: "
         "a raw `QSqlQuery` loop with the same schema and rows, one prepared `INSERT` reused, no "
         "nonce look-up, once with `synchronous=FULL` (same durability) and once with "
         "`synchronous=OFF` (no fsync: the upper bound).\n\n";

    s << "### Inserts\n\n";
    s << "Rows per second, median of " << options.runs
      << " runs into a fresh database each, with the min–max spread. CPU is the process CPU "
         "time over the wall time (median) of the LanChat runs: the rest is waiting for "
         "fsync.\n\n";
    s << "| rows per commit | rows per run | LanChat rows/s | spread | CPU | raw FULL rows/s | raw "
         "OFF rows/s | LanChat / raw FULL | LanChat / raw OFF |\n";
    s << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const InsertResult &r : inserts) {
        const double lanchat = median(r.lanchat);
        s << "| " << r.batchSize << " | " << grouped(double(r.rows)) << " | **" << grouped(lanchat)
          << "** | " << spread(r.lanchat) << " | " << qRound(median(r.lanchatCpu) * 100) << " % | "
          << grouped(median(r.rawFull)) << " (" << spread(r.rawFull) << ") | "
          << grouped(median(r.rawOff)) << " (" << spread(r.rawOff) << ") | "
          << fixed(lanchat / median(r.rawFull), 2) << " | " << fixed(lanchat / median(r.rawOff), 2)
          << " |\n";
    }
    s << "\n### Sustained ingest\n\n";
    s << "What the server does under load: rows arrive at a fixed rate (open loop, row i due at "
         "i / rate) and go through the server's own group commit, the real `HistoryWriter` in a "
         "database thread, at most one batch in flight and everything that arrived meanwhile in "
         "the next batch (as `ChatServer` does). Latency runs from a row's arrival to the end of "
         "the commit that stored it, so a store that falls behind shows as a latency that grows "
         "through the run. The offered rate of the target, "
      << options.runs << " runs of " << fixed(options.ingestSeconds, 0)
      << " s into a fresh database each (medians, min–max); then one run per step, 20 % apart, "
         "up to the first rate whose p99 exceeds "
      << fixed(options.ingestBoundMs, 0)
      << " ms (the bound of the fan-out capacity search). Writer CPU is the database thread's CPU "
         "time over the run's wall time.\n\n";
    s << "| offered rows/s | rows per run | p50 ms | p99 ms | max ms | rows per commit (median) | "
         "largest commit | writer CPU |\n";
    s << "|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const IngestResult &r : ingest) {
        const QString p99 = r.p99Ms.size() > 1 ? u"**%1** (%2–%3)"_s.arg(
                                fixed(median(r.p99Ms), 1),
                                fixed(*std::min_element(r.p99Ms.begin(), r.p99Ms.end()), 1),
                                fixed(*std::max_element(r.p99Ms.begin(), r.p99Ms.end()), 1))
                                               : fixed(median(r.p99Ms), 1);
        s << "| " << grouped(r.offered) << " | " << grouped(double(r.rows)) << " | "
          << fixed(median(r.p50Ms), 1) << " | " << p99 << " | " << fixed(median(r.maxMs), 1)
          << " | " << grouped(median(r.medianBatch)) << " | " << grouped(median(r.maxBatch))
          << " | " << qRound(median(r.writerCpu) * 100) << " % |\n";
    }
    s << "\n### History pages\n\n";
    s << "The store filled to " << grouped(double(fill.rows))
      << " rows with `append()` batches of 10,000, one transaction each (" << fixed(fill.seconds, 1)
      << " s, " << grouped(double(fill.rows) / fill.seconds) << " rows/s; file "
      << fixed(double(fill.fileBytes) / 1048576.0, 1)
      << " MiB after a checkpoint), spread over `general` (20 %), " << RoomCount
      << " rooms (50 %) and " << DirectPairCount
      << " DM pairs among 50 users (30 %), each row's conversation resolved by the store. Then "
         "read through a read-only `HistoryStore` of its own as the server does: `page()` of one "
         "conversation with limit 100 at its newest end, its middle and its oldest end, "
      << options.runs << " runs of " << options.pageQueries
      << " queries per position after 10 untimed warm-up queries; the medians of the runs' "
         "percentiles, microseconds. Reference: the same page with one prepared statement "
         "reused (`WHERE conversation = ?` and the id bound).\n\n";
    s << "| conversation | events in it | page | query | p50 µs | p99 µs | max µs | raw p50 µs | "
         "raw p99 µs | LanChat / raw (p50) |\n";
    s << "|---|---:|---|---|---:|---:|---:|---:|---:|---:|\n";
    for (const PageResult &r : pages) {
        const double p50 = median(r.p50Us);
        s << "| " << r.conversation << " | " << grouped(double(r.events)) << " | " << r.position
          << " | `" << r.query << "` | **" << fixed(p50, 0) << "** | " << fixed(median(r.p99Us), 0)
          << " | " << fixed(median(r.maxUs), 0) << " | " << fixed(median(r.rawP50Us), 0) << " | "
          << fixed(median(r.rawP99Us), 0) << " | " << fixed(p50 / median(r.rawP50Us), 2) << " |\n";
    }

    s << "\n### Against the targets\n\n";
    s << "| target | measured (median) | verdict |\n|---|---|---|\n";
    // The server never commits a fixed number of rows: under load each commit takes what arrived
    // during the one before. So the insert target is judged at a sustained offered rate.
    const double held = highestHeld(options, ingest);
    const IngestResult &atTarget = ingest.first();
    const double targetP99 = median(atTarget.p99Ms);
    s << "| ≥ " << grouped(options.ingestRate)
      << " inserts/s sustained through the server's group commit (p99 arrival to commit ≤ "
      << fixed(options.ingestBoundMs, 0) << " ms) | p99 " << fixed(targetP99, 1) << " ms at "
      << grouped(atTarget.offered) << " rows/s offered; highest rate held "
      << (held > 0 ? grouped(held) + u" rows/s"_s : u"none"_s) << " | "
      << (targetP99 <= options.ingestBoundMs ? "met" : "**not met**") << " |\n";
    for (const PageResult &r : pages) {
        const double p99 = median(r.p99Us);
        s << "| history page < 5 ms p99 at any depth (" << r.conversation << ", " << r.position
          << ") | " << fixed(p99 / 1000.0, 2) << " ms p99 | "
          << (p99 < 5000 ? "met" : "**not met**") << " |\n";
    }
    s.flush();
    return md;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"lanchat-historybench"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LANCHAT_VERSION));
    // The store logs each schema migration (one per fresh database): not useful here.
    QLoggingCategory::setFilterRules(u"lanchat.store.info=false"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Benchmark of LanChat's durable history (HistoryStore on SQLite)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption rowsOption(u"rows"_s, u"Rows in the store for the page test."_s,
                                        u"N"_s, u"1000000"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Repetitions of each insert test."_s, u"R"_s,
                                        u"5"_s);
    const QCommandLineOption ingestRateOption(
        u"ingest-rate"_s, u"Offered rate of the sustained-ingest test, rows/s (default 100000)."_s,
        u"R"_s);
    const QCommandLineOption ingestSecondsOption(
        u"ingest-seconds"_s, u"Length of each sustained-ingest run, seconds (default 4)."_s,
        u"S"_s);
    const QCommandLineOption dirOption(
        u"dir"_s, u"Directory for the database files (default: a temporary directory)."_s,
        u"DIR"_s);
    const QCommandLineOption quickOption(u"quick"_s,
                                         u"A fast smoke run (20,000 rows, 1 run, 100 queries)."_s);
    const QCommandLineOption markdownOption(
        u"markdown"_s, u"Also write the results as a markdown section to FILE."_s, u"FILE"_s);
    const QCommandLineOption versionsOption(u"sqlite-version"_s,
                                            u"Print the SQLite version Qt uses and exit."_s);
    parser.addOptions({rowsOption, runsOption, ingestRateOption, ingestSecondsOption, dirOption,
                       quickOption, markdownOption, versionsOption});
    parser.process(app);

    if (parser.isSet(versionsOption)) {
        out() << sqliteVersion() << Qt::endl;
        return 0;
    }

    Options options;
    options.quick = parser.isSet(quickOption);
    if (options.quick) {
        options.rows = 20'000;
        options.runs = 1;
        options.pageQueries = 100;
    }
    bool ok = true;
    if (parser.isSet(rowsOption))
        options.rows = parser.value(rowsOption).toLongLong(&ok);
    if (!ok || options.rows < 1000)
        die(u"--rows must be a number of at least 1000"_s);
    if (parser.isSet(runsOption))
        options.runs = parser.value(runsOption).toInt(&ok);
    if (!ok || options.runs < 1)
        die(u"--runs must be a positive number"_s);
    if (options.quick)
        options.ingestSeconds = 1;
    if (parser.isSet(ingestRateOption))
        options.ingestRate = parser.value(ingestRateOption).toDouble(&ok);
    if (!ok || options.ingestRate < 1000)
        die(u"--ingest-rate must be a number of at least 1000"_s);
    if (parser.isSet(ingestSecondsOption))
        options.ingestSeconds = parser.value(ingestSecondsOption).toDouble(&ok);
    if (!ok || options.ingestSeconds < 0.5)
        die(u"--ingest-seconds must be a number of at least 0.5"_s);
    options.markdown = parser.value(markdownOption);

    std::optional<QTemporaryDir> temporary;
    if (parser.isSet(dirOption)) {
        options.dir = QDir(parser.value(dirOption)).absolutePath();
        if (!QDir().mkpath(options.dir))
            die(u"cannot create %1"_s.arg(options.dir));
    } else {
        temporary.emplace();
        if (!temporary->isValid())
            die(u"cannot create a temporary directory"_s);
        options.dir = temporary->path();
    }

    out() << "LanChat history benchmark: Qt " << qVersion() << ", SQLite " << sqliteVersion()
          << ", files in " << options.dir << Qt::endl;

    const QList<InsertResult> inserts = benchInserts(options);
    const QList<IngestResult> ingest = benchIngest(options);
    const QString pagePath = options.dir + u"/history.db"_s;
    out() << "  filling " << options.rows << " rows" << Qt::endl;
    const FillResult fill = fillStore(options, pagePath);
    const QList<PageResult> pages = benchPages(options, pagePath, fill);
    removeDatabase(pagePath);

    printText(options, inserts, ingest, fill, pages);

    if (!options.markdown.isEmpty()) {
        QSaveFile file(options.markdown);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
            die(u"cannot write %1: %2"_s.arg(options.markdown, file.errorString()));
        file.write(markdown(options, inserts, ingest, fill, pages).toUtf8());
        if (!file.commit())
            die(u"cannot write %1: %2"_s.arg(options.markdown, file.errorString()));
    }
    return 0;
}
