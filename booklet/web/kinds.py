"""What the page can build: build kinds and the option fields of their forms.

A build kind turns a submitted form into a ``BuildRequest`` (booklet.web.jobs):
the cache key, a title, a file name and ``prepare``, which validates and
makes the jobs.  ``POST /build/<name>`` reads the form (CSRF and size caps
checked), calls ``kind.request(form, site)`` and sends the browser to the
job's page; ``GET /build/<name>`` shows the kind's own form page.  A kind
that refuses its input raises ``Refused`` with one line per problem, and the
form is shown again with those lines.

Kinds: a career, a shipped collection, a collection made on the page, a
class list (→ a zip of booklets, built in one worker by booklet.web.rostering),
a comparison sheet of 2–4 careers (``booklet compare``, rendered in a worker by
booklet.web.comparing).  Adding one is:

1. a class with ``name``, ``label``, ``template`` and ``request()`` (and
   ``form_context()`` if its form needs data), ``register()``-ed below (a form
   that only picks one career or collection from the catalog is a ``PickedKind``);
2. its form, ``templates/web/forms/<name>.html.j2`` (include
   ``forms/options.html.j2`` for the rendering options and ``{{ csrf_field() }}``);
3. for uploads, ``form.upload("field")`` gives the capped bytes
   (``Upload.text()``, ``Upload.rows(max_rows)``); validate them as the
   command line does and raise ``Refused`` with its finding lines.

Rendering options are ``OptionField`` objects, each a partial and a function
that sets ``Options`` keywords from the form; the school's brand is one
(booklet.web.uploads checks it), and so is the U.S. state (``--us-state``, checked
by ``booklet.wages.state_code`` as the command line checks it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from booklet import wages
from booklet.batch import Job
from booklet.catalog import all_profiles, careers_dir, did_you_mean, is_slug
from booklet.content.check import check_paths
from booklet.content.collection import Collection, load_collection, load_collection_file
from booklet.content.translation import translation_path
from booklet.errors import ProfileError
from booklet.i18n import LANGUAGES
from booklet.incremental import job_digest
from booklet.inputs import Inputs
from booklet.limits import MAX_WEB_COLLECTION, MAX_WEB_ROSTER
from booklet.options import FORMATS, PAPERS, Options
from booklet.plan import Plan, Planned, edition, jobs, plan, translation_bytes
from booklet.web.jobs import BuildRequest, Prepared, Refused
from booklet.web.security import Form

if TYPE_CHECKING:
    from booklet.web.app import Site

PAPER_LABELS = {"a4": "A4", "letter": "US Letter", "a5": "A5", "half-letter": "Half Letter"}
FORMAT_LABELS = {"booklet": "Booklet (all sections)", "handout": "Handout (one sheet, two sides)"}


# -- rendering options ------------------------------------------------------------


@dataclass(frozen=True)
class OptionField:
    """One control of a build form: its partial (templates/web/fields/) and how it sets ``Options``.

    ``apply(form, values, chosen)`` puts ``Options`` keywords into ``values``
    and the names the user chose into ``chosen`` (a collection's own paper and
    language give way to those).
    """

    name: str
    template: str
    apply: Callable[[Form, dict[str, Any], set[str]], None]


def _format(form: Form, values: dict[str, Any], chosen: set[str]) -> None:
    values["format"] = form.choice("format", FORMATS, "booklet")


def _paper(form: Form, values: dict[str, Any], chosen: set[str]) -> None:
    if form.get("paper"):
        values["paper"] = form.choice("paper", PAPERS, "a4")
        chosen.add("paper")


def _grayscale(form: Form, values: dict[str, Any], chosen: set[str]) -> None:
    values["grayscale"] = form.flag("grayscale")


def _lang(form: Form, values: dict[str, Any], chosen: set[str]) -> None:
    if form.get("lang"):
        values["lang"] = form.choice("lang", LANGUAGES, "en")
        chosen.add("lang")


def _brand(form: Form, values: dict[str, Any], chosen: set[str]) -> None:
    """A brand file (and its logo) uploaded, or a school name typed: checked as `--brand FILE` is."""
    from booklet.web.uploads import brand_from_form

    brand = brand_from_form(form)
    if brand is not None:
        values["brand"] = brand
        chosen.add("brand")


def state_choices() -> dict[str, str]:
    """Postal code → name of every state and territory ``--us-state`` takes, by name (the select's options)."""
    return dict(sorted(((code, name) for code, name in wages.areas().items() if code != wages.NATIONAL),
                       key=lambda item: item[1]))


def _us_state(form: Form, values: dict[str, Any], chosen: set[str]) -> None:
    """``--us-state XX``: a state's edition; empty is the national one. Checked by the command line's own code."""
    code = form.get("us_state")
    if code:
        try:
            values["us_state"] = wages.state_code(code if len(code) <= 20 else f"{code[:20]}…")
        except wages.WageError as exc:
            raise Refused([f"U.S. state: {exc}"]) from None


OPTION_FIELDS: list[OptionField] = [
    OptionField("format", "fields/format.html.j2", _format),
    OptionField("paper", "fields/paper.html.j2", _paper),
    OptionField("lang", "fields/lang.html.j2", _lang),
    OptionField("us_state", "fields/state.html.j2", _us_state),
    OptionField("grayscale", "fields/grayscale.html.j2", _grayscale),
    OptionField("brand", "fields/brand.html.j2", _brand),
]


def register_option_field(option: OptionField) -> OptionField:
    OPTION_FIELDS.append(option)
    return option


def options_from_form(form: Form) -> tuple[Options, frozenset[str]]:
    """The ``Options`` a build form asks for, and the names the user set; a bad choice is ``Refused``."""
    values: dict[str, Any] = {}
    chosen: set[str] = set()
    for option in OPTION_FIELDS:
        option.apply(form, values, chosen)
    try:
        return Options(**values), frozenset(chosen)
    except ValueError as exc:
        raise Refused([str(exc)]) from None


def describe(options: Options, with_format: bool = True) -> str:
    """'Booklet, A4' — how the job page names a build's options (a comparison sheet has no format to name)."""
    parts = [options.format.capitalize()] if with_format else []
    parts.append(PAPER_LABELS[options.paper])
    if options.grayscale:
        parts.append("grayscale")
    if options.lang != "en":
        parts.append(LANGUAGES[options.lang])
    if options.us_state:
        parts.append(f"{wages.areas().get(options.us_state, options.us_state)} edition")
    if options.brand is not None:
        parts.append(options.brand.school)
    return ", ".join(parts)


def file_suffix(options: Options, default_paper: str = "a4", default_lang: str = "en") -> str:
    """'-handout-letter' for a non-default build ('-ca' for California's edition), so two downloads never share
    a name."""
    parts = [options.format] if options.format != "booklet" else []
    parts += [options.paper] if options.paper != default_paper else []
    parts += ["grayscale"] if options.grayscale else []
    parts += [options.lang] if options.lang != default_lang else []
    parts += [options.us_state.lower()] if options.us_state else []
    parts += ["branded"] if options.brand is not None else []
    return "".join(f"-{part}" for part in parts)


# -- kinds -----------------------------------------------------------------------


@dataclass
class BuildKind:
    """Base of the build kinds: a name (the URL), a label (the page), a form template, a line under the label."""

    name: str = ""
    label: str = ""
    template: str = ""
    lead: str = ""
    fields: list[OptionField] = field(default_factory=lambda: OPTION_FIELDS)

    def form_context(self, site: Site, query: dict[str, str]) -> dict[str, Any]:
        return {}

    def request(self, form: Form, site: Site) -> BuildRequest:
        raise NotImplementedError


KINDS: dict[str, BuildKind] = {}


def register(kind: BuildKind) -> BuildKind:
    KINDS[kind.name] = kind
    return kind


def _plan_one(site: Site, slug: str, options: Options, chosen: frozenset[str]) -> tuple[Plan, Planned]:
    """The plan ``booklet build <slug>`` makes for one career or shipped collection, and its one output.

    A career's and a shipped collection's requests plan their slug alike and
    refuse it with the plan's findings; the plan comes back too, as their
    ``prepare`` builds from the inputs it has read.
    """
    planned = plan((slug,), site.content, options, chosen)
    if planned.skipped or not planned.outputs:
        raise Refused([site.index.show(finding) for item in planned.skipped for finding in item.findings])
    return planned, planned.outputs[0]


def career_request(site: Site, slug: str, options: Options, chosen: frozenset[str] = frozenset()) -> BuildRequest:
    """One career's booklet or handout; its key is the digest the incremental build gives it."""
    if site.index.career_path(slug) is None:
        raise Refused([f"{slug}: no career of that name"])
    planned, item = _plan_one(site, slug, options, chosen)
    entry = site.index.snapshot().entry(slug)

    def prepare() -> Prepared:
        checked = site.index.snapshot().entry(slug)  # the profile as the catalog checked it, if still current
        if checked is not None and checked.career is not None and not checked.errors \
                and checked.path.resolve() == item.source.resolve():
            career, notes = edition(item.source, checked.career, item.options.lang, planned.inputs)
            warnings = [line for line in checked.findings if ": error " not in line]
            return Prepared([Job(item.name, (career,), item.options, digest=item.digest)],
                            warnings + [site.index.show(note) for note in notes])
        work, refused, warnings = jobs([item], site.content, planned.inputs)  # as `booklet build` checks it
        if refused:
            raise Refused([site.index.show(finding) for skipped in refused for finding in skipped.findings])
        return Prepared(work, [site.index.show(finding) for finding in warnings if finding.severity != "error"])

    title = f"{entry.title if entry else slug}: {describe(options)}"
    return BuildRequest("career", title, item.digest, f"{slug}{file_suffix(options)}.pdf", prepare)


def shipped_collection_request(site: Site, slug: str, options: Options,
                               chosen: frozenset[str] = frozenset()) -> BuildRequest:
    """A collection from the content folder, exactly as ``booklet build <slug>`` builds it."""
    if site.index.collection_path(slug) is None:
        raise Refused([f"{slug}: no collection of that name"])
    planned, item = _plan_one(site, slug, options, chosen)

    def prepare() -> Prepared:
        work, refused, warnings = jobs([item], site.content, planned.inputs)
        if refused:
            raise Refused([site.index.show(finding) for skipped in refused for finding in skipped.findings])
        return Prepared(work, [site.index.show(finding) for finding in warnings])

    shipped = next((c for c in site.index.snapshot().collections if c.slug == slug), None)
    title = f"{shipped.title if shipped else slug}: {describe(item.options)}"
    own = Options(paper=item.options.paper, lang=item.options.lang)
    return BuildRequest("shipped-collection", title, item.digest,
                        f"{slug}{file_suffix(item.options, own.paper, own.lang)}.pdf", prepare)


DEFAULT_AUDIENCE = "For students, their families and school counselors"
DEFAULT_INTRODUCTION = ("This booklet gathers careers chosen side by side. Each chapter follows the same plan: what "
                        "the job is, how to get there in India, the United States and Europe, a week in the life, pay "
                        "with its sources, the honest trade-offs and whether it could suit you.")


def _validation_lines(exc: ValidationError, where: str = "") -> list[str]:
    lines = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"]) or "collection"
        lines.append(f"{where}{name}: {error['msg']}")
    return lines


def file_name(title: str, fallback: str = "collection") -> str:
    """A download name from a typed title: lower-case letters, digits and hyphens only."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].strip("-")
    return slug or fallback


def collection_request(site: Site, collection: Collection, options: Options, filename: str) -> BuildRequest:
    """A collection made on the page (careers picked, or a file uploaded): built in memory, never written.

    Its key is ``job_digest`` over the collection's own data and every
    member's profile (and translation) bytes, as a collection file's is.
    """
    content = site.content
    slugs = list(collection.careers)
    bad = [slug for slug in slugs if not is_slug(slug) or site.index.career_path(slug) is None]
    if bad:
        raise Refused([f"careers: {slug!r} is not a career in the catalog" for slug in bad])
    if len(slugs) > MAX_WEB_COLLECTION:
        raise Refused([f"careers: {len(slugs)} careers; a collection made here has at most {MAX_WEB_COLLECTION}"])
    inputs = Inputs()
    paths = [careers_dir(content) / f"{slug}.yaml" for slug in slugs]
    data = [collection.model_dump_json().encode()]
    try:
        for path in paths:
            data.append(inputs.get(path).data)
            translation = translation_path(path, options.lang)
            if options.lang != "en" and translation.exists():
                data.append(inputs.get(translation).data)
    except ProfileError as exc:
        raise Refused([site.index.show(finding) for finding in exc.findings]) from None
    digest = job_digest(data, options)

    def prepare() -> Prepared:
        reports = check_paths(paths, all_profiles(content), inputs=inputs)
        problems = [site.index.show(finding) for report in reports for finding in report.errors]
        if problems:
            raise Refused(problems)
        editions, warnings = [], []
        for path, report in zip(paths, reports, strict=True):
            career, notes = edition(path, report.career, options.lang, inputs)
            editions.append(career)
            warnings += [site.index.show(note) for note in notes]
        job = Job(f"{filename}.pdf", tuple(editions), options, collection, digest=digest)
        return Prepared([job], warnings)

    title = f"{collection.title}: {len(slugs)} careers, {describe(options)}"
    return BuildRequest("collection", title, digest, f"{filename}{file_suffix(options)}.pdf", prepare)


@dataclass(kw_only=True)
class PickedKind(BuildKind):
    """A kind whose form picks one thing the catalog lists by its slug (``?slug=`` preselects it).

    A career and a shipped collection take their forms the same way; they differ
    only in the list the form shows, the line for a form that picks nothing and
    the request they make, so one class serves both.
    """

    listing: str  # the snapshot's list the form picks from: "entries" or "collections"
    unpicked: str  # the line shown when the form names nothing
    build: Callable[[Site, str, Options, frozenset[str]], BuildRequest]

    def form_context(self, site: Site, query: dict[str, str]) -> dict[str, Any]:
        return {self.listing: getattr(site.index.snapshot(), self.listing), "slug": query.get("slug", "")}

    def request(self, form: Form, site: Site) -> BuildRequest:
        slug = form.get("slug")
        if not is_slug(slug):
            raise Refused([self.unpicked])
        options, chosen = options_from_form(form)
        return self.build(site, slug, options, chosen)


CAREER = PickedKind(name="career", label="Career booklet or handout", template="forms/career.html.j2",
                    listing="entries", unpicked="career: choose a career from the catalog", build=career_request)
SHIPPED_COLLECTION = PickedKind(name="shipped-collection", label="A collection from the catalog",
                                template="forms/shipped-collection.html.j2", listing="collections",
                                unpicked="collection: choose a collection", build=shipped_collection_request)


@dataclass
class CollectionKind(BuildKind):
    """Careers picked on the page plus a title, or a collection file uploaded: one booklet."""

    name: str = "collection"
    label: str = "Your own collection"
    template: str = "forms/collection.html.j2"

    def form_context(self, site: Site, query: dict[str, str]) -> dict[str, Any]:
        return {"entries": site.index.snapshot().entries}

    def request(self, form: Form, site: Site) -> BuildRequest:
        options, chosen = options_from_form(form)
        upload = form.upload("file")
        if upload is not None:
            collection = self._uploaded(upload.filename, upload.text(), site)
            if "paper" not in chosen and collection.paper:
                options = replace(options, paper=collection.paper)
            if "lang" not in chosen and collection.lang:
                options = replace(options, lang=collection.lang)
            return collection_request(site, collection, options, file_name(collection.slug))
        slugs = list(dict.fromkeys(slug for slug in form.getall("careers") if slug))
        if not slugs:
            raise Refused(["careers: pick at least one career"])
        title = form.get("title")
        values = {"slug": "my-collection", "title": title,
                  "subtitle": form.get("subtitle") or f"{len(slugs)} careers side by side",
                  "audience": form.get("audience") or DEFAULT_AUDIENCE,
                  "introduction": form.get("introduction") or DEFAULT_INTRODUCTION,
                  "careers": slugs, "paper": options.paper if options.paper in ("a4", "letter") else "a4",
                  "lang": options.lang}
        try:
            collection = Collection.model_validate(values)
        except ValidationError as exc:
            raise Refused(_validation_lines(exc)) from None
        return collection_request(site, collection, options, file_name(title))

    def _uploaded(self, filename: str, text: str, site: Site) -> Collection:
        """An uploaded collection file, checked as ``booklet check`` checks one; a selection becomes a list."""
        label = Path(filename if filename.endswith((".yaml", ".yml")) else f"{filename}.yaml").name
        try:
            _doc, collection = load_collection_file(Path(label), text)
            snapshot = site.index.snapshot()
            good = {entry.slug: entry.career for entry in snapshot.entries
                    if entry.career is not None and entry.status != "errors"}
            known = {entry.slug for entry in snapshot.entries}
            # Checked under its own slug's name: the upload's file name is the user's business.
            _collection, members = load_collection(Path(f"{collection.slug}.yaml"), good, text, known)
        except ProfileError as exc:
            raise Refused([str(replace(finding, path=label)) for finding in exc.findings]) from None
        return collection.model_copy(update={"careers": [member.slug for member in members], "select": None})


@dataclass
class RosterKind(BuildKind):
    """A class list (CSV) uploaded: a zip of every student's booklet, each class's pack and index.csv.

    The list is read by ``read_roster`` as ``booklet roster`` reads it; bad rows
    are skipped and shown as a table with their line numbers, the good rows are
    built.  The whole class is one job on one warm worker (``booklet.web.rostering``).
    """

    name: str = "roster"
    label: str = "A booklet for every student of a class"
    template: str = "forms/roster.html.j2"

    def request(self, form: Form, site: Site) -> BuildRequest:
        import datetime as dt

        from booklet.roster import plan_students
        from booklet.web.jobs import combined_key
        from booklet.web.rostering import RosterWork
        from booklet.web.uploads import RosterRefused, roster_from_upload, row_table

        upload = form.upload("roster")
        if upload is None:
            raise Refused(["class list: choose a CSV file (columns: student, careers; optionally class, format, "
                           "paper, lang, note)"])
        options, _chosen = options_from_form(form)
        snapshot = site.index.snapshot()
        catalog = {entry.slug: entry.career for entry in snapshot.entries
                   if entry.career is not None and entry.status != "errors"}
        roster = roster_from_upload(upload, catalog)
        if not roster.students:
            raise RosterRefused(roster.findings, upload.filename) if roster.findings else \
                Refused([f"{upload.filename}: lists no students"])
        if len(roster.students) > MAX_WEB_ROSTER:
            raise Refused([f"{upload.filename}: {len(roster.students):,} students; the page builds at most "
                           f"{MAX_WEB_ROSTER} at once (booklet roster on the command line takes more)"])
        day = dt.date.today()
        planned = tuple(plan_students(roster.students, site.content, options, day, Inputs()))
        key = combined_key("roster", [day.isoformat(), *(item.digest for item in planned)])
        careers = tuple({career.slug: career for item in planned for career in item.careers}.values())
        stem = file_name(Path(upload.filename).stem, "class")
        work = RosterWork(planned, day, str(site.cache.side_folder("roster-bodies")))

        def prepare() -> Prepared:
            job = Job(f"{stem}-booklets.zip", careers, options, digest=key)
            seconds = (len(careers) + 0.25 * len(planned)) * site.queue.seconds_per_career
            return Prepared([job], run=work, estimate=seconds)

        students = f"{len(planned)} student{'' if len(planned) == 1 else 's'}"
        title = f"{upload.filename}: {students}, {describe(options)}"
        return BuildRequest("roster", title, key, f"{stem}-booklets.zip", prepare, media_type="application/zip",
                            suffix="zip", table=row_table(roster.findings))


# booklet.render.compare's MIN_COMPARED and MAX_COMPARED: that module (and booklet.compare) imports WeasyPrint,
# which the server process never loads; tests/web/test_http.py holds the two pairs equal.
MIN_COMPARED, MAX_COMPARED = 2, 4


def compare_request(site: Site, slugs: list[str], options: Options) -> BuildRequest:
    """A comparison sheet of 2–4 careers, as ``booklet compare SLUG SLUG …`` makes it.

    The careers are validated here, with one line per problem (a wrong count,
    a name that is no career, a profile with errors).  The key is the digest
    ``booklet.compare.plan_sheet`` gives the sheet: ``job_digest`` over
    ``b"compare"`` and each career's profile and translation bytes.  The
    careers are the catalog's checked ones (as a career's build takes them),
    in the edition's language; a worker renders them with ``Pipeline.compare``.
    """
    from booklet.web.comparing import run_compare

    slugs = list(dict.fromkeys(slugs))
    snapshot = site.index.snapshot()
    known = [entry.slug for entry in snapshot.entries]
    problems = []
    for slug in slugs:
        if not is_slug(slug) or site.index.career_path(slug) is None:
            hint = did_you_mean(slug.casefold(), known) if len(slug) <= 100 else ""
            problems.append(f"careers: {slug[:100]!r} is not a career in the catalog{hint}")
    if not MIN_COMPARED <= len(slugs) <= MAX_COMPARED:
        picked = "none" if not slugs else str(len(slugs))
        problems.insert(0, f"careers: pick {MIN_COMPARED} to {MAX_COMPARED} careers to compare; you picked {picked}")
    if problems:
        raise Refused(problems)
    entries = [snapshot.entry(slug) for slug in slugs]
    problems = [line for entry in entries if entry is not None for line in entry.errors]
    if problems or any(entry is None or entry.career is None for entry in entries):
        raise Refused(problems or [f"careers: {slug}: the profile cannot be read" for slug in slugs])
    inputs = Inputs()
    paths = [careers_dir(site.content) / f"{slug}.yaml" for slug in slugs]
    data = [b"compare"]
    try:
        for path in paths:
            data += [inputs.get(path).data, *translation_bytes(path, options.lang, inputs)]
    except ProfileError as exc:
        raise Refused([site.index.show(finding) for finding in exc.findings]) from None
    digest = job_digest(data, options)
    name = f"compare-{'-'.join(slugs)}{file_suffix(options)}.pdf"

    def prepare() -> Prepared:
        careers, warnings = [], []
        for path, entry in zip(paths, entries, strict=True):
            career, notes = edition(path, entry.career, options.lang, inputs)
            careers.append(career)
            warnings += [line for line in entry.findings if ": error " not in line]
            warnings += [site.index.show(note) for note in notes]
        job = Job(name, tuple(careers), options, digest=digest)
        return Prepared([job], warnings, run=run_compare,
                        estimate=(1 + 0.5 * len(careers)) * site.queue.seconds_per_career)

    titles = ", ".join(entry.title for entry in entries)
    return BuildRequest("compare", f"Comparison of {titles}: {describe(options, with_format=False)}", digest,
                        name, prepare)


@dataclass
class CompareKind(BuildKind):
    """Two to four careers side by side on one or two pages: ``booklet compare`` on the page."""

    name: str = "compare"
    label: str = "Compare careers"
    template: str = "forms/compare.html.j2"
    lead: str = ("Two to four careers side by side on one sheet, a column each: what the job is, entry education, "
                 "years to a first job, pay in each region, the typical route, key skills and the trade-offs, then "
                 "the salary ladders on one shared scale.")

    def form_context(self, site: Site, query: dict[str, str]) -> dict[str, Any]:
        wanted = query.get("careers", "")
        return {"entries": site.index.snapshot().entries, "preselected": [wanted] if is_slug(wanted) else [],
                "min_compared": MIN_COMPARED, "max_compared": MAX_COMPARED}

    def request(self, form: Form, site: Site) -> BuildRequest:
        options, _chosen = options_from_form(form)
        if options.format != "booklet":
            raise Refused(["format: a comparison sheet has one layout (one or two pages); choose paper, language, "
                           "grayscale and brand only"])
        return compare_request(site, [slug for slug in form.getall("careers") if slug], options)


for _kind in (CAREER, SHIPPED_COLLECTION, CollectionKind(), RosterKind(), CompareKind()):
    register(_kind)
