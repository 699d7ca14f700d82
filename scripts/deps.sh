# Sourced by scripts/run and scripts/test: installs the Debian 12 packages LanChat needs when
# any is missing (apt-get needs root: run as root, or have sudo).
LANCHAT_PACKAGES=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-base-private-dev qt6-websockets-dev qt6-httpserver-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6sql6-sqlite qt6-qpa-plugins libgl-dev libicu-dev libssl-dev liburing-dev
    # Colour emoji in the chat view, its tests and screenshots (recommended to users too).
    fonts-noto-color-emoji
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
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
}
