"""YAML profile → validated ``Career``, with every problem located in the file.

PyYAML's composed node tree keeps the line and column of every key and value,
so we compose first, construct plain data from the same nodes, validate with
pydantic, and map each error's ``loc`` back to a node.  Authors see
``content/careers/x.yaml:12:5: roles[2].share: …`` instead of a traceback, and
see all problems at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from booklet.content.model import Career
from booklet.errors import Finding, ProfileError

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)
# libyaml's parser, when PyYAML was built with it, is ~10x faster and keeps the same marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def field_name(loc: Loc) -> str:
    """Render a pydantic/our location as ``roles[2].share``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its plain data and the node tree that locates it."""

    path: Path
    data: Any
    root: yaml.Node | None

    def locate(self, loc: Loc) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node ``loc`` reaches.

        A mapping's key is reported rather than its value, since that is where
        a reader looks for "the field".  A location that does not exist (a
        missing field) falls back to the nearest existing parent.
        """
        node = self.root
        mark = node.start_mark if node is not None else None
        for part in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = next((kv for kv in node.value if kv[0].value == part), None)
                if pair is None:
                    break
                mark, node = pair[0].start_mark, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        if mark is None:
            return 1, 1
        return mark.line + 1, mark.column + 1

    def finding(self, loc: Loc, message: str, **extra: str) -> Finding:
        line, column = self.locate(loc)
        return Finding(str(self.path), line, column, message, field=field_name(loc), **extra)


def _duplicate_keys(doc: Document, node: yaml.Node | None, loc: Loc = ()) -> list[Finding]:
    """PyYAML keeps the last of two equal keys silently; an author wants to know."""
    found: list[Finding] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                line, column = key.start_mark.line + 1, key.start_mark.column + 1
                found.append(
                    Finding(str(doc.path), line, column, "appears twice in the same mapping",
                            field=field_name((*loc, key.value)), rule="duplicate-key")
                )
            seen.add(key.value)
            found += _duplicate_keys(doc, value, (*loc, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _duplicate_keys(doc, item, (*loc, index))
    return found


def parse(path: Path, text: str | None = None) -> Document:
    """Parse YAML into a ``Document``; syntax errors become a located ``ProfileError``."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError([Finding(str(path), 1, 1, f"cannot read file: {exc}", rule="unreadable")]) from None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        raise ProfileError(
            [Finding(str(path), line, column, f"YAML syntax error: {problem}", rule="yaml-syntax")]
        ) from None
    finally:
        loader.dispose()
    doc = Document(path, data, root)
    duplicates = _duplicate_keys(doc, root)
    if duplicates:
        raise ProfileError(duplicates)
    return doc


_PLAIN_WORDS = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a field of the profile format (check the spelling)",
}


def _rule(error: dict[str, Any]) -> str:
    """The rule id ``check`` prints for a validation error."""
    kind = error["type"]
    if "-" in kind:  # our own PydanticCustomError types are rule ids already
        return kind
    if kind in {"too_short", "string_too_short"}:
        return "empty-section"
    if kind == "literal_error" and error["loc"] and error["loc"][-1] == "region":
        return "unknown-region"
    return {"missing": "missing-field", "extra_forbidden": "unknown-field"}.get(kind, "schema")


def _message(error: dict[str, Any]) -> str:
    """Pydantic's message in plain words, with the offending value where it helps."""
    kind = error["type"]
    if kind in _PLAIN_WORDS:
        return _PLAIN_WORDS[kind]
    if kind in {"too_short", "string_too_short"} and not error.get("input"):
        return "is empty; this section must be filled in"
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if "-" not in kind and isinstance(value, (str, int, float, bool)):
        message += f" (got {value!r})"
    return message


def validate(doc: Document) -> Career:
    """Validate parsed data as a ``Career``; all errors at once, located."""
    return validate_as(Career, doc)


def validate_as(model: type[M], doc: Document) -> M:
    """Validate parsed data as ``model``; all errors at once, located."""
    if not isinstance(doc.data, dict):
        raise ProfileError([doc.finding((), "a profile must be a YAML mapping of fields", rule="schema")])
    sources = doc.data.get("sources")
    source_ids = {s.get("id") for s in sources if isinstance(s, dict)} if isinstance(sources, list) else set()
    try:
        return model.model_validate(doc.data, context={"source_ids": source_ids})
    except ValidationError as exc:
        findings = [
            doc.finding(tuple(error["loc"]), _message(error), rule=_rule(error)) for error in exc.errors()
        ]
        raise ProfileError(sorted(findings, key=lambda f: (f.line, f.column))) from None


def load(path: Path) -> Career:
    """Read, parse and validate one profile file."""
    return validate(parse(path))
