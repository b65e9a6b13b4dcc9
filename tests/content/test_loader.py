"""Profile errors come back as path:line:column: field: message, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from booklet.content.loader import load
from booklet.errors import ProfileError
from tests.conftest import SEED, line_of


def errors_for(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "machine-learning-engineer.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load(path)
    return [str(finding) for finding in caught.value.findings]


def test_seed_profile_is_valid(seed_career):
    assert seed_career.title == "Machine Learning Engineer"
    assert [role.share for role in seed_career.roles] == [30, 25, 20, 15, 10]
    assert {path.region for path in seed_career.paths} == {"IN", "US", "EU"}


def test_malformed_yaml_names_line_and_column(tmp_path):
    text = SEED.read_text().replace("title: Machine Learning Engineer", "title: [Machine Learning Engineer")
    (message,) = errors_for(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'machine-learning-engineer.yaml'}:")
    assert "YAML syntax error" in message
    # PyYAML notices the unclosed flow sequence where the next key starts.
    line = int(message.split(":")[1])
    assert line_of(text, "title: [") <= line <= line_of(text, "title: [") + 2


def test_missing_field_points_at_its_parent(tmp_path):
    text = SEED.read_text().replace("    hurdle: High competition for top product roles.\n", "")
    (message,) = errors_for(tmp_path, text)
    assert "error missing-field: paths[0].hurdle: is required but missing" in message
    route_line = line_of(text, 'route: ["BSc/BTech')
    assert f":{route_line - 1}:" in message


def test_wrong_type_names_field_and_value(tmp_path):
    text = SEED.read_text().replace("    share: 25\n", "    share: a quarter\n")
    (message,) = errors_for(tmp_path, text)
    assert "error schema: roles[1].share:" in message
    assert "'a quarter'" in message
    assert f":{line_of(text, 'share: a quarter')}:5:" in message


def test_unknown_key_is_rejected_with_its_line(tmp_path):
    text = SEED.read_text().replace("  blend: >-", "  blnd: >-")
    messages = errors_for(tmp_path, text)
    assert any(
        f":{line_of(text, 'blnd:')}:3: error unknown-field: overview.blnd: is not a field" in m for m in messages
    ), messages
    assert any("overview.blend: is required" in m for m in messages)


def test_shares_totalling_95(tmp_path):
    text = SEED.read_text().replace("    share: 10\n", "    share: 5\n")
    (message,) = errors_for(tmp_path, text)
    assert f":{line_of(text, 'roles:')}:1: error shares-total: roles: role shares total 95, expected 100" in message


def test_all_errors_reported_at_once(tmp_path):
    text = (
        SEED.read_text()
        .replace("    share: 10\n", "    share: 5\n")
        .replace("  blend: >-", "  blnd: >-")
        .replace("  years_to_first_job: {min: 3, max: 6}", "  years_to_first_job: {min: 6, max: 3}")
    )
    messages = errors_for(tmp_path, text)
    assert len(messages) == 4  # shares, unknown key, missing blend, min above max
    lines = [int(m.split(":")[1]) for m in messages]
    assert lines == sorted(lines)


def test_dangling_source_is_located_at_the_citation(tmp_path):
    text = SEED.read_text().replace("    source: ambitionbox-ml-engineer-2025", "    source: nowhere")
    (message,) = errors_for(tmp_path, text)
    assert f":{line_of(text, 'source: nowhere')}:5: error unknown-source: salary[1].source:" in message


def test_duplicate_key_is_an_error(tmp_path):
    text = SEED.read_text().replace("field: Data & AI\n", "field: Data & AI\nfield: Health\n")
    (message,) = errors_for(tmp_path, text)
    assert f":{line_of(text, 'field: Health')}:1: error duplicate-key: field: appears twice" in message


def test_title_takes_the_article_its_sound_needs(seed_career):
    assert seed_career.a_title == "a Machine Learning Engineer"
    assert seed_career.model_copy(update={"title": "Accountant"}).a_title == "an Accountant"
    # The vowel-letter rule is wrong here; the profile's `article` says so.
    lecturer = seed_career.model_copy(update={"title": "University Lecturer"})
    assert lecturer.a_title == "an University Lecturer"
    assert lecturer.model_copy(update={"article": "a"}).a_title == "a University Lecturer"
