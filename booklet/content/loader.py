"""YAML profile → validated ``Career``, with every problem located in the file.

PyYAML's composed node tree keeps the line and column of every key and value,
so we compose first, construct plain data from the same nodes, validate with
pydantic, and map each error's ``loc`` back to a node.  Authors see
``content/careers/x.yaml:12:5: roles[2].share: …`` instead of a traceback, and
see all problems at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from booklet.content.model import Career
from booklet.errors import Finding, ProfileError, display_path
from booklet.inputs import read_input
from booklet.limits import MAX_NUMBER_DIGITS, MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_NODES

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser is ~10x faster, same marks
    """PyYAML's safe loader with YAML 1.2's plain scalars and bounded numbers.

    YAML 1.1 reads ``0x88B8`` and ``9:43:20`` as integers and ``yes``/``on`` as
    true, so a typo becomes a number; here only decimal numbers, ``true`` and
    ``false``, and ``YYYY-MM-DD`` dates are anything but text.  A number of
    thousands of digits, or a date like 2026-02-30, is a located error rather
    than a crash in the constructor.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {}

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        self._bounded(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        self._bounded(node)
        return super().construct_yaml_float(node)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a real date (YYYY-MM-DD)", node.start_mark) from None

    @staticmethod
    def _bounded(node: yaml.ScalarNode) -> None:
        if sum(char.isdigit() for char in node.value) > MAX_NUMBER_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of more than {MAX_NUMBER_DIGITS} digits is not a real figure",
                node.start_mark)


for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", list("-+.0123456789")),
    ("timestamp", r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", list("0123456789")),
    ("merge", r"^<<$", ["<"]),
):
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


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
        return Finding(display_path(self.path), line, column, message, field=field_name(loc), **extra)


def _duplicate_keys(doc: Document, root: yaml.Node | None) -> list[Finding]:
    """PyYAML keeps the last of two equal keys silently; an author wants to know.

    Each node is visited once, however many aliases point at it: the walk costs
    what the file is, not what its aliases would expand to.
    """
    found: list[Finding] = []
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node | None, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if node is None or id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if key.value in keys:
                    found.append(Finding(display_path(doc.path), key.start_mark.line + 1, key.start_mark.column + 1,
                                         "appears twice in the same mapping",
                                         field=field_name((*loc, str(key.value))), rule="duplicate-key"))
                if isinstance(key.value, str):
                    keys.add(key.value)
                stack.append((value, (*loc, str(key.value))))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*loc, index)) for index, item in enumerate(node.value))
    return sorted(found, key=lambda f: (f.line, f.column))


def _too_big(path: Path, text: str) -> Finding | None:
    """The first place where ``text`` exceeds a YAML limit: nesting, nodes after alias expansion, aliases.

    Read from the event stream before anything is built, so a "billion laughs"
    file of a few hundred bytes is refused in microseconds instead of being
    expanded by the validator.
    """
    sizes: dict[str, int] = {}  # anchor → nodes it expands to
    frames: list[list] = []  # open collections: [anchor, nodes so far]
    total = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        where = (display_path(path), mark.line + 1, mark.column + 1)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            frames.append([event.anchor, 1])
            if len(frames) > MAX_YAML_DEPTH:
                return Finding(*where, f"nesting is deeper than {MAX_YAML_DEPTH} levels", rule="too-large")
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            anchor, size = frames.pop()
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                return Finding(*where, f"uses more than {MAX_YAML_ALIASES} aliases (*name)", rule="too-large")
            anchor, size = None, sizes.get(event.anchor, 1)
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        else:
            continue
        if anchor:
            sizes[anchor] = size
        if frames:
            frames[-1][1] += size
        total += size if isinstance(event, yaml.AliasEvent) else 1
        if total > MAX_YAML_NODES:
            return Finding(*where, f"expands to more than {MAX_YAML_NODES:,} values (aliases included)",
                           rule="too-large")
    return None


def _yaml_error(path: Path, text: str, exc: yaml.YAMLError) -> Finding:
    """A parser, reader or constructor error as a located finding."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
    elif isinstance(exc, yaml.reader.ReaderError):
        position = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        problem = f"character {exc.character!r} is not allowed in YAML (a control character?)" \
            if isinstance(exc.character, str) else str(exc.reason)
    else:
        line, column, problem = 1, 1, str(exc)
    return Finding(display_path(path), line, column, f"YAML syntax error: {problem}", rule="yaml-syntax")


def parse(path: Path, text: str | None = None) -> Document:
    """Parse YAML into a ``Document``; every problem (unreadable, too big, syntax) is a located ``ProfileError``."""
    if text is None:
        text = read_input(path).text
    try:
        if problem := _too_big(path, text):
            raise ProfileError([problem])
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError) as exc:
        finding = _yaml_error(path, text, exc) if isinstance(exc, yaml.YAMLError) else \
            Finding(display_path(path), 1, 1, "nesting is too deep to read", rule="too-large")
        raise ProfileError([finding]) from None
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
    source_ids = {s["id"] for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)} \
        if isinstance(sources, list) else set()
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
