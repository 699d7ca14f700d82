// Any thread (constants). Every setting LanChat keeps in its settings file
// (~/.config/LanChat/lanchat.conf): key, type and default, declared here and nowhere else. The
// keys are what earlier versions wrote: existing settings files keep working. No other source
// file spells a "section/key" string (tests/tst_sourcerules checks).
#pragma once

#include "settingarray.h"
#include "settingvalue.h"

namespace Settings {
// The server a hosting LanChat runs (app/ reads them at start, the settings dialog edits them).
inline constexpr SettingValue<quint16> ServerPort {QLatin1StringView("server/port"), 8787};
// Empty: all addresses.
inline const SettingValue<QString> ServerBind {QLatin1StringView("server/bind")};
// Empty: generate one.
inline const SettingValue<QString> ServerToken {QLatin1StringView("server/token")};
// Empty: the platform's application data directory.
inline const SettingValue<QString> ServerDataDir {QLatin1StringView("server/dataDir")};
inline constexpr SettingValue<bool> ServerTls {QLatin1StringView("server/tls"), false};
// Both empty: a self-signed certificate LanChat generates.
inline const SettingValue<QString> ServerTlsCertificate {
    QLatin1StringView("server/tlsCertificate")};
inline const SettingValue<QString> ServerTlsKey {QLatin1StringView("server/tlsKey")};
// The server's name on the network (empty: LanChat::defaultServerName()).
inline const SettingValue<QString> ServerName {QLatin1StringView("server/name")};
// Whether a hosting LanChat announces itself through DNS-SD.
inline constexpr SettingValue<bool> ServerAnnounce {QLatin1StringView("server/announce"), true};

// The server's limits, as the user wrote them: whole numbers (a rate "RATE/BURST"), checked by
// LimitOptions like the command line's; unset: ServerConfig's defaults.
inline const SettingValue<QString> LimitMaxConnections {QLatin1StringView("limits/maxConnections")};
inline const SettingValue<QString> LimitMaxConnectionsPerAddress {
    QLatin1StringView("limits/maxConnectionsPerAddress")};
inline const SettingValue<QString> LimitMaxTextLength {QLatin1StringView("limits/maxTextLength")};
inline const SettingValue<QString> LimitMaxFrameSize {QLatin1StringView("limits/maxFrameSize")};
inline const SettingValue<QString> LimitMaxOutputBuffer {
    QLatin1StringView("limits/maxOutputBuffer")};
inline const SettingValue<QString> LimitKeepAliveSeconds {
    QLatin1StringView("limits/keepAliveSeconds")};
inline const SettingValue<QString> LimitMaxFailedTokens {
    QLatin1StringView("limits/maxFailedTokens")};
inline const SettingValue<QString> LimitMessageRate {QLatin1StringView("limits/messageRate")};
// Rooms on the server (general included) and rooms per user (besides general).
inline const SettingValue<QString> LimitMaxRooms {QLatin1StringView("limits/maxRooms")};
inline const SettingValue<QString> LimitMaxRoomsPerUser {
    QLatin1StringView("limits/maxRoomsPerUser")};
// Connections of every kind at once (0: what the descriptor limit leaves room for).
inline const SettingValue<QString> LimitMaxSockets {QLatin1StringView("limits/maxSockets")};
// The history's size limit in MiB (0: none); the settings dialog writes it as a number.
inline constexpr SettingValue<int> LimitMaxHistorySizeMiB {
    QLatin1StringView("limits/maxHistorySizeMiB"), 0};
inline const SettingValue<QStringList> LimitAllowedOrigins {
    QLatin1StringView("limits/allowedOrigins")};
// Further names that mean this server in a request's Host (--allow-host).
inline const SettingValue<QStringList> LimitAllowedHosts {QLatin1StringView("limits/allowedHosts")};

// The desktop application.
// Empty: the config's.
inline const SettingValue<QString> UiOperatorName {QLatin1StringView("ui/operatorName")};
// The host's name in its own chat; unset: the account's user name (ChatName::accountDefault()).
inline const SettingValue<QString> UiChatName {QLatin1StringView("ui/chatName")};
// Whether the host's chat window shows the operator tools (its dock).
inline constexpr SettingValue<bool> UiOperatorToolsVisible {
    QLatin1StringView("ui/operatorToolsVisible"), true};
// The columns of the operator's tables that the operator hid (keys of HostTables::fitColumns's
// callers); by default those a narrow dock has no room for.
inline const SettingValue<QStringList> UiHiddenClientColumns {
    QLatin1StringView("ui/hiddenClientColumns"),
    QStringList {QStringLiteral("connectedSince"), QStringLiteral("lastActivity")}};
inline const SettingValue<QStringList> UiHiddenBanColumns {
    QLatin1StringView("ui/hiddenBanColumns"),
    QStringList {QStringLiteral("createdBy"), QStringLiteral("createdAt")}};
inline const SettingValue<QStringList> UiHiddenRegisteredColumns {
    QLatin1StringView("ui/hiddenRegisteredColumns")};
inline const SettingValue<QStringList> UiHiddenRoomColumns {
    QLatin1StringView("ui/hiddenRoomColumns")};
inline const SettingValue<QStringList> UiHiddenModerationColumns {
    QLatin1StringView("ui/hiddenModerationColumns"),
    QStringList {QStringLiteral("actor"), QStringLiteral("detail")}};
// Empty: the system's; "en", "de".
inline const SettingValue<QString> UiLanguage {QLatin1StringView("ui/language")};
inline constexpr SettingValue<bool> UiCloseToTray {QLatin1StringView("ui/closeToTray"), false};
// "system", "light" or "dark" (ColorScheme).
inline const SettingValue<QString> UiColorScheme {QLatin1StringView("ui/colorScheme"),
                                                  QStringLiteral("system")};
// A desktop notification for messages that arrive while the chat window is not active.
inline constexpr SettingValue<bool> UiNotifyMessages {QLatin1StringView("ui/notifyMessages"), true};
// Those notifications ask the notification service for the sound theme's message sound.
inline constexpr SettingValue<bool> UiMessageSound {QLatin1StringView("ui/messageSound"), false};
// The chat's text size in steps from the system's (0); ChatTextSize bounds it.
inline constexpr SettingValue<int> UiTextSizeStep {QLatin1StringView("ui/textSizeStep"), 0};
// Recently used emoji, most recent first (EmojiCatalog).
inline const SettingValue<QStringList> UiRecentEmoji {QLatin1StringView("ui/recentEmoji")};
// The start dialog's choice ("host" or "join") and whether to skip the dialog next time.
inline const SettingValue<QString> StartMode {QLatin1StringView("start/mode"),
                                              QStringLiteral("host")};
inline constexpr SettingValue<bool> StartRemember {QLatin1StringView("start/remember"), false};

// The client's: the recent servers (records of host, port, username, token, tls; RecentServers)
// and the pinned TLS certificates (a map "host:port" → SHA-256 fingerprint; CertificatePins).
inline constexpr SettingArray RecentServerList {QLatin1StringView("join/recent")};
inline const SettingValue<QVariantMap> TlsPins {QLatin1StringView("tls/pins")};
// This device's identity secret (ClientIdentity): proves that a registered name is this user's
// (docs/PROTOCOL.md, "Identities and registered names"). Made once, never shown or logged.
inline const SettingValue<QString> ClientIdentitySecret {QLatin1StringView("client/identity")};
} // namespace Settings
