"""Collections: one booklet that gathers several careers under a shared cover.

``content/collections/<slug>.yaml`` names its careers by slug, or selects
them by field and/or tags; either way the order in the booklet is the order
given (or alphabetical by title for a selection).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from booklet.catalog import did_you_mean
from booklet.content.loader import Document, parse, validate_as
from booklet.content.model import Career, Strict, Text
from booklet.errors import Finding, ProfileError
from booklet.limits import MAX_SLUG_LENGTH, MAX_TITLE_LENGTH

COMPARE_DEFAULT = (2, 12)  # a collection of this many careers gets comparison tables unless it says otherwise


class Selection(Strict):
    field: str | None = Field(default=None, description="Every career whose field is this.")
    tags: list[str] = Field(default_factory=list, description="Every career with at least one of these tags.")


class Collection(Strict):
    """A multi-career booklet, one YAML file in content/collections/."""

    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=MAX_SLUG_LENGTH,
                      description="File name without .yaml.")
    title: Text = Field(max_length=MAX_TITLE_LENGTH)
    subtitle: Text
    audience: Text = Field(description="Who the booklet is for, printed on the cover.")
    introduction: Text = Field(description="A few paragraphs; blank lines separate paragraphs.")
    careers: list[str] = Field(default_factory=list, description="Career slugs, in booklet order.")
    select: Selection | None = Field(default=None, description="Or: choose careers by field and/or tags.")
    paper: Literal["a4", "letter"] = "a4"
    brand: str | None = Field(default=None, max_length=200, description="A brand file, relative to this collection "
                                                                        "file; `--brand` overrides it.")
    lang: Literal["en", "hi"] | None = Field(default=None, description="The edition's language; `--lang` overrides "
                                                                       "it. Left out, the build's (English).")
    compare: bool | None = Field(default=None, description="Print the careers side by side after the contents, in "
                                                           "tables of at most four. Left out, on for 2–12 careers.")

    @model_validator(mode="after")
    def _one_way_to_choose(self) -> Collection:
        if bool(self.careers) == (self.select is not None):
            raise PydanticCustomError("collection-careers", "give either `careers` (a list of slugs) or `select`")
        return self

    def compares(self, count: int) -> bool:
        """Whether a collection of ``count`` careers gets comparison tables after its contents."""
        return self.compare if self.compare is not None else COMPARE_DEFAULT[0] <= count <= COMPARE_DEFAULT[1]

    def members(self, catalog: dict[str, Career]) -> list[Career]:
        if self.careers:
            return [catalog[slug] for slug in self.careers]
        chosen = [
            career for career in catalog.values()
            if (self.select.field is None or career.field == self.select.field)
            and (not self.select.tags or set(self.select.tags) & set(career.tags))
        ]
        return sorted(chosen, key=lambda career: career.title)


def load_collection_file(path: Path, text: str | None = None) -> tuple[Document, Collection]:
    """Parse and validate a collection file on its own (its careers are not resolved)."""
    doc = parse(path, text)
    return doc, validate_as(Collection, doc)


def load_collection(path: Path, catalog: dict[str, Career], text: str | None = None,
                    known: set[str] | None = None) -> tuple[Collection, list[Career]]:
    """Validate a collection and resolve its careers; every problem is a located error.

    ``catalog`` holds the careers that can be built; ``known`` every slug in
    the content folder, so a member that exists but has errors is told apart
    from one that does not exist.
    """
    doc, collection = load_collection_file(path, text)
    findings: list[Finding] = []
    if collection.slug != path.stem:
        findings.append(doc.finding(("slug",), f"'{collection.slug}' does not match the file name",
                                    rule="slug-filename"))
    seen: set[str] = set()
    for index, slug in enumerate(collection.careers):
        if slug in seen:
            findings.append(doc.finding(("careers", index), f"'{slug}' is listed twice; a career is printed once",
                                        rule="duplicate-career"))
        elif slug not in catalog:
            problem = "has errors (see `booklet check`)" if known and slug in known else \
                "is not a career in the catalog" + did_you_mean(slug, sorted(known or catalog))
            findings.append(doc.finding(("careers", index), f"'{slug}' {problem}", rule="unknown-career"))
        seen.add(slug)
    if findings:
        raise ProfileError(findings)
    members = collection.members(catalog)
    if not members:
        raise ProfileError([doc.finding(("select",), "selects no careers", rule="empty-collection")])
    return collection, members
