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


COLLECTION_TITLE = _("Careers for interest code %(code)s")
COLLECTION_SUBTITLE = _("The %(count)s careers in our catalog that fit %(names)s best")
COLLECTION_AUDIENCE = _("For a student who has worked out their interest code, with their family and counsellor")
COLLECTION_INTRODUCTION = (
    _("These are the careers in our catalog whose interests, as O*NET rates them, come closest to the code "
      "%(code)s: %(names)s. People with these interests tend to like %(likes)s."),
    _("The fit is the similarity between your letters, weighted 3, 2 and 1, and each occupation's six O*NET "
      "interest scores. It is a conversation starter, not a test: read each chapter, talk about it with someone "
      "who knows you, and keep the careers that surprise you in mind too."),
    _("This booklet includes information from the %(release)s Database by the U.S. Department of Labor, Employment "
      "and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of "
      "USDOL/ETA. USDOL/ETA has not approved, endorsed, or tested these modifications."),
)


def code_names(code: str, text: Text | None = None) -> str:
    """'Investigative (I), Realistic (R) and Conventional (C)'."""
    text = text or Text()
    return text.join_list([f"{text._(AREAS[letter])} ({letter})" for letter in code])


def collection_for(code: str, careers: list[Career], text: Text | None = None) -> Collection:
    """A collection of ``careers`` (the best fits, in order) for a student whose code is ``code``."""
    text = text or Text()
    code = student_code(code)
    names = code_names(code, text)
    values = {"code": code, "names": names, "likes": likes(code, text), "release": facts.release("onet").release,
              "count": text.number(len(careers))}
    return Collection(slug=f"match-{code.lower()}", title=text._(COLLECTION_TITLE, **values),
                      subtitle=text._(COLLECTION_SUBTITLE, **values), audience=text._(COLLECTION_AUDIENCE),
                      introduction="\n\n".join(text._(part, **values) for part in COLLECTION_INTRODUCTION),
                      careers=[career.slug for career in careers], lang=None if text.lang == "en" else text.lang)


# The worksheet (``booklet interests``): activities a student ticks, six to an area, so each area's ticks are
# its score (0–6) and the three highest give a code.  Written for this project for students of about 15, in
# India and elsewhere; not taken from any published inventory.
WORKSHEET_ITEMS: dict[str, tuple[str, ...]] = {
    "R": (_("Fix a bicycle, a fan or a charger that has stopped working"),
          _("Build something with tools: a shelf, a model, a robot kit"),
          _("Grow vegetables, look after plants or care for animals"),
          _("Cook a full meal for your family"),
          _("Work outdoors, even in heat or rain"),
          _("Learn to handle a machine: a scooter, a sewing machine, a drill")),
    "I": (_("Find out why something happens by testing it yourself"),
          _("Solve maths puzzles or logic problems for fun"),
          _("Watch or read explainers about space, the body or the internet"),
          _("Do a science experiment and note what you see"),
          _("Compare the numbers to find which phone plan is the best value"),
          _("Keep asking \u201cwhy?\u201d until an answer really makes sense")),
    "A": (_("Draw, paint, or design posters, clothes or rooms"),
          _("Write stories, poems, songs or scripts"),
          _("Play an instrument, sing or dance"),
          _("Make and edit videos, photos or animations"),
          _("Act in a play or perform in front of an audience"),
          _("Decorate for a festival or an event in your own style")),
    "S": (_("Explain a lesson to a classmate who is stuck"),
          _("Look after younger children or an elderly relative"),
          _("Listen to a friend's problem and help them feel better"),
          _("Volunteer for a clean-up drive, a blood donation camp or a charity"),
          _("Welcome a new student and help them settle in"),
          _("Coach a team or teach someone a skill")),
    "E": (_("Be a class monitor, a team captain or a group leader"),
          _("Persuade people to join your idea or plan"),
          _("Sell things at a school fair or help in a family shop"),
          _("Organise a trip or a fundraiser and get others to help"),
          _("Speak in a debate or in front of the school assembly"),
          _("Start a small business or side project to earn money")),
    "C": (_("Keep your notes, files or room neatly organised"),
          _("Keep track of money: pocket money, a budget or a shop's accounts"),
          _("Fill in forms or tables carefully and check them for mistakes"),
          _("Make a timetable and stick to it"),
          _("Sort and label things: books, photos, a collection"),
          _("Follow step-by-step instructions exactly")),
}
# What each area is about, in a few words, under its name on the worksheet.
ABOUT: dict[str, str] = {
    "R": _("doing and making: tools, machines, plants, animals, the outdoors"),
    "I": _("thinking and finding out: science, numbers, puzzles"),
    "A": _("creating and expressing: art, words, music, design"),
    "S": _("helping and teaching: people, care, community"),
    "E": _("leading and persuading: ideas, selling, organising people"),
    "C": _("organising and checking: records, money, order, detail"),
}
