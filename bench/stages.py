"""Time each stage of one booklet build, warm in one process, plus a cold CLI build.

Usage: .venv/bin/python bench/stages.py [--repeat N] [--career SLUG]

Prints a Markdown table of medians (seconds) for: load+validate, charts,
templating, WeasyPrint layout, PDF write, the collection that follows each
build, the warm total, our own stages' share of it, the warm total under Python's default garbage-collector settings
(the stages run under ``booklet.gc_policy``, as the CLI and workers do), what
WeasyPrint alone needs for the parts a booklet must have (its text, PDF/UA
tags, the charts) and so the lower bound of a warm build, and a cold
`booklet build <slug>` in a fresh process.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from weasyprint import CSS, HTML

from booklet import gc_policy, paths
from booklet.content.loader import load
from booklet.content.translation import load_translated
from booklet.inputs import Inputs
from booklet.options import Options
from booklet.pipeline import Pipeline
from booklet.render.context import build_context
from booklet.render.html import render_html

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def load_edition(profile: Path, lang: str):
    """The career as an edition in ``lang`` prints it: its translation over the English figures."""
    if lang == "en":
        return load(profile)
    career, _findings = load_translated(profile, lang, Inputs())
    return career


def warm_stages(profile: Path, repeat: int, lang: str = "en") -> dict[str, list[float]]:
    """Each stage of the real pipeline, warm: ``layout`` is ``Pipeline.layout`` whole (the context with its
    charts, templating, WeasyPrint's layout, the tighter passes a short last page asks for, the back matter);
    ``charts`` and ``template`` time those parts of it again on their own, to show their share."""
    options = Options(lang=lang)
    pipeline = Pipeline()
    pipeline.pdf(load_edition(profile, lang), options)  # warm-up: fonts, CSS, imports
    gc_policy.collect()  # as a worker does after its first build: collect, then freeze
    times: dict[str, list[float]] = {k: [] for k in ("load", "charts", "template", "layout", "write", "gc")}
    for _ in range(repeat):
        career, t = timed(lambda: load_edition(profile, lang))
        times["load"].append(t)
        context, t = timed(lambda career=career: build_context(career, options))
        times["charts"].append(t)
        _, t = timed(lambda context=context: render_html("booklet.html.j2", context))
        times["template"].append(t)
        document, t = timed(lambda career=career: pipeline.layout(career, options))
        times["layout"].append(t)
        _, t = timed(lambda document=document: pipeline.renderer(options).write(document))  # tagged PDF/UA
        times["write"].append(t)
        career = context = document = None  # gone, as when a worker's job returns
        _, t = timed(gc_policy.collect)
        times["gc"].append(t)
    return times


def default_gc_total(profile: Path, repeat: int) -> float:
    """The warm build with CPython's default collector thresholds, for comparison."""
    pipeline, options = Pipeline(), Options()
    pipeline.pdf(load(profile), options)
    thresholds = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    try:
        return statistics.median(timed(lambda: pipeline.pdf(load(profile), options))[1] for _ in range(repeat))
    finally:
        gc.set_threshold(*thresholds)
        gc.freeze()


# What the issue requires of every booklet, in its plainest form: a cover with
# contents numbered by target-counter(), a running header naming the career and
# section, and "Page X of Y". No type scale, colours, cards or tables.
REQUIRED_ONLY = """
@page { size: A4; margin: 20mm;
  @top-left { content: string(career) } @top-right { content: string(section, start) }
  @bottom-right { content: "Page " counter(page) " of " counter(pages) } }
@page cover { @top-left { content: none } @top-right { content: none } @bottom-right { content: none } }
html { font: 9.4pt/1.45 Inter }
.cover { page: cover; break-after: page }
h1 { string-set: career content() } h2 { string-set: section content() }
a.page::after, a.page-ref::after { content: target-counter(attr(href), page) }
figure { display: none }
"""


def engine_floor(profile: Path, repeat: int) -> dict[str, float]:
    """What WeasyPrint alone needs for the parts every booklet must have, medians in seconds.

    ``text``: the booklet's text, cover, contents, header and footer with no
    stylesheet but the fonts and ``REQUIRED_ONLY``, no charts, written as
    tagged PDF/UA (the default every booklet must meet).  ``chart drawing``:
    laying out and painting the four charts alone, minus an empty page.
    Together with matplotlib drawing the charts, they bound a warm build from
    below: no styling or code of ours can go under their sum.
    """
    options = Options()
    renderer = Pipeline().renderer(options)
    context = build_context(load(profile), options)
    html = render_html("booklet.html.j2", context)
    bare = [CSS(filename=paths.TEMPLATES / "css" / "fonts.css", font_config=renderer.fonts),
            CSS(string=REQUIRED_ONLY, font_config=renderer.fonts)]
    charts = [context["charts"]["roles"], *context["charts"]["education"], *context["charts"]["salary"].values()]
    figures = "".join(f'<figure><img src="{chart.uri}" alt=""></figure>' for chart in charts)

    def bare_text():
        document = HTML(string=html, base_url=paths.TEMPLATES.as_uri() + "/", url_fetcher=renderer.fetcher).render(
            stylesheets=bare, font_config=renderer.fonts, cache=renderer.cache)
        document.write_pdf(pdf_variant="pdf/ua-1")

    def page(body: str) -> None:
        renderer.write(renderer.layout(f'<html lang="en"><body>{body}</body></html>'))

    runs = {"text": bare_text, "charts page": lambda: page(figures), "empty page": lambda: page("<p>.</p>")}
    for run in runs.values():
        run()  # warm-up
    samples = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            samples[name].append(timed(run)[1])
    med = {name: statistics.median(values) for name, values in samples.items()}
    return {"text": med["text"], "chart drawing": med["charts page"] - med["empty page"]}


def cold_cli(slug: str, repeat: int) -> list[float]:
    samples = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(repeat):
            _, t = timed(lambda: subprocess.run(
                [sys.executable, "-m", "booklet", "build", slug, "--output", out, "--force"],
                check=True, capture_output=True, cwd=REPO))
            samples.append(t)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--career", default="machine-learning-engineer")
    args = parser.parse_args()
    profile = CONTENT / "careers" / f"{args.career}.yaml"

    gc_policy.for_rendering()
    times = warm_stages(profile, args.repeat)
    hindi = warm_stages(profile, args.repeat, "hi") if (profile.parent / "hi" / profile.name).exists() else None
    default_gc = default_gc_total(profile, args.repeat)
    whole = ("load", "layout", "write", "gc")  # layout includes charts and templating

    def totals(samples: dict[str, list[float]]) -> list[float]:
        return [sum(parts) for parts in zip(*(samples[key] for key in whole), strict=True)]

    ours = [sum(parts) for parts in zip(times["load"], times["charts"], times["template"], strict=True)]
    floor = engine_floor(profile, args.repeat)
    cold = cold_cli(args.career, max(3, args.repeat // 2))

    med = statistics.median
    print(f"| stage ({args.career}, median of {args.repeat}) | seconds |")
    print("|---|---:|")
    labels = {"load": "load + validate", "charts": "charts (matplotlib), within layout",
              "template": "templating (Jinja2), within layout",
              "layout": "layout: context, templating, WeasyPrint, tighter passes, back matter",
              "write": "PDF write", "gc": "garbage collection after the build"}
    for key, label in labels.items():
        print(f"| {label} | {med(times[key]):.3f} |")
    print(f"| **warm in-process build** | **{med(totals(times)):.3f}** |")
    print(f"| our stages' share (load + charts + templating) | {100 * med(ours) / med(totals(times)):.0f} % |")
    if hindi is not None:
        print(f"| **warm in-process build, Hindi edition** | **{med(totals(hindi)):.3f}** "
              f"({med(totals(hindi)) / med(totals(times)):.2f}× English) |")
    print(f"| warm build under CPython's default GC thresholds | {default_gc:.3f} |")
    print(f"| WeasyPrint: text, cover, contents, header and footer, unstyled, tagged, no charts"
          f" | {floor['text']:.3f} |")
    print(f"| WeasyPrint: drawing the charts alone | {floor['chart drawing']:.3f} |")
    bound = floor["text"] + floor["chart drawing"] + med(times["charts"])
    print(f"| **lower bound** for a warm build (the two above + matplotlib charts) | **{bound:.3f}** |")
    print(f"| **cold `booklet build {args.career}`** (median of {len(cold)}) | **{med(cold):.3f}** |")


if __name__ == "__main__":
    main()
