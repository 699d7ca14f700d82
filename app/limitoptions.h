// Main thread. The command-line options and settings for the server's limits
// (docs/PROTOCOL.md, "Limits"): command line over settings over built-in defaults.
#pragma once

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;
class QSettings;
struct ServerConfig;

class LimitOptions final
{
public:
    LimitOptions();

    void addTo(QCommandLineParser &parser) const;
    // Fills the limits of config; false with a message when a value is malformed.
    bool apply(const QCommandLineParser &parser, const QSettings &settings, ServerConfig *config,
               QString *error) const;

private:
    QCommandLineOption m_maxConnections;
    QCommandLineOption m_maxConnectionsPerAddress;
    QCommandLineOption m_messageRate;
    QCommandLineOption m_maxTextLength;
    QCommandLineOption m_maxFrameSize;
    QCommandLineOption m_maxOutputBuffer;
    QCommandLineOption m_keepAlive;
    QCommandLineOption m_maxFailedTokens;
    QCommandLineOption m_allowOrigin;
    QCommandLineOption m_allowHost;
    QCommandLineOption m_maxSockets;
    QCommandLineOption m_maxRooms;
    QCommandLineOption m_maxRoomsPerUser;
    QCommandLineOption m_maxHistorySize;
};
