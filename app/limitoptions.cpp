#include "limitoptions.h"

#include "chattypes.h"
#include "lanchatsettings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LimitOptions", text);
}

// The command-line value if given, else the setting as written, else nothing.
template<typename T>
QString valueOf(const QCommandLineParser &parser, const QCommandLineOption &option,
                const QSettings &settings, const SettingValue<T> &setting)
{
    if (parser.isSet(option))
        return parser.value(option);
    return settings.value(setting.key()).toString();
}

bool readInteger(const QString &text, qint64 minimum, qint64 maximum, qint64 *value)
{
    if (text.isEmpty())
        return true;
    bool ok = false;
    const qint64 parsed = text.toLongLong(&ok);
    if (!ok || parsed < minimum || parsed > maximum)
        return false;
    *value = parsed;
    return true;
}

} // namespace

LimitOptions::LimitOptions()
    : m_maxConnections(u"max-connections"_s,
                       tr("Accept at most <n> WebSocket connections (chat and echo) at once "
                          "(default 100)."),
                       u"n"_s),
      m_maxConnectionsPerAddress(u"max-connections-per-address"_s,
                                 tr("Accept at most <n> WebSocket connections (chat and echo) "
                                    "from one address (default 16)."),
                                 u"n"_s),
      m_messageRate(u"message-rate"_s,
                    tr("Flood control: <rate>/<burst> messages per second and client (default "
                       "2/5); 0 turns it off."),
                    u"rate/burst"_s),
      m_maxTextLength(u"max-text-length"_s,
                      tr("Refuse messages longer than <n> characters (default 5000)."), u"n"_s),
      m_maxFrameSize(u"max-frame-size"_s,
                     tr("Close connections that send a WebSocket frame or message larger than "
                        "<bytes> (default 65536)."),
                     u"bytes"_s),
      m_maxOutputBuffer(u"max-output-buffer"_s,
                        tr("Drop a client whose unsent output exceeds <bytes> (default "
                           "1048576)."),
                        u"bytes"_s),
      m_keepAlive(u"keepalive"_s,
                  tr("Ping clients every <seconds> and drop those silent for two intervals "
                     "(default 20; 0 turns it off)."),
                  u"seconds"_s),
      m_maxFailedTokens(u"max-failed-tokens"_s,
                        tr("Block an address for 300 s after <n> wrong tokens within 120 s "
                           "(default 10; 0 turns it off)."),
                        u"n"_s),
      m_allowOrigin(u"allow-origin"_s,
                    tr("Also accept browser connections from pages of <origin> (repeatable)."),
                    u"origin"_s),
      m_allowHost(u"allow-host"_s,
                  tr("Also answer requests addressed to <name> (repeatable; its own addresses, "
                     "host name and localhost always work; * accepts any name)."),
                  u"name"_s),
      m_maxSockets(u"max-sockets"_s,
                   tr("Keep at most <n> connections of any kind open at once (default: as many "
                      "as the descriptor limit leaves room for)."),
                   u"n"_s),
      m_maxRooms(u"max-rooms"_s,
                 tr("Allow at most <n> rooms on the server, general included (default 200)."),
                 u"n"_s),
      m_maxRoomsPerUser(u"max-rooms-per-user"_s,
                        tr("Let a user be in at most <n> rooms besides general (default 50)."),
                        u"n"_s),
      m_maxHistorySize(u"max-history-size"_s,
                       tr("Keep the history database below <MiB> (default 0: no limit); when "
                          "it is full, new messages are refused with an error."),
                       u"MiB"_s)
{ }

void LimitOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_maxConnections, m_maxConnectionsPerAddress, m_messageRate, m_maxTextLength,
                       m_maxFrameSize, m_maxOutputBuffer, m_keepAlive, m_maxFailedTokens,
                       m_allowOrigin, m_allowHost, m_maxSockets, m_maxRooms, m_maxRoomsPerUser,
                       m_maxHistorySize});
}

bool LimitOptions::apply(const QCommandLineParser &parser, const QSettings &settings,
                         ServerConfig *config, QString *error) const
{
    const auto integer = [&](const QCommandLineOption &option, const auto &setting, qint64 minimum,
                             qint64 maximum, auto *target) {
        qint64 value = *target;
        if (!readInteger(valueOf(parser, option, settings, setting), minimum, maximum, &value)) {
            *error = tr("invalid value for --%1: expected a whole number from %2 to %3")
                         .arg(option.names().constFirst())
                         .arg(minimum)
                         .arg(maximum);
            return false;
        }
        *target = decltype(+*target)(value);
        return true;
    };
    if (!integer(m_maxConnections, Settings::LimitMaxConnections, 1, 1'000'000,
                 &config->maxConnections)
        || !integer(m_maxConnectionsPerAddress, Settings::LimitMaxConnectionsPerAddress, 1,
                    1'000'000, &config->maxConnectionsPerAddress)
        || !integer(m_maxTextLength, Settings::LimitMaxTextLength, 1, 60'000,
                    &config->maxTextLength)
        || !integer(m_maxFrameSize, Settings::LimitMaxFrameSize, 1024, 16 * 1024 * 1024,
                    &config->maxFrameBytes)
        || !integer(m_maxOutputBuffer, Settings::LimitMaxOutputBuffer, 64 * 1024,
                    1024LL * 1024 * 1024, &config->maxPendingOutputBytes)
        || !integer(m_keepAlive, Settings::LimitKeepAliveSeconds, 0, 3600,
                    &config->keepAliveSeconds)
        || !integer(m_maxFailedTokens, Settings::LimitMaxFailedTokens, 0, 1'000'000,
                    &config->authFailureLimit)
        || !integer(m_maxSockets, Settings::LimitMaxSockets, 0, 10'000'000, &config->maxSockets)
        || !integer(m_maxRooms, Settings::LimitMaxRooms, 1, 1'000'000, &config->maxRooms)
        || !integer(m_maxRoomsPerUser, Settings::LimitMaxRoomsPerUser, 0, 1'000'000,
                    &config->maxRoomsPerUser))
        return false;
    qint64 historyMiB = config->maxHistoryBytes / (1024 * 1024);
    if (!integer(m_maxHistorySize, Settings::LimitMaxHistorySizeMiB, 0, 16 * 1024 * 1024,
                 &historyMiB))
        return false;
    config->maxHistoryBytes = historyMiB * 1024 * 1024;

    const QString rate = valueOf(parser, m_messageRate, settings, Settings::LimitMessageRate);
    if (rate == "0"_L1) {
        config->messageRate = 0;
    } else if (!rate.isEmpty()) {
        const QStringList parts = rate.split(u'/');
        bool rateOk = false;
        bool burstOk = parts.size() == 2;
        const double perSecond = parts.value(0).toDouble(&rateOk);
        const int burst = burstOk ? parts.at(1).toInt(&burstOk) : 0;
        if (!rateOk || !burstOk || perSecond <= 0 || burst < 1) {
            *error = tr("invalid value for --message-rate: expected RATE/BURST such as 2/5, "
                        "or 0");
            return false;
        }
        config->messageRate = perSecond;
        config->messageBurst = burst;
    }
    config->allowedOrigins = parser.isSet(m_allowOrigin)
                                 ? parser.values(m_allowOrigin)
                                 : Settings::LimitAllowedOrigins.value(settings);
    config->allowedHosts = parser.isSet(m_allowHost) ? parser.values(m_allowHost)
                                                     : Settings::LimitAllowedHosts.value(settings);
    return true;
}
