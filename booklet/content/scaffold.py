"""A new, complete profile to fill in: every field present, each explained.

The placeholders are valid against the model (so an editor's schema check is
quiet) but every one says TODO, which ``booklet check`` reports until the
author replaces it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from booklet import paths
from booklet.content.model import indefinite_article
from booklet.limits import MAX_SLUG_LENGTH


def slugify(title: str) -> str:
    """A file-name-safe slug of at most ``MAX_SLUG_LENGTH`` characters, cut at a word boundary."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        cut = slug[:MAX_SLUG_LENGTH + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut else slug[:MAX_SLUG_LENGTH]
    return slug.strip("-")


def scaffold(title: str, today: dt.date) -> tuple[str, str]:
    """The slug and YAML text of a new profile titled ``title``."""
    slug = slugify(title)
    # YAML, not HTML: no autoescaping; the title goes in as a JSON string, which YAML reads as is.
    env = Environment(loader=FileSystemLoader(paths.TEMPLATES / "scaffold"), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    # Every value from the user goes in as a JSON string, which YAML reads back exactly (quotes,
    # backslashes and colons included).
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    text = env.get_template("career.yaml.j2").render(slug=slug, title=title, article=indefinite_article(title),
                                                     today=today)
    return slug, text
