#!/usr/bin/env python3
"""Checks of the desktop integration that need no installed system (issue 22), one CTest each:

  files      the desktop entry passes desktop-file-validate, the metainfo passes
             `appstreamcli validate --no-net --strict`, both say what the issue asks, and the icons
             were rendered at their sizes
  manpage    `man --warnings -l` renders lanchat.1 without a warning, and it names every option of
             `lanchat --help` (run without a display)
  completion the bash completion offers every option of --help and completes values by kind
  systemd    `systemd-analyze verify` passes the unit, and `systemd-analyze security` rates its
             exposure 2.5 or lower
  install    `cmake --install` into a temporary prefix (and with DESTDIR) puts every file where it
             belongs, and the installed executable finds its translations

Usage: check_desktop.py CHECK BUILD_DIR LANCHAT_BINARY APP_ID VERSION
The tools are Debian's (desktop-file-utils, appstream, man-db, systemd): scripts/test installs
them, and a missing one fails the check instead of skipping it.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

ICON_SIZES = [16, 22, 24, 32, 48, 64, 128, 256, 512]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run(command, env=None, check=True, **kwargs):
    if shutil.which(command[0]) is None and not os.path.isabs(command[0]):
        fail(f"{command[0]} is not installed (scripts/deps.sh installs it)")
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, **kwargs)
    if check and result.returncode != 0:
        fail(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return result


def without_display(extra=None):
    """An environment in which creating a QGuiApplication aborts: no display, the xcb plugin."""
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE"):
        env.pop(name, None)
    env["QT_QPA_PLATFORM"] = "xcb"
    env["LC_ALL"] = "C.UTF-8"
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="lanchat-help-")
    env.update(extra or {})
    return env


def help_options(lanchat):
    """Every option name of `lanchat --help`, short and long, in order."""
    result = run([lanchat, "--help"], env=without_display())
    options = []
    for line in result.stdout.splitlines():
        match = re.match(r"^  (-[A-Za-z0-9], )?(--[a-z0-9-]+)", line)
        if match:
            if match.group(1):
                options.append(match.group(1)[:2])
            options.append(match.group(2))
    if "--headless" not in options or "--help" not in options:
        fail("no options found in --help:\n" + result.stdout)
    return options


def png_size(path):
    with open(path, "rb") as png:
        header = png.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


def desktop_entry(path):
    entry = {}
    with open(path, encoding="utf-8") as file:
        for line in file:
            if "=" in line and not line.startswith("#"):
                key, value = line.rstrip("\n").split("=", 1)
                entry[key.strip()] = value.strip()
    return entry


def check_files(build, lanchat, app_id, version):
    dist = os.path.join(build, "dist")
    desktop = os.path.join(dist, app_id + ".desktop")
    result = run(["desktop-file-validate", desktop], check=False)
    if result.returncode != 0 or result.stdout.strip() or result.stderr.strip():
        fail("desktop-file-validate:\n" + result.stdout + result.stderr)
    entry = desktop_entry(desktop)
    expected = {
        "Exec": "lanchat %u",
        "Icon": app_id,
        "MimeType": "x-scheme-handler/lanchat;",
        "Type": "Application",
    }
    for key, value in expected.items():
        if entry.get(key) != value:
            fail(f"{desktop}: {key}={entry.get(key)!r}, expected {value!r}")
    categories = entry.get("Categories", "").split(";")
    if "Network" not in categories or "Chat" not in categories:
        fail(f"{desktop}: Categories={entry.get('Categories')}")
    for key in ("Name[de]", "Comment[de]", "GenericName[de]", "Comment"):
        if not entry.get(key):
            fail(f"{desktop}: no {key}")

    metainfo = os.path.join(dist, app_id + ".metainfo.xml")
    result = run(["appstreamcli", "validate", "--no-net", "--strict", "--explain", metainfo],
                 check=False)
    print(result.stdout.strip())
    if result.returncode != 0 or re.search(r"^[EWI]: ", result.stdout, re.MULTILINE):
        fail("appstreamcli validate found errors, warnings or infos:\n" + result.stdout
             + result.stderr)
    component = ElementTree.parse(metainfo).getroot()
    checks = {
        "id": component.findtext("id") == app_id,
        "launchable": component.findtext("launchable[@type='desktop-id']") == app_id + ".desktop",
        "provides": component.findtext("provides/binary") == "lanchat",
        "release": component.find(f"releases/release[@version='{version}']") is not None,
        "OARS": component.find("content_rating[@type='oars-1.1']") is not None,
        "screenshots": len(component.findall("screenshots/screenshot/image")) >= 3,
        "German summary": any(s.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
                              for s in component.findall("summary")),
        "description": len(component.findall("description/p")) >= 1,
    }
    for what, ok in checks.items():
        if not ok:
            fail(f"{metainfo}: {what} missing or wrong")

    for size in ICON_SIZES:
        icon = os.path.join(dist, "icons", "hicolor", f"{size}x{size}", "apps", app_id + ".png")
        if not os.path.exists(icon):
            fail(f"missing {icon}")
        if png_size(icon) != (size, size):
            fail(f"{icon} is {png_size(icon)}, not {size}x{size}")
    print(f"desktop entry, metainfo and {len(ICON_SIZES)} icons OK")


def check_manpage(build, lanchat, app_id, version):
    options = help_options(lanchat)
    page = os.path.join(build, "dist", "man", "man1", "lanchat.1")
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
    result = run(["man", "--warnings", "-l", page], env=env)
    if result.stderr.strip():
        fail("man --warnings -l lanchat.1 warns:\n" + result.stderr)
    text = result.stdout
    # man marks up with overstrikes when not on a terminal: compare the plain text.
    text = re.sub(r".\x08", "", text)
    words = set(re.findall(r"(?<![\w-])-{1,2}[A-Za-z0-9][A-Za-z0-9-]*", text))
    missing = [option for option in options if option not in words]
    if missing:
        fail("options of --help missing in the man page: " + ", ".join(missing))
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "FILES",
                    "EXAMPLES"):
        if not re.search(rf"^{section}$", text, re.MULTILINE):
            fail(f"no {section} section in the man page")
    if f"lanchat {version}" not in text:
        fail("the man page does not name the version " + version)
    print(f"man page renders without warnings and names all {len(options)} options")


def check_completion(build, lanchat, app_id, version):
    options = help_options(lanchat)
    script = os.path.join(build, "dist", "lanchat.bash-completion")
    with tempfile.TemporaryDirectory() as directory:
        os.mkdir(os.path.join(directory, "chats"))
        open(os.path.join(directory, "cert.pem"), "w").close()

        def complete(*words):
            line = " ".join(words)
            program = (f"source {script}\n"
                       f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}\n"
                       "_lanchat\n"
                       "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
            result = run(["bash", "-c", program], cwd=directory)
            return [word for word in result.stdout.splitlines() if word]

        offered = complete("lanchat", "-")
        missing = [option for option in options if option not in offered]
        if missing:
            fail("the completion does not offer: " + ", ".join(missing))
        if sorted(complete("lanchat", "--he")) != ["--headless", "--help", "--help-all"]:
            fail("--he completes to " + repr(complete("lanchat", "--he")))
        if complete("lanchat", "--data-dir", "") != ["chats"]:
            fail("--data-dir completes to " + repr(complete("lanchat", "--data-dir", "")))
        if sorted(complete("lanchat", "--tls-key", "")) != ["cert.pem", "chats"]:
            fail("--tls-key completes to " + repr(complete("lanchat", "--tls-key", "")))
        if complete("lanchat", "--port", "") != []:
            fail("--port completes to " + repr(complete("lanchat", "--port", "")))
    print(f"completion offers all {len(options)} options and completes values")


def check_systemd(build, lanchat, app_id, version):
    unit = os.path.join(build, "dist", "lanchat-server.service")
    with open(unit, encoding="utf-8") as file:
        text = file.read()
    for directive in ("DynamicUser=yes", "StateDirectory=lanchat", "ProtectSystem=strict",
                      "NoNewPrivileges=yes", "PrivateTmp=yes", "RestrictAddressFamilies="):
        if directive not in text:
            fail(f"the unit lacks {directive}")
    if "[Install]" not in text:
        fail("the unit has no [Install] section: it could not be enabled")
    with tempfile.TemporaryDirectory() as directory:
        # verify checks that ExecStart= exists and that the man page of Documentation= does:
        # the built executable and man page stand in for the installed ones.
        copy = os.path.join(directory, "lanchat-server.service")
        with open(copy, "w", encoding="utf-8") as file:
            file.write(re.sub(r"^ExecStart=\S+", "ExecStart=" + lanchat, text, flags=re.MULTILINE))
        env = dict(os.environ, MANPATH=os.path.join(build, "dist", "man"), SYSTEMD_LOG_COLOR="0")
        result = run(["systemd-analyze", "verify", copy], env=env, check=False)
        if result.returncode != 0 or result.stdout.strip() or result.stderr.strip():
            fail("systemd-analyze verify:\n" + result.stdout + result.stderr)
        result = run(["systemd-analyze", "security", "--offline=true", "--threshold=25", copy],
                     env=env, check=False)
        match = re.search(r"Overall exposure level for \S+: (\d+\.\d)", result.stdout)
        if not match:
            fail("no exposure level from systemd-analyze security:\n" + result.stdout
                 + result.stderr)
        exposure = float(match.group(1))
        print(f"systemd-analyze verify clean; security exposure {exposure}")
        if result.returncode != 0 or exposure > 2.5:
            fail(f"exposure {exposure} is above 2.5:\n" + result.stdout)


def check_install(build, lanchat, app_id, version):
    with tempfile.TemporaryDirectory() as directory:
        prefix = os.path.join(directory, "some", "prefix")
        run(["cmake", "--install", build, "--prefix", prefix])
        expected = [
            "bin/lanchat",
            f"share/applications/{app_id}.desktop",
            f"share/metainfo/{app_id}.metainfo.xml",
            f"share/icons/hicolor/scalable/apps/{app_id}.svg",
            "share/lanchat/translations/lanchat_de.qm",
            "share/man/man1/lanchat.1.gz",
            "share/bash-completion/completions/lanchat",
            "lib/systemd/system/lanchat-server.service",
            "share/doc/lanchat/copyright",
            "share/doc/lanchat/changelog.Debian.gz",
        ] + [f"share/icons/hicolor/{s}x{s}/apps/{app_id}.png" for s in ICON_SIZES]
        missing = [path for path in expected if not os.path.isfile(os.path.join(prefix, path))]
        if missing:
            fail("not installed: " + ", ".join(missing))
        with open(os.path.join(prefix, "lib/systemd/system/lanchat-server.service")) as unit:
            if f"ExecStart={prefix}/bin/lanchat " not in unit.read():
                fail("the installed unit does not start the installed executable")
        # The installed executable, away from the build tree, finds its translations.
        env = without_display({"LC_ALL": "de_DE.UTF-8", "LANGUAGE": "de"})
        result = run([os.path.join(prefix, "bin", "lanchat"), "--help"], env=env)
        if "Den Server ohne Fenster ausführen." not in result.stdout:
            fail("the installed lanchat --help is not German:\n" + result.stdout)
        # The prefix can move: the executable looks relative to itself.
        moved = os.path.join(directory, "moved")
        shutil.move(prefix, moved)
        result = run([os.path.join(moved, "bin", "lanchat"), "--help"], env=env)
        if "Den Server ohne Fenster ausführen." not in result.stdout:
            fail("after moving the prefix, lanchat --help is not German")

        staging = os.path.join(directory, "staging")
        run(["cmake", "--install", build, "--prefix", "/usr"],
            env=dict(os.environ, DESTDIR=staging))
        if not os.path.isfile(os.path.join(staging, "usr", "share", "applications",
                                           app_id + ".desktop")):
            fail("DESTDIR was not honoured")
    print(f"installed {len(expected)} files; translations found from a moved prefix")


CHECKS = {
    "files": check_files,
    "manpage": check_manpage,
    "completion": check_completion,
    "systemd": check_systemd,
    "install": check_install,
}

if __name__ == "__main__":
    if len(sys.argv) != 6 or sys.argv[1] not in CHECKS:
        print(__doc__)
        sys.exit(2)
    CHECKS[sys.argv[1]](*sys.argv[2:])
