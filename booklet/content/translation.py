"""Translated profiles: the prose of a career in another language, and nothing else.

``content/careers/<lang>/<slug>.yaml`` mirrors the English profile's structure
but holds only its prose (every string that is printed as text); numbers,
ranges, shares, sources and links are never in it, so figures cannot drift
between editions.  The translation is merged into the English data string by
string and validated by the same model, so it is as checked as the English.

``source_digest`` records which English text was translated: a hash of the
English prose.  When the English changes, ``booklet check`` reports the
translation as stale (``translation-stale``) and prints the new digest.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

from booklet.content.lint import ERROR, control_characters, iter_text
from booklet.content.loader import Document, Loc, parse, validate
from booklet.content.model import Career
from booklet.errors import Finding, ProfileError
from booklet.inputs import Inputs

META_KEYS = ("lang", "slug", "source_digest")


def translation_path(english: Path, lang: str) -> Path:
    return english.parent / lang / english.name


def prose_digest(data: Any) -> str:
    """A short hash of every prose string of raw profile data, in order."""
    pairs = [[list(loc), text] for loc, text in iter_text(data)]
    return hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode()).hexdigest()[:12]


def _set(data: Any, loc: Loc, value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def check_translation(english: Document, translation: Document, lang: str) -> list[Finding]:
    """What is missing, extra or out of date in ``translation``, located in its file."""
    findings = control_characters(translation)
    raw = translation.data if isinstance(translation.data, dict) else {}
    if raw.get("lang") != lang:
        findings.append(translation.finding(("lang",), f"should be {lang!r}, the folder's language", severity=ERROR,
                                            rule="translation-field"))
    source = dict(iter_text(english.data))
    target = dict(iter_text({key: value for key, value in raw.items() if key not in META_KEYS}))
    for loc in source.keys() - target.keys():
        findings.append(translation.finding(loc, "is missing from the translation", severity=ERROR,
                                            rule="translation-missing"))
    for loc in target.keys() - source.keys():
        findings.append(translation.finding(loc, "is not text of the English profile (numbers, sources and links "
                                            "come from the English file)", severity=ERROR,
                                            rule="translation-extra"))
    current = prose_digest(english.data)
    if raw.get("source_digest") != current:
        findings.append(translation.finding(("source_digest",), f"the English text changed since this was "
                                            f"translated; update the translation, then set source_digest: {current}",
                                            severity=ERROR, rule="translation-stale"))
    return sorted(findings, key=lambda f: (f.line, f.column))


def merge(english: Document, translation: Document, lang: str) -> Career:
    """The English profile with its prose replaced by the translation's, validated as a ``Career``."""
    data = copy.deepcopy(english.data)
    target = dict(iter_text({key: value for key, value in translation.data.items() if key not in META_KEYS}))
    for loc, _text in iter_text(english.data):
        if loc in target:
            _set(data, loc, target[loc])
    data["lang"] = lang
    merged = Document(translation.path, data, translation.root)
    return validate(merged)


def load_translated(english_path: Path, lang: str, inputs: Inputs | None = None) -> tuple[Career, list[Finding]]:
    """The career in ``lang`` if a clean translation exists, else (the English career, why not).

    Raises ``ProfileError`` only for errors of the English profile itself.
    """
    inputs = inputs or Inputs()
    english = parse(english_path, inputs.get(english_path).text)
    career = validate(english)
    path = translation_path(english_path, lang)
    if lang == "en" or not path.exists():
        return career, []
    try:
        translation = parse(path, inputs.get(path).text)
    except ProfileError as exc:
        return career, list(exc.findings)
    findings = check_translation(english, translation, lang)
    if any(finding.severity == ERROR for finding in findings):
        return career, findings
    try:
        return merge(english, translation, lang), findings
    except ProfileError as exc:
        return career, list(exc.findings)
