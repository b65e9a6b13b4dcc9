"""Related careers: the catalog careers O*NET lists among an occupation's related occupations.

O*NET names twenty related occupations for each occupation it rates, most
related first.  A catalog career is related to another when its O*NET-SOC code
is in that list for the other's code; careers that share the career's own code
are related too (one occupation, two booklets), listed first.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from booklet import facts
from booklet.content.model import Career


@cache
def _related() -> dict[str, tuple[str, ...]]:
    return {row["code"]: tuple(row["related"].split()) for row in facts.table("onet", "related.csv")}


def related_codes(code: str) -> tuple[str, ...]:
    """The O*NET-SOC codes O*NET lists as related to ``code``, in its order (empty where it lists none)."""
    return _related().get(code, ())


def related_careers(career: Career, catalog: Iterable[Career]) -> list[Career]:
    """Careers of ``catalog`` related to ``career`` by O*NET, in O*NET's order; never ``career`` itself."""
    listed = {other.slug: other for other in catalog}
    entries = [(other.slug, other.title, other.occupation.soc) for other in listed.values()]
    return [listed[slug] for slug, _title, _soc in related_entries(career.slug, career.occupation.soc, entries)]


def related_entries(slug: str, code: str, catalog: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The (slug, title, code) entries of ``catalog`` related to the career ``slug`` coded ``code``, in order.

    What a build carries to its workers (``Options.catalog``) is such entries, not whole careers.
    """
    order = {other: rank for rank, other in enumerate((code, *related_codes(code)))}
    found = [entry for entry in catalog if entry[0] != slug and entry[2] in order]
    return sorted(found, key=lambda entry: (order[entry[2]], entry[1]))
