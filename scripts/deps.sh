# Sourced by scripts/run and scripts/test: installs the Debian 12 packages LanChat needs when
# any is missing (apt-get needs root: run as root, or have sudo).
LANCHAT_PACKAGES=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-base-private-dev qt6-websockets-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6sql6-sqlite qt6-qpa-plugins libgl-dev libicu-dev libssl-dev liburing-dev
    libqrencode-dev
    librsvg2-bin help2man # the icons rendered from their SVG, the man page from --help
    # Colour emoji in the chat view, its tests and screenshots (recommended to users too).
    fonts-noto-color-emoji
)

# What the test suites run besides LanChat: Python for the drivers (RFC 6455, desktop and
# discovery checks), the desktop entry and metainfo validators, man, a D-Bus daemon of their own
# (notifications, discovery), systemd-analyze for the service unit, and Avahi and iproute2 for
# the discovery test, which builds a LAN of network namespaces (tests/discovery/lan.py). At run
# time LanChat only talks to an avahi-daemon that is already running; it works without one.
LANCHAT_TEST_PACKAGES=(
    python3 desktop-file-utils appstream man-db dbus-daemon systemd avahi-daemon avahi-utils
    iproute2
)

lanchat_install_missing() {
    local missing=()
    local package
    for package in "${LANCHAT_PACKAGES[@]}" "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    # Installing avahi-daemon starts it where no init system prevents that: on a build machine
    # or in CI it would announce the machine on the real network. The tests start their own,
    # inside network namespaces; a desktop has its own running already. So services installed
    # here are not started (Debian's policy-rc.d convention, unless the machine has one).
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# lanchat_install_missing: do not start services\nexit 101\n' \
            | "${sudo[@]}" tee "$policy" >/dev/null
        "${sudo[@]}" chmod 755 "$policy"
        created_policy=1
    fi
    local status=0
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" || status=$?
    [ "$created_policy" -eq 1 ] && "${sudo[@]}" rm -f "$policy"
    return "$status"
}
