"""Options shared by the commands that read content or render: declared once, named the same everywhere."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from booklet.content.brand import Brand, load_brand
from booklet.errors import ProfileError
from booklet.i18n import LANGUAGES
from booklet.options import FORMATS, IMPOSITIONS, PAPERS, PDF_VARIANTS, Options

content_option = click.option(
    "--content", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("content"),
    show_default=True, help="Folder holding careers/ and collections/ (it must exist).")

def _brand(_context: click.Context, _parameter: click.Parameter, path: Path | None) -> Brand | None:
    """Load and check the brand file while options are parsed: a mistake is a usage error, exit status 2."""
    if path is None:
        return None
    try:
        return load_brand(path)
    except ProfileError as exc:
        raise click.BadParameter("\n" + "\n".join(str(finding) for finding in exc.findings)) from None


def _state(_context: click.Context, _parameter: click.Parameter, code: str | None) -> str | None:
    """A state's postal code, checked against the OEWS areas while options are parsed (a usage error)."""
    if code is None:
        return None
    from booklet import wages  # reads the areas table; only when a state is asked for

    try:
        return wages.state_code(code)
    except wages.WageError as exc:
        raise click.BadParameter(str(exc)) from None


_STYLE = (
    click.option("--paper", type=click.Choice(list(PAPERS)), default=None,
                 help="Paper size [default: a4; a collection's own paper]."),
    click.option("--format", "output_format", type=click.Choice(FORMATS), default="booklet", show_default=True,
                 help="booklet: the full booklet; handout: one sheet, front and back."),
    click.option("--impose", type=click.Choice(IMPOSITIONS), default=None,
                 help="saddle: pages two-up in folding order, to print duplex, fold and staple."),
    click.option("--grayscale", is_flag=True,
                 help="Ink-saving print: gray charts with patterns, no background floods."),
    click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default="pdf/ua-1", show_default=True,
                 help="pdf/ua-1: tagged, accessible PDF; pdf/a-3b: for archiving."),
    click.option("--lang", type=click.Choice(list(LANGUAGES)), default=None,
                 help="Edition language: interface, numbers and dates, and each career's text where it is "
                      "translated (content/careers/<lang>/); an untranslated career prints in English with a "
                      "note [default: en; a collection's own language]."),
    click.option("--no-worksheet", "no_worksheet", is_flag=True,
                 help="Do not fill a booklet to a multiple of four pages with the 'My next steps' worksheet."),
    click.option("--no-blank-pages", "no_blank_pages", is_flag=True,
                 help="Start a collection's chapters on the next page, not always on a right-hand one."),
    click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
                 help="Your own template folder: its templates and css/ files replace the built-in ones of "
                      "the same name."),
    click.option("--us-state", "us_state", metavar="XX", default=None, callback=_state,
                 help="A U.S. state's edition: U.S. pay from that state's OEWS wages (two-letter code, e.g. CA), "
                      "named in captions and on the cover; an occupation without a state figure shows the "
                      "national one and says so."),
    click.option("--brand", type=click.Path(dir_okay=False, path_type=Path), default=None, callback=_brand,
                 help="A school's brand file (booklet brand new writes an example): its name, logo, counselor "
                      "and colour on covers, footers and the back page [default: a collection's own brand]."),
)


def style_options(command):
    """Add the rendering options; the command receives them as ``options``, and as ``chosen`` the names of
    those the user set (paper, lang, brand), which a collection's own settings do not override."""

    @functools.wraps(command)
    def with_options(*args, paper, output_format, impose, grayscale, pdf_variant, lang, no_worksheet,
                     no_blank_pages, templates, brand, us_state, **kwargs):
        options = Options(paper=paper or "a4", format=output_format, impose=impose, grayscale=grayscale,
                          pdf_variant=pdf_variant, lang=lang or "en", worksheet=not no_worksheet,
                          blank_pages=not no_blank_pages, templates=str(templates.resolve()) if templates else None,
                          brand=brand, us_state=us_state)
        chosen = frozenset(name for name, value in (("paper", paper), ("lang", lang), ("brand", brand))
                           if value is not None)
        return command(*args, options=options, chosen=chosen, **kwargs)

    for option in reversed(_STYLE):
        with_options = option(with_options)
    return with_options
