// Any thread (constants). The settings keys of discovery, used by the command line (app/), the
// settings dialog and the host window (ui/).
#pragma once

#include <QLatin1String>

namespace DiscoverySettings {
// The server's name on the network (string; empty: LanChat::defaultServerName()).
constexpr QLatin1String NameKey("server/name");
// Whether a hosting LanChat announces itself through DNS-SD (bool, default true).
constexpr QLatin1String AnnounceKey("server/announce");
constexpr bool AnnounceDefault = true;
} // namespace DiscoverySettings
