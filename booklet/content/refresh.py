"""``booklet refresh wages``: a profile's U.S. salary block rewritten from the project's OEWS data.

The rewrite goes through ruamel.yaml's round trip, which keeps comments, key
order, quoting and line wrapping, and touches only two places: the U.S. entry
of ``salary`` and the source entry it cites.  Within them, a value is
assigned only where it differs, so an unchanged figure keeps its spelling, and
a profile that is already right comes back byte for byte.  A file the round
trip itself would alter (unusual indentation, say) is refused rather than
reformatted.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

from booklet import wages
from booklet.content.loader import parse, validate
from booklet.content.model import LEVELS, RegionSalary, Source
from booklet.errors import ProfileError
from booklet.i18n import Text

US_KEYS = ("region", "currency", "levels", "top_10_percent", "percentiles", "source", "estimate", "basis")


@dataclass(frozen=True)
class Change:
    """One value the rewrite changed: where, and from what to what (None: absent)."""

    field: str
    old: Any
    new: Any

    def __str__(self) -> str:
        if self.old is None and isinstance(self.new, dict):
            return f"{self.field} added"
        if isinstance(self.new, str) and isinstance(self.old, str) and len(self.old) + len(self.new) > 60:
            return f"{self.field} reworded"
        return f"{self.field} {_shown(self.old)} → {_shown(self.new)}"


def _shown(value: Any) -> str:
    return "(none)" if value is None else str(value)


@dataclass
class Refreshed:
    """A profile's new text and what changed; ``changes`` is empty when the file was already right."""

    path: Path
    text: str
    changes: list[Change] = field(default_factory=list)
    note: str = ""  # why nothing was rewritten, when that is not because all was right


def _yaml() -> YAML:
    """The round-trip settings every profile is written in: two-space maps, lists indented by two, no re-wrapping."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _flow(mapping: dict) -> CommentedMap:
    node = CommentedMap(mapping)
    node.fa.set_flow_style()
    return node


def _wanted_salary(salary: RegionSalary) -> dict[str, Any]:
    """The U.S. block as YAML values styled as profiles write them: keys in order, bands and percentiles on one
    line each, the basis folded with the rule's sentence on a line of its own."""
    values = salary.model_dump(mode="json", exclude_none=True)
    values["levels"] = CommentedMap((level, _flow(values["levels"][level])) for level in LEVELS)
    values["percentiles"] = _flow(values["percentiles"])
    basis = FoldedScalarString(salary.basis)
    basis.fold_pos = [len(salary.basis) - len(Text()._(wages.RULE_NOTE)) - 1]
    values["basis"] = basis
    return {key: values[key] for key in US_KEYS if key in values}


def _wanted_source(source: Source) -> dict[str, Any]:
    values = source.model_dump(mode="json")
    values["title"] = DoubleQuotedScalarString(values["title"])
    return values


def _sync(node: CommentedMap, wanted: dict[str, Any], where: str, changes: list[Change]) -> None:
    """Make ``node`` hold ``wanted``, assigning only what differs; removed and added keys are changes too."""
    for key in [key for key in node if key not in wanted]:
        changes.append(Change(f"{where}{key}", node[key], None))
        del node[key]
    for position, (key, value) in enumerate(wanted.items()):
        if isinstance(value, dict) and isinstance(node.get(key), CommentedMap):
            _sync(node[key], value, f"{where}{key}.", changes)
        elif key not in node:
            changes.append(Change(f"{where}{key}", None, value))
            node.insert(min(position, len(node)), key, value)
        elif node[key] != value:
            changes.append(Change(f"{where}{key}", node[key], value))
            node[key] = value


def _sync_source(data: CommentedMap, old_id: str | None, source: Source, changes: list[Change]) -> None:
    """The source entry the U.S. block cites: updated where it is, or rewritten in place of the one it replaces.

    The entry the old figures cited becomes the new source unless another salary block still cites it.
    """
    sources = data.setdefault("sources", [])
    wanted = _wanted_source(source)
    by_id = {entry.get("id"): index for index, entry in enumerate(sources) if isinstance(entry, dict)}
    cited_elsewhere = {pay.get("source") for pay in data.get("salary", []) if pay.get("region") != "US"}
    if source.id in by_id:
        index = by_id[source.id]
    elif old_id in by_id and old_id not in cited_elsewhere:
        index = by_id[old_id]
    else:
        index = by_id[old_id] + 1 if old_id in by_id else 0
        sources.insert(index, CommentedMap())
    _sync(sources[index], wanted, f"sources[{index}].", changes)


def refresh_text(path: Path, text: str) -> Refreshed:
    """``text`` (the profile at ``path``) with its U.S. pay made from the project's OEWS data.

    Raises ``ProfileError`` (located) for a profile with errors, a code with no OEWS figures, or a file the
    round trip cannot keep byte for byte.
    """
    doc = parse(path, text)
    career = validate(doc)
    if career.occupation.match == "none":
        return Refreshed(path, text, note="no U.S. pay (occupation match: none)")
    try:
        block = wages.us_block(career.occupation.soc)
    except wages.WageError as exc:
        raise ProfileError([doc.finding(("occupation", "soc"), str(exc), rule="wage-no-data")]) from None
    yaml = _yaml()
    data = yaml.load(text)
    if _dump(yaml, data) != text:
        raise ProfileError([doc.finding((), "ruamel.yaml cannot rewrite this file without changing other lines "
                                            "(unusual indentation or spacing?); update its U.S. pay by hand",
                                        rule="refresh-format")])
    changes: list[Change] = []
    salary = data["salary"]
    index = next((i for i, pay in enumerate(salary) if pay.get("region") == "US"), None)
    old_id = salary[index].get("source") if index is not None else None
    if index is None:  # written first, where every profile has it; reported as one change
        salary.insert(0, CommentedMap())
        _sync(salary[0], _wanted_salary(block.salary), "", [])
        changes.append(Change("salary[US]", None, dict(salary[0])))
    else:
        _sync(salary[index], _wanted_salary(block.salary), "", changes)
    _sync_source(data, old_id, block.source, changes)
    new_text = _dump(yaml, data)
    return Refreshed(path, new_text, changes if new_text != text else [])

