#!/usr/bin/env python3
"""RFC 6455 conformance suite for the LanChat server, from raw frames (Python 3 stdlib only).

Usage: rfc6455.py [LANCHAT_BINARY]   (default: $LANCHAT_BINARY, then build/debug/lanchat)

Starts `lanchat --headless` on 127.0.0.1 with a free port and a temporary data directory, sends
hand-made frames to the echo endpoint (/ws/echo) and the chat endpoint (/ws), and checks the
server's reaction against RFC 6455 (section numbers in each case). After every case a
well-behaved client must still be served. Known deviations of Qt itself are printed as DEVIATION
and do not fail the suite (docs/CONFORMANCE.md); every other mismatch fails it.
"""

import base64
import hashlib
import json
import os
import select
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

TOKEN = "conformance-token"
HOST = "127.0.0.1"
TIMEOUT = 5.0  # seconds for every socket operation
MAX_FRAME = 65536  # the server's default --max-frame-size
GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


class Failure(Exception):
    pass


class Closed(Exception):
    """The server closed the TCP connection."""


def check(condition, message):
    if not condition:
        raise Failure(message)


class Client:
    """A WebSocket client that writes exactly the bytes it is told to."""

    def __init__(self, port, path):
        self.sock = socket.create_connection((HOST, port), timeout=TIMEOUT)
        self.sock.settimeout(TIMEOUT)
        self.buffer = b""
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {path} HTTP/1.1\r\n"
            f"Host: {HOST}:{port}\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = self._read_until(b"\r\n\r\n").decode("latin-1")
        lines = head.split("\r\n")
        self.status_line = lines[0]
        self.headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                self.headers[name.strip().lower()] = value.strip()
        expected = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        # Section 4.2.2 (5): 101, Upgrade: websocket, Connection: Upgrade, the accept hash.
        check(self.status_line.startswith("HTTP/1.1 101"), f"handshake: {self.status_line!r}")
        check(self.headers.get("upgrade", "").lower() == "websocket", "handshake: no Upgrade")
        check("upgrade" in self.headers.get("connection", "").lower(), "handshake: no Connection")
        check(self.headers.get("sec-websocket-accept") == expected,
              f"handshake: Sec-WebSocket-Accept {self.headers.get('sec-websocket-accept')!r}, "
              f"expected {expected!r}")

    def _read_until(self, marker):
        while marker not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Closed()
            self.buffer += chunk
            check(len(self.buffer) < 1 << 20, "handshake response too long")
        head, self.buffer = self.buffer.split(marker, 1)
        return head

    def _read_exact(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise Closed()
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def send_raw(self, data):
        self.sock.sendall(data)

    def send_frame(self, opcode, payload=b"", fin=True, rsv=0, mask=True, length=None):
        if isinstance(payload, str):
            payload = payload.encode()
        first = (0x80 if fin else 0) | (rsv << 4) | opcode
        size = len(payload) if length is None else length
        header = bytes([first])
        mask_bit = 0x80 if mask else 0
        if size < 126:
            header += bytes([mask_bit | size])
        elif size < 65536:
            header += bytes([mask_bit | 126]) + struct.pack("!H", size)
        else:
            header += bytes([mask_bit | 127]) + struct.pack("!Q", size)
        if mask:
            key = os.urandom(4)
            header += key
            payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
        self.send_raw(header + payload)

    def send_close(self, code=None, reason=b""):
        payload = b"" if code is None else struct.pack("!H", code) + reason
        self.send_frame(OP_CLOSE, payload)

    def recv_frame(self):
        """(fin, rsv, opcode, payload) of the next frame the server sends."""
        first, second = self._read_exact(2)
        check(not second & 0x80, "the server masked a frame (section 5.1: it must not)")
        size = second & 0x7F
        if size == 126:
            size = struct.unpack("!H", self._read_exact(2))[0]
        elif size == 127:
            size = struct.unpack("!Q", self._read_exact(8))[0]
        return bool(first & 0x80), (first >> 4) & 0x7, first & 0x0F, self._read_exact(size)

    def recv_message(self):
        """The next data message (opcode, payload); answers nothing, ignores pongs."""
        while True:
            fin, rsv, opcode, payload = self.recv_frame()
            check(rsv == 0, f"server frame with RSV bits {rsv}")
            if opcode == OP_PONG:
                continue
            if opcode == OP_CLOSE:
                raise Failure(f"unexpected close {close_code(payload)} while waiting for data")
            check(opcode in (OP_TEXT, OP_BINARY), f"unexpected opcode {opcode}")
            while not fin:
                fin, _, cont, more = self.recv_frame()
                check(cont == OP_CONT, f"opcode {cont} inside a fragmented server message")
                payload += more
            return opcode, payload

    def expect_close(self, expected_codes):
        """Reads until the server's close frame; checks its code and that TCP is closed."""
        if isinstance(expected_codes, int):
            expected_codes = (expected_codes,)
        try:
            while True:
                _, _, opcode, payload = self.recv_frame()
                if opcode == OP_CLOSE:
                    break
        except Closed:
            raise Failure(f"TCP closed without a close frame (expected {expected_codes})")
        except socket.timeout:
            raise Failure(f"no close frame within {TIMEOUT} s (expected {expected_codes})")
        code = close_code(payload)
        check(code in expected_codes, f"close code {code}, expected {expected_codes}")
        self.wait_eof()
        return code, payload[2:]

    def wait_eof(self):
        """Section 7.1.1: after the closing handshake the server closes the TCP connection."""
        deadline = time.monotonic() + TIMEOUT
        try:
            while time.monotonic() < deadline:
                if not self.sock.recv(65536):
                    return
        except (ConnectionResetError, socket.timeout):
            return
        raise Failure("the server kept the TCP connection open after closing")

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def close_code(payload):
    return struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None


class Suite:
    def __init__(self, binary):
        self.binary = binary
        self.port = None
        self.server = None
        self.failures = []
        self.deviations = []
        self.passed = 0
        self.probes = 0

    # --- plumbing -------------------------------------------------------------------------

    def start(self, data_dir):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        self.stderr = tempfile.TemporaryFile()
        self.server = subprocess.Popen(
            [self.binary, "--headless", "--port", "0", "--bind", HOST, "--token", TOKEN,
             "--data-dir", data_dir, "--message-rate", "0"],
            stdout=subprocess.PIPE, stderr=self.stderr, env=env, text=True)
        ready, _, _ = select.select([self.server.stdout], [], [], 30)
        line = self.server.stdout.readline().strip() if ready else "(nothing within 30 s)"
        prefix = f"listening on http://{HOST}:"
        if not line.startswith(prefix):
            raise Failure(f"unexpected first line from the server: {line!r}")
        self.port = int(line[len(prefix):].rstrip("/"))
        # Keep reading its stdout so that the server never blocks on a full pipe.
        threading.Thread(target=self.server.stdout.read, daemon=True).start()

    def stop(self):
        if self.server is None:
            return
        if self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        if self.server.returncode not in (0, -15):
            self.stderr.seek(0)
            print(f"server exit code {self.server.returncode}; its stderr:")
            print(self.stderr.read().decode(errors="replace")[-4000:])
            self.failures.append(f"server exit code {self.server.returncode}")

    def echo(self):
        return Client(self.port, f"/ws/echo?token={TOKEN}")

    def chat(self, username):
        query = urllib.parse.urlencode({"token": TOKEN, "username": username})
        return Client(self.port, f"/ws?{query}")

    def probe(self):
        """A well-behaved chat client: welcome, a message and its acknowledgement, clean close."""
        self.probes += 1
        client = self.chat(f"probe{self.probes}")
        try:
            _, payload = client.recv_message()
            welcome = json.loads(payload)
            check(welcome.get("type") == "welcome", f"probe: expected welcome, got {welcome}")
            cid = f"probe-{self.probes}"
            client.send_frame(OP_TEXT, json.dumps({"type": "message", "text": "still here",
                                                   "cid": cid}))
            while True:
                _, payload = client.recv_message()
                frame = json.loads(payload)
                if frame.get("type") == "message" and frame.get("cid") == cid:
                    break
                check(frame.get("type") in ("join", "leave", "message"),
                      f"probe: unexpected frame {frame}")
            client.send_close(1000)
            client.expect_close(1000)
        finally:
            client.close()

    def case(self, name, function):
        try:
            try:
                result = function()
            finally:
                self.probe_after(name)
        except (Failure, Closed, OSError) as error:
            detail = "connection closed by the server" if isinstance(error, Closed) else error
            self.failures.append(f"{name}: {detail}")
            print(f"FAIL       {name}: {detail}")
            return
        except Exception:  # a bug in this script: report it as a failure with its trace
            self.failures.append(f"{name}: {traceback.format_exc()}")
            print(f"FAIL       {name}:\n{traceback.format_exc()}")
            return
        if isinstance(result, str):  # a recorded deviation of Qt's
            self.deviations.append(f"{name}: {result}")
            print(f"DEVIATION  {name}: {result}")
        else:
            self.passed += 1
            print(f"ok         {name}")

    def probe_after(self, name):
        try:
            self.probe()
        except Exception as error:
            raise Failure(f"a well-behaved client is no longer served after this case: {error}")

    # --- helpers for cases ------------------------------------------------------------------

    def expect_echo(self, client, text):
        opcode, payload = client.recv_message()
        check(opcode == OP_TEXT, f"echo: opcode {opcode}")
        check(payload == ("Echo: " + text).encode(), f"echo: got {payload[:80]!r}")

    def fails_with(self, code, *frames, **kwargs):
        """Sends frames (opcode, payload, options) on an echo connection; expects close code."""
        client = self.echo()
        try:
            for opcode, payload, options in frames:
                client.send_frame(opcode, payload, **options)
            client.expect_close(kwargs.get("codes", code))
        finally:
            client.close()

    # --- cases ---------------------------------------------------------------------------

    def run(self):
        F = {}  # no frame options
        cases = []
        add = lambda name, function: cases.append((name, function))

        add("4.2.2 handshake: 101 with Sec-WebSocket-Accept", lambda: self.echo().close())

        def masked_text():
            client = self.echo()
            try:
                for text in ("hello", "", "caf\u00e9 \u20ac \U0001F600", "x" * 200, "y" * 35000):
                    client.send_frame(OP_TEXT, text)
                    self.expect_echo(client, text)
            finally:
                client.close()
        add("5.1/5.2 masked text frames (7-, 16-bit lengths, UTF-8)", masked_text)

        def fragmented():
            client = self.echo()
            try:
                client.send_frame(OP_TEXT, "Hel", fin=False)
                client.send_frame(OP_CONT, "", fin=False)
                client.send_frame(OP_CONT, "lo", fin=True)
                self.expect_echo(client, "Hello")
                client.send_frame(OP_TEXT, "caf\u00e9 ", fin=False)
                client.send_frame(OP_CONT, "\u20ac\U0001F600", fin=True)
                self.expect_echo(client, "caf\u00e9 \u20ac\U0001F600")
            finally:
                client.close()
        add("5.4 fragmented text reassembled", fragmented)

        def split_code_point():
            client = self.echo()
            try:  # 5.6: only the whole message must be valid UTF-8, not each frame
                euro = "\u20ac".encode()
                client.send_frame(OP_TEXT, b"a" + euro[:1], fin=False)
                client.send_frame(OP_CONT, euro[1:] + b"b", fin=True)
                _, _, opcode, payload = client.recv_frame()
                if opcode == OP_CLOSE and close_code(payload) == 1007:
                    return ("Qt 6.4.2 closes with 1007 when a UTF-8 sequence is split across "
                            "the frames of a fragmented text message; section 5.6 requires only "
                            "the whole message to be valid UTF-8")
                check(opcode == OP_TEXT and payload == "Echo: a\u20acb".encode(),
                      f"opcode {opcode}, payload {payload[:80]!r}")
            finally:
                client.close()
        add("5.6 code point split across fragments (known Qt deviation)", split_code_point)

        add("5.4 continuation without a start -> 1002",
            lambda: self.fails_with(1002, (OP_CONT, "orphan", F)))
        add("5.4 new data frame inside a fragmented message -> 1002",
            lambda: self.fails_with(1002, (OP_TEXT, "one", {"fin": False}), (OP_TEXT, "two", F)))

        def ping_in_fragments():
            client = self.echo()
            try:
                client.send_frame(OP_TEXT, "frag", fin=False)
                client.send_frame(OP_PING, b"ping-payload")
                client.send_frame(OP_PONG, b"unsolicited")  # 5.5.3: may be sent unsolicited
                client.send_frame(OP_CONT, "ment", fin=True)
                fin, _, opcode, payload = client.recv_frame()
                check(opcode == OP_PONG and fin, f"expected a pong first, got opcode {opcode}")
                check(payload == b"ping-payload", f"pong payload {payload!r}")
                self.expect_echo(client, "fragment")
                client.send_frame(OP_PING, b"")
                _, _, opcode, payload = client.recv_frame()
                check(opcode == OP_PONG and payload == b"", "empty ping: no empty pong")
            finally:
                client.close()
        add("5.4/5.5.2 ping inside a fragmented message gets its pong", ping_in_fragments)

        add("5.5 ping payload of 126 bytes -> 1002",
            lambda: self.fails_with(1002, (OP_PING, b"p" * 126, F)))
        add("5.5 close payload of 126 bytes -> 1002",
            lambda: self.fails_with(1002, (OP_CLOSE, struct.pack("!H", 1000) + b"r" * 124, F)))
        add("5.5 fragmented ping -> 1002",
            lambda: self.fails_with(1002, (OP_PING, b"half", {"fin": False}),
                                    (OP_CONT, b"half", F)))
        for rsv in (1, 2, 4, 7):
            add(f"5.2 RSV bits {rsv:03b} without an extension -> 1002",
                lambda rsv=rsv: self.fails_with(1002, (OP_TEXT, "rsv", {"rsv": rsv})))
        add("5.2 RSV1 on a ping -> 1002",
            lambda: self.fails_with(1002, (OP_PING, b"", {"rsv": 4})))
        for opcode in (3, 4, 5, 6, 7, 11, 12, 13, 14, 15):
            add(f"5.2 reserved opcode {opcode} -> 1002",
                lambda opcode=opcode: self.fails_with(1002, (opcode, b"", F)))

        bad_utf8 = [
            b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xce\xba\xe1\xbd",
            b"hello \xe2\x82",
        ]
        for sample in bad_utf8:
            add(f"8.1 invalid UTF-8 {sample!r} in a text frame -> 1007",
                lambda sample=sample: self.fails_with(1007, (OP_TEXT, sample, F)))
        add("8.1 invalid UTF-8 split across fragments -> 1007",
            lambda: self.fails_with(1007, (OP_TEXT, b"valid \xce", {"fin": False}),
                                    (OP_CONT, b"\xba\xff tail", F)))
        add("8.1 truncated code point at the end of a fragmented message -> 1007",
            lambda: self.fails_with(1007, (OP_TEXT, b"ok", {"fin": False}),
                                    (OP_CONT, b"\xe2\x82", F)))

        def close_echo(code, reason=b""):
            def run():
                client = self.echo()
                try:
                    client.send_close(code, reason)
                    echoed, _ = client.expect_close(code)
                finally:
                    client.close()
            return run
        add("5.5.1/7.4 close 1000 is echoed", close_echo(1000, b"bye"))
        add("7.4.2 close 3000 (registered range) is echoed", close_echo(3000))
        add("7.4.2 close 4999 (private range) is echoed", close_echo(4999))

        def close_empty():
            client = self.echo()
            try:
                client.send_frame(OP_CLOSE, b"")
                client.expect_close((None, 1000))
            finally:
                client.close()
        add("5.5.1 empty close answered with a close", close_empty)
        add("5.5.1 close with a 1-byte payload -> 1002",
            lambda: self.fails_with(1002, (OP_CLOSE, b"\x03", F)))
        for code in (0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535):
            add(f"7.4.1 invalid close code {code} -> 1002",
                lambda code=code: self.fails_with(1002, (OP_CLOSE, struct.pack("!H", code), F)))
        add("8.1 close reason with invalid UTF-8 -> 1007",
            lambda: self.fails_with(1007, (OP_CLOSE, struct.pack("!H", 1000) + b"\xff", F),
                                    codes=(1007, 1002)))

        def after_close():
            client = self.echo()
            try:
                client.send_close(1000)
                client.send_frame(OP_TEXT, "after close")  # must be ignored (5.5.1)
                client.expect_close(1000)
            finally:
                client.close()
        add("5.5.1 data after the client's close is not answered", after_close)

        add("10.4 frame of 65,537 bytes -> 1009",
            lambda: self.fails_with(1009, (OP_TEXT, b"a" * (MAX_FRAME + 1), F)))
        add("10.4 binary frame of 65,537 bytes -> 1009",
            lambda: self.fails_with(1009, (OP_BINARY, b"a" * (MAX_FRAME + 1), F)))

        def huge_length():
            client = self.echo()
            try:  # only the header: a declared 2^62-byte frame is refused before any payload
                client.send_frame(OP_TEXT, b"", length=1 << 62)
                client.expect_close(1009)
            finally:
                client.close()
        add("10.4 declared length of 2^62 bytes -> 1009 without reading it", huge_length)

        def frame_at_limit():
            client = self.echo()
            try:  # the limit itself is allowed: a frame of exactly 65,536 bytes
                text = json.dumps({"type": "message", "text": "x"})
                client.send_frame(OP_TEXT, text + " " * (MAX_FRAME - len(text)))
                self.expect_echo(client, text + " " * (MAX_FRAME - len(text)))
            finally:
                client.close()
        add("10.4 frame of exactly 65,536 bytes is accepted", frame_at_limit)
        add("10.4 message of 2 x 40,000 bytes in fragments -> 1009",
            lambda: self.fails_with(1009, (OP_TEXT, b"a" * 40000, {"fin": False}),
                                    (OP_CONT, b"a" * 40000, F)))

        def chat_oversized():
            client = self.chat("bigsender")
            try:
                client.recv_message()  # welcome
                client.send_frame(OP_TEXT, json.dumps({"type": "message",
                                                       "text": "z" * (MAX_FRAME + 10)}))
                client.expect_close(1009)
            finally:
                client.close()
        add("10.4 oversized frame on the chat endpoint -> 1009", chat_oversized)

        def unmasked():
            client = self.echo()
            try:
                client.send_frame(OP_TEXT, "unmasked", mask=False)
                try:
                    _, _, opcode, payload = client.recv_frame()
                except Closed:
                    return None  # closed without a close frame: conformant enough
                if opcode == OP_CLOSE:
                    check(close_code(payload) == 1002, f"close {close_code(payload)}")
                    return None
                check(payload == b"Echo: unmasked", f"unexpected answer {payload!r}")
                return ("Qt 6.4.2 accepts an unmasked client frame and answers it; section 5.1 "
                        "says the server MUST close the connection (1002)")
            finally:
                client.close()
        add("5.1 unmasked client frame -> close (known Qt deviation)", unmasked)

        def binary_on_chat():
            client = self.chat("binarysender")
            try:
                client.recv_message()  # welcome
                client.send_frame(OP_BINARY, b"\x00\x01")
                frame = {"type": "join"}
                while frame.get("type") in ("join", "leave"):  # other clients come and go
                    frame = json.loads(client.recv_message()[1])
                check(frame.get("code") == "invalid_json", f"binary frame answered with {frame}")
            finally:
                client.close()
        add("5.6 binary frame on the chat endpoint -> invalid_json, stays open", binary_on_chat)

        def pipelined():
            client = self.echo()
            try:  # many small frames in one TCP segment, and one frame spread over many
                client.send_raw(b"".join(frame_bytes(OP_TEXT, f"m{i}") for i in range(20)))
                for i in range(20):
                    self.expect_echo(client, f"m{i}")
                for byte in frame_bytes(OP_TEXT, "slow"):
                    client.send_raw(bytes([byte]))
                    time.sleep(0.002)
                self.expect_echo(client, "slow")
            finally:
                client.close()
        add("5.2 frames batched in one segment and split byte by byte", pipelined)

        self.probe_after("start")
        for name, function in cases:
            self.case(name, function)


def frame_bytes(opcode, payload):
    payload = payload.encode() if isinstance(payload, str) else payload
    key = os.urandom(4)
    assert len(payload) < 126
    return (bytes([0x80 | opcode, 0x80 | len(payload)]) + key
            + bytes(b ^ key[i % 4] for i, b in enumerate(payload)))


def main():
    binary = (sys.argv[1] if len(sys.argv) > 1
              else os.environ.get("LANCHAT_BINARY", "build/debug/lanchat"))
    suite = Suite(binary)
    data_dir = tempfile.mkdtemp(prefix="lanchat-rfc6455-")
    try:
        suite.start(data_dir)
        suite.run()
    except Exception as error:
        suite.failures.append(f"suite aborted: {error}")
        traceback.print_exc()
    finally:
        suite.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    print(f"\n{suite.passed} passed, {len(suite.deviations)} known deviations, "
          f"{len(suite.failures)} failed")
    for deviation in suite.deviations:
        print(f"  deviation: {deviation}")
    for failure in suite.failures:
        print(f"  FAILED: {failure}")
    return 1 if suite.failures else 0


if __name__ == "__main__":
    sys.exit(main())
