"""The booklet command as a user meets it: messages, exit codes, files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import line_of


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "booklet", *args], capture_output=True, text=True, cwd=cwd)


def test_help_explains_commands_and_options():
    top = run("--help")
    assert top.returncode == 0 and "build" in top.stdout
    build = run("build", "--help")
    for option in ("--content", "--output", "--paper", "a4|letter"):
        assert option in build.stdout


def test_build_all_writes_one_line_per_pdf(content_dir, tmp_path):
    out = tmp_path / "out"
    result = run("build", "--content", str(content_dir), "--output", str(out))
    assert result.returncode == 0, result.stderr
    # The frozen profile cites last year's wages, which the build mentions; nothing else, such as a finalizer's error.
    (warning,) = result.stderr.splitlines()
    assert ": warning wage-outdated: sources[0].year: cites OEWS May 2024" in warning
    line, summary = result.stdout.splitlines()
    assert line.startswith(str(out / "machine-learning-engineer.pdf"))
    assert " pages " in line and " KB " in line and line.endswith(" s")
    assert summary.startswith("1 built, 0 up to date, 0 failed; 12 pages in ")
    assert (out / "machine-learning-engineer.pdf").read_bytes()[:5] == b"%PDF-"


def test_profile_errors_exit_2_without_traceback_and_keep_old_output(content_dir, tmp_path):
    out = tmp_path / "out"
    assert run("build", "--content", str(content_dir), "--output", str(out)).returncode == 0
    good = (out / "machine-learning-engineer.pdf").read_bytes()

    profile = content_dir / "careers" / "machine-learning-engineer.yaml"
    text = profile.read_text().replace("    share: 10\n", "    share: 5\n")
    profile.write_text(text)
    result = run("build", "machine-learning-engineer", "--content", str(content_dir), "--output", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    expected = "error shares-total: roles: role shares total 95, expected 100"
    assert f"{profile}:{line_of(text, 'roles:')}:1: {expected}" in result.stderr
    assert (out / "machine-learning-engineer.pdf").read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == [".booklet-manifest.json", ".booklet.lock",
                                                     "machine-learning-engineer.pdf"]


def test_one_bad_profile_does_not_stop_the_others(content_dir, tmp_path):
    (content_dir / "careers" / "broken.yaml").write_text("title: [unclosed\n")
    out = tmp_path / "out"
    result = run("build", "--content", str(content_dir), "--output", str(out))
    assert result.returncode == 2
    assert "broken.yaml:2:1: error yaml-syntax: YAML syntax error" in result.stderr
    assert (out / "machine-learning-engineer.pdf").exists()


def test_unknown_target_is_a_clear_error(content_dir, tmp_path):
    result = run("build", "machine-learning-enginer", "--content", str(content_dir), "--output", str(tmp_path))
    assert result.returncode == 2
    assert "machine-learning-enginer: no career or collection of that name" in result.stderr
    assert "did you mean machine-learning-engineer?" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_option_value_exits_2():
    result = run("build", "--paper", "a3")
    assert result.returncode == 2
    assert "a3" in result.stderr and "Traceback" not in result.stderr


def test_print_options_reach_the_pdf(tmp_path):
    import io

    import pikepdf

    result = run("build", "chef", "--output", str(tmp_path), "--format", "handout", "--paper", "half-letter",
                 "--grayscale", "--impose", "saddle", "--pdf-variant", "pdf/a-3b")
    assert result.returncode == 0, result.stderr
    with pikepdf.open(io.BytesIO((tmp_path / "chef.pdf").read_bytes())) as pdf:
        assert len(pdf.pages) == 2  # a 2-page handout padded to 4 pages, two per side
        box = pdf.pages[0].mediabox
        assert (round(float(box[2])), round(float(box[3]))) == (792, 612)  # Letter, landscape
        assert str(pdf.docinfo["/Title"]) == "Chef: career handout"


def test_check_layout_from_the_command_line():
    result = run("check", "chef", "--layout")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("1 profile(s) checked (8 layouts): 0 error(s), 0 warning(s)")
