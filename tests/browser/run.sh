#!/usr/bin/env bash
# Runs the browser tests (chat.test.js, page.test.js, rooms.test.js) in Debian's Chromium against
# the real headless server.
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
# One file at a time (each starts its own server and browser): Node 18 (Debian 12) has no
# --test-concurrency, and Chromium takes both cores of a small machine. A failure in the first
# file does not hide the second one's results.
status=0
for file in chat.test.js page.test.js rooms.test.js; do
    node --test "$file" || status=1
done
exit "$status"
