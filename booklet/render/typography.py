"""Small typesetting rules applied to every string a template prints.

A line must never break inside a unit of meaning: between a number and its
unit ("4 yrs", "10 %", "3 months"), around a dash joining two amounts or
years ("₹5L–₹10L", "3–4"), inside a short fixed phrase ("United States"), or
at the hyphen of "Mid-career".  ``tie`` puts no-break spaces and
non-breaking hyphens there.  It is applied to interface text and profile
text alike, in the Jinja2 environment's ``finalize``.
"""

from __future__ import annotations

import re

from markupsafe import Markup

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"
WORD_JOINER = "\u2060"

_UNITS = r"(?:yrs?|years?|months?|weeks?|days?|hours?|hrs?|%|वर्ष|साल|महीने|महीना|सप्ताह|दिन|घंटे|लाख|करोड़)"
_NUMBER_UNIT = re.compile(rf"(\d)\s+({_UNITS})(?=\W|$)")
_RANGE_DASH = re.compile(r"(?<=[\dKLr%])\s?–\s?(?=[₹$€\d])")
_PHRASES = re.compile(r"\b(United States|United Kingdom|New Delhi|per cent)\b")
_LABEL_NUMBER = re.compile(r"\b(Class|Classes|Grade|Grades|Level|Page|कक्षा)\s+(?=\d)")
_COMPOUNDS = re.compile(r"\b(Mid|mid|Full|full|Part|part|Self|self|Non|non)-(?=[a-z])")


def tie(text: str) -> str:
    """``text`` with no-break spaces, word joiners and non-breaking hyphens where a break would mislead."""
    if isinstance(text, Markup):  # already HTML (a rendered macro): leave its markup alone
        return text
    text = _NUMBER_UNIT.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", text)
    text = _RANGE_DASH.sub(f"{WORD_JOINER}–{WORD_JOINER}", text)
    text = _PHRASES.sub(lambda m: m.group(1).replace(" ", NBSP), text)
    text = _LABEL_NUMBER.sub(lambda m: m.group(1) + NBSP, text)
    return _COMPOUNDS.sub(lambda m: f"{m.group(1)}{NB_HYPHEN}", text)
