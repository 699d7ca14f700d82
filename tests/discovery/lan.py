#!/usr/bin/env python3
"""Discovery end to end on a LAN simulated inside this machine (issue 21).

Two network namespaces, A and B, joined by a veth pair with addresses in a private /24. Each runs
a D-Bus system bus of its own (dbus-daemon with its own socket) and an avahi-daemon on it, limited
to its veth, with its own host name, in its own mount namespace with a tmpfs on /run/avahi-daemon
(two daemons would collide on the pid file). Nothing reaches the real network or the machine's
own bus. Then:

  1. a headless LanChat host with TLS in A; `lanchat --discover --json` in B finds it with the
     right name, address, port and fingerprint, and avahi-browse (a third-party client) sees the
     TXT record (v, name, tls, fp; no token) and the _http._tcp service;
  2. a LanChat client in B joins through the discovered address, pinned to the discovered
     fingerprint, and the host lists it;
  3. avahi-daemon in A restarts: the host announces itself again;
  4. two more hosts with the same name (one more in A, one in B) get Avahi's alternative names;
  5. the host stops: its entry disappears;
  6. with avahi-daemon stopped, `lanchat --discover --scan` in B finds A by probing the /24.

Needs root (namespaces, mounts). As root it FAILS when the rig cannot be built; as another user
it skips with exit code 77. Every namespace, daemon and process it starts is removed again, also
on failure or SIGTERM; rigs left by a killed earlier run are removed at the start.

Usage: lan.py LANCHAT_BINARY
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PREFIX = "lcdisc"
STEP_TIMEOUT = 25.0  # seconds for any one wait
TOTAL_TIMEOUT = 240.0  # the whole run; CTest's limit is above it
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
"""
AVAHI_CONFIG = """[server]
host-name={host_name}
use-ipv4=yes
use-ipv6=no
allow-interfaces={interface}
enable-dbus=yes
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
"""

started = time.monotonic()
timings = {}


class Failure(Exception):
    pass


def log(message):
    print(f"[{time.monotonic() - started:6.2f} s] {message}", flush=True)


def remaining():
    left = TOTAL_TIMEOUT - (time.monotonic() - started)
    if left <= 0:
        raise Failure(f"the test ran longer than {TOTAL_TIMEOUT:.0f} s")
    return left


def run(command, check=True, timeout=STEP_TIMEOUT, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True,
                            timeout=min(timeout, remaining()), **kwargs)
    if check and result.returncode != 0:
        raise Failure(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def wait_for(description, predicate, timeout=STEP_TIMEOUT, interval=0.1):
    deadline = time.monotonic() + min(timeout, remaining())
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout:.0f} s waiting for {description}")
        time.sleep(interval)


def pid_alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def remove_namespace(name):
    # Processes still inside (a daemon of a run that was killed) go first.
    pids = subprocess.run(["ip", "netns", "pids", name], capture_output=True, text=True).stdout
    for pid in pids.split():
        try:
            os.kill(int(pid), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass
    subprocess.run(["ip", "netns", "delete", name], capture_output=True)


def remove_stale_rigs():
    listing = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    for line in listing.splitlines():
        name = line.split()[0] if line.split() else ""
        if not name.startswith(PREFIX):
            continue
        digits = name[len(PREFIX):-1]
        if digits.isdigit() and not pid_alive(int(digits)):
            log(f"removing namespace {name} left by an earlier run")
            remove_namespace(name)


class Node:
    """One machine of the LAN: a namespace with its bus and its avahi-daemon."""

    def __init__(self, rig, letter, address):
        self.rig = rig
        self.letter = letter
        self.namespace = f"{PREFIX}{os.getpid()}{letter}"
        self.interface = self.namespace  # at most 15 characters
        self.address = address
        self.host_name = f"lanchat-{letter}-{os.getpid()}"
        self.directory = os.path.join(rig.directory, letter)
        os.makedirs(self.directory)
        self.bus_socket = os.path.join(self.directory, "bus")
        self.bus_address = f"unix:path={self.bus_socket}"
        self.avahi = None
        self.avahi_log = os.path.join(self.directory, "avahi.log")

    def environment(self, home):
        os.makedirs(home, exist_ok=True)
        env = dict(os.environ)
        env.update({
            "DBUS_SYSTEM_BUS_ADDRESS": self.bus_address,
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_RUNTIME_DIR": home,
            "QT_QPA_PLATFORM": "offscreen",
            "QT_LOGGING_RULES": "lanchat.discovery*=true",
        })
        return env

    def exec(self, command):
        return ["ip", "netns", "exec", self.namespace] + command

    def start_bus(self):
        config = os.path.join(self.directory, "bus.conf")
        with open(config, "w") as file:
            file.write(BUS_CONFIG.format(socket=self.bus_socket))
        self.rig.spawn(self.exec(["dbus-daemon", "--config-file", config, "--nofork"]),
                       f"dbus-daemon {self.letter}")
        wait_for(f"the bus of {self.letter}", lambda: os.path.exists(self.bus_socket))

    def start_avahi(self):
        config = os.path.join(self.directory, "avahi.conf")
        with open(config, "w") as file:
            file.write(AVAHI_CONFIG.format(host_name=self.host_name, interface=self.interface))
        env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=self.bus_address)
        log_file = open(self.avahi_log, "w")
        script = ("mount -t tmpfs tmpfs /run/avahi-daemon && exec avahi-daemon -f "
                  f"{config} --no-drop-root --no-chroot --no-rlimits")
        self.avahi = self.rig.spawn(self.exec(["unshare", "-m", "sh", "-c", script]),
                                    f"avahi-daemon {self.letter}", env=env, stdout=log_file,
                                    stderr=subprocess.STDOUT)
        wait_for(f"avahi-daemon in {self.letter}", self.avahi_ready)

    def avahi_ready(self):
        if self.avahi.poll() is not None:
            with open(self.avahi_log) as file:
                raise Failure(f"avahi-daemon in {self.letter} exited: {file.read()[-2000:]}")
        with open(self.avahi_log) as file:
            return "Server startup complete" in file.read()

    def stop_avahi(self):
        self.rig.stop(self.avahi)
        self.avahi = None


class Rig:
    def __init__(self):
        self.directory = tempfile.mkdtemp(prefix="lanchat-lan-")
        self.processes = []
        self.namespaces = []
        self.created_run_directory = False
        octet = os.getpid() % 200 + 20
        self.subnet = f"10.213.{octet}"
        self.a = Node(self, "a", f"{self.subnet}.1")
        self.b = Node(self, "b", f"{self.subnet}.2")

    def spawn(self, command, name, **kwargs):
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        process = subprocess.Popen(command, start_new_session=True, **kwargs)
        process.name = name
        self.processes.append(process)
        return process

    def stop(self, process, sig=signal.SIGTERM, timeout=10):
        if process is None or process.poll() is not None:
            return process.returncode if process else None
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            return process.wait(timeout=5)

    def build(self):
        if not os.path.isdir("/run/avahi-daemon"):
            os.makedirs("/run/avahi-daemon")  # the mount point of each daemon's own tmpfs
            self.created_run_directory = True
        for node in (self.a, self.b):
            run(["ip", "netns", "add", node.namespace])
            self.namespaces.append(node.namespace)
        run(["ip", "link", "add", self.a.interface, "netns", self.a.namespace, "type", "veth",
             "peer", "name", self.b.interface, "netns", self.b.namespace])
        for node in (self.a, self.b):
            run(["ip", "-n", node.namespace, "addr", "add", f"{node.address}/24", "dev",
                 node.interface])
            run(["ip", "-n", node.namespace, "link", "set", node.interface, "up"])
            run(["ip", "-n", node.namespace, "link", "set", "lo", "up"])
        for node in (self.a, self.b):
            node.start_bus()
            node.start_avahi()
        log(f"rig up: {self.a.namespace} {self.a.address} <-> {self.b.namespace} {self.b.address}")

    def teardown(self):
        for process in reversed(self.processes):
            try:
                self.stop(process, timeout=5)
            except Exception as error:  # keep cleaning up
                print(f"cleanup: {process.name}: {error}", file=sys.stderr)
        for namespace in self.namespaces:
            remove_namespace(namespace)
        if self.created_run_directory:
            try:
                os.rmdir("/run/avahi-daemon")
            except OSError:
                pass
        shutil.rmtree(self.directory, ignore_errors=True)
        leftover = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
        for namespace in self.namespaces:
            if namespace in leftover:
                print(f"cleanup: namespace {namespace} is still there", file=sys.stderr)


class Host:
    """A headless LanChat in a namespace."""

    def __init__(self, rig, node, name, arguments):
        self.rig = rig
        self.node = node
        self.home = os.path.join(node.directory, name)
        self.output_path = os.path.join(self.home, "stdout")
        self.error_path = os.path.join(self.home, "stderr")
        env = node.environment(self.home)
        self.stdout = open(self.output_path, "w")
        self.stderr = open(self.error_path, "w")
        self.process = rig.spawn(node.exec([LANCHAT, "--headless", "--data-dir",
                                            os.path.join(self.home, "history")] + arguments),
                                 f"lanchat {name}", env=env, stdout=self.stdout,
                                 stderr=self.stderr)
        self.fingerprint = None
        lines = wait_for(f"lanchat {name} to listen", self.listening)
        for line in lines:
            if line.startswith("sha256 fingerprint: "):
                self.fingerprint = line.split(": ", 1)[1]

    def lines(self):
        with open(self.output_path) as file:
            return file.read().splitlines()

    def listening(self):
        if self.process.poll() is not None:
            raise Failure(f"lanchat exited: {self.errors()}")
        lines = self.lines()
        return lines if any(line.startswith("history: ") for line in lines) else None

    def errors(self):
        with open(self.error_path) as file:
            return file.read()

    def stop(self):
        code = self.rig.stop(self.process, timeout=15)
        if code != 0:
            raise Failure(f"lanchat did not stop cleanly ({code}): {self.errors()}")


def discover(node, *extra):
    """Runs lanchat --discover --json in a namespace; returns (hosts, stderr)."""
    home = os.path.join(node.directory, "discover")
    result = run(node.exec([LANCHAT, "--discover", "--json"] + list(extra)), check=False,
                 env=node.environment(home), timeout=60)
    if result.returncode not in (0, 1):
        raise Failure(f"--discover exited with {result.returncode}: {result.stderr}")
    hosts = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return hosts, result.stderr, result.returncode


def find(hosts, name):
    return next((host for host in hosts if host["name"] == name), None)


def avahi_browse(node, service_type):
    env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=node.bus_address)
    result = run(node.exec(["avahi-browse", "--resolve", "--terminate", "--parsable",
                            service_type]), env=env)
    return [line for line in result.stdout.splitlines() if line.startswith("=")]


def check(condition, message):
    if not condition:
        raise Failure(message)


def test(rig):
    a, b = rig.a, rig.b
    token = "lan-test-token-7f3a"
    default_name = f"LanChat on {socket.gethostname()}"

    # 1. Announced, discovered, with the right port and fingerprint.
    host_started = time.monotonic()
    host = Host(rig, a, "host", ["--port", "8787", "--tls", "--token", token])
    check(host.fingerprint, "the host printed no fingerprint")

    def found_by_b():
        hosts, _, _ = discover(b)
        return find(hosts, default_name)

    entry = wait_for("B to discover the host", found_by_b)
    timings["discovery after the host started"] = time.monotonic() - host_started
    log(f"B discovered {entry}")
    check(entry["address"] == a.address, f"address {entry['address']}, expected {a.address}")
    check(entry["port"] == 8787, f"port {entry['port']}")
    check(entry["tls"] is True, "tls is not true")
    check(entry["fingerprint"] == host.fingerprint,
          f"fingerprint {entry['fingerprint']}, expected {host.fingerprint}")
    check(entry["version"] == 2, f"version {entry['version']}, expected the protocol version 2")
    check(entry["host"] == f"{a.host_name}.local", f"host {entry['host']}")
    check(entry["source"] == "dns-sd", f"source {entry['source']}")

    lanchat = avahi_browse(b, "_lanchat._tcp")
    check(len(lanchat) == 1, f"avahi-browse _lanchat._tcp: {lanchat}")
    record = lanchat[0]
    for expected in ('"v=2"', '"tls=1"', f'"fp={host.fingerprint}"', f'"name={default_name}"',
                     f";{a.address};8787;"):
        check(expected in record, f"avahi-browse: {expected} missing in {record}")
    check(token not in record, "the token is in the TXT record")
    http = avahi_browse(b, "_http._tcp")
    check(len(http) == 1 and '"path=/"' in http[0] and ";8787;" in http[0],
          f"avahi-browse _http._tcp: {http}")

    # 2. A client in B joins through the discovered address, pinned to the discovered fingerprint.
    invite = (f"lanchat://{entry['address']}:{entry['port']}?token={token}&username=bob"
              f"&fp={entry['fingerprint']}")
    client_home = os.path.join(b.directory, "client")
    client = rig.spawn(b.exec([LANCHAT, "--join", invite]), "lanchat client",
                       env=b.environment(client_home))

    def bob_online():
        if client.poll() is not None:
            raise Failure(f"the client exited with {client.returncode}")
        result = run(a.exec(["curl", "-sk", "--max-time", "2", "-H",
                             f"Authorization: Bearer {token}",
                             "https://127.0.0.1:8787/api/users"]), check=False)
        return result.returncode == 0 and '"bob"' in result.stdout

    wait_for("the client in B to join", bob_online)
    log("the client in B joined through the discovered address")
    rig.stop(client)

    # 3. avahi-daemon in A restarts: the host announces itself again.
    a.stop_avahi()
    # The daemon's goodbye (TTL 0) makes B's daemon drop the records one second later (RFC 6762,
    # 10.1): a look within that second still finds the host, so look until it is gone.
    wait_for("the host to vanish from B with A's daemon stopped",
             lambda: not find(discover(b)[0], default_name))
    restarted = time.monotonic()
    a.start_avahi()
    wait_for("the host to be announced again after avahi-daemon restarted", found_by_b)
    timings["re-announced after avahi-daemon restarted"] = time.monotonic() - restarted
    # A second look, for a renamed duplicate ("… #2") beside it. One look can come back empty on a
    # loaded machine when a resolve outlasts --discover's window: look until it shows the port.
    again = wait_for("a second look at the re-announced host",
                     lambda: [entry for entry in discover(b)[0] if entry["port"] == 8787])
    check(len(again) == 1 and again[0]["name"] == default_name,
          f"after the restart the host is announced as {again}, not once as {default_name}")
    check("announcing again" in host.errors() or "appeared" in host.errors(),
          "the host did not log that it announced again")

    # 4. The same name twice more: Avahi's alternative names.
    twin_a = Host(rig, a, "twin-a", ["--port", "8789", "--token", "t2", "--name", default_name])
    twin_b = Host(rig, b, "twin-b", ["--port", "8788", "--token", "t3", "--name", default_name])

    def three_names():
        hosts, _, _ = discover(b)
        names = {host["name"]: (host["address"], host["port"]) for host in hosts}
        return names if len(names) >= 3 else None

    names = wait_for("three hosts with distinct names", three_names)
    log(f"names after the collisions: {names}")
    check(names.get(default_name) == (a.address, 8787), f"the first host lost its name: {names}")
    check({names.get(f"{default_name} #2"), names.get(f"{default_name} #3")}
          == {(a.address, 8789), (b.address, 8788)}, f"alternative names: {names}")
    twin_a.stop()
    twin_b.stop()

    # 5. The host stops: its entry disappears.
    stopped = time.monotonic()
    host.stop()
    wait_for("the entry to disappear", lambda: not find(discover(b)[0], default_name))
    timings["gone after the host stopped"] = time.monotonic() - stopped

    # 6. Without avahi-daemon, the scan from B finds A (the same certificate after the restart).
    host = Host(rig, a, "host", ["--port", "8787", "--tls", "--token", token])
    a.stop_avahi()
    b.stop_avahi()
    scan_started = time.monotonic()
    hosts, errors, code = discover(b, "--scan")
    timings["scan of the /24 (253 addresses)"] = time.monotonic() - scan_started
    check(code == 0, f"--discover --scan exited with {code}: {errors}")
    check("needs avahi-daemon" in errors, f"no word of the missing daemon: {errors}")
    check("scanning 253 address" in errors, f"not the whole /24: {errors}")
    scanned = find(hosts, default_name)
    check(scanned is not None, f"the scan did not find A: {hosts} {errors}")
    check(scanned["source"] == "scan" and scanned["address"] == a.address
          and scanned["port"] == 8787 and scanned["tls"] is True
          and scanned["fingerprint"] == host.fingerprint, f"scan result: {scanned}")
    hosts, errors, code = discover(b)
    check(code == 1 and not hosts, f"without avahi-daemon and --scan: {code} {hosts} {errors}")
    host.stop()


def main():
    global LANCHAT
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    LANCHAT = os.path.abspath(sys.argv[1])
    if os.geteuid() != 0:
        print("SKIP: building network namespaces needs root (CI runs as root)")
        return 77
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))
    remove_stale_rigs()
    rig = Rig()
    try:
        rig.build()
        test(rig)
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        for node in (rig.a, rig.b):
            if os.path.exists(node.avahi_log):
                with open(node.avahi_log) as file:
                    print(f"--- avahi-daemon {node.letter}:\n{file.read()[-1500:]}",
                          file=sys.stderr)
        return 1
    finally:
        rig.teardown()
    for name, seconds in timings.items():
        print(f"{name}: {seconds:.2f} s")
    print(f"PASS ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
