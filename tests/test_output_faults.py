"""Faults of the output folder and of what is in it: a clear line, a summary, nothing good lost.

The read-only folder and the full disk are real (a read-only bind mount and a
200 KB tmpfs), which needs root, as the project's machines and CI have.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import invoke

SLUG = "machine-learning-engineer"


def build(capsys, content: Path, output: Path, *extra: str) -> tuple[int, str, str]:
    return invoke(capsys, "build", "--content", str(content), "--output", str(output), "-j", "1", *extra)


def touch_profile(content: Path) -> None:
    """Change the profile so its booklet must be rebuilt."""
    profile = content / "careers" / f"{SLUG}.yaml"
    profile.write_text(profile.read_text().replace("as_of: 2026-11-01", "as_of: 2026-11-02"))


@pytest.fixture
def mount():
    mounted: list[Path] = []

    def run(*args: str) -> None:
        if os.geteuid() != 0:
            pytest.skip("needs root to mount")
        result = subprocess.run(["mount", *args], capture_output=True, text=True)
        if result.returncode:
            pytest.skip(f"cannot mount here: {result.stderr.strip()}")
        mounted.append(Path(args[-1]))

    yield run
    for point in reversed(mounted):
        subprocess.run(["umount", str(point)], check=False)


def test_read_only_output_folder_is_one_clear_line_and_keeps_the_pdf(site, mount, capsys):
    content, output = site
    good = (output / f"{SLUG}.pdf").read_bytes()
    mount("--bind", str(output), str(output))
    mount("-o", "remount,bind,ro", str(output))
    touch_profile(content)
    code, out, err = build(capsys, content, output)
    assert code == 1
    assert err.strip().splitlines() == [f"error: {output}/.booklet.lock: cannot write: the file system is read-only"]
    assert "nothing built" in out
    assert (output / f"{SLUG}.pdf").read_bytes() == good


def test_full_disk_fails_the_output_keeps_the_old_pdf_and_leaves_no_temporary(site, mount, capsys, tmp_path):
    content, output = site
    small = tmp_path / "small"
    small.mkdir()
    mount("-t", "tmpfs", "-o", "size=200k", "tmpfs", str(small))
    for name in os.listdir(output):
        shutil.copy(output / name, small / name)
    good = (small / f"{SLUG}.pdf").read_bytes()
    touch_profile(content)
    code, out, err = build(capsys, content, small)
    assert code == 1
    assert f"error: {small}/{SLUG}.pdf: cannot write: the disk is full" in err
    assert out.strip().endswith(next(line for line in out.splitlines() if "0 built" in line))
    assert (small / f"{SLUG}.pdf").read_bytes() == good
    assert not [name for name in os.listdir(small) if name.endswith("booklet-tmp")]
    assert json.loads((small / ".booklet-manifest.json").read_text())["version"] == 2


def test_output_path_below_a_file(site, capsys, tmp_path):
    content, _ = site
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, out, err = build(capsys, content, blocker / "out")
    assert code == 1
    assert err.strip() == f"error: {blocker}/out: cannot write: part of the path is a file, not a folder"
    assert "nothing built" in out


@pytest.mark.parametrize("damage", ["a folder", "not JSON", "a list of outputs", "wrong entry types", "empty"])
def test_a_damaged_manifest_is_set_aside_and_rebuilt(damage, site, capsys):
    content, output = site
    manifest = output / ".booklet-manifest.json"
    manifest.unlink()
    if damage == "a folder":
        manifest.mkdir()
        (manifest / "x").write_text("")
    else:
        manifest.write_text({"not JSON": "{oops", "a list of outputs": '{"version": 2, "outputs": [1, 2]}',
                             "wrong entry types": '{"version": 2, "outputs": {"x.pdf": {"digest": 5}}}',
                             "empty": ""}[damage])
    code, out, err = build(capsys, content, output)
    assert code == 0, err
    assert "damaged; set aside as .booklet-manifest.json.damaged" in err
    assert out.startswith(f"{output}/{SLUG}.pdf")  # rebuilt, since nothing is known to be current
    assert json.loads(manifest.read_text())["version"] == 2
    code, out, _ = build(capsys, content, output)
    assert code == 0 and "0 built, 1 up to date" in out
    code, _, _ = build(capsys, content, output, "--force")
    assert code == 0


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage", "deleted", "replaced by a folder"])
def test_a_damaged_pdf_is_rebuilt_not_reported_current(damage, site, capsys):
    content, output = site
    pdf = output / f"{SLUG}.pdf"
    good = pdf.read_bytes()
    if damage == "truncated":
        pdf.write_bytes(good[: len(good) // 2])
    elif damage == "empty":
        pdf.write_bytes(b"")
    elif damage == "garbage":
        pdf.write_bytes(b"\x00garbage" * len(good))
    elif damage == "deleted":
        pdf.unlink()
    else:
        pdf.unlink()
        pdf.mkdir()
    code, out, _ = invoke(capsys, "list", "--content", str(content), "--output", str(output))
    assert code == 0 and SLUG in out
    if damage == "replaced by a folder":
        code, _, err = build(capsys, content, output)
        assert code == 1 and "cannot write: a folder is in the way" in err
        return
    code, out, _ = build(capsys, content, output)
    assert code == 0 and "1 built" in out
    assert pdf.read_bytes() == good  # same input, same bytes
