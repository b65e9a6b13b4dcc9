"""The shipped catalog passes every layout rule, through the real command (`booklet check --layout --quick`,
two processes): each career and translation on one paper and format in turn, so that across the catalog
every paper and format is laid out many times, and each collection. The full sweep (every career on
every paper in every format, `booklet check --layout`) takes eight times as long, too long for every
run of the suite: `make layout-sweep` runs these same tests over it (BOOKLET_FULL_SWEEP=1), before a
release, and its result is in the README."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict

import pytest

from booklet.catalog import all_collections, all_profiles
from booklet.content.check import translations_of
from booklet.options import FORMATS, PAPERS
from tests.conftest import CONTENT, REPO

PROFILES = all_profiles(CONTENT)
TRANSLATIONS = translations_of(CONTENT / "careers")
COLLECTIONS = all_collections(CONTENT)
FULL_SWEEP = os.environ.get("BOOKLET_FULL_SWEEP") == "1"


@pytest.fixture(scope="module")
def report() -> dict:
    sweep = [] if FULL_SWEEP else ["--quick"]
    result = subprocess.run([sys.executable, "-m", "booklet", "check", "--layout", *sweep, "--format", "json",
                             "--jobs", "2", "--content", str(CONTENT)], capture_output=True, text=True, cwd=REPO,
                            timeout=3600)
    assert result.returncode in (0, 1, 2), result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def findings(report) -> dict[str, list[str]]:
    """Layout findings by file name (profile, translation or collection)."""
    found = defaultdict(list)
    for finding in report["findings"]:
        if finding["rule"] in LAYOUT_RULES or finding["rule"] == "layout-fit":
            found[finding["path"].rsplit("/", 2)[-1] if "/hi/" not in finding["path"] else
                  "hi/" + finding["path"].rsplit("/", 1)[-1]].append(
                f"{finding['field']}: {finding['rule']}: {finding['message']}")
    return found


# Findings the catalog still has, each a known limit of the current layout ("file": ["format, paper, lang:
# rule: message"]), listed so that the test fails both when a new one appears and when one of these is
# fixed (then remove it here).  None today.
KNOWN: dict[str, list[str]] = {}

LAYOUT_RULES = {"overflow", "chart-text-clipped", "text-collision", "page-underfilled", "page-sparse-last",
                "heading-stranded", "unit-split", "type-too-small", "line-too-long", "number-format",
                "handout-unbalanced"}


def test_every_output_was_checked(report):
    summary = report["summary"]
    assert summary["profiles"] == len(PROFILES) and summary["translations"] == len(TRANSLATIONS)
    assert summary["collections"] == len(COLLECTIONS)
    layouts_each = len(FORMATS) * len(PAPERS) if FULL_SWEEP else 1
    assert summary["layouts"] == (len(PROFILES) + len(TRANSLATIONS)) * layouts_each + len(COLLECTIONS)
    assert len(PROFILES) >= 2 * len(FORMATS) * len(PAPERS)  # so every pairing is laid out at least twice


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_career_passes_every_layout_rule(findings, profile):
    assert findings.get(profile.name, []) == KNOWN.get(profile.name, [])


@pytest.mark.parametrize("translation", TRANSLATIONS, ids=[f"hi-{p.stem}" for p in TRANSLATIONS])
def test_translation_passes_every_layout_rule(findings, translation):
    assert findings.get(f"hi/{translation.name}", []) == KNOWN.get(f"hi/{translation.name}", [])


@pytest.mark.parametrize("collection", COLLECTIONS, ids=[p.stem for p in COLLECTIONS])
def test_collection_passes_every_layout_rule(findings, collection):
    assert findings.get(collection.name, []) == KNOWN.get(collection.name, [])
