"""Jinja2 over the template folders: autoescaped, strict about undefined names, translated.

Autoescaping is on for every template, whatever its extension, because all
profile text is untrusted; StrictUndefined turns a misspelt variable into an
error instead of a silently empty paragraph.  Each edition language gets its
own environment with that language's gettext catalog installed
(``jinja2.ext.i18n``, new-style: ``_("… %(name)s", name=…)`` escapes and
formats in one step).  Every string printed goes through ``tie`` first, so
no line breaks inside "4 yrs", "₹5L–₹10L" or "United States".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from booklet import paths
from booklet.i18n import translations
from booklet.render import thresholds
from booklet.render.typography import tie


@cache
def environment(template_dirs: tuple[Path, ...] = (paths.TEMPLATES,), lang: str = "en") -> Environment:
    """The environment over ``template_dirs`` (the first folder holding a template wins) in ``lang``."""
    env = Environment(
        loader=FileSystemLoader(template_dirs),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        finalize=lambda value: tie(value) if isinstance(value, str) else value,
    )
    env.install_gettext_translations(_Tied(translations(lang)), newstyle=True)
    env.globals["thresholds"] = thresholds  # the layout decisions templates share with the layout check
    return env


class _Tied:
    """A catalog whose messages come out tied: the templates' ``_()`` returns Markup, which ``finalize``
    leaves alone, so interface text ("Mid-career", "per cent") is tied here, before it is formatted."""

    def __init__(self, catalog) -> None:
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        return tie(self._catalog.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return tie(self._catalog.ngettext(singular, plural, n))


def render_html(template: str, context: dict[str, Any]) -> str:
    options = context["options"]
    return environment(options.template_dirs, options.lang).get_template(template).render(context)
