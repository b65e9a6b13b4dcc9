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
    order = {code: rank for rank, code in enumerate((career.occupation.soc, *related_codes(career.occupation.soc)))}
    found = [other for other in catalog if other.slug != career.slug and other.occupation.soc in order]
    return sorted(found, key=lambda other: (order[other.occupation.soc], other.title))
