"""Hostile and unlucky inputs: every one is a located error with exit status 2, never a hang or a traceback.

Each case puts one bad file beside a good profile and runs ``check``,
``build`` and ``list`` in this process (fast, and a hang would trip the
alarm).  The good career must still be built (here: found up to date from a
build made once), so a bad input skips only what depends on it.
"""

from __future__ import annotations

import json
import os
import re
import signal
from pathlib import Path

import pytest

from booklet.limits import MAX_FILE_BYTES
from tests.conftest import FROZEN_SEED, alone, invoke

SEED_TEXT = alone(FROZEN_SEED.read_text(encoding="utf-8"))
SECONDS = 20  # far above what any of these takes; only a hang reaches it


@pytest.fixture
def deadline():
    def expired(_signum, _frame):
        raise TimeoutError(f"still running after {SECONDS} s: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def seed_with(old: str, new: str) -> str:
    assert old in SEED_TEXT, old
    return SEED_TEXT.replace(old, new, 1)


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


TEXT_CASES = {
    # name: (file text, rule, field, the text of the line the finding must point at (None: line 1))
    "alias bomb": (alias_bomb(), "too-large", "", "a4: "),  # where the expansion passes the limit
    "deep nesting": ("x: " + "[" * 990 + "]" * 990 + "\n", "too-large", "", None),
    "impossible date": (seed_with("as_of: 2026-11-01", "as_of: 2026-02-30"), "yaml-syntax", "", "as_of: 2026-02-30"),
    "thousands of digits": (seed_with("share: 30", "share: 3" + "0" * 4000), "yaml-syntax", "", "share: 3000"),
    "raw control byte": (seed_with("Explores data", "Explores\x07 data"), "yaml-syntax", "", "Explores"),
    "related is a number": (seed_with("related: []", "related: 5"), "schema", "related", "related: 5"),
    "related holds a list": (seed_with("related: []", "related: [[a]]"), "schema", "related[0]", "related: [[a]]"),
    "source id is a list": (seed_with("  - id: bls-oews-2024-data-scientists", "  - id: [x]"), "schema",
                            "sources[0].id", "id: [x]"),
    "pay of 10^38": (seed_with("entry: {min: 63000, max: 90000}", "entry: {min: 63000, max: 1e38}"), "schema",
                     "salary[0].levels.entry.max", "max: 1e38"),
    "number as a string": (seed_with("share: 30", 'share: "30"'), "schema", "roles[0].share", 'share: "30"'),
    "hexadecimal number": (seed_with("share: 30", "share: 0x1E"), "schema", "roles[0].share", "share: 0x1E"),
    "sexagesimal number": (seed_with("share: 30", "share: 0:30"), "schema", "roles[0].share", "share: 0:30"),
    "boolean as a number": (seed_with("entry: {min: 63000", "entry: {min: true"), "schema",
                            "salary[0].levels.entry.min", "min: true"),
    "date in the future": (seed_with("as_of: 2026-11-01", "as_of: 2099-01-01"), "date-future", "as_of",
                           "as_of: 2099-01-01"),
    "escaped bell": (seed_with("title: Machine Learning Engineer", 'title: "Machine \\a Learning Engineer"'),
                     "control-character", "title", "title:"),
    "escaped delete": (seed_with("  blend: >-", '  blend: "Statistics\\x7f and code, blended daily."\n  _was: >-'),
                       "control-character", "overview.blend", "blend:"),
    "next line character": (seed_with("title: Machine Learning Engineer", 'title: "Machine\\x85Learning Engineer"'),
                            "control-character", "title", "title:"),
    "right-to-left override": (seed_with("title: Machine Learning Engineer", 'title: "Machine \\u202eLearning"'),
                               "control-character", "title", "title:"),
}


def _place(content: Path, name: str, text: str) -> Path:
    path = content / "careers" / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(TEXT_CASES))
def test_bad_profile_text_is_a_located_error_and_the_rest_still_builds(case, site, capsys, deadline):
    text, rule, field, needle = TEXT_CASES[case]
    content, output = site
    if case == "escaped delete":
        text = text.replace("  _was: >-", "  why_it_matters_extra: >-")  # keep the file a valid mapping
    path = _place(content, "bad.yaml", text)
    line = next((n for n, row in enumerate(text.splitlines(), 1) if needle in row), None) if needle else 1

    code, out, _ = invoke(capsys, "check", "--content", str(content), str(path))
    assert code == 2
    located = [row for row in out.splitlines() if row.startswith(f"{path}:{line}:") and f"error {rule}:" in row]
    assert located, out
    if field:
        assert any(f"error {rule}: {field}:" in row for row in located), out

    code, out, err = invoke(capsys, "build", "--content", str(content), "--output", str(output), "-j", "1")
    assert code == 2
    assert f"{path}:{line}:" in err
    # The good career is still built: a new file in careers/ changes the catalog, which every booklet's
    # related careers depend on, so it is rebuilt (or current), never skipped.
    assert re.search(r"^1 (built|up to date), ", out.splitlines()[-1]) or "1 up to date" in out, out + err
    assert (output / "machine-learning-engineer.pdf").read_bytes().startswith(b"%PDF")

    code, out, _ = invoke(capsys, "list", "--content", str(content), "--output", str(output))
    assert code == 0 and "errors" in out


def test_malformed_utf8_is_located(site, capsys, deadline):
    content, _ = site
    path = content / "careers" / "bad.yaml"
    path.write_bytes(b"slug: bad\ntitle: Caf\xe9\n")
    code, out, _ = invoke(capsys, "check", "--content", str(content), str(path))
    assert code == 2 and f"{path}:2:11: error unreadable:" in out and "UTF-8" in out


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "dangling symlink", "huge"])
def test_files_that_are_not_profiles_are_refused_without_reading_them(kind, site, capsys, deadline):
    content, output = site
    path = content / "careers" / "x.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling symlink":
        path.symlink_to(content / "nowhere.yaml")
    else:
        path.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    expected = {"fifo": "named pipe", "device": "a device", "folder": "a folder",
                "dangling symlink": "does not exist", "huge": "limited to"}[kind]
    for command in (["check", "--content", str(content)],
                    ["build", "--content", str(content), "--output", str(output), "-j", "1"],
                    ["list", "--content", str(content), "--output", str(output)]):
        code, out, err = invoke(capsys, *command)
        if command[0] != "list":
            assert code == 2
            assert f"{path}:1:1: " in out + err and expected in out + err, (command, out, err)
        else:
            assert code == 0


def test_check_json_is_valid_for_a_file_name_that_is_not_utf8(site, capsys, deadline):
    content, _ = site
    name = os.fsdecode(b"caf\xe9.yaml")
    (content / "careers" / name).write_text("slug: [\n", encoding="utf-8")
    code, out, _ = invoke(capsys, "check", "--content", str(content), "--format", "json")
    assert code == 2
    findings = json.loads(out)["findings"]
    assert any(finding["path"].endswith("caf\\xe9.yaml") and finding["rule"] == "yaml-syntax"
               for finding in findings)


def test_content_folder_that_does_not_exist_is_an_error(tmp_path, capsys):
    code, _, err = invoke(capsys, "build", "--content", str(tmp_path / "missing"), "--output", str(tmp_path / "o"))
    assert code == 2 and "does not exist" in err


@pytest.mark.parametrize("target", ["../../outside/chef", "..", "Chef", "a" * 300])
def test_slug_targets_never_leave_the_content_folder(target, site, tmp_path, capsys):
    content, output = site
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "chef.yaml").write_text(SEED_TEXT)
    code, _out, err = invoke(capsys, "build", "--content", str(content), "--output", str(output), target)
    assert code == 2 and ("is not a slug" in err or "is outside the content folder" in err)
    assert not (output / "chef.pdf").exists()
