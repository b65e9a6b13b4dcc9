"""Several builds at once, and a build killed outright: real processes, real signals."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, invoke, small_catalog

CAREERS = ["chef", "electrician", "lawyer"]


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "booklet", *args], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


@pytest.fixture
def content(tmp_path) -> Path:
    return small_catalog(tmp_path, CAREERS, {"hands-on": (
        "slug: hands-on\ntitle: Hands On\nsubtitle: Two careers\naudience: For students\n"
        "introduction: Two careers where you learn by doing.\ncareers: [electrician, chef]\n")})


def test_concurrent_builds_into_one_folder_never_leave_a_stale_or_broken_output(content, tmp_path):
    shared, fresh = tmp_path / "shared", tmp_path / "fresh"
    chef = content / "careers" / "chef.yaml"
    common = ("--content", str(content), "--output", str(shared), "-j", "1")
    first = start("build", *common)
    second = start("build", "chef", "hands-on", *common)
    time.sleep(0.5)
    chef.write_text(chef.read_text() + "# edited while building\n")  # an editor saves mid-build
    third = start("build", "lawyer", "chef", "--force", *common)
    results = [(*process.communicate(timeout=300), process.returncode) for process in (first, second, third)]
    for _out, err, code in results:
        assert code == 0, err
        assert "Traceback" not in err
    assert any("Waiting for another build" in err for _out, err, _code in results)  # they took turns

    manifest = json.loads((shared / ".booklet-manifest.json").read_text())["outputs"]
    for name, entry in manifest.items():
        data = (shared / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["bytes"]
        assert len(PdfReader(shared / name).pages) == entry["pages"]
    assert not [p for p in shared.iterdir() if p.name.endswith("booklet-tmp")]

    # Whatever the manifest still calls current must be exactly what a fresh build of today's inputs gives.
    again = subprocess.run([sys.executable, "-m", "booklet", "build", "--json", *common], cwd=REPO,
                           capture_output=True, text=True, check=True)
    current = {o["name"] for o in json.loads(again.stdout)["outputs"] if o["status"] == "skipped"}
    subprocess.run([sys.executable, "-m", "booklet", "build", "--content", str(content), "--output", str(fresh),
                    "-j", "1", "--quiet"], cwd=REPO, check=True)
    for name in sorted(manifest):
        assert (shared / name).read_bytes() == (fresh / name).read_bytes(), name
    assert {"chef.pdf", "lawyer.pdf", "electrician.pdf", "hands-on.pdf"} >= current


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, stack = set(), [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killing_a_parallel_build_with_sigkill_ends_its_workers(tmp_path):
    build = start("build", *CAREERS, "--force", "-j", "2", "--output", str(tmp_path / "out"))
    deadline = time.monotonic() + 60
    helpers: set[int] = set()
    while time.monotonic() < deadline and len(helpers) < 3:  # the fork server and two workers
        helpers |= _descendants(build.pid)
        time.sleep(0.2)
    assert len(helpers) >= 3, helpers
    os.kill(build.pid, signal.SIGKILL)
    build.communicate(timeout=30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_running(pid) for pid in helpers):
        time.sleep(0.2)
    assert not [pid for pid in helpers if _running(pid)]


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=serve, daemon=True).start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for connection in accepted:
        connection.close()


def test_scheduler_that_never_answers_is_refused_within_its_timeout(site, silent_server, capsys):
    content, output = site
    (content / "careers" / "machine-learning-engineer.yaml").write_text(
        (content / "careers" / "machine-learning-engineer.yaml").read_text() + "# changed\n")
    started = time.monotonic()
    code, _out, err = invoke(capsys, "build", "--content", str(content), "--output", str(output),
                             "--scheduler", silent_server)
    assert time.monotonic() - started < 20
    assert code == 2 and "did not answer within 10 s" in err


@pytest.mark.parametrize("address", ["not an address", "tcp://host-without-port", "tcp://127.0.0.1:99999", ""])
def test_malformed_scheduler_addresses_are_refused(address, site, capsys):
    content, output = site
    code, _out, err = invoke(capsys, "build", "--content", str(content), "--output", str(output), "--force",
                             "--scheduler", address)
    assert code == 2 and "--scheduler" in err


def test_an_up_to_date_build_does_not_connect_to_the_scheduler(site, capsys):
    content, output = site
    code, out, _err = invoke(capsys, "build", "--content", str(content), "--output", str(output),
                             "--scheduler", "tcp://127.0.0.1:9")  # nothing listens there
    assert code == 0 and "0 built, 1 up to date" in out
