"""Each lint rule: a failing example, a passing one, and the line it names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from booklet.catalog import all_profiles
from booklet.content.check import check_paths
from tests.conftest import CONTENT, SEED, line_of

TODAY = dt.date(2026, 11, 27)
OTHERS = [p for p in all_profiles(CONTENT) if p.name != SEED.name]
RAW_SEED = Path(__file__).parent.parent / "testdata" / "test_lint" / "machine-learning-engineer.yaml"
# The frozen seed cites May 2024 wages and an older note than the catalog's: the rules that compare a profile
# with the datasets and its neighbours' codes are left out here (tests/test_wages.py tests them), and
# test_the_frozen_seed_is_behind_the_data pins what they say about it.
DATA_RULES = {"wage-outdated", "shared-proxy"}


def check_text(tmp_path: Path, text: str, name: str = SEED.name,
               data_rules: bool = False) -> list[tuple[int, str, str, str]]:
    """(line, severity, rule, field) for every finding in ``text`` checked against the catalog."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (report,) = check_paths([path], OTHERS, today=TODAY)
    return [(f.line, f.severity, f.rule, f.field) for f in report.findings if data_rules or f.rule not in DATA_RULES]


def rules(findings) -> set[str]:
    return {rule for _line, _severity, rule, _field in findings}


SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_the_corrected_seed_is_clean(tmp_path):
    assert check_text(tmp_path, SEED_TEXT) == []


def test_the_frozen_seed_is_behind_the_data(tmp_path):
    note, year = line_of(SEED_TEXT, "  note: The U.S. figures"), line_of(SEED_TEXT, "    year: 2024")
    assert check_text(tmp_path, SEED_TEXT, data_rules=True) == [
        (note, "warning", "shared-proxy", "occupation.note"),  # Data Analyst shows the same wage row
        (note, "warning", "shared-proxy", "occupation.note"),  # and so does Data Scientist
        (year, "warning", "wage-outdated", "sources[0].year"),
    ]


def test_raw_seed_defects_are_each_reported_on_their_line():
    (report,) = check_paths([RAW_SEED], OTHERS, today=TODAY)
    text = RAW_SEED.read_text(encoding="utf-8")
    found = {(f.line, f.rule, f.field) for f in report.findings}
    summary = line_of(text, "  summary: >-")
    assert (summary, "template-leftover", "overview.summary") in found  # "in the field.."
    assert any("template stub" in f.message for f in report.findings)
    assert (line_of(text, "salary: []"), "empty-section", "salary") in found
    assert (line_of(text, "skills: []"), "empty-section", "skills") in found
    assert (line_of(text, "terms: []"), "empty-section", "toolkit.terms") in found
    assert (line_of(text, "tools: []"), "empty-section", "toolkit.tools") in found
    accountant = line_of(text, "Accountant work blends") - 1  # the key line `a: >-`
    assert (accountant, "foreign-title", "faq.facts[0].a") in found
    assert all(f.severity == "error" for f in report.findings)


@pytest.mark.parametrize(
    ("old", "new", "rule", "field"),
    [
        ("analyse the results", "analyse the results.. again", "template-leftover", "week.mid_career.wednesday.text"),
        ("and share a recommendation", "and TODO share a recommendation", "template-leftover",
         "week.mid_career.wednesday.text"),
        ("Explores data, finds trends", "Lorem ipsum dolor, finds trends", "template-leftover", "roles[0].description"),
        ("Creates predictive or", "Creates {{ career }} or", "template-leftover", "roles[1].description"),
        ("Builds pipelines and", "Builds [career] pipelines and", "template-leftover", "roles[2].description"),
        ("banks and insurers", "banks (like an accountant would)", "foreign-title", "faq.applications[1].a"),
    ],
)
def test_text_rules(tmp_path, old, new, rule, field):
    text = SEED_TEXT.replace(old, new, 1)
    assert text != SEED_TEXT
    findings = check_text(tmp_path, text)
    assert [(rule, field)] == [(r, f) for _l, _s, r, f in findings]
    (line, severity, _rule, _field) = findings[0]
    assert severity == "error"
    assert line <= line_of(text, new) <= line + 3  # the key of a folded scalar, or its text


def test_related_career_may_be_named(tmp_path):
    text = SEED_TEXT.replace("many people start as data analysts", "many people start as accountants")
    assert "foreign-title" in rules(check_text(tmp_path, text))
    text = text.replace("related: [data-analyst,", "related: [accountant, data-analyst,")
    assert check_text(tmp_path, text) == []


def test_empty_text_and_too_short(tmp_path):
    text = SEED_TEXT.replace("advice: Build two or three real projects and get feedback from working engineers.",
                             'advice: "   "')
    assert (line_of(text, 'advice: "   "'), "error", "empty-section", "summary.advice") in check_text(tmp_path, text)
    text = SEED_TEXT.replace("advice: Build two or three real projects and get feedback from working engineers.",
                             "advice: Build things.")
    assert [(line_of(text, "advice: Build things."), "warning", "too-short", "summary.advice")] == check_text(
        tmp_path, text)


@pytest.mark.parametrize(
    ("old", "new", "needle", "rule", "field"),
    [
        ("    share: 10\n", "    share: 5\n", "roles:", "shares-total", "roles"),
        ("entry: {min: 63000, max: 90000}", "entry: {min: 93000, max: 90000}", "entry: {min: 93000",
         "salary-range", "salary[0].levels.entry"),
        ("senior: {min: 140000, max: 190000}", "senior: {min: 100000, max: 140000}", "senior: {min: 100000",
         "salary-not-rising", "salary[0].levels.senior"),
        ("top_10_percent: 194410", "top_10_percent: 150000", "top_10_percent: 150000", "top10-below-senior",
         "salary[0].top_10_percent"),
        ("years: {min: 3, typical: 3, max: 4}\n          focus: Master",
         "years: {min: 3, typical: 5, max: 4}\n          focus: Master", "typical: 5", "year-range",
         "education.routes[0].stages[1].years"),
        ("years: {min: 10, max: 18}", "years: {min: 1, max: 18}", "years: {min: 1, max: 18}", "ladder-not-rising",
         "ladder.senior.years"),
        ("    source: bls-oews-2024-data-scientists\n", "    source: made-up\n", "source: made-up",
         "unknown-source", "salary[0].source"),
        ("    currency: USD", "    currency: EUR", "currency: EUR", "currency-region", "salary[0].currency"),
        ("related: [data-analyst, software-developer,", "related: [data-analyst, astronaut, software-developer,",
         "related:", "related-unknown", "related[1]"),
    ],
)
def test_numeric_and_structural_rules(tmp_path, old, new, needle, rule, field):
    text = SEED_TEXT.replace(old, new)
    assert text != SEED_TEXT
    assert check_text(tmp_path, text) == [(line_of(text, needle), "error", rule, field)]


def test_education_years_implausible(tmp_path):
    text = SEED_TEXT.replace("years: {min: 3, typical: 3, max: 4}\n          focus: Master",
                             "years: {min: 3, typical: 12, max: 12}\n          focus: Master")
    assert (line_of(text, "typical: 12"), "warning", "education-implausible",
            "education.routes[0].stages[1].years") in check_text(tmp_path, text)


def test_salary_without_a_source(tmp_path):
    text = SEED_TEXT.replace("    source: bls-oews-2024-data-scientists\n", "")
    assert check_text(tmp_path, text) == [
        (line_of(text, "currency: USD") - 1, "error", "missing-field", "salary[0].source")]


def test_stale_as_of_is_a_warning(tmp_path):
    text = SEED_TEXT.replace("as_of: 2026-11-01", "as_of: 2023-11-01")
    assert check_text(tmp_path, text) == [(line_of(text, "as_of:"), "warning", "stale", "as_of")]
    assert check_text(tmp_path, SEED_TEXT.replace("as_of: 2026-11-01", "as_of: 2024-01-01")) == []


def test_slug_must_match_file_name(tmp_path):
    findings = check_text(tmp_path, SEED_TEXT, name="ml-engineer.yaml")
    assert findings == [(line_of(SEED_TEXT, "slug:"), "error", "slug-filename", "slug")]


def test_duplicate_slug_and_title(tmp_path):
    text = SEED_TEXT.replace("slug: machine-learning-engineer", "slug: chef").replace(
        "title: Machine Learning Engineer", "title: Chef")
    found = rules(check_text(tmp_path, text, name="chef.yaml"))
    assert {"duplicate-slug", "duplicate-title"} <= found


def test_unknown_region_code(tmp_path):
    text = SEED_TEXT.replace("  - region: EU\n    route:", "  - region: UK\n    route:")
    findings = check_text(tmp_path, text)
    assert (line_of(text, "region: UK") , "error", "unknown-region", "paths[2].region") in findings


def test_missing_region(tmp_path):
    start = SEED_TEXT.index("  - region: EU\n    route:")
    end = SEED_TEXT.index("\neducation:")
    text = SEED_TEXT[:start] + "\n" + SEED_TEXT[end:]
    assert check_text(tmp_path, text) == [(line_of(text, "paths:"), "error", "missing-region", "paths")]
