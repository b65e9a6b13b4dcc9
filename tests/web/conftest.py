"""Fixtures of the web page's tests: a content folder copied from the catalog, the app, a live server.

Everything is written under pytest's temporary folders (content, cache); the
repository is only read.  Builds run on a real worker pool of one process,
as `booklet serve -j 1` runs them.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CAREERS = ("accountant", "chef", "electrician")
COLLECTION = """\
slug: three-careers
title: Three careers
subtitle: From the office to the kitchen and the building site
audience: For the web page's tests
introduction: |-
  Three careers side by side.
careers: [accountant, chef, electrician]
paper: a4
"""


def copy_content(target: Path) -> Path:
    """A content folder with a few careers, their translations and one collection."""
    careers = target / "careers"
    (careers / "hi").mkdir(parents=True)
    (target / "collections").mkdir()
    for slug in CAREERS:
        text = (REPO / "content" / "careers" / f"{slug}.yaml").read_text(encoding="utf-8")
        (careers / f"{slug}.yaml").write_text(re.sub(r"(?m)^related: .*$", "related: []", text), encoding="utf-8")
        translation = REPO / "content" / "careers" / "hi" / f"{slug}.yaml"
        if translation.exists():
            shutil.copy(translation, careers / "hi" / translation.name)
    (target / "collections" / "three-careers.yaml").write_text(COLLECTION, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def web_content(tmp_path_factory) -> Path:
    return copy_content(tmp_path_factory.mktemp("web") / "content")


@pytest.fixture(scope="session")
def client(web_content, tmp_path_factory):
    """The app on the shared content copy, with one warm worker; the test client talks to 127.0.0.1."""
    from starlette.testclient import TestClient

    from booklet.web.app import Settings, create_app

    app = create_app(Settings(content=web_content, cache=tmp_path_factory.mktemp("cache"), workers=1))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        test_client.site = app.site
        yield test_client


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)


def wait_for(check, timeout: float = 120.0, every: float = 0.3):
    """``check()``'s first truthy value, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"nothing after {timeout} s")


def finish(client, location: str) -> dict:
    """Follow a job to its end; its last status."""
    return wait_for(lambda: (status := client.get(f"{location}/status").json())["state"] in ("done", "failed")
                    and status)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """``booklet serve --watch -j 1`` in a subprocess on a free port, over its own content copy."""
    import httpx2

    root = tmp_path_factory.mktemp("live")
    content = copy_content(root / "content")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    log = open(root / "server.log", "wb")  # noqa: SIM115 (closed below, after the server)
    process = subprocess.Popen([sys.executable, "-m", "booklet", "serve", "--content", str(content), "--cache",
                                str(root / "cache"), "--port", str(port), "-j", "1", "--watch"],
                               cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if process.poll() is not None:
            raise AssertionError((root / "server.log").read_text())
        try:
            return httpx2.get(f"{base}/healthz", timeout=1).status_code == 200
        except httpx2.HTTPError:
            return False

    try:
        wait_for(up, timeout=60)
        yield {"base": base, "content": content, "log": root / "server.log"}
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Where the browser tests keep a screenshot of each step: output/web-test-artifacts/ (gitignored)."""
    folder = Path(os.environ.get("BOOKLET_WEB_ARTIFACTS", REPO / "output" / "web-test-artifacts"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = tmp_path_factory.mktemp("web-test-artifacts")
    return folder
