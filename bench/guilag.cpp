// GUI responsiveness under load: the real operator console (HostWindow) with a real server on
// 127.0.0.1:0, driven by WebSocket clients in another thread at a fixed message rate, while a
// 1 ms Qt::PreciseTimer on the GUI thread measures the event-loop lag (actual minus expected
// interval). Prints p50/p99/max for an idle phase and the loaded phase.
//
//   lanchat-guilag [--rate 10000] [--seconds 10] [--clients 4] [--markdown]
//
// Without a display it runs on the offscreen platform; under Xvfb or a desktop it paints for real.
#include "eventtablemodel.h"
#include "guibench.h"
#include "hostwindow.h"
#include "servercontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// Lives in the load thread: the sockets are created there, paced by a precise 1 ms timer.
class LoadDriver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadDriver)

public:
    LoadDriver(quint16 port, QString token, int clients, double rate)
        : m_port(port), m_token(std::move(token)), m_clientCount(clients), m_rate(rate)
    { }
    ~LoadDriver() override = default;

    std::atomic<qint64> sent {0};
    std::atomic<qint64> received {0};
    std::atomic<bool> ready {false};

public slots:
    void connectClients()
    {
        for (int i = 0; i < m_clientCount; ++i) {
            auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
            m_sockets.push_back(socket);
            // The first frame a client gets is its welcome.
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, welcomed = false](const QString &) mutable {
                        if (!welcomed && ++m_welcomed == m_clientCount)
                            ready = true;
                        welcomed = true;
                        received.fetch_add(1, std::memory_order_relaxed);
                    });
            QUrl url;
            url.setScheme(u"ws"_s);
            url.setHost(u"127.0.0.1"_s);
            url.setPort(m_port);
            url.setPath(u"/ws"_s);
            QUrlQuery query;
            query.addQueryItem(u"token"_s, m_token);
            query.addQueryItem(u"username"_s, u"load%1"_s.arg(i));
            url.setQuery(query);
            socket->open(url);
        }
    }
    void startSending()
    {
        m_clock.start();
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_timer->setInterval(1);
        connect(m_timer, &QTimer::timeout, this, &LoadDriver::tick);
        m_timer->start();
    }
    void stopSending()
    {
        if (m_timer)
            m_timer->stop();
    }

private:
    void tick()
    {
        const auto due = qint64(double(m_clock.nsecsElapsed()) * m_rate / 1e9);
        qint64 count = sent.load(std::memory_order_relaxed);
        while (count < due) {
            QWebSocket *socket = m_sockets[size_t(count % m_clientCount)];
            socket->sendTextMessage(
                u"{\"type\":\"message\",\"text\":\"load message %1 <b>not bold</b>\"}"_s.arg(
                    count));
            ++count;
        }
        sent.store(count, std::memory_order_relaxed);
    }

    quint16 m_port;
    QString m_token;
    int m_clientCount;
    double m_rate;
    int m_welcomed = 0;
    std::vector<QWebSocket *> m_sockets;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
};

// Lives in the GUI thread: a 1 ms precise timer that records how late each timeout is.
class LagProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LagProbe)

public:
    explicit LagProbe(QObject *parent = nullptr) : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_lagsUs.push_back(std::max<qint64>(0, (now - m_last - 1'000'000) / 1000));
            m_last = now;
        });
    }
    ~LagProbe() override = default;

    void start()
    {
        m_lagsUs.clear();
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    std::vector<qint64> stop()
    {
        m_timer.stop();
        return m_lagsUs;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    std::vector<qint64> m_lagsUs;
};

struct Stats
{
    double p50 = 0, p99 = 0, max = 0; // milliseconds
    size_t samples = 0;
};

Stats statsOf(std::vector<qint64> lags)
{
    Stats stats;
    if (lags.empty())
        return stats;
    std::sort(lags.begin(), lags.end());
    const auto at = [&](double q) {
        return double(lags[std::min(lags.size() - 1, size_t(q * double(lags.size())))]) / 1000.0;
    };
    stats.p50 = at(0.50);
    stats.p99 = at(0.99);
    stats.max = double(lags.back()) / 1000.0;
    stats.samples = lags.size();
    return stats;
}

void waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    useOffscreenWithoutDisplay();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"LanChatBench"_s);
    QCoreApplication::setApplicationName(u"lanchat-guilag"_s);
    LanChat::registerMetaTypes();

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rateOption(u"rate"_s, u"Messages per second in total."_s, u"n"_s,
                                        u"10000"_s);
    const QCommandLineOption secondsOption(u"seconds"_s, u"Length of the loaded phase."_s, u"s"_s,
                                           u"10"_s);
    const QCommandLineOption clientsOption(u"clients"_s, u"Sending clients."_s, u"n"_s, u"4"_s);
    const QCommandLineOption markdownOption(u"markdown"_s, u"Print a Markdown table row."_s);
    parser.addOptions({rateOption, secondsOption, clientsOption, markdownOption});
    parser.process(app);
    const double rate = parser.value(rateOption).toDouble();
    const int seconds = parser.value(secondsOption).toInt();
    const int clients = std::max(1, parser.value(clientsOption).toInt());

    QTemporaryDir dataDir;
    ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.token = u"bench"_s;
    config.dataDir = dataDir.path();
    config.messageRate = 0; // no flood control: the point is to push the GUI
    config.maxConnections = 10'000;
    config.maxConnectionsPerAddress = 10'000;
    config.authFailureLimit = 0;
    config.keepAliveSeconds = 0;
    config.maxPendingOutputBytes = 512LL * 1024 * 1024;

    ServerController controller;
    // Connected before and after the console's own slot: the time the console spends on a batch.
    QElapsedTimer batchClock;
    std::vector<qint64> batchUs;
    QObject::connect(&controller, &ServerController::activity, &app,
                     [&batchClock] { batchClock.start(); });
    HostWindow window(&controller);
    window.setServerConfig(config);
    window.show();
    quint16 port = 0;
    qint64 guiMessages = 0;
    int batches = 0;
    QObject::connect(&controller, &ServerController::started, &app,
                     [&](const ServerStatus &status) { port = status.port; });
    QObject::connect(&controller, &ServerController::activity, &app,
                     [&](const ServerActivity &activity) {
                         batchUs.push_back(batchClock.nsecsElapsed() / 1000);
                         guiMessages += activity.events.size();
                         ++batches;
                     });
    controller.start(config);
    waitFor([&] { return port != 0; }, 10000);
    if (port == 0) {
        std::fprintf(stderr, "lanchat-guilag: the server did not start\n");
        return 1;
    }

    LagProbe probe;
    probe.start();
    runFor(2000);
    const Stats idle = statsOf(probe.stop());

    QThread loadThread;
    loadThread.setObjectName(u"load"_s);
    auto driver = std::make_unique<LoadDriver>(port, config.token, clients, rate);
    driver->moveToThread(&loadThread);
    loadThread.start();
    QMetaObject::invokeMethod(driver.get(), &LoadDriver::connectClients);
    waitFor([&] { return driver->ready.load(); }, 10000);
    if (!driver->ready) {
        std::fprintf(stderr, "lanchat-guilag: the load clients did not connect\n");
        return 1;
    }
    QMetaObject::invokeMethod(driver.get(), &LoadDriver::startSending);
    runFor(1000); // warm-up: the live view fills
    const qint64 sentBefore = driver->sent;
    const qint64 guiBefore = guiMessages;
    const int batchesBefore = batches;
    QElapsedTimer wall;
    wall.start();
    batchUs.clear();
    probe.start();
    runFor(seconds * 1000);
    const Stats handling = statsOf(batchUs);
    const Stats loaded = statsOf(probe.stop());
    const double elapsed = double(wall.nsecsElapsed()) / 1e9;
    const double sentRate = double(driver->sent - sentBefore) / elapsed;
    const double guiRate = double(guiMessages - guiBefore) / elapsed;
    const double batchRate = double(batches - batchesBefore) / elapsed;
    QMetaObject::invokeMethod(driver.get(), &LoadDriver::stopSending, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        driver.get(), [&driver] { driver.reset(); }, Qt::BlockingQueuedConnection);
    loadThread.quit();
    loadThread.wait();

    const QString platform = QGuiApplication::platformName();
    if (parser.isSet(markdownOption)) {
        std::printf("| %s | %.0f | %.0f | %.0f | %.1f | %.2f / %.2f | %.2f | %.2f | %.2f | %.2f "
                    "| %.2f |\n",
                    qPrintable(platform), rate, sentRate, guiRate, batchRate, handling.p50,
                    handling.max, idle.p50, idle.p99, loaded.p50, loaded.p99, loaded.max);
    } else {
        std::printf("platform %s, %d sending clients, target %.0f msg/s\n", qPrintable(platform),
                    clients, rate);
        std::printf("sent %.0f msg/s; GUI received %.0f events/s in %.1f batches/s; live view "
                    "%d rows\n",
                    sentRate, guiRate, batchRate, window.liveModel()->rowCount());
        std::printf("idle:   lag p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu samples)\n", idle.p50,
                    idle.p99, idle.max, idle.samples);
        std::printf("console per batch: p50 %.2f ms, max %.2f ms (%zu batches)\n", handling.p50,
                    handling.max, handling.samples);
        std::printf("loaded: lag p50 %.2f ms, p99 %.2f ms, max %.2f ms (%zu samples)\n", loaded.p50,
                    loaded.p99, loaded.max, loaded.samples);
    }
    return 0;
}

#include "guilag.moc"
