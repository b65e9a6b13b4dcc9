"""Print-quality thresholds: the one place the layout check, the charts and the tests read them.

Each number is a decision about what a reader sees on paper; the layout check
reports a page that falls short of one under the rule id named beside it.
"""

from __future__ import annotations

# page-underfilled / page-sparse-last / handout-unbalanced: how much of a page's text area is used.
# Every page but a booklet's (or chapter's) last, on A4/Letter and on the small papers (A5, half-letter).
# A small page holds half as much, so what must move whole is a bigger share of it: a section's
# opening (number, heading, introduction and first card) takes a quarter of it, a pay chart a third.
MIN_FILL_INSIDE = {False: 0.75, True: 0.65}
MIN_FILL_LAST = 0.30  # a last page too: a sheet printed for one line is wasted
MIN_FILL_HANDOUT_SIDE = 0.80  # both sides of a handout
# When a booklet or chapter falls short of these, it is laid out again with these classes (components.css), each
# tighter than the one before: the interest profile without its explanations ("compact"), the closing notes, then
# everything (with the closing notes as they were, then tighter too); the one leaving fewer short pages is kept.
# Last, the other way round ("loose-end"): the further reading starts the last page, so that the credits after it
# do not print alone.
TIGHTER = ("compact", "tight-end", "tight-end compact", "tight", "tight-end tight", "tight-end tight compact",
           "loose-end", "tight loose-end", "tight-end tight compact loose-end")

# type-too-small: sizes at print size, in points.
MIN_TEXT_PT = 8.5  # anything a student reads
MIN_CHART_PT = 7.0  # text inside charts
MIN_BODY_PT = {False: 10.5, True: 9.5}  # body text on A4/Letter, and on the small papers (A5, half-letter)

# line-too-long: characters in a full line of running text (paragraphs and list items).
MAX_LINE_CHARS = 80

# heading-stranded: lines (or a figure, or a table row) that must follow a heading on its page.
MIN_LINES_AFTER_HEADING = 2
# A FAQ answer longer than this (about four lines) may break across pages, two lines at least on each side.
LONG_ANSWER_CHARS = 320

# unit-split: a grid of side-by-side cards with at most this many rows moves as one unit (a 2×2
# grid never splits 2/2); a longer one may break between full rows, never leaving a lone card.
ATOMIC_GRID_ROWS = 2
# The salary charts start at most this many pages after the end of the salary table.
MAX_PAGES_TABLE_TO_CHART = 1

# Geometry tolerances, in CSS pixels (1/96 in).
TOLERANCE_PX = 1.0
