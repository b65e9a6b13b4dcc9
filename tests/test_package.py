"""The installed package works on its own: a wheel, a fresh virtual environment, a user's folder.

The wheel is built from the repository and installed into a new virtual
environment outside it; nothing of the source tree is on that environment's
path.  Its dependencies are taken from this test run's environment through a
path file (rather than downloaded again), which carries no copy of booklet.
"""

from __future__ import annotations

import site
import subprocess
import sys
import venv
from pathlib import Path

from tests.conftest import FROZEN_SEED, REPO, alone


def test_wheel_installed_in_a_fresh_environment_creates_checks_and_builds(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(REPO)],
                   check=True, capture_output=True)
    (wheel,) = dist.glob("booklet-*.whl")

    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)

    user = tmp_path / "school"  # a user's own folder: content/ and output/ are theirs
    (user / "content" / "careers").mkdir(parents=True)
    (user / "content" / "careers" / FROZEN_SEED.name).write_text(alone(FROZEN_SEED.read_text()))
    booklet = str(env / "bin" / "booklet")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([booklet, *args], cwd=user, capture_output=True, text=True)

    located = subprocess.run([str(python), "-c", "import booklet, booklet.paths as p; print(booklet.__file__); "
                              "print(p.TEMPLATES); print(p.FONTS)"], cwd=user, capture_output=True, text=True)
    for line in located.stdout.splitlines():
        assert line.startswith(purelib), line  # the package and its data, never the repository

    created = run("new", "Zoo Keeper")
    assert created.returncode == 0, created.stderr
    assert (user / "content" / "careers" / "zoo-keeper.yaml").is_file()
    flagged = run("check", "zoo-keeper")
    assert flagged.returncode == 2 and "template-leftover" in flagged.stdout

    clean = run("check", "machine-learning-engineer")
    assert clean.returncode == 0, clean.stdout
    built = run("build", "machine-learning-engineer")
    assert built.returncode == 0, built.stderr
    assert (user / "output" / "machine-learning-engineer.pdf").read_bytes().startswith(b"%PDF-")
    schema = run("schema")
    assert schema.returncode == 0 and (user / "schema" / "career.schema.json").is_file()
