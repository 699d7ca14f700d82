#!/usr/bin/env bash
# Runs the browser tests (chat.test.js) in Debian's Chromium against the real headless server.
# Installs chromium, nodejs and npm when missing (scripts/deps.sh) and the pinned npm packages
# (npm ci) when node_modules is missing. LANCHAT_BINARY names the lanchat executable (CTest sets
# it); LANCHAT_SCREENSHOT_DIR, when set, keeps the screenshots there (e.g. docs/screenshots).
set -euo pipefail
cd "$(dirname "$0")"
source ../../scripts/deps.sh
# node and npm count as present when the commands exist: a nodejs package from elsewhere (e.g.
# NodeSource) brings npm itself and conflicts with Debian's npm package.
extra=(chromium)
command -v node >/dev/null || extra+=(nodejs)
command -v npm >/dev/null || extra+=(npm)
lanchat_install_missing "${extra[@]}"

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/ws ]; then
    npm ci --no-audit --no-fund
fi

export LANCHAT_BINARY="${LANCHAT_BINARY:-$(cd ../.. && pwd)/build/debug/lanchat}"
exec node --test --test-concurrency=1 chat.test.js
