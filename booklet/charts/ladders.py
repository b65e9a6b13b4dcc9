"""Salary ladders side by side: each career's five level bands, one panel a region.

Used by comparison sheets.  A row is a career, named once at the left; each
region is a panel of its own with one axis shared by every career, so where
a career starts, how far it climbs and how it compares with the others read
at a glance, region by region.  A career's bands run from entry to peak as
adjoining segments shaded light to dark (and, in grayscale, patterned); an
open top band ("and above") is a short segment ending in an arrow.  Amounts
use each region's one notation, and each panel names its region and
currency.  The exact amounts are in the comparison table above the chart.
"""

from __future__ import annotations

from itertools import pairwise

from matplotlib.ticker import FuncFormatter, MaxNLocator

from booklet.charts.style import COLOR, Chart, Look, figure, finish, row_labels, style_axes, text_lines, text_width_mm
from booklet.content.model import RegionSalary
from booklet.i18n import Text

LABEL_PT = 7.5
ROW_MM = 6.5
LINE_MM = 3.0  # one more line of a wrapped career title
GAP_MM = 3.0  # between two panels, besides half of each of the two tick labels that meet there
TICK_PT = 7.5  # the axes' tick labels (charts/style.py: xtick.labelsize)
OPEN_BAND = 0.06  # an open band's length, as a share of its panel's axis
MAX_LABEL_SHARE = 0.2  # career titles take at most this share of the width; longer ones wrap

Panel = tuple[str, str, list[RegionSalary | None]]  # (region as printed, currency, each career's pay or None)


def ladder_range(pay: RegionSalary, text: Text) -> str:
    """From the bottom of entry pay to the top of the peak band: '₹2L–₹18L', '$68.9K–$137.5K+'."""
    peak = pay.levels.peak
    top = peak.max if peak.max is not None else peak.min
    return f"{text.money(pay.levels.entry.min, pay.currency)}–{text.money(top, pay.currency)}" + \
        ("" if peak.max is not None else "+")


def scale(pays: list[RegionSalary | None]) -> float:
    """The end of a region's one axis: room past the highest band for an open band and its arrow."""
    highest = max(band.max or band.min for pay in pays if pay for _name, band in pay.levels.bands())
    return highest * (1 + OPEN_BAND + 0.04)


def rungs(pay: RegionSalary, limit: float) -> list[tuple[int, float, float, bool]]:
    """A career's bands on an axis ending at ``limit``: (level, start, stop, open); a band hidden by the one
    before is left out, unless it is the open top band (its arrow still shows)."""
    result, end = [], 0.0
    for level, (_name, band) in enumerate(pay.levels.bands()):
        start = max(band.min, end)  # a band that overlaps the one before starts where that one ends
        stop = band.max if band.max is not None else band.min + OPEN_BAND * limit
        if stop > start or band.max is None:
            result.append((level, start, stop, band.max is None))
        end = max(end, stop)
    return result


def _draw(ax, pays: list[RegionSalary | None], limit: float, look: Look) -> None:
    ax.set_xlim(0, limit)
    shades = look.palette[-2::-1]  # light to dark as the career advances: order reads without colour too
    for row, pay in enumerate(pays):
        if pay is None:
            continue
        for level, start, stop, is_open in rungs(pay, limit):
            if stop > start:
                ax.barh(row, stop - start, left=start, height=0.58, color=shades[level], clip_on=False,
                        edgecolor=look.palette[0], linewidth=0.4, hatch=look.hatches[level] or None)
            if is_open:
                ax.plot([stop], [row], marker=">", markersize=3.5, color=look.palette[0], clip_on=False)


def _locator(nbins: int) -> MaxNLocator:
    """Round amounts along a region's axis (one locator an axis: matplotlib ties it to the axis it is set on)."""
    return MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10])


def ladders_chart(titles: list[str], panels: list[Panel], width_mm: float, look: Look = COLOR,
                  text: Text | None = None, row_mm: float = ROW_MM) -> Chart:
    """``titles``: the careers, in the order of the comparison; ``panels``: one per region."""
    text = text or Text.default()
    label_mm = min(max(text_width_mm(title, LABEL_PT) for title in titles), MAX_LABEL_SHARE * width_mm)
    wrapped = ["\n".join(text_lines(title, LABEL_PT, label_mm)) for title in titles]
    left_mm, right_mm, bottom_mm, top_mm = label_mm + 3, 5, 5.5, 6
    height_mm = row_mm * len(titles) + LINE_MM * sum(title.count("\n") for title in wrapped) + bottom_mm + top_mm + 1
    fig = figure(width_mm, height_mm)
    roughly_mm = (width_mm - left_mm - right_mm) / len(panels) - 2 * GAP_MM  # a panel, before its gaps are known
    nbins = 3 if roughly_mm < 60 else 4
    limits = [scale(pays) for _region, _currency, pays in panels]
    ticks = [[text.money(value, currency) for value in _locator(nbins).tick_values(0, limit) if 0 <= value <= limit]
             for limit, (_region, currency, _pays) in zip(limits, panels, strict=True)]
    # Each gap holds the right half of one panel's last amount and the left half of the next one's first
    # ("₹40 लाख" then "$0"): measured, since amounts in lakh or crore are twice as wide as "$150K".
    gaps = [(text_width_mm(before[-1], TICK_PT) + text_width_mm(after[0], TICK_PT)) / 2 + GAP_MM
            for before, after in pairwise(ticks)]
    panel_mm = (width_mm - left_mm - right_mm - sum(gaps)) / len(panels)
    axes = []
    for index, ((region, currency, pays), limit) in enumerate(zip(panels, limits, strict=True)):
        x0 = (left_mm + index * panel_mm + sum(gaps[:index])) / width_mm
        ax = fig.add_axes((x0, bottom_mm / height_mm, panel_mm / width_mm, 1 - (bottom_mm + top_mm) / height_mm))
        _draw(ax, pays, limit, look)
        ax.set_ylim(len(titles) - 0.5, -0.5)
        style_axes(ax, look)
        ax.yaxis.set_visible(False)
        ax.xaxis.set_major_locator(_locator(nbins))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos, currency=currency: text.money(value, currency)))
        ax.set_title(f"{region} ({currency})", fontsize=LABEL_PT, color=look.ink, loc="left", pad=4,
                     fontweight="bold")
        axes.append(ax)
    row_labels(axes[0], wrapped, look)
    for label in axes[0].texts:
        label.set_fontsize(LABEL_PT)
        label.set_linespacing(1.05)
    parts = []
    for region, _currency, pays in panels:
        ladders = "; ".join(f"{title} {ladder_range(pay, text)}" for title, pay in zip(titles, pays, strict=True)
                            if pay is not None)
        parts.append(text._("%(region)s: %(ladders)s", region=region, ladders=ladders))
    alt = text._("Salary ladders from entry-level pay to the peak, one scale per region. %(regions)s.",
                 regions=". ".join(parts))
    return finish(fig, alt)
