"""check, new, schema and list as an editor uses them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from booklet.content.loader import load
from booklet.content.model import Career
from booklet.content.schema import SCHEMA_FILE, schema_text
from tests.conftest import CONTENT, REPO, line_of

RAW_SEED = Path(__file__).parent / "testdata" / "test_lint" / "machine-learning-engineer.yaml"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "booklet", *args], capture_output=True, text=True,
                          cwd=cwd or REPO)


def test_every_shipped_profile_passes_check_strict():
    result = run("check", "--strict")
    assert result.returncode == 0, result.stdout
    count = len(list((CONTENT / "careers").glob("*.yaml")))
    translations = len(list((CONTENT / "careers").glob("*/*.yaml")))
    collections = len(list((CONTENT / "collections").glob("*.yaml")))
    assert result.stdout.strip().endswith(f"{count} profile(s), {translations} translation(s) and {collections} "
                                          "collection(s) checked: 0 error(s), 0 warning(s)")
    assert count >= 15


def test_check_reports_the_raw_seed_with_lines_and_exit_2():
    result = run("check", str(RAW_SEED))
    assert result.returncode == 2
    text = RAW_SEED.read_text()
    lines = result.stdout.splitlines()
    empty = "error empty-section: salary: is empty; this section must be filled in"
    assert f"{RAW_SEED}:{line_of(text, 'salary: []')}:1: {empty}" in lines
    assert any(f":{line_of(text, 'Accountant work blends') - 1}:7: error foreign-title: faq.facts[0].a:" in line
               for line in lines)
    assert lines[-1] == "1 profile(s) checked: 7 error(s), 0 warning(s)"


def test_check_json_has_the_same_findings():
    text_out = run("check", str(RAW_SEED)).stdout.splitlines()[:-1]
    result = run("check", str(RAW_SEED), "--format", "json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert data["summary"] == {"profiles": 1, "translations": 0, "collections": 0, "layouts": 0, "errors": 7,
                               "warnings": 0}
    rebuilt = [f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} {f['rule']}: {f['field']}: {f['message']}"
               for f in data["findings"]]
    assert rebuilt == text_out


def test_strict_turns_warnings_into_exit_1(content_dir):
    profile = content_dir / "careers" / "machine-learning-engineer.yaml"
    profile.write_text(profile.read_text().replace("as_of: 2026-11-01", "as_of: 2020-01-01"))
    assert run("check", "--content", str(content_dir)).returncode == 0
    strict = run("check", "--content", str(content_dir), "--strict")
    assert strict.returncode == 1
    assert "warning stale: as_of:" in strict.stdout


def test_build_refuses_a_profile_with_lint_errors_and_builds_the_rest(content_dir, tmp_path):
    careers = content_dir / "careers"
    bad = RAW_SEED.read_text().replace("slug: machine-learning-engineer", "slug: raw-seed").replace(
        "title: Machine Learning Engineer", "title: Raw Seed")
    (careers / "raw-seed.yaml").write_text(bad)
    result = run("build", "--content", str(content_dir), "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "raw-seed.yaml" in result.stderr and "error template-leftover" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["machine-learning-engineer.pdf"]


def test_new_scaffolds_a_valid_profile_that_check_flags(tmp_path):
    content = tmp_path / "content"
    result = run("new", "Air Traffic Controller", "--content", str(content))
    assert result.returncode == 0, result.stderr
    created = content / "careers" / "air-traffic-controller.yaml"
    text = created.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    career = load(created)  # valid against the model
    assert career.title == "Air Traffic Controller"
    check = run("check", "--content", str(content))
    assert check.returncode == 2 and "template-leftover" in check.stdout
    again = run("new", "Air Traffic Controller", "--content", str(content))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert created.read_text() == text


def _model_fields(model: type, prefix: str = "") -> set[str]:
    fields = set()
    for name, info in model.model_fields.items():
        fields.add(prefix + name)
        annotation = info.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        for candidate in inner:
            if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
                fields |= _model_fields(candidate, f"{prefix}{name}.")
    return fields


def _data_fields(data, prefix: str = "") -> set[str]:
    fields = set()
    if isinstance(data, dict):
        for key, value in data.items():
            fields.add(prefix + key)
            fields |= _data_fields(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for item in data:
            fields |= _data_fields(item, prefix)
    return fields


def test_scaffold_has_every_field_of_the_model(tmp_path):
    import yaml

    from booklet.content.scaffold import scaffold

    _slug, text = scaffold("Zoo Keeper", __import__("datetime").date(2026, 1, 1))
    # The peak level is open-ended ("18+ years"), so it has no max on purpose.
    # A profile is English unless it is a translation, which sets its own `lang`.
    assert _data_fields(yaml.safe_load(text)) == _model_fields(Career) - {"ladder.peak.years.max", "lang"}


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text() == schema_text(), "run `booklet schema` and commit the result"


def test_schema_has_descriptions_and_every_profile_points_at_it():
    schema = json.loads(SCHEMA_FILE.read_text())
    assert schema["additionalProperties"] is False
    assert "description" in schema["properties"]["as_of"]
    for profile in (CONTENT / "careers").glob("*.yaml"):
        first = profile.read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/career.schema.json", profile


@pytest.mark.parametrize("column", ["slug", "title", "field", "as_of", "check", "pages"])
def test_list_shows_the_catalog(column):
    result = run("list")
    assert result.returncode == 0
    assert column in result.stdout
    assert "machine-learning-engineer" in result.stdout and "Data & AI" in result.stdout


def test_a_profile_named_by_absolute_path_is_not_its_own_duplicate():
    result = run("check", str((CONTENT / "careers" / "chef.yaml").resolve()))
    assert result.returncode == 0, result.stdout
    assert "duplicate" not in result.stdout


@pytest.mark.parametrize("title", ['Zoo "Keeper" \\ Trainer: A # B', "Ünïcödé Tïtlé – with 'quotes'", "x" * 99])
def test_new_quotes_any_title_so_the_scaffold_reads_back_exactly(title, tmp_path):
    from booklet.content.scaffold import scaffold

    slug, text = scaffold(title, __import__("datetime").date(2026, 1, 1))
    assert 0 < len(slug) <= 64
    created = tmp_path / f"{slug}.yaml"
    created.write_text(text)
    assert load(created).title == title


def test_new_refuses_a_title_too_long_for_a_file_name(tmp_path):
    result = run("new", "Very long title " * 18, "--content", str(tmp_path / "content"))
    assert result.returncode == 2 and "a title has at most 100" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "content").exists()


def test_a_slug_too_long_for_a_file_name_is_a_located_error(content_dir):
    profile = content_dir / "careers" / "machine-learning-engineer.yaml"
    text = profile.read_text().replace("slug: machine-learning-engineer", "slug: " + "a" * 250)
    profile.write_text(text)
    result = run("check", "--content", str(content_dir))
    assert result.returncode == 2
    assert f"{profile}:{line_of(text, 'slug: aaa')}:1: error schema: slug:" in result.stdout
