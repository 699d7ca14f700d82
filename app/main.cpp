// The lanchat executable: parses the command line, then hosts with the operator console, joins
// another LanChat as a chat client (--join, or the start choice), or runs the server alone with
// --headless.
#include "certificatepins.h"
#include "chatclient.h"
#include "chattypes.h"
#include "chatwindow.h"
#include "colorscheme.h"
#include "hostwindow.h"
#include "invitelink.h"
#include "joindialog.h"
#include "limitoptions.h"
#include "recentservers.h"
#include "servercontroller.h"
#include "startdialog.h"
#include "tlsoptions.h"
#include "unixsignalwatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QHostAddress>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTextStream>
#include <QTranslator>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct Options
{
    bool headless = false;
    bool join = false;
    QString invite; // --join <invite>
    ServerConfig config;
    bool portGiven = false;
    bool bindGiven = false;
};

// Exits with a message for --help, --version and bad values, like every command-line tool.
Options parseCommandLine(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "LanChat: chat on the local network."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
        u"headless"_s, QCoreApplication::translate("main", "Run the server without a window."));
    const QCommandLineOption port(
        {u"p"_s, u"port"_s},
        QCoreApplication::translate("main", "Listen on <port> (0 picks a free one; default 8787)."),
        u"port"_s);
    const QCommandLineOption bind(
        {u"b"_s, u"bind"_s},
        QCoreApplication::translate("main", "Listen on <address> only (default: all addresses)."),
        u"address"_s);
    const QCommandLineOption token(
        {u"t"_s, u"token"_s},
        QCoreApplication::translate(
            "main",
            "The token clients must present (default: from the settings, or a new random one)."),
        u"token"_s);
    const QCommandLineOption dataDir(
        {u"d"_s, u"data-dir"_s},
        QCoreApplication::translate("main", "Keep the history database in <directory>."),
        u"directory"_s);
    const QCommandLineOption join(
        u"join"_s,
        QCoreApplication::translate(
            "main", "Join another LanChat with <invite> (a lanchat://host:port?token=… link; with "
                    "&username=… it connects without asking)."),
        u"invite"_s);
    parser.addOptions({headless, port, bind, token, dataDir, join});
    const LimitOptions limits;
    limits.addTo(parser);
    const TlsOptions tls;
    tls.addTo(parser);
    parser.process(app);

    Options options;
    options.headless = parser.isSet(headless);
    options.join = parser.isSet(join);
    options.invite = parser.value(join);
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            std::fprintf(stderr, "lanchat: invalid port \"%s\"\n", qPrintable(parser.value(port)));
            std::exit(2);
        }
        options.config.port = quint16(value);
        options.portGiven = true;
    }
    if (parser.isSet(bind)) {
        const QHostAddress address(parser.value(bind));
        if (address.isNull()) {
            std::fprintf(stderr, "lanchat: invalid bind address \"%s\"\n",
                         qPrintable(parser.value(bind)));
            std::exit(2);
        }
        options.config.bindAddress = address;
        options.bindGiven = true;
    }
    QString error;
    if (!limits.apply(parser, QSettings(), &options.config, &error)
        || !tls.apply(parser, QSettings(), &options.config, &error)) {
        std::fprintf(stderr, "lanchat: %s\n", qPrintable(error));
        std::exit(2);
    }
    options.config.token = parser.value(token);
    options.config.dataDir = parser.value(dataDir);
    return options;
}

QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                               : address.toString();
}

int runHeadless(QCoreApplication &app, const Options &options)
{
    ServerController controller;
    UnixSignalWatcher signalWatcher;
    QTextStream out(stdout);
    int exitCode = 0;
    const bool tokenGenerated = options.config.token.isEmpty();

    QObject::connect(&controller, &ServerController::started, &app,
                     [&](const ServerStatus &status) {
                         // One machine-readable line first: scripts and tests read the actual port
                         // from it.
                         out << "listening on " << status.httpScheme() << "://"
                             << urlHost(status.bindAddress) << ':' << status.port << '\n';
                         if (status.tls)
                             out << "sha256 fingerprint: " << status.certificateFingerprint << '\n';
                         if (tokenGenerated)
                             out << "token: " << status.token << '\n';
                         out << "history: " << status.databasePath << '\n';
                         out.flush();
                     });
    QObject::connect(&controller, &ServerController::startFailed, &app, [&](const QString &error) {
        std::fprintf(stderr, "lanchat: %s\n", qPrintable(error));
        app.exit(1);
    });
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, [&] {
        if (controller.isRunning())
            controller.stop();
        else if (controller.state() == ServerController::State::Stopped)
            app.exit(exitCode);
    });
    QObject::connect(&controller, &ServerController::stopped, &app, [&] { app.exit(exitCode); });

    controller.start(options.config);
    return app.exec();
}

void installTranslators(QCoreApplication &app)
{
    const QString language = QSettings().value(u"ui/language"_s).toString();
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, u"qtbase"_s, u"_"_s,
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, u"lanchat"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(translator);
}

int runHost(QApplication &app, Options options);

int runJoin(QApplication &app, const QString &invite)
{
    ChatClient client;
    const InviteLink link = invite.isEmpty() ? InviteLink() : InviteLink::parse(invite);
    ServerEndpoint endpoint;
    if (link.isValid() && link.hasUsername()) {
        // A complete invite connects straight away; its fingerprint is pinned like one the user
        // confirmed in the join dialog, and without one the stored pin applies.
        endpoint = link.endpoint();
        QSettings settings;
        if (!endpoint.fingerprint.isEmpty())
            CertificatePins::pin(settings, endpoint.host, endpoint.port, endpoint.fingerprint);
        CertificatePins::applyStored(settings, &endpoint);
    } else {
        JoinDialog dialog;
        if (link.isValid())
            dialog.applyInvite(invite);
        else if (!invite.isEmpty())
            dialog.setProblem(link.errorString());
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        endpoint = dialog.endpoint();
    }
    client.setEndpoint(endpoint);
    ChatWindow window(&client);
    QObject::connect(&client, &ChatClient::synced, &window, [&client] {
        // Remembered without the token unless the user asked for it in the join dialog.
        QSettings settings;
        const QList<ServerEndpoint> recent = RecentServers::load(settings);
        const ServerEndpoint current = client.endpoint();
        const bool tokenKept
            = std::any_of(recent.cbegin(), recent.cend(), [&](const ServerEndpoint &e) {
                  return e.host == current.host && e.port == current.port && !e.token.isEmpty()
                         && e.username == current.username;
              });
        RecentServers::remember(settings, current, tokenKept);
    });
    window.show();
    client.connectToServer();
    return app.exec();
}

// Host or join: --join decides, then a remembered choice, else the start dialog asks.
int runGui(QApplication &app, Options options)
{
    QSettings startSettings;
    if (options.join)
        return runJoin(app, options.invite);
    if (!options.portGiven && !options.bindGiven) {
        const QString lastMode = startSettings.value(u"start/mode"_s, u"host"_s).toString();
        const bool remembered = startSettings.value(u"start/remember"_s, false).toBool();
        StartDialog::Choice choice
            = lastMode == "join"_L1 ? StartDialog::Choice::Join : StartDialog::Choice::Host;
        if (!remembered) {
            StartDialog dialog(choice);
            if (dialog.exec() != QDialog::Accepted)
                return 0;
            choice = dialog.choice();
            startSettings.setValue(u"start/remember"_s, dialog.rememberChoice());
        }
        startSettings.setValue(u"start/mode"_s,
                               choice == StartDialog::Choice::Join ? u"join"_s : u"host"_s);
        if (choice == StartDialog::Choice::Join)
            return runJoin(app, QString());
    }
    return runHost(app, std::move(options));
}

int runHost(QApplication &app, Options options)
{
    QSettings settings;
    if (!options.portGiven && settings.contains(u"server/port"_s))
        options.config.port = quint16(settings.value(u"server/port"_s).toUInt());
    if (!options.bindGiven && settings.contains(u"server/bind"_s))
        options.config.bindAddress = QHostAddress(settings.value(u"server/bind"_s).toString());
    // The server generates a token when there is none; it is kept below, so that invites stay
    // valid across restarts.
    if (options.config.token.isEmpty())
        options.config.token = settings.value(u"server/token"_s).toString();
    if (options.config.dataDir.isEmpty())
        options.config.dataDir = settings.value(u"server/dataDir"_s).toString();
    if (const QString name = settings.value(u"ui/operatorName"_s).toString(); !name.isEmpty())
        options.config.operatorName = name;

    ServerController controller;
    HostWindow window(&controller);
    window.setServerConfig(options.config);
    QObject::connect(&controller, &ServerController::started, &window,
                     [&settings](const ServerStatus &status) {
                         if (settings.value(u"server/token"_s).toString().isEmpty())
                             settings.setValue(u"server/token"_s, status.token);
                     });
    window.show();
    controller.start(options.config);
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(u"LanChat"_s);
    QCoreApplication::setApplicationName(u"lanchat"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LANCHAT_VERSION));

    bool headless = false;
    for (int i = 1; i < argc; ++i)
        headless = headless || std::strcmp(argv[i], "--headless") == 0;

    if (headless) {
        QCoreApplication app(argc, argv);
        installTranslators(app);
        return runHeadless(app, parseCommandLine(app));
    }
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"LanChat"_s);
    installTranslators(app);
    ColorScheme::apply(ColorScheme::load(QSettings()));
    return runGui(app, parseCommandLine(app));
}
