"""Interests (RIASEC) from O*NET: the scores and codes, the fit of a student's code, `booklet match`, the chart
and sentence in booklets and handouts, related careers, and the `booklet interests` worksheet."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from booklet import interests
from booklet.catalog import all_profiles
from booklet.charts import interests_chart
from booklet.charts.style import GRAY, svg_texts
from booklet.content.check import check_in_catalog
from booklet.content.loader import load
from booklet.options import Options
from booklet.plan import catalog_entries
from booklet.related import related_entries
from tests.conftest import CONTENT, invoke, pdf_text

CAREERS = CONTENT / "careers"
ONET_CREDIT = ("This booklet includes information from the O*NET 29 Database by the U.S. Department of Labor, "
               "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.")


@pytest.fixture(scope="module")
def catalog() -> tuple[tuple[str, str, str], ...]:
    return catalog_entries(check_in_catalog([], all_profiles(CONTENT))[1])


@pytest.fixture(scope="module")
def scientist_pdf(pipeline, catalog) -> str:
    return pdf_text(pipeline.pdf(load(CAREERS / "data-scientist.yaml"), Options(catalog=catalog)).pdf)


# -- the data --------------------------------------------------------------------------------------------------


def test_scores_and_codes_are_onets():
    # interests.csv, 15-2051.00 Data Scientists: R 2.16, I 6.99, A 2.59, S 1.66, E 1.71, C 5.4; high points I, C.
    scientist = interests.interests("15-2051.00")
    assert scientist.title == "Data Scientists" and scientist.scores == (2.16, 6.99, 2.59, 1.66, 1.71, 5.4)
    assert scientist.holland == "IC"
    assert interests.interests("29-1141.00").holland == "SIC"  # Registered Nurses
    assert interests.interests("55-1019.00") is None  # military codes have no interest scores


def test_the_similarity_is_the_documented_cosine():
    scientist = interests.interests("15-2051.00")
    weights = [0, 3, 0, 0, 0, 2]  # I first, C second
    shape = [score - 1 for score in scientist.scores]
    expected = sum(w * s for w, s in zip(weights, shape, strict=True)) / (math.hypot(*weights) * math.hypot(*shape))
    assert interests.similarity("IC", scientist) == pytest.approx(expected)
    assert interests.similarity("IC", scientist) > interests.similarity("CI", scientist)  # order counts
    assert interests.similarity("IC", scientist) > interests.similarity("SA", scientist)


@pytest.mark.parametrize("code", ["", "IRCS", "IX", "II", "1"])
def test_a_code_is_one_to_three_different_letters(code):
    with pytest.raises(interests.CodeError, match="R, I, A, S, E"):
        interests.student_code(code)


def test_the_sentence_names_what_people_like():
    assert interests.describe("IC") == ("People in this career tend to like investigating how things work and "
                                        "keeping things organised.")


def test_every_catalog_career_has_scores_or_says_it_has_none():
    careers = [load(path) for path in all_profiles(CONTENT)]
    ranked, unrated = interests.rank_careers("SA", careers)
    assert [career.slug for career in unrated] == ["armed-forces-officer"]
    assert len(ranked) == len(careers) - 1
    assert ranked[0].fit.score >= ranked[-1].fit.score


# -- booklet match -----------------------------------------------------------------------------------------------


def test_match_lists_catalog_careers_by_fit_and_occupations_outside(capsys):
    code, out, err = invoke(capsys, "match", "irc", "--top", "5")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Careers in the catalog for IRC (Investigative (I), Realistic (R) and Conventional")
    listed = lines[1:6]
    assert all(line.strip()[0].isdigit() for line in listed)
    fits = [int(line.split()[1]) for line in listed]
    assert fits == sorted(fits, reverse=True)
    assert "Environmental Scientist" in out and "environmental-scientist" in out
    assert "Not ranked (O*NET gives no interest scores for their occupation): Armed Forces Officer" in out
    outside = out[out.index("outside the catalog"):]
    assert "Chemists (19-2031.00)" in outside and "Data Scientist" not in outside
    assert "CC BY 4.0" in out


def test_match_refuses_a_code_that_is_not_one(capsys):
    code, _out, err = invoke(capsys, "match", "XYZ")
    assert code == 2 and "is not an interest code" in err


def test_match_builds_a_collection_of_the_top_careers(capsys, tmp_path):
    code, out, err = invoke(capsys, "match", "SA", "--top", "2", "--build", "--output", str(tmp_path))
    assert code == 0, err
    pdf = tmp_path / "match-sa.pdf"
    assert str(pdf) in out
    text = pdf_text(pdf)
    assert "Careers for interest code SA" in text
    assert "Secondary School Teacher" in text and "Social Worker" in text
    assert "conversation starter, not a test" in text


# -- in the booklet and the handout ---------------------------------------------------------------------------------


def test_the_booklet_shows_the_interest_profile_with_its_credit(scientist_pdf):
    assert "What people in this career enjoy Holland code IC" in scientist_pdf
    assert "People in this career tend to like investigating how things work and keeping things organised." \
        in scientist_pdf
    for name in ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional"):
        assert name in scientist_pdf
    assert "7.0 · 1st" in scientist_pdf and "5.4 · 2nd" in scientist_pdf  # the code reads without colour
    assert "Interest scores: O*NET 29, for Data Scientists (15-2051.00)" in scientist_pdf
    assert "Data credits" in scientist_pdf and ONET_CREDIT in scientist_pdf
    assert ("BLS.gov cannot vouch for the data or analyses derived from these data after the data have been "
            "retrieved from BLS.gov.") in scientist_pdf


def test_related_careers_come_from_onet_and_the_catalog(scientist_pdf, catalog):
    assert "Related careers: Machine Learning Engineer · Data Analyst · Digital Marketer." in scientist_pdf
    related = {slug: [entry[0] for entry in related_entries(slug, code, catalog)] for slug, _title, code in catalog
               if code}
    assert related["electrician"] == ["plumber"] and related["registered-nurse"] == ["doctor"]
    # A career with no U.S. equivalent lends its code only for interests: nobody is related to it through it.
    assert all("civil-services-officer" not in found for found in related.values())
    assert dict((slug, code) for slug, _title, code in catalog)["civil-services-officer"] == ""


def test_a_career_without_onet_interests_says_so(pipeline, catalog):
    career = load(CAREERS / "armed-forces-officer.yaml")
    text = pdf_text(pipeline.pdf(career, Options(catalog=catalog)).pdf)
    assert "gives no interest scores for Military Officer Special and Tactical Operations Leaders" in text
    assert "Holland code" not in text
    handout = pipeline.pdf(career, Options(format="handout", catalog=catalog))
    assert handout.pages == 2
    assert "O*NET gives no interest scores for this career's occupation (55-1019.00)." in pdf_text(handout.pdf)


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_the_handout_carries_the_code_and_stays_two_pages(pipeline, catalog, paper):
    handout = pipeline.pdf(load(CAREERS / "data-scientist.yaml"), Options(format="handout", paper=paper,
                                                                           catalog=catalog))
    text = pdf_text(handout.pdf)
    assert handout.pages == 2
    assert "INTERESTS IC" in text or "Interests IC" in text
    assert "Interest data: O*NET 29 Database, USDOL/ETA, used under CC BY 4.0." in text
    assert "BLS.gov cannot vouch" in text


# -- the chart ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", all_profiles(CONTENT), ids=lambda path: path.stem)
def test_the_interest_chart_keeps_its_text_inside_and_apart(path: Path):
    scores = interests.interests(load(path).occupation.soc)
    if scores is None:
        pytest.skip("no O*NET interest scores")
    chart = interests_chart(scores.scores, scores.holland, interests.AREAS, width_mm=100)
    assert chart.outside == () and chart.collisions == ()
    texts = [text.text for text in svg_texts(chart.svg)]
    assert {"Realistic", "Conventional", "O*NET interest score: 1 (not at all) to 7 (very much)"} <= set(texts)
    assert f"Holland code {scores.holland}" in chart.alt


def test_the_grayscale_interest_chart_tells_the_code_by_pattern():
    scores = interests.interests("47-2111.00")  # Electricians, RIC
    chart = interests_chart(scores.scores, scores.holland, interests.AREAS, look=GRAY)
    assert "<pattern" in chart.svg and chart.outside == () and chart.collisions == ()


# -- booklet interests ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_worksheet_is_one_page_with_every_activity(capsys, tmp_path, paper):
    target = tmp_path / "sheet.pdf"
    code, out, err = invoke(capsys, "interests", "--output", str(target), "--paper", paper)
    assert code == 0, err
    assert "1 page" in out
    text = pdf_text(target)
    for letter, items in interests.WORKSHEET_ITEMS.items():
        assert len(items) == 6
        assert interests.AREAS[letter] in text
        for item in items:
            assert item.replace("\u201c", "").replace("\u201d", "")[:30] in text.replace("\u201c", "").replace(
                "\u201d", ""), item
    assert "A conversation starter, not a test." in text
    assert "My code" in text and "O*NET 29 Database (USDOL/ETA), CC BY 4.0" in text


def test_a_comparison_sheet_lines_up_the_codes_with_the_credit(capsys, tmp_path):
    target = tmp_path / "sheet.pdf"
    code, _out, err = invoke(capsys, "compare", "data-scientist", "armed-forces-officer", "electrician",
                             "--output", str(target))
    assert code == 0, err
    text = pdf_text(target)
    assert "Interests (O*NET) IC Investigative and Conventional No O*NET interest scores RC Realistic and " \
           "Conventional" in text
    assert "Interest data: O*NET 29 Database, USDOL/ETA, used under CC BY 4.0." in text
    assert "BLS.gov cannot vouch" in text
