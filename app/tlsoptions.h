// Main thread. The command-line options and settings for TLS (docs/PROTOCOL.md, "TLS"): command
// line over settings; a certificate file turns TLS on by itself.
#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>

class QCommandLineParser;
class QSettings;
struct ServerConfig;

class TlsOptions final
{
    Q_DECLARE_TR_FUNCTIONS(TlsOptions)

public:
    TlsOptions();

    void addTo(QCommandLineParser &parser) const;
    // Fills the TLS fields of config; false with a message when the options do not fit together.
    bool apply(const QCommandLineParser &parser, const QSettings &settings, ServerConfig *config,
               QString *error) const;

private:
    QCommandLineOption m_tls;
    QCommandLineOption m_certificate;
    QCommandLineOption m_key;
};
