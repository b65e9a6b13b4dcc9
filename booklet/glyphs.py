"""Which characters the shipped fonts can draw: no silent tofu.

A character no shipped font has prints as an empty box (or solid bars), and
WeasyPrint says nothing.  Every character of a profile's text (and of the
interface catalogs) is therefore checked against the character maps of the
fonts the booklets use, before anything is rendered; ``booklet check`` and
``booklet build`` report one that is missing as ``missing-glyph``.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from booklet import paths

# The fonts a booklet's text can be set in; the first regular face of each family is enough, since
# every face of a family covers the same characters.
FONT_FILES = ("Inter-Regular.otf", "NotoSansDevanagari-Regular.ttf")


@cache
def covered() -> frozenset[int]:
    """Every code point some shipped font maps to a glyph."""
    from fontTools.ttLib import TTFont  # a few milliseconds, only when text is checked

    points: set[int] = set()
    for name in FONT_FILES:
        with TTFont(paths.FONTS / name, lazy=True) as font:
            points |= set(font.getBestCmap())
    return frozenset(points)


def _invisible(char: str) -> bool:
    """Characters that are never drawn: line breaks, format controls such as the word joiner."""
    return char in "\n\r\t" or unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp")


def missing(text: str) -> list[str]:
    """The characters of ``text`` no shipped font can draw, once each, in order."""
    have = covered()
    return list(dict.fromkeys(char for char in text if ord(char) not in have and not _invisible(char)))


def describe(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"
