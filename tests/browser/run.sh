#!/usr/bin/env bash
# Runs the browser tests (chat.test.js) in Debian's Chromium against the real headless server.
# Installs chromium, nodejs and npm when missing (scripts/deps.sh) and the pinned npm packages
# (npm ci) when they are missing or not the pinned versions. LANCHAT_BINARY names the lanchat
# executable (CTest sets it); LANCHAT_SCREENSHOT_DIR, when set, keeps the screenshots there (e.g.
# docs/screenshots).
set -euo pipefail
cd "$(dirname "$0")"
source ../../scripts/deps.sh
# node and npm count as present when the commands exist: a nodejs package from elsewhere (e.g.
# NodeSource) brings npm itself and conflicts with Debian's npm package.
extra=(chromium)
command -v node >/dev/null || extra+=(nodejs)
command -v npm >/dev/null || extra+=(npm)
lanchat_install_missing "${extra[@]}"

# npm ls fails when a package is missing or is not the pinned version (after a pin changed).
if ! npm ls --depth=0 >/dev/null 2>&1; then
    npm ci --no-audit --no-fund
fi

export LANCHAT_BINARY="${LANCHAT_BINARY:-$(cd ../.. && pwd)/build/debug/lanchat}"
# One file: Node 18 (Debian 12) runs its tests one after another; --test-concurrency is Node 20+.
exec node --test chat.test.js
