"""``booklet refresh data``: the project's compact copy of the public datasets, regenerated from a release.

The public files are large (the OEWS table alone is 4 MB, O*NET's five tables
11 MB) and hold much the booklets never print.  This keeps what the project
uses, in small CSV tables under ``assets/data/`` that ship inside the
package, with a ``release.json`` and a README naming the release, its licence
and the attribution text copied verbatim from the dataset's own README.  A
new release is one command: point ``--from`` at the folder holding ``oews/``
and ``onet/`` as published in the shared data folder.

What is kept:

- OEWS: the annual 10th/25th/50th/75th/90th percentile wages of every
  occupation that has an O*NET-SOC code, for the nation (``wages/US.csv``)
  and each state and territory (``wages/<postal code>.csv``); the BLS title
  of each code; the areas with their postal codes.  A row with no published
  quartiles (BLS footnotes 4, 5 and 8: hourly-only, top-coded or not
  released) is left out: for the project it is "no figure".
- O*NET: titles, the six interest scores and O*NET's high-point code of each
  occupation, and its related occupations in O*NET's order.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from pathlib import Path

from booklet import facts
from booklet.errors import BookletError, display_path
from booklet.output import write_atomic

RIASEC = "RIASEC"
INTEREST_NAMES = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
HIGH_POINTS = ("First Interest High-Point", "Second Interest High-Point", "Third Interest High-Point")
PERCENTILES = ("p10", "p25", "median", "p75", "p90")
NATIONAL = "US"
# USPS codes of the areas OEWS publishes, by the name it gives them (a standard list, not a figure).
POSTAL = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
    "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC", "Florida": "FL", "Georgia": "GA",
    "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS",
    "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI",
    "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
    "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX",
    "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA", "West Virginia": "WV", "Wisconsin": "WI",
    "Wyoming": "WY", "Guam": "GU", "Puerto Rico": "PR", "Virgin Islands": "VI",
}
OEWS_FILE = re.compile(r"^oews-(?P<month>[a-z]+)(?P<year>\d{4})-national-and-states\.csv$")
OEWS_COLUMNS = ("area_type", "area_name", "soc_code", "occupation", "annual_p10", "annual_p25", "annual_median",
                "annual_p75", "annual_p90")
ONET_FILES = {
    "occupation_data.csv": ("O*NET-SOC Code", "Title"),
    "interests.csv": ("O*NET-SOC Code", "Interests Element Name", "Scale ID", "Data Value"),
    "related_occupations.csv": ("O*NET-SOC Code", "Related O*NET-SOC Code", "Index"),
}
# The licence each README must still name; a release under another licence needs a person to read it.
LICENCES = {"oews": ("public domain", "Public domain (U.S. government work)"),
            "onet": ("CC BY 4.0", "Creative Commons Attribution 4.0 International (CC BY 4.0)")}


class SourceError(BookletError):
    """The folder given to ``refresh data`` is not a dataset release as expected."""


def _fail(path: Path, message: str) -> SourceError:
    return SourceError(f"{display_path(path)}: {message}")


def _rows(path: Path, needed: tuple[str, ...]) -> list[dict[str, str]]:
    """A CSV file's rows (a BOM is ignored), refusing a file without the columns we read."""
    if not path.is_file():
        raise _fail(path, "missing")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in needed if name not in (reader.fieldnames or [])]
        if missing:
            raise _fail(path, f"has no column {', '.join(missing)}; is this the expected table?")
        return list(reader)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _readme(folder: Path, dataset: str, pattern: str) -> str:
    """The attribution text the dataset's README asks for, verbatim; and the README must name its licence."""
    path = folder / "README.md"
    if not path.is_file():
        raise _fail(path, "missing: the release's README holds its licence and attribution text")
    text = path.read_text(encoding="utf-8")
    named, _licence = LICENCES[dataset]
    if named.lower() not in text.lower():
        raise _fail(path, f"no longer names the licence '{named}'; read it before shipping this release")
    match = re.search(pattern, text, re.S | re.M)
    if not match:
        raise _fail(path, "the attribution text was not found where it used to be; copy it by hand")
    return " ".join(line.lstrip("> ").strip() for line in match.group(1).splitlines()).strip()


def _csv_bytes(header: tuple[str, ...], rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _figure(value: str) -> str:
    """An annual wage as published, or '' where BLS published none ('-', '*', '#' or empty)."""
    return value if value.isdigit() else ""


def oews(folder: Path, onet_codes: set[str]) -> dict[str, bytes]:
    """The derived OEWS files, by name, from the release in ``folder``."""
    found = [path for path in sorted(folder.glob("oews-*.csv")) if OEWS_FILE.match(path.name)]
    if len(found) != 1:
        raise _fail(folder, "expected one file named oews-<month><year>-national-and-states.csv, found "
                            f"{len(found)}")
    source = found[0]
    name = OEWS_FILE.match(source.name)
    release, year = f"{name['month'].capitalize()} {name['year']}", int(name["year"])
    attribution = _readme(folder, "oews", r'carry the note:\s*"(.+?)"')
    wanted = {code[:7] for code in onet_codes}
    titles: dict[str, str] = {}
    areas: dict[str, str] = {NATIONAL: "United States"}
    wages: dict[str, list[tuple]] = defaultdict(list)
    for row in _rows(source, OEWS_COLUMNS):
        soc = row["soc_code"]
        if soc not in wanted:
            continue
        if row["area_type"] == "N":
            area = NATIONAL
            titles[soc] = row["occupation"]
        elif row["area_type"] == "S":
            area = POSTAL.get(row["area_name"])
            if area is None:
                raise _fail(source, f"area '{row['area_name']}' has no postal code in booklet.derive.POSTAL")
            areas[area] = row["area_name"]
        else:
            continue
        figures = tuple(_figure(row[f"annual_{name}"]) for name in PERCENTILES)
        if all(figures[1:4]):  # the quartiles are what every band needs
            wages[area].append((soc, *figures))
    if not wages[NATIONAL]:
        raise _fail(source, "holds no national figures for any O*NET occupation")
    files = {
        "release.json": _release("BLS OEWS", release, year, attribution, "oews", {source.name: _digest(source)}),
        "titles.csv": _csv_bytes(("soc", "title"), sorted(titles.items())),
        "areas.csv": _csv_bytes(("code", "name"), sorted(areas.items(), key=lambda item: (item[0] != NATIONAL,
                                                                                          item[0]))),
    }
    for area, rows in wages.items():
        files[f"wages/{area}.csv"] = _csv_bytes(("soc", *PERCENTILES), sorted(rows))
    files["README.md"] = _oews_readme(release, attribution, source.name).encode("utf-8")
    return files


def onet(folder: Path) -> tuple[dict[str, bytes], set[str]]:
    """The derived O*NET files, by name, from the release in ``folder``; and every O*NET-SOC code."""
    attribution = _readme(folder, "onet", r"((?:^>[^\n]*\n?)+)")
    number = re.search(r"O\*NET ([\d.]+) Database", attribution)
    if not number:
        raise _fail(folder / "README.md", "the attribution does not name the O*NET release ('O*NET 29 Database')")
    release = f"O*NET {number.group(1)}"
    tables = {name: _rows(folder / name, columns) for name, columns in ONET_FILES.items()}
    occupations = [(row["O*NET-SOC Code"], row["Title"]) for row in tables["occupation_data.csv"]]
    scores: dict[str, dict[str, str]] = defaultdict(dict)
    for row in tables["interests.csv"]:
        scores[row["O*NET-SOC Code"]][row["Interests Element Name"]] = row["Data Value"]
    interests = []
    for code, values in sorted(scores.items()):
        if any(name not in values for name in (*INTEREST_NAMES, *HIGH_POINTS)):
            raise _fail(folder / "interests.csv", f"{code} lacks some of the six scores or high points")
        high = "".join(RIASEC[int(float(values[name])) - 1] for name in HIGH_POINTS if float(values[name]) > 0)
        interests.append((code, *(values[name] for name in INTEREST_NAMES), high))
    related: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in tables["related_occupations.csv"]:
        related[row["O*NET-SOC Code"]].append((int(row["Index"]), row["Related O*NET-SOC Code"]))
    sources = {name: _digest(folder / name) for name in ONET_FILES}
    files = {
        "release.json": _release("O*NET", release, None, attribution, "onet", sources),
        "occupations.csv": _csv_bytes(("code", "title"), sorted(occupations)),
        "interests.csv": _csv_bytes(("code", *RIASEC, "high"), interests),
        "related.csv": _csv_bytes(("code", "related"), [(code, " ".join(other for _index, other in sorted(rows)))
                                                        for code, rows in sorted(related.items())]),
        "README.md": _onet_readme(release, attribution, list(ONET_FILES)).encode("utf-8"),
    }
    return files, {code for code, _title in occupations}


def _release(dataset: str, release: str, year: int | None, attribution: str, key: str,
             sources: dict[str, str]) -> bytes:
    meta = {"dataset": dataset, "release": release, "year": year, "licence": LICENCES[key][1],
            "attribution": attribution, "sources": {name: f"sha256:{digest}" for name, digest in sources.items()}}
    return (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _oews_readme(release: str, attribution: str, source: str) -> str:
    return f"""# U.S. wages: BLS OEWS, {release}

Derived by `booklet refresh data` from `{source}` (U.S. Bureau of Labor Statistics, Occupational
Employment and Wage Statistics, {release} estimates, all industries; regenerate, never edit by hand).

- `wages/US.csv` (the nation) and `wages/<postal code>.csv` (each state and territory): annual 10th, 25th,
  50th (`median`), 75th and 90th percentile wages in USD, one row per SOC code that O*NET describes. An
  empty cell is a figure BLS did not publish; an occupation without published quartiles has no row.
- `titles.csv`: the BLS title of each SOC code. `areas.csv`: the areas and their postal codes.
- `release.json`: the release, licence, attribution and the SHA-256 of the file these were made from.

Licence: {LICENCES["oews"][1]}. Attribution BLS asks derived use to carry:

> {attribution}
"""


def _onet_readme(release: str, attribution: str, sources: list[str]) -> str:
    return f"""# O*NET: interests and related occupations, {release}

Derived by `booklet refresh data` from the O*NET tables {", ".join(f"`{name}`" for name in sources)}
(regenerate, never edit by hand).

- `occupations.csv`: every O*NET-SOC code and its title.
- `interests.csv`: the six RIASEC interest scores (1–7) of each occupation and O*NET's high-point code
  (`high`, the letters of its first, second and third interest high points; fewer where O*NET gives fewer).
- `related.csv`: each occupation's related occupations, in O*NET's order (space-separated codes).
- `release.json`: the release, licence, attribution and the SHA-256 of each file these were made from.

Licence: {LICENCES["onet"][1]}. Attribution required wherever these data are shipped or printed:

> {attribution}
"""


def derive(source: Path) -> dict[str, dict[str, bytes]]:
    """Every derived file, by dataset and name, from a folder holding ``oews/`` and ``onet/``."""
    missing = [name for name in ("oews", "onet") if not (source / name).is_dir()]
    if missing:
        raise _fail(source, f"has no {' or '.join(missing)} folder; give the folder holding oews/ and onet/")
    onet_files, codes = onet(source / "onet")
    return {"oews": oews(source / "oews", codes), "onet": onet_files}


def releases(derived: dict[str, dict[str, bytes]]) -> str:
    """'BLS OEWS May 2025 and O*NET 29': the releases ``derived`` was made from."""
    names = []
    for files in derived.values():
        meta = json.loads(files["release.json"])
        names.append(meta["release"] if meta["dataset"] in meta["release"] else f"{meta['dataset']} {meta['release']}")
    return " and ".join(names)


def write(derived: dict[str, dict[str, bytes]], target: Path = facts.DATA) -> list[Path]:
    """Write the derived files under ``target``; files of an older release that are no longer made go.

    Returns the paths whose bytes changed.
    """
    changed = []
    for dataset, files in derived.items():
        root = target / dataset
        for name, data in files.items():
            path = root / name
            if not path.is_file() or path.read_bytes() != data:
                write_atomic(path, data)
                changed.append(path)
        for old in root.rglob("*"):
            if old.is_file() and old.relative_to(root).as_posix() not in files:
                old.unlink()
                changed.append(old)
    return changed
