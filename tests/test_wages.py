"""U.S. pay from the OEWS data: the figures shipped, the band rule, state editions, the lint rules and
`booklet refresh wages` on a copy of the catalog."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from booklet import facts, wages
from booklet.catalog import all_profiles
from booklet.content.check import check_paths
from booklet.content.loader import load
from booklet.content.model import Percentiles
from booklet.content.refresh import refresh_text
from tests.conftest import CONTENT, REPO, invoke, line_of

ACCOUNTANT = CONTENT / "careers" / "accountant.yaml"
OTHERS = [path for path in all_profiles(CONTENT) if path.name != ACCOUNTANT.name]
# Rows of the shared file oews-may2025-national-and-states.csv, copied by hand: (p10, p25, median, p75, p90).
PUBLISHED = {
    ("13-2011", "US"): (56020, 67020, 83680, 109810, 144090),  # Accountants and Auditors, National
    ("13-2011", "CA"): (61770, 75810, 97050, 125850, 160520),  # California
    ("15-2051", "AK"): (51550, 57350, 84110, 113040, 138400),  # Data Scientists, Alaska
    ("27-2021", "CA"): (40120, 65780, 79040, 149490, None),  # Athletes, California: 90th not published (#5)
}


def shared_data() -> Path | None:
    """The folder of public datasets the project's data is derived from, where this machine has it."""
    candidates = [os.environ.get("BOOKLET_SHARED_DATA"), REPO.parent / "shared" / "data", "/work/shared/data"]
    return next((Path(c) for c in candidates if c and (Path(c) / "oews").is_dir()), None)


@pytest.mark.parametrize(("soc", "area"), list(PUBLISHED))
def test_shipped_figures_are_the_published_ones(soc, area):
    found = wages.figures(f"{soc}.00", area)
    assert (found.p10, found.p25, found.median, found.p75, found.p90) == PUBLISHED[soc, area]
    assert found.soc == soc and found.area == area


def test_codes_without_a_published_figure_have_none():
    assert wages.figures("27-2011.00") is None  # Actors: BLS publishes hourly wages only (footnote 4)
    assert wages.figures("53-2011.00", "WY") is None  # Airline pilots in Wyoming: not released (footnote 8)
    assert wages.figures("53-2011.00") is not None


@pytest.mark.skipif(shared_data() is None, reason="the shared datasets are not on this machine")
def test_the_shipped_data_is_what_refresh_data_makes_from_the_release():
    from booklet import derive

    for dataset, files in derive.derive(shared_data()).items():
        shipped = {path.relative_to(facts.folder(dataset)).as_posix(): path.read_bytes()
                   for path in facts.folder(dataset).rglob("*") if path.is_file()}
        assert shipped == files, dataset


def test_the_band_rule():
    made = wages.bands(Percentiles(p10=10, p25=20, median=30, p75=40, p90=50))
    assert [(band.min, band.max) for _title, band in made.levels.bands()] == [
        (10, 20), (20, 30), (30, 40), (40, 50), (50, None)]
    assert made.top_10_percent == 50 and not made.estimate
    estimated = wages.bands(Percentiles(p25=39456, median=48960, p75=62352))  # the accountant's German quartiles
    assert (estimated.levels.entry.min, estimated.top_10_percent, estimated.estimate) == (33538, 74822, True)
    assert wages.bands(Percentiles(p25=10, median=20, p75=30)).levels.entry.min == 9  # 8.5 rounds half up


def test_the_us_block_is_the_one_the_profiles_print():
    career = load(ACCOUNTANT)
    block = wages.us_block(career.occupation.soc)
    assert block.salary == next(pay for pay in career.salary if pay.region == "US")
    assert block.source == career.source(block.salary.source)
    assert block.source.title == "Occupational Employment and Wages, May 2025: 13-2011 Accountants and Auditors"
    assert str(block.source.url) == "https://www.bls.gov/oes/current/oes132011.htm"
    assert (block.area, block.fell_back, block.describes()) == ("US", False, "United States")


def test_an_unpublished_90th_percentile_is_estimated_and_said_so():
    block = wages.us_block("27-2021.00", state="CA")
    assert block.salary.percentiles.p90 is None and block.salary.estimate
    assert block.salary.top_10_percent == block.salary.levels.peak.min == 179388  # 1.2 × 149,490
    assert "no 90th percentile" in block.salary.basis and "California" in block.salary.basis


def test_state_figures_and_the_fallback_to_the_nation():
    california = wages.us_block("13-2011.00", state="ca")
    assert california.salary.percentiles.median == 97050 and california.describes() == "California"
    assert california.salary.basis.startswith("BLS OEWS May 2025 percentiles for Accountants and Auditors (SOC "
                                              "13-2011), all industries, California.")
    assert california.source.id == "bls-oews-2025-13-2011-ca" and "California" in california.source.title
    assert california.salary.covers == "California"  # "United States (California)" in captions and tables
    assert wages.us_block("13-2011.00").salary.covers is None
    wyoming = wages.us_block("53-2011.00", state="WY")
    assert wyoming.fell_back and wyoming.area == "US" and wyoming.asked == "WY"
    assert wyoming.salary == wages.us_block("53-2011.00").salary.model_copy(
        update={"basis": wyoming.salary.basis, "covers": "nationwide: no Wyoming figure"})
    assert wyoming.describes() == "United States (no Wyoming figure)"
    assert "nationwide (BLS publishes no Wyoming figure for this occupation)" in wyoming.salary.basis


def test_a_career_for_a_state():
    career = load(ACCOUNTANT)
    edition = wages.for_state(career, "CA")
    us = next(pay for pay in edition.career.salary if pay.region == "US")
    assert us.percentiles.median == 97050 and edition.describes() == "California"
    assert edition.career.source(us.source).url == wages.us_block("13-2011.00", "CA").source.url
    assert [pay for pay in edition.career.salary if pay.region != "US"] == \
        [pay for pay in career.salary if pay.region != "US"]
    assert edition.career.sources[:len(career.sources)] == career.sources  # the national source stays listed
    assert load(ACCOUNTANT) == career  # the original is untouched
    soldier = load(CONTENT / "careers" / "armed-forces-officer.yaml")
    unpaid = wages.for_state(soldier, "TX")
    assert unpaid.career is soldier and unpaid.describes() == ""


@pytest.mark.parametrize(("code", "message"), [("C", "two letters"), ("CAL", "two letters"), ("12", "two letters"),
                                               ("ZZ", "not a U.S. state"), ("US", "not a U.S. state")])
def test_state_codes_are_validated(code, message):
    with pytest.raises(wages.WageError, match=message):
        wages.us_block("13-2011.00", state=code)


def test_data_is_loaded_once_per_process():
    assert facts.table("oews", "wages/US.csv") is facts.table("oews", "wages/US.csv")
    assert wages.areas() is wages.areas()
    assert facts.release("oews") is facts.release("oews")
    assert facts.release("oews").release == "May 2025" and "BLS.gov cannot vouch" in facts.release("oews").attribution


# -- lint ------------------------------------------------------------------------------------------------------


def findings(tmp_path: Path, text: str, name: str = ACCOUNTANT.name, others: list[Path] = OTHERS):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (report,) = check_paths([path], others)
    return [(f.line, f.severity, f.rule, f.field) for f in report.findings]


@pytest.mark.parametrize(("old", "new", "field"), [
    ("p75: 109810, p90: 144090}", "p75: 109810, p90: 144000}", "salary[0].percentiles.p90"),
    ("top_10_percent: 144090", "top_10_percent: 150000", "salary[0].top_10_percent"),
    ("mid_career: {min: 83680, max: 109810}", "mid_career: {min: 83680, max: 109000}",
     "salary[0].levels.mid_career.max"),
    ("    estimate: false\n    basis: >-\n      BLS", "    estimate: true\n    basis: >-\n      BLS",
     "salary[0].estimate"),
])
def test_a_figure_that_disagrees_with_the_data_is_a_mismatch_on_its_line(tmp_path, old, new, field):
    text = ACCOUNTANT.read_text(encoding="utf-8")
    assert old in text
    planted = text.replace(old, new, 1)
    line = line_of(planted, new.strip().split("\n")[0])
    assert findings(tmp_path, planted) == [(line, "error", "wage-mismatch", field)]


def test_a_left_out_percentile_is_a_mismatch(tmp_path):
    planted = ACCOUNTANT.read_text(encoding="utf-8").replace("{p10: 56020, p25:", "{p25:")
    assert findings(tmp_path, planted) == [(line_of(planted, "percentiles: {p25"), "error", "wage-mismatch",
                                            "salary[0].percentiles.p10")]


def test_citing_an_older_release_is_outdated_at_the_source(tmp_path):
    text = ACCOUNTANT.read_text(encoding="utf-8")
    older = text.replace("May 2025: 13-2011", "May 2024: 13-2011").replace(
        "    year: 2025\n    url: https://www.bls.gov/oes/current/oes132011.htm",
        "    year: 2024\n    url: https://www.bls.gov/oes/current/oes132011.htm")
    older = older.replace("p25: 67020, median: 83680", "p25: 65000, median: 81000")  # last year's figures
    year = line_of(older, "    url: https://www.bls.gov/oes/current/oes132011.htm") - 1
    assert findings(tmp_path, older) == [(year, "warning", "wage-outdated", "sources[0].year")]
    title_only = text.replace("May 2025: 13-2011", "May 2024: 13-2011")
    assert findings(tmp_path, title_only) == [(line_of(title_only, "May 2024: 13-2011"), "warning", "wage-outdated",
                                               "sources[0].title")]


def test_a_code_without_figures_is_an_error_at_the_code(tmp_path):
    planted = ACCOUNTANT.read_text(encoding="utf-8").replace("soc: 13-2011.00", "soc: 27-2011.00")
    assert (line_of(planted, "occupation:"), "error", "wage-no-data", "occupation.soc") in findings(tmp_path, planted)


def test_no_us_equivalent_means_nothing_to_check():
    (report,) = check_paths([CONTENT / "careers" / "civil-services-officer.yaml"], all_profiles(CONTENT))
    assert report.findings == [] and report.career.occupation.match == "none"


def test_two_careers_showing_one_wage_row_must_say_so(tmp_path):
    profile = CONTENT / "careers" / "machine-learning-engineer.yaml"
    others = [path for path in all_profiles(CONTENT) if path != profile]
    text = profile.read_text(encoding="utf-8")
    assert findings(tmp_path, text, profile.name, others) == []  # its note names Data Scientists and Data Analyst
    silent = text.replace("and the same figures the Data Analyst booklet uses", "and a close relative")
    line = line_of(silent, "  note: >-")
    assert findings(tmp_path, silent, profile.name, others) == [(line, "warning", "shared-proxy", "occupation.note")]
    # The data scientist is the occupation itself (exact): it need not mention the proxies that borrow its pay.
    scientist = CONTENT / "careers" / "data-scientist.yaml"
    assert findings(tmp_path, scientist.read_text(encoding="utf-8"), scientist.name,
                    [path for path in all_profiles(CONTENT) if path != scientist]) == []


# -- refresh wages -------------------------------------------------------------------------------------------


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


PLANTED = {
    "accountant.yaml": [("p25: 67020, median", "p25: 67000, median"), ("top_10_percent: 144090", "top_10_percent: 1")],
    "chef.yaml": [("    year: 2025\n    url: https://www.bls.gov/oes/current/oes351011.htm",
                   "    year: 2024\n    url: https://www.bls.gov/oes/current/oes351011.htm"),
                  ("May 2025: 35-1011", "May 2024: 35-1011"), ("bls-oews-2025-35-1011", "bls-oews-2024-35-1011")],
    "welder.yaml": [("peak: {min: 77530}", "peak: {min: 77530, max: 90000}"),
                    ("OEWS May 2025 percentiles for Welders", "OEWS May 2024 percentiles for Welders")],
}


def test_refresh_wages_rewrites_only_the_us_pay_and_a_second_run_changes_nothing(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for name, edits in PLANTED.items():
        path = content / "careers" / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, (name, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    planted = {path.name: path.read_text(encoding="utf-8") for path in (content / "careers").glob("*.yaml")}

    code, out, err = invoke(capsys, "refresh", "wages", "--content", str(content))
    assert code == 0, err
    assert "percentiles.p25 67000 → 67020" in out and "top_10_percent 1 → 144090" in out
    assert "levels.peak.max 90000 → (none)" in out and "sources[0].year 2024 → 2025" in out
    assert out.strip().splitlines()[-1] == ("40 profile(s) checked against OEWS May 2025: 3 changed, 35 up to date, "
                                            "2 without U.S. pay (match: none), 0 error(s)")
    for path in sorted((content / "careers").glob("*.yaml")):
        after = path.read_text(encoding="utf-8")
        # The shipped profiles are right, so each planted file comes back exactly, and no other file moves.
        assert after == (CONTENT / "careers" / path.name).read_text(encoding="utf-8"), path.name
        if path.name not in PLANTED:
            assert after == planted[path.name]
    diff = changed_lines(planted["accountant.yaml"], (content / "careers" / "accountant.yaml").read_text())
    assert diff == ["-    top_10_percent: 1",
                    "-    percentiles: {p10: 56020, p25: 67000, median: 83680, p75: 109810, p90: 144090}",
                    "+    top_10_percent: 144090",
                    "+    percentiles: {p10: 56020, p25: 67020, median: 83680, p75: 109810, p90: 144090}"]

    code, out, _err = invoke(capsys, "refresh", "wages", "--content", str(content))
    assert code == 0 and ": 0 changed, 38 up to date" in out
    assert {path.name: path.read_text(encoding="utf-8") for path in (content / "careers").glob("*.yaml")} == {
        path.name: (CONTENT / "careers" / path.name).read_text(encoding="utf-8") for path in all_profiles(CONTENT)}


def test_a_missing_us_block_is_written_in_the_profiles_own_shape():
    text = ACCOUNTANT.read_text(encoding="utf-8")
    start = text.index("salary:\n") + len("salary:\n")
    end = text.index("  - region: IN\n", start)
    without = text[:start] + text[end:]
    refreshed = refresh_text(ACCOUNTANT, without)
    assert refreshed.text == text
    assert [str(change) for change in refreshed.changes] == ["salary[US] added"]


def test_refresh_reports_a_code_without_figures_and_goes_on(tmp_path, capsys):
    careers = tmp_path / "content" / "careers"
    careers.mkdir(parents=True)
    for name in ("accountant.yaml", "chef.yaml"):
        shutil.copy(CONTENT / "careers" / name, careers / name)
    actor = (careers / "chef.yaml").read_text(encoding="utf-8").replace("soc: 35-1011.00", "soc: 27-2011.00")
    (careers / "chef.yaml").write_text(actor, encoding="utf-8")
    code, out, err = invoke(capsys, "refresh", "wages", "--content", str(tmp_path / "content"))
    assert code == 2
    assert f"{careers / 'chef.yaml'}:{line_of(actor, 'occupation:')}:" in err
    assert "error wage-no-data: occupation.soc: SOC 27-2011 has no OEWS May 2025 wage figures" in err
    assert "1 up to date" in out and (careers / "chef.yaml").read_text(encoding="utf-8") == actor


def test_refresh_refuses_a_file_it_cannot_keep_byte_for_byte(tmp_path):
    text = ACCOUNTANT.read_text(encoding="utf-8").replace("occupation: {soc: 13-2011.00, match: exact}",
                                                          "occupation: {soc:   13-2011.00, match: exact}")
    from booklet.errors import ProfileError

    with pytest.raises(ProfileError, match="refresh-format"):
        refresh_text(tmp_path / "accountant.yaml", text)


def test_refresh_data_needs_a_release_folder(tmp_path, capsys):
    code, _out, err = invoke(capsys, "refresh", "data", "--from", str(tmp_path))
    assert code == 2 and "has no oews or onet folder" in err


def test_check_reports_both_wage_rules_on_their_lines(tmp_path, capsys):
    """A catalog copy with one US figure that disagrees with OEWS and one profile citing last year's release."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    accountant, chef = content / "careers" / "accountant.yaml", content / "careers" / "chef.yaml"
    wrong = accountant.read_text(encoding="utf-8").replace("top_10_percent: 144090", "top_10_percent: 150000")
    accountant.write_text(wrong, encoding="utf-8")
    older = chef.read_text(encoding="utf-8").replace("May 2025: 35-1011", "May 2024: 35-1011")
    chef.write_text(older, encoding="utf-8")
    code, out, _err = invoke(capsys, "check", "--strict", "--content", str(content))
    assert code == 2  # an error (the mismatch) outranks the warning
    lines = [line for line in out.splitlines() if "wage-" in line]
    assert len(lines) == 2, out
    assert any(line.endswith(f"accountant.yaml:{line_of(wrong, 'top_10_percent: 150000')}:5: error wage-mismatch: "
                             "salary[0].top_10_percent: is 150000; OEWS gives 144090 for SOC 13-2011 (May 2025): run "
                             "`booklet refresh wages accountant`") for line in lines), lines
    assert any(f"chef.yaml:{line_of(older, 'May 2024: 35-1011')}:" in line and "warning wage-outdated" in line
               and "cites OEWS May 2024" in line for line in lines), lines


# -- state editions ------------------------------------------------------------------------------------------


def test_a_state_edition_names_its_state_in_captions_and_on_the_cover(tmp_path, capsys):
    from tests.conftest import pdf_text

    code, _out, err = invoke(capsys, "build", "accountant", "airline-pilot", "--us-state", "ca", "--content",
                             str(CONTENT), "--output", str(tmp_path), "-j", "1")
    assert code == 0, err
    text = pdf_text(tmp_path / "accountant.pdf")
    assert "CAREER BOOKLET · BUSINESS & FINANCE · CALIFORNIA EDITION" in text
    assert "U.S. pay in this edition is for California (BLS OEWS May 2025)." in text
    assert "$61.8K–$75.8K United States (California)" in text  # starting pay on the cover: p10 to p25
    assert "Salary ladder, United States (California)" in text and "annual pay, California (USD)" in text
    assert "Occupational Employment and Wages, May 2025, California: 13-2011 Accountants and Auditors" in text
    assert "BLS.gov cannot vouch for the data" in text
    assert "percentiles for Accountants and Auditors (SOC 13-2011), all industries, California." in text

    code, _out, err = invoke(capsys, "build", "airline-pilot", "--us-state", "WY", "--content", str(CONTENT),
                             "--output", str(tmp_path), "-j", "1")
    assert code == 0, err
    pilot = pdf_text(tmp_path / "airline-pilot.pdf")
    assert wages.figures("53-2011.00", "WY") is None  # Wyoming publishes no airline pilot figure
    assert "WYOMING EDITION" in pilot
    assert ("BLS publishes no Wyoming figure for this occupation, so the U.S. pay is the national figure "
            "(BLS OEWS May 2025).") in pilot
    assert "United States (nationwide: no Wyoming figure)" in pilot


def test_a_state_code_that_is_not_one_is_a_usage_error(capsys, tmp_path):
    code, _out, err = invoke(capsys, "build", "accountant", "--us-state", "ZZ", "--output", str(tmp_path))
    assert code == 2 and "not a U.S. state or territory in the OEWS data" in err
    assert not list(tmp_path.glob("*.pdf"))
