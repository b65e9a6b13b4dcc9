"""Interests (RIASEC): what kind of work an occupation involves, and which occupations fit a student's code.

O*NET rates every occupation on John Holland's six interest areas, each from
1 to 7: Realistic, Investigative, Artistic, Social, Enterprising and
Conventional.  An occupation's *Holland code* is O*NET's own high-point code,
read from the data rather than recomputed: the letters of its first, second
and third interest high points, in that order, with fewer letters where
O*NET names fewer (``EC`` for Chief Executives).

A student's code ('IRC', 'SA', 'E') is matched to occupations by one
documented similarity, :func:`similarity`: the cosine between the student's
letters weighted 3, 2, 1 and the occupation's six scores less 1.  It rewards
an occupation whose strongest areas are the student's, in the student's
order, and penalises strength in areas the student did not choose; it does
not depend on how high an occupation's ratings run overall.  Shown as 0–100.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from booklet import facts
from booklet.content.collection import Collection
from booklet.content.model import Career
from booklet.errors import BookletError
from booklet.i18n import Text, _

RIASEC = "RIASEC"
AREAS: dict[str, str] = {"R": _("Realistic"), "I": _("Investigative"), "A": _("Artistic"), "S": _("Social"),
                         "E": _("Enterprising"), "C": _("Conventional")}
# What people who score high in each area like doing, as the description sentence says it.
LIKES: dict[str, str] = {
    "R": _("building or repairing things"),
    "I": _("investigating how things work"),
    "A": _("creating original work"),
    "S": _("helping people"),
    "E": _("leading others"),
    "C": _("keeping things organised"),
}
DESCRIBE = _("People in this career tend to like %(activities)s.")
WEIGHTS = (3, 2, 1)  # a student's first, second and third letters
LOWEST = 1.0  # O*NET's scale starts at 1 ("not at all"), which counts for nothing in the similarity


class CodeError(BookletError):
    """A student's interest code that is not one to three different RIASEC letters."""


@dataclass(frozen=True)
class Interests:
    """One occupation's interest scores (1–7, in RIASEC order) and its O*NET high-point code."""

    code: str  # O*NET-SOC code, '15-2051.00'
    title: str
    scores: tuple[float, float, float, float, float, float]
    holland: str  # 'IC'

    def score(self, letter: str) -> float:
        return self.scores[RIASEC.index(letter)]


@cache
def titles() -> dict[str, str]:
    """O*NET-SOC code → O*NET title, for every occupation O*NET describes."""
    return {row["code"]: row["title"] for row in facts.table("onet", "occupations.csv")}


@cache
def _all() -> dict[str, Interests]:
    return {row["code"]: Interests(row["code"], titles()[row["code"]],
                                   tuple(float(row[letter]) for letter in RIASEC), row["high"])
            for row in facts.table("onet", "interests.csv")}


def interests(code: str) -> Interests | None:
    """The interests of an O*NET-SOC code, or None where O*NET rates none (military and 'All Other' codes)."""
    return _all().get(code)


def occupations() -> list[Interests]:
    """Every occupation O*NET rates, in code order."""
    return list(_all().values())


def student_code(code: str) -> str:
    """A student's code in capitals ('irc' → 'IRC'), or a ``CodeError`` saying what a code is."""
    normal = code.strip().upper()
    if not 1 <= len(normal) <= 3 or any(letter not in RIASEC for letter in normal) or len(set(normal)) < len(normal):
        raise CodeError(f"'{code}' is not an interest code: give one to three different letters of R, I, A, S, E "
                        "and C, strongest first (for example IRC or SA)")
    return normal


def similarity(code: str, occupation: Interests) -> float:
    """How well an occupation fits a student's code, from 0 to 1.

    cos(w, s − 1): ``w`` holds 3, 2 and 1 at the student's first, second and third letters (0 elsewhere),
    ``s`` the occupation's six scores; subtracting 1, the bottom of O*NET's scale, makes an area the
    occupation does not involve count for nothing.  Both vectors are non-negative, so the result is 0–1.
    """
    weights = [0.0] * len(RIASEC)
    for weight, letter in zip(WEIGHTS, student_code(code), strict=False):
        weights[RIASEC.index(letter)] = weight
    shape = [score - LOWEST for score in occupation.scores]
    norm = math.hypot(*weights) * math.hypot(*shape)
    return sum(w * s for w, s in zip(weights, shape, strict=True)) / norm if norm else 0.0


@dataclass(frozen=True)
class Fit:
    occupation: Interests
    score: float  # similarity, 0–1

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def ranked(code: str, candidates: Iterable[Interests]) -> list[Fit]:
    """``candidates`` by fit to a student's code, best first (ties by title)."""
    code = student_code(code)
    fits = [Fit(occupation, similarity(code, occupation)) for occupation in candidates]
    return sorted(fits, key=lambda fit: (-fit.score, fit.occupation.title))


def likes(code: str, text: Text | None = None) -> str:
    """What people with ``code`` tend to like: 'investigating how things work and helping people'."""
    text = text or Text()
    return text.join_list([text._(LIKES[letter]) for letter in code])


def describe(code: str, text: Text | None = None) -> str:
    """'People in this career tend to like investigating how things work and building or repairing things.'"""
    text = text or Text()
    return text._(DESCRIBE, activities=likes(code, text))


@dataclass(frozen=True)
class CareerFit:
    career: Career
    fit: Fit


def rank_careers(code: str, careers: Iterable[Career]) -> tuple[list[CareerFit], list[Career]]:
    """Catalog careers by fit to a student's code, best first; and those whose code O*NET gives no scores."""
    rated, unrated = [], []
    for career in careers:
        scores = interests(career.occupation.soc)
        if scores is None:
            unrated.append(career)
        else:
            rated.append(CareerFit(career, Fit(scores, similarity(code, scores))))
    return sorted(rated, key=lambda item: (-item.fit.score, item.career.title)), unrated


def outside_catalog(code: str, careers: Iterable[Career]) -> list[Fit]:
    """The occupations O*NET rates that no catalog career is coded as, by fit to a student's code."""
    taken = {career.occupation.soc for career in careers}
    return ranked(code, (occupation for occupation in occupations() if occupation.code not in taken))


def collection_for(code: str, careers: list[Career]) -> Collection:
    """A collection of ``careers`` (the best fits, in order) for a student whose code is ``code``."""
    code = student_code(code)
    names = ", ".join(f"{AREAS[letter]} ({letter})" for letter in code)
    introduction = (
        f"These are the careers in our catalog whose interests, as O*NET rates them, come closest to the code "
        f"{code}: {names}. People with these interests tend to like {likes(code)}.\n\n"
        f"The fit is the similarity between your letters, weighted 3, 2 and 1, and each occupation's six O*NET "
        f"interest scores. It is a conversation starter, not a test: read each chapter, talk about it with someone "
        f"who knows you, and keep the careers that surprise you in mind too.\n\n{facts.release('onet').attribution}")
    return Collection(slug=f"match-{code.lower()}", title=f"Careers for the interest code {code}",
                      subtitle=f"The {len(careers)} careers in our catalog that fit {names} best",
                      audience="For a student who has worked out their interest code, with their family and "
                               "counsellor",
                      introduction=introduction, careers=[career.slug for career in careers])
