"""Each rule of the layout check finds a planted case of its defect, with the page and what it is.

The pages are laid out by the real renderer and stylesheets; only the HTML is
made up, so a rule that stops seeing what a reader would see fails here.
"""

from __future__ import annotations

import pytest

from booklet.charts.style import figure, finish
from booklet.options import Options
from booklet.render import thresholds
from booklet.render.context import _figure
from booklet.render.layout_check import check_document
from booklet.render.pdf import Renderer

LINE = "A plain sentence of running text that a student reads on the page. "


@pytest.fixture(scope="module")
def renderer():
    return Renderer(Options())


def _page(body: str) -> str:
    return f'<html lang="en"><head><title>Planted</title></head><body>{body}</body></html>'


def _found(document, rule: str, options: Options | None = None, labels=None) -> list[str]:
    return [str(problem) for problem in check_document(document, options, labels) if problem.rule == rule]


def _fill(pages: int) -> str:
    """Enough paragraphs to fill ``pages`` pages of running text, at the booklet's measure."""
    return '<section class="part">' + "".join(f"<p>{LINE * 4}</p>" for _ in range(16 * pages)) + "</section>"


def _chart_img(chart, kind: str = "roles") -> str:
    picture = _figure(chart)
    return f'<figure data-chart="{kind}"><img src="{picture.uri}" alt="{picture.alt}"></figure>'


def test_chart_text_outside_its_drawing_is_clipped(renderer):
    fig = figure(80, 30)
    fig.text(0.9, 0.5, "Law school or professional training", fontsize=8)
    document = renderer.layout(_page(_chart_img(finish(fig, "a chart")) + _fill(1)))
    found = _found(document, "chart-text-clipped")
    assert found == ["page 1: chart-text-clipped: chart text cut off: 'Law school or professional training'"]


@pytest.mark.parametrize(("box_style", "img_style", "off"), [("width: 80mm", "", False), ("", "width: 80mm", True)])
def test_a_chart_label_set_off_its_chart(renderer, box_style, img_style, off):
    """Labels set as HTML over a chart (Devanagari) land on it only if their box is the drawing's size."""
    fig = figure(80, 30)
    fig.text(0.98, 0.5, "शिखर", fontsize=8, ha="right")
    picture = _figure(finish(fig, "a chart"))
    assert picture.labels, "a Devanagari chart sets its text as HTML"
    spans = "".join(f'<span class="chart-label" style="{label.style}">{label.text}</span>' for label in picture.labels)
    html = (f'<figure><div class="chart-box" style="{box_style}"><img src="{picture.uri}" alt="" style="{img_style}">'
            f'{spans}</div></figure>')
    found = _found(renderer.layout(_page(html + _fill(1))), "chart-text-clipped")
    assert found == (["page 1: chart-text-clipped: chart label 'शिखर' is set off its chart"] if off else [])


def test_a_label_the_chart_should_print_whole_is_reported_missing(renderer):
    fig = figure(80, 30)
    fig.text(0.1, 0.5, "school or professional training", fontsize=8)  # the start was lost
    document = renderer.layout(_page(_chart_img(finish(fig, "a chart"), "education") + _fill(1)))
    labels = {"education": ("Law school or professional training",), "salary": ("Not shown here",)}
    assert _found(document, "chart-text-clipped", labels=labels) == [
        "page 1: chart-text-clipped: 'Law school or professional training' is not printed whole in any chart"]


def test_text_over_text_on_the_page(renderer):
    planted = ('<div style="position: relative"><p>WEDNESDAY and the rest of the day</p>'
               '<p style="position: absolute; top: 0; left: 8mm">Bending conduit</p></div>')
    document = renderer.layout(_page(planted + _fill(1)))
    found = _found(document, "text-collision")
    assert len(found) == 1 and found[0].startswith("page 1: text-collision: ") and "Bending conduit" in found[0]


def test_text_over_text_and_over_marks_inside_a_chart(renderer):
    fig = figure(80, 30)
    axes = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    axes.barh([0], [10], color="#16324f")
    axes.set_xlim(0, 10)
    axes.text(5, 0, "share of the work", fontsize=8)  # over the bar
    fig.text(0.02, 0.9, "first label", fontsize=8)
    fig.text(0.03, 0.9, "second label", fontsize=8)  # over the first
    document = renderer.layout(_page(_chart_img(finish(fig, "a chart")) + _fill(1)))
    found = " ".join(_found(document, "text-collision"))
    assert "page 1: text-collision: in a chart:" in found
    assert "share of the work" in found and "second label" in found


def test_a_page_left_mostly_empty_inside_a_booklet(renderer):
    document = renderer.layout(_page(f"<p>{LINE}</p>" + '<div style="break-before: page"></div>' + _fill(2)))
    assert _found(document, "page-underfilled") == [
        f"page 1: page-underfilled: only 2% of the page is used (at least {thresholds.MIN_FILL_INSIDE[False]:.0%})"]


def test_a_last_page_printed_for_a_line(renderer):
    document = renderer.layout(_page(_fill(1) + f'<p style="break-before: page">{LINE}</p>'))
    found = _found(document, "page-sparse-last")
    assert len(found) == 1 and found[0].startswith(f"page {len(document.pages)}: page-sparse-last: only ")


def test_a_heading_at_the_foot_of_a_page(renderer):
    # The stylesheet keeps headings with what follows; switch that off to strand one.
    stranded = ('<div style="height: 245mm"></div><h2 style="break-after: auto">Stranded heading</h2>'
                f'<p style="break-inside: avoid">{LINE * 30}</p>' + _fill(1))
    document = renderer.layout(_page(stranded))
    assert _found(document, "heading-stranded") == [
        "page 1: heading-stranded: 'Stranded heading' ends the page without what it introduces"]


def test_a_one_line_card_ending_a_page_is_whole(renderer):
    """What a heading introduces may end on its page: the next page opens with a heading of its own."""
    card = ('<div style="height: 238mm"></div><h3>Organisation</h3><p>One line of card text.</p>'
            '<h2 style="break-before: page">The next section</h2>' + _fill(1))
    assert _found(renderer.layout(_page(card)), "heading-stranded") == []


def test_a_unit_split_across_pages(renderer):
    unit = ('<div style="height: 230mm"></div><div class="unit" data-unit="day" style="break-inside: auto">'
            + "".join(f"<p>{LINE}</p>" for _ in range(8)) + "</div>" + _fill(1))
    assert _found(renderer.layout(_page(unit)), "unit-split") == ["page 1: unit-split: a day is split across pages 1–2"]


def _grid(rows: list[int], forced_break_before: int) -> str:
    """A grid of side-by-side cards, ``rows`` the cards of each row, broken before row ``forced_break_before``."""
    html = []
    for index, cards in enumerate(rows):
        single = " single" if cards == 1 else ""
        style = ' style="break-before: page"' if index == forced_break_before else ""
        cells = "".join(f'<div class="cell"><p>{LINE}</p></div>' for _ in range(cards))
        html.append(f'<div class="row cols-2{single}"{style}>{cells}</div>')
    return '<div class="grid cols-2">' + "".join(html) + "</div>"


def test_a_small_grid_of_cards_split_across_pages(renderer):
    document = renderer.layout(_page(_grid([2, 2], forced_break_before=1) + _fill(1)))
    assert _found(document, "unit-split") == ["page 1: unit-split: a grid of 2 rows of cards is split 1/1"]


def test_a_lone_card_left_at_the_top_of_a_page(renderer):
    document = renderer.layout(_page(_grid([2, 2, 1], forced_break_before=2) + _fill(1)))
    assert _found(document, "unit-split") == ["page 1: unit-split: a grid of 3 rows of cards is split 2/1"]


def test_a_long_grid_may_break_between_full_rows(renderer):
    document = renderer.layout(_page(_grid([2, 2, 2], forced_break_before=2) + _fill(1)))
    assert _found(document, "unit-split") == []


def test_cards_stacked_one_a_row_may_part_anywhere(renderer):
    row = '<div class="row cols-1" style="break-inside: avoid"><div class="cell"><p>{0}</p></div></div>'
    grid = '<div class="grid cols-1">' + "".join(row.format(LINE * 3) for _ in range(5)) + "</div>"
    document = renderer.layout(_page('<div style="height: 222mm"></div>' + grid + _fill(1)))
    assert _found(document, "unit-split") == []


def test_type_too_small_for_a_student(renderer):
    document = renderer.layout(_page(_fill(1) + '<p style="font-size: 7pt">Small print a student must read.</p>'))
    found = _found(document, "type-too-small")
    assert found == [f"page {len(document.pages)}: type-too-small: text at 7.0 pt (minimum "
                     f"{thresholds.MIN_TEXT_PT:g} pt): 'Small print a student must rea'"]


def test_chart_text_printed_too_small(renderer, seed_career):
    from booklet.charts import roles_chart

    picture = _figure(roles_chart(seed_career, width_mm=150))
    document = renderer.layout(_page(f'<img style="width: 60mm" src="{picture.uri}" alt="x">' + _fill(1)))
    found = _found(document, "type-too-small")
    assert len(found) == 1 and found[0].startswith("page 1: type-too-small: chart text printed at ")


def test_lines_too_long_to_follow(renderer):
    document = renderer.layout(_page(f'<p style="font-size: 8.5pt">{LINE * 6}</p>' + _fill(1)))
    found = _found(document, "line-too-long")
    assert len(found) == 1 and found[0].startswith("page 1: line-too-long: lines of ")
    assert f"(at most {thresholds.MAX_LINE_CHARS})" in found[0]


@pytest.mark.parametrize(("planted", "what"), [
    ("<p>Training takes 2–2 yrs in all.</p>", "a range with equal ends: '2–2 yrs'"),
    ("<p>An apprenticeship of 1 yrs.</p>", "'1 yrs' (say '1 yr'): '1 yrs'"),
    ("<p>About 10 % of the work.</p>", "a space before % ('10 %'): '0 %'"),
    ("<table><tr><td>₹5L–₹10L</td><td>₹55,00,000</td></tr></table><p>5 lakh</p>",
     "a rupee amount in full digits in a table or chart (use lakh: ₹5L): '₹55,00,000'"),
])
def test_numbers_a_reader_trips_over(renderer, planted, what):
    document = renderer.layout(_page(planted + _fill(1)))
    assert _found(document, "number-format") == [f"page 1: number-format: {what}"]


def test_rupees_never_explained(renderer):
    document = renderer.layout(_page("<p>Starting pay ₹5L a year.</p>" + _fill(1)))
    assert _found(document, "number-format") == [
        "page 1: number-format: rupee amounts without the word 'lakh' explaining them"]


def test_a_handout_side_left_empty():
    options = Options(format="handout")
    front = "".join(f"<p>{LINE * 4}</p>" for _ in range(14))
    document = Renderer(options).layout(_page(f'<section class="side side-front">{front}</section>'
                                              f'<section class="side side-back"><p>{LINE}</p></section>'))
    assert len(document.pages) == 2
    found = _found(document, "handout-unbalanced", options)
    assert len(found) == 1 and found[0].startswith("page 2: handout-unbalanced: this side is ")
