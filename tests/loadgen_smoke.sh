#!/usr/bin/env bash
# CTest smoke run of the load generator (issue 5): starts the real headless server on 127.0.0.1
# port 0, runs `lanchat-bench --smoke` (10 clients, 2 senders, 1 s) against it, which fails on
# any loss, and stops the server. Usage: loadgen_smoke.sh LANCHAT LANCHAT_BENCH
set -euo pipefail
lanchat="$1"
bench="$2"
work="$(mktemp -d)"
pid=""
cleanup() {
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

limits=()
help="$(QT_QPA_PLATFORM=offscreen "$lanchat" --help 2>/dev/null || true)"
if grep -q -- --message-rate <<<"$help"; then limits=(--message-rate 0); fi
# Created before the server starts: the shell opens the redirections in the child, which a
# loaded machine may run after the first look below (sed on a missing file fails the script).
: >"$work/out"
QT_QPA_PLATFORM=offscreen "$lanchat" --headless --port 0 --bind 127.0.0.1 --token smoke-token \
    --data-dir "$work/data" "${limits[@]}" >"$work/out" 2>"$work/err" &
pid=$!
port=""
for _ in $(seq 100); do
    port="$(sed -n '1s/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/out")"
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "the server did not start:" >&2
    cat "$work/err" >&2
    exit 1
fi
timeout 20 "$bench" --smoke --url "ws://127.0.0.1:$port/ws?token=smoke-token" --server-pid "$pid"
