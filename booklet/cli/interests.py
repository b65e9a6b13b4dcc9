"""``booklet interests`` (the interest worksheet) and ``booklet match CODE`` (careers for an interest code)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from booklet.cli.options import content_option, style_options
from booklet.cli.status import EXIT_FAILED
from booklet.errors import BookletError, display_path
from booklet.options import Options

OUTSIDE = 8  # O*NET occupations outside the catalog that a listing shows


@click.command()
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("output") / "interest-worksheet.pdf", show_default=True, help="The PDF to write.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Paper size.")
@click.option("--lang", type=click.Choice(["en", "hi"]), default="en", show_default=True,
              help="Language of the worksheet.")
def interests(output: Path, paper: str, lang: str) -> None:
    """Write the one-sheet interest worksheet: activities to tick, six scores, an interest code.

    A student ticks what they would enjoy, counts each of the six groups and
    reads off their code (the three highest), then looks for careers with
    `booklet match CODE`. It is a conversation starter, not a test.
    """
    from booklet.output import write_atomic
    from booklet.render.interest_sheet import interest_sheet

    rendered = interest_sheet(Options(paper=paper, lang=lang, worksheet=False))
    if rendered.pages != 1:  # the sheet is designed to one page; more would be a bug to see
        raise BookletError(f"the interest worksheet came to {rendered.pages} pages instead of 1")
    write_atomic(output, rendered.pdf)
    click.echo(f"{display_path(output)}  {rendered.pages} page  {len(rendered.pdf) / 1024:.0f} KB")


@click.command()
@click.argument("code")
@content_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many catalog careers to list (and to build with --build).")
@click.option("--build", "build_pdf", is_flag=True,
              help="Also build a collection booklet of the top careers: OUTPUT/match-<code>.pdf.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder the --build booklet is written to.")
@style_options
def match(code: str, content: Path, top: int, build_pdf: bool, output: Path, options: Options,
          chosen: frozenset[str]) -> None:
    """List catalog careers by fit to an interest CODE (one to three of R I A S E C, strongest first: IRC, SA).

    The fit is the cosine similarity between the code's letters, weighted 3, 2 and 1, and each
    occupation's six O*NET interest scores less 1 (the bottom of O*NET's scale), shown as 0–100.
    Then O*NET occupations outside the catalog that fit, by title, so a student sees where else
    to look. Careers whose occupation O*NET gives no interest scores are named, not ranked.
    """
    from booklet import interests as riasec
    from booklet.catalog import all_profiles
    from booklet.content.check import check_in_catalog
    from booklet.i18n import Text

    try:
        code = riasec.student_code(code)
    except riasec.CodeError as exc:
        raise click.BadParameter(str(exc), param_hint="CODE") from None
    reports, catalog = check_in_catalog(all_profiles(content), all_profiles(content))
    careers = [report.career for report in reports if report.career is not None and not report.errors]
    text = Text()
    ranked, unrated = riasec.rank_careers(code, careers)
    click.echo(f"Careers in the catalog for {code} ({riasec.code_names(code, text)}), best fit first:")
    width = max((len(item.career.title) for item in ranked[:top]), default=10)
    for number, item in enumerate(ranked[:top], start=1):
        click.echo(f"{number:3d}. {item.fit.percent:3d}  {item.fit.occupation.holland:<3}  "
                   f"{item.career.title:<{width}}  {item.career.slug}")
    if len(ranked) > top:
        click.echo(f"     … and {len(ranked) - top} more (--top {len(ranked)} lists them all)")
    if unrated:
        click.echo("Not ranked (O*NET gives no interest scores for their occupation): "
                   + ", ".join(career.title for career in unrated))
    click.echo(f"\nO*NET occupations outside the catalog that fit {code}:")
    for fit in riasec.outside_catalog(code, careers)[:OUTSIDE]:
        occupation = fit.occupation
        click.echo(f"     {fit.percent:3d}  {occupation.holland:<3}  {occupation.title} ({occupation.code})")
    click.echo("\nFit 0–100: the similarity of your letters (weighted 3, 2, 1) with each occupation's six O*NET "
               "interest scores.\nIncludes information from O*NET (USDOL/ETA), used under CC BY 4.0; a conversation "
               "starter, not a test.")
    if build_pdf:
        _build(code, [item.career for item in ranked[:top]], output, options, chosen, catalog)


def _build(code: str, careers: list, output: Path, options: Options, chosen: frozenset[str], catalog) -> None:
    """The top careers as one collection booklet, as `booklet build` makes a collection."""
    from booklet import interests as riasec
    from booklet.batch import Job, run_job
    from booklet.i18n import Text
    from booklet.output import write_atomic
    from booklet.plan import catalog_entries

    if not careers:
        raise BookletError(f"no catalog career has O*NET interest scores to match {code}")
    collection = riasec.collection_for(code, careers, Text(options.lang))
    settings = replace(options, paper=options.paper if "paper" in chosen else collection.paper,
                       catalog=catalog_entries(catalog))
    outcome = run_job(Job(f"{collection.slug}.pdf", tuple(careers), settings, collection))
    if outcome.error is not None:
        click.echo(f"{display_path(output / outcome.job.name)}: failed: {outcome.error}", err=True)
        raise click.exceptions.Exit(EXIT_FAILED)
    target = output / outcome.job.name
    output.mkdir(parents=True, exist_ok=True)
    write_atomic(target, outcome.pdf)
    click.echo(f"\n{display_path(target)}  {outcome.pages} pages  {len(outcome.pdf) / 1024:.0f} KB  "
               f"{outcome.seconds:.2f} s")
