"""Turns the RESULT lines collected by bench/run-fanout into the "Fan-out and latency" markdown.

Input: the file named by $RESULTS, one line per measurement: "SCENARIO SERVER RUN key=value ...".
Every figure printed comes from those lines; nothing is estimated. Ratios are LanChat / reference
computed run by run (both measured in the same run, minutes apart), then the median is taken.
"""
import os
import statistics

SERVERS = ["lanchat", "probe", "node", "fastapi"]
NAMES = {
    "lanchat": "LanChat (headless)",
    "probe": "Qt ceiling probe",
    "node": "Node `ws`",
    "fastapi": "FastAPI/uvicorn",
}

rows = {}
for line in open(os.environ["RESULTS"]):
    parts = line.split()
    if len(parts) < 3:
        continue
    scenario, server, run = parts[0], parts[1], int(parts[2])
    values = {}
    for item in parts[3:]:
        if "=" in item:
            key, value = item.split("=", 1)
            try:
                values[key] = float(value)
            except ValueError:
                pass
    rows.setdefault(scenario, {}).setdefault(server, {})[run] = values


def series(scenario, server, key, only_ok=False):
    out = []
    for run, values in sorted(rows.get(scenario, {}).get(server, {}).items()):
        if key in values and (not only_ok or values.get("ok") == 1):
            out.append(values[key])
    return out


def median(values):
    return statistics.median(values) if values else None


def fmt(value, digits=0):
    if value is None:
        return "–"
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def spread(values, digits=0):
    if not values:
        return "–"
    if len(values) == 1:
        return "one run"
    return f"{fmt(min(values), digits)}–{fmt(max(values), digits)}"


def ratios(scenario, key, reference, invert=False):
    """LanChat / reference per run (reference / LanChat when invert), the median of them."""
    mine = rows.get(scenario, {}).get("lanchat", {})
    theirs = rows.get(scenario, {}).get(reference, {})
    out = []
    for run in sorted(set(mine) & set(theirs)):
        a, b = mine[run].get(key), theirs[run].get(key)
        if a is None or b is None:
            continue
        if invert:
            a, b = b, a
        if b > 0:
            out.append(a / b)
    return out


def ratio_text(values):
    if not values:
        return "–"
    text = f"{median(values):.2f}"
    if len(values) > 1:
        text += f" ({min(values):.2f}–{max(values):.2f})"
    return text


env = os.environ
runs = env["RUNS"]
out = []
w = out.append


def table_section(title, description, columns):
    """A section's heading, its description and the head of its table. columns: the header
    cells; the first is left-aligned, the rest right-aligned unless a name ends in "<"."""
    w(f"### {title}")
    w("")
    out.extend(description.strip("\n").split("\n"))
    w("")
    w("| " + " | ".join(c.rstrip("<") for c in columns) + " |")
    w("|" + "|".join("---" if i == 0 or c.endswith("<") else "---:" for i, c in enumerate(columns)) + "|")


def headline(values, digits=0):
    """The median in bold with the spread of the runs after it."""
    return f"**{fmt(median(values), digits)}** ({spread(values, digits)})"

w("## Fan-out and latency")
w("")
w("Written by `bench/run-fanout` from the measurements below (every figure was measured in this run;")
w("none is estimated). The load generator `lanchat-bench` (bench/loadgen.cpp) opens its clients")
w("on 127.0.0.1 with its own WebSocket client path in one thread (epoll for connects and writes,")
w("io_uring multishot receives once a client is open), sends open loop (each")
w("message carries its intended send time, so a stall counts as latency), and measures every")
w("delivery at every receiver (CLOCK_MONOTONIC, same machine). A delivery is one copy of one")
w("message at one client; the sender's own copy is its acknowledgement and counts as a delivery.")
w("Each server runs alone, freshly started, with the generator on the same 2 cores.")
w("")
w("| | |")
w("|---|---|")
w(f"| CPUs (`nproc`) | {env['NPROC']} ({env['CPU']}), shared with other engineers' builds and tests |")
w(f"| Kernel | {env['KERNEL']} |")
w(f"| Qt | {env['QT']} |")
w(f"| References | Node {env['NODE']} with `ws` {env['WS']}; {env['PYVER']} (Debian) |")
w(f"| Source | {env['COMMIT']} |")
w(f"| Run | {env['STARTED']}, {int(env['ELAPSED']) // 60} min {int(env['ELAPSED']) % 60} s; "
  f"load average {env['LOAD']}; CPU pressure (some, avg60) {env['PRESSURE']} % |")
w(f"| Repetitions | {runs} of every measurement except idle memory (once); medians with min–max |")
w(f"| LanChat options | `--headless --port 0 --bind 127.0.0.1 --token T --data-dir <tmp> {env['LIMITS']}` |")
w("")
w("Servers: **LanChat** as a user starts it (authentication, durable SQLite history before every")
w("broadcast, limits on); **Qt ceiling probe** (`bench/ceilingprobe.cpp`): the smallest Qt 6.4")
w("broadcast server, no auth, no storage, `LowDelayOption` on, `QWebSocket::sendTextMessage` per")
w("recipient; **Node `ws`** (`bench/reference/ws-server.js`) and **FastAPI/uvicorn**")
w("(`bench/reference/fastapi_server.py`, the documented `ConnectionManager` broadcast), both")
w("checking the token and broadcasting `{username, text}` to every client.")
w("")

# Capacity
for scenario, clients, senders in (("capacity100", 100, 10), ("capacity1000", 1000, 20)):
    table_section(f"Fan-out capacity: {clients:,} clients, {senders} senders", """
Highest offered rate (deliveries/s) that held with zero loss and p99 ≤ 50 ms over a 1.5 s
step; the search steps up ×1.6, then bisects to within 12 %, and runs a failed step once more
before it counts (the log says why each step failed: loss, latency, closed clients, or a
generator that could not send what was asked). p99 is that of the highest step that held.
""", ["server", "capacity (median)", "spread", "p99 ms at it", "LanChat / server"])
    for server in SERVERS:
        held = series(scenario, server, "capacity")
        p99 = [v / 1000 for v in series(scenario, server, "p99_us", only_ok=True)]
        ratio = "1" if server == "lanchat" else ratio_text(ratios(scenario, "capacity", server))
        w(f"| {NAMES[server]} | **{fmt(median(held))}** | {spread(held)} | {fmt(median(p99), 1)} | {ratio} |")
    w("")

# Fixed load
table_section("Latency at a fixed load: 1,000 clients, 20 senders, 100,000 deliveries/s offered", """
100 messages/s spread over 20 senders, each delivered to all 1,000 clients, 4 s measured after
1 s of warm-up. Server CPU from `/proc/PID/stat` over the step and its drain; µs per delivery
is that CPU time divided by the deliveries. `lanchat-bench` CPU is its own (getrusage).
""", ["server", "delivered/s", "loss %", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "server CPU %",
      "server µs/delivery", "bench CPU %"])
for server in SERVERS:
    s = lambda key, scale=1.0: [v / scale for v in series("fixed100k", server, key)]
    w(f"| {NAMES[server]} | {fmt(median(s('delivered')))} | {fmt(median(s('loss')), 3)} | "
      f"{headline(s('p50_us', 1000), 2)} | {headline(s('p99_us', 1000), 2)} | "
      f"{fmt(median(s('p999_us', 1000)), 2)} | {fmt(median(s('max_us', 1000)), 1)} | "
      f"{fmt(median(s('server_cpu')))} | {headline(s('server_us_per_delivery'), 2)} | "
      f"{fmt(median(s('bench_cpu')))} |")
w("")
w(f"LanChat / reference server CPU per delivery (lower is better for LanChat): "
  + "; ".join(f"{NAMES[r]} {ratio_text(ratios('fixed100k', 'server_us_per_delivery', r))}"
              for r in SERVERS[1:]) + ".")
w("")

# RTT
table_section("Single-client round trip", """
One client, one message in flight: send, wait for its own copy (for LanChat: after the
message is committed to SQLite), send the next; 3 s after 0.5 s of warm-up.
""", ["server", "messages", "p50 µs", "p99 µs", "p99.9 µs", "max µs"])
for server in SERVERS:
    s = lambda key: series("rtt", server, key)
    w(f"| {NAMES[server]} | {fmt(median(s('count')))} | {headline(s('p50_us'))} | "
      f"{headline(s('p99_us'))} | {fmt(median(s('p999_us')))} | {fmt(median(s('max_us')))} |")
w("")

# Storm
table_section("Connect storm: 1,000 clients at once", """
1,000 non-blocking `connect()`s issued together; a handshake is the time from `connect()` to
the `101` response. Failures: refused, reset, a non-101 answer, a close within 0.5 s after, or
no answer within 30 s.
""", ["server", "handshakes/s", "p50 ms", "p99 ms", "max ms", "failures (per run)<"])
for server in SERVERS:
    s = lambda key: series("storm", server, key)
    w(f"| {NAMES[server]} | {headline(s('per_s'))} | {fmt(median(s('p50_ms')), 1)} | "
      f"**{fmt(median(s('p99_ms')), 1)}** | {fmt(median(s('max_ms')), 1)} | "
      f"{', '.join(fmt(v) for v in s('failures')) or '–'} |")
w("")

# Idle
idle = env["IDLE"]
table_section(f"Idle memory: {int(idle):,} connected clients", """
Server resident memory (`VmRSS`) before the first client and after all are connected and
the server is quiet, divided by the connections; then the server's CPU over 20 s of holding
them idle: one whole interval of LanChat's keepalive (a ping to every client every 20 s, sent
in ten slices), so every slice is counted once. One run per server.
""", ["server", "connected", "connect s", "RSS before MiB", "RSS after MiB", "bytes per connection",
      "idle CPU %"])
for server in SERVERS:
    s = lambda key: median(series("idle", server, key))
    before, after = s("rss_before_kib"), s("rss_after_kib")
    w(f"| {NAMES[server]} | {fmt(s('clients'))} | {fmt(s('connect_s'), 1)} | "
      f"{fmt(before / 1024 if before else None, 1)} | {fmt(after / 1024 if after else None, 1)} | "
      f"**{fmt(s('bytes_per_connection'))}** | {fmt(s('idle_cpu'), 2)} |")
w("")

# Targets
w("### Against the targets of issue 5")
w("")
w("| target | measured (median) | verdict |")
w("|---|---|---|")


def target(label, measured, ok):
    w(f"| {label} | {measured} | {'met' if ok else '**not met**'} |")


def lanchat(scenario, key):
    return median(series(scenario, "lanchat", key))


for scenario, clients in (("capacity100", 100), ("capacity1000", 1000)):
    for ref, factor in (("node", 6), ("fastapi", 20), ("probe", 1)):
        r = ratios(scenario, "capacity", ref)
        if r:
            target(f"capacity ≥ {factor}× {NAMES[ref]} at {clients:,} clients", f"{median(r):.2f}×",
                   median(r) >= factor)
held100 = lanchat("capacity100", "capacity")
if held100 is not None:
    target("≥ 600,000 deliveries/s at 100 clients", f"{fmt(held100)}/s", held100 >= 600000)
p99, loss = lanchat("fixed100k", "p99_us"), lanchat("fixed100k", "loss")
if p99 is not None:
    target("p99 < 10 ms at 100,000 deliveries/s", f"{p99 / 1000:.2f} ms, loss {loss:.3f} %",
           p99 < 10000 and loss == 0)
rtt = lanchat("rtt", "p99_us")
if rtt is not None:
    target("round trip p99 < 1 ms", f"{rtt / 1000:.2f} ms", rtt < 1000)
per, held = lanchat("idle", "bytes_per_connection"), lanchat("idle", "clients")
cpu = lanchat("idle", "idle_cpu")
if per is not None:
    target("< 16 KiB per idle connection at 10,000", f"{per / 1024:.1f} KiB at {fmt(held)} connections",
           per < 16384 and held >= 10000)
    target("10,000 held idle below 2 % CPU", f"{cpu:.2f} % with {fmt(held)}", cpu < 2 and held >= 10000)
failures = series("storm", "lanchat", "failures")
if failures:
    target("1,000 simultaneous connects, no failure",
           f"{', '.join(fmt(v) for v in failures)} failures per run", max(failures) == 0)
w("")
print("\n".join(out))
