"""Jinja2 over templates/: autoescaped, strict about undefined names.

Autoescaping is on for every template, whatever its extension, because all
profile text is untrusted; StrictUndefined turns a misspelt variable into an
error instead of a silently empty paragraph.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from booklet import paths
from booklet.i18n import Text


@cache
def environment(template_dirs: tuple[Path, ...] = (paths.TEMPLATES,)) -> Environment:
    """The Jinja2 environment over ``template_dirs``: the first folder holding a template wins."""
    env = Environment(
        loader=FileSystemLoader(template_dirs),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    text = Text.default()
    env.filters["money"] = text.money
    env.filters["money_full"] = text.money_full
    env.globals["money_range"] = text.money_range
    return env


def render_html(template: str, context: dict[str, Any]) -> str:
    return environment(context["options"].template_dirs).get_template(template).render(context)
