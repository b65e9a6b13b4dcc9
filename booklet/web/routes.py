"""The pages and endpoints of ``booklet serve``.

Every address that names something takes a slug (checked against the slug
pattern, then looked up in the content folder), a cache key (64 hex digits),
a job id (random, looked up in memory) or a file name from a list made at
start: nothing typed into an address or a form ever becomes a file path.
Page handlers are plain functions (Starlette runs them in its thread pool);
builds only ever run on the worker pool, through ``site.queue``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from booklet.catalog import is_slug
from booklet.i18n import LANGUAGES
from booklet.interests import AREAS, CodeError, student_code
from booklet.options import Options
from booklet.web import thumbnails
from booklet.web.cache import valid_key
from booklet.web.jobs import BuildRequest, QueueFull, Refused, WebJob
from booklet.web.kinds import (
    FORMAT_LABELS,
    KINDS,
    OPTION_FIELDS,
    PAPER_LABELS,
    career_request,
    options_from_form,
    shipped_collection_request,
    state_choices,
)
from booklet.web.security import Form, HTTPProblem, read_form

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from booklet.web.app import Site

JOB_ID = re.compile(r"^[A-Za-z0-9_-]{16}$")
IMMUTABLE = {"Cache-Control": "private, max-age=31536000, immutable"}
PREVIEW = Options()  # the career page shows the A4 booklet in English


def _not_found(what: str = "There is no page at this address.") -> HTTPProblem:
    return HTTPProblem(404, what)


def _query_form(request: Request) -> Form:
    fields: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        fields.setdefault(key, []).append(value[:200])
    return Form(fields)


def _download(site: Site, key: str, suffix: str, filename: str, media_type: str) -> Response:
    path = site.cache.path(key, suffix)
    if path is None:
        raise _not_found("This file is no longer in the cache; build it again.")
    return FileResponse(path, media_type=media_type, filename=filename, headers=IMMUTABLE)


def _submit(site: Site, request: BuildRequest) -> WebJob:
    return site.queue.submit(request)


def routes(site: Site) -> list[Route]:
    def option_context() -> dict:
        return {"option_fields": OPTION_FIELDS, "papers": PAPER_LABELS, "formats": FORMAT_LABELS,
                "languages": LANGUAGES, "states": state_choices()}

    # -- catalog and careers --------------------------------------------------------
    def catalog(request: Request) -> Response:
        """The careers that match the filters; an interest code that is no code is said on the page, unfiltered."""
        snapshot = site.index.snapshot()
        query = {name: request.query_params.get(name, "").strip()[:100]
                 for name in ("q", "field", "tag", "level", "lang", "code")}
        code, code_error = "", ""
        try:
            code = student_code(query["code"]) if query["code"] else ""
        except CodeError as exc:
            code_error = f"Interest code: {exc}"
        found = snapshot.search(query["q"], query["field"], query["tag"], query["level"], query["lang"], code)
        return site.page(request, "catalog.html.j2", snapshot=snapshot, entries=found, query=query,
                         languages=LANGUAGES, code=code, code_error=code_error, areas=AREAS)

    def preview_state(slug: str) -> dict:
        """The career page's preview: ready (with its pages), building, or the profile's errors."""
        entry = site.index.snapshot().entry(slug)
        if entry is None:
            raise _not_found("There is no career of that name.")
        last = site.last_good.get(slug)
        state = {"slug": slug, "title": entry.title, "findings": list(entry.findings), "errors": list(entry.errors),
                 "status": entry.status, "last_good": last, "pages": _pages(last)}
        if entry.errors:
            return {**state, "preview": "errors"}
        try:
            request = career_request(site, slug, PREVIEW)
            if site.cache.has(request.key):
                job = None
            else:
                job = site.queue.submit(request)
        except Refused as exc:
            return {**state, "preview": "errors", "errors": exc.lines}
        except QueueFull as exc:
            return {**state, "preview": "busy", "retry_after": exc.retry_after}
        if job is not None and job.state == "failed":
            return {**state, "preview": "failed", "error": job.error}
        if job is not None and job.state != "done":
            return {**state, "preview": "building", "job": job.id, "progress": job.status()["progress"]}
        site.last_good[slug] = request.key
        return {**state, "preview": "ready", "key": request.key, "last_good": request.key,
                "pages": _pages(request.key)}

    def _pages(key: str | None) -> int:
        return (thumbnails.page_count(site.cache, key) or 0) if key else 0

    def catalog_slug(request: Request, lookup: Callable[[str], Path | None], what: str) -> str:
        """The address's slug if ``lookup`` finds it in the catalog, else the 404 every such address gives."""
        slug = request.path_params["slug"]
        if not is_slug(slug) or lookup(slug) is None:
            raise _not_found(f"There is no {what} of that name.")
        return slug

    def catalog_pdf(request: Request, lookup: Callable[[str], Path | None], what: str,
                    make: Callable[[Site, str, Options, frozenset[str]], BuildRequest]) -> Response:
        """The PDF ``make`` builds for the address's slug and the query's options: from the cache, or a job to wait on.

        A career's and a shipped collection's download links work alike; only the
        catalog lookup and the request that builds differ.
        """
        slug = catalog_slug(request, lookup, what)
        options, chosen = options_from_form(_query_form(request))
        build = make(site, slug, options, chosen)
        if site.cache.has(build.key):
            return _download(site, build.key, "pdf", build.filename, build.media_type)
        return RedirectResponse(f"/jobs/{_submit(site, build).id}", status_code=303)

    def career(request: Request) -> Response:
        slug = catalog_slug(request, site.index.career_path, "career")
        state = preview_state(slug)
        entry = site.index.snapshot().entry(slug)
        return site.page(request, "career.html.j2", entry=entry, state=state, **option_context())

    def career_preview(request: Request) -> Response:
        return JSONResponse(preview_state(catalog_slug(request, site.index.career_path, "career")))

    def career_pdf(request: Request) -> Response:
        return catalog_pdf(request, site.index.career_path, "career", career_request)

    # -- collections -------------------------------------------------------------------
    def collections(request: Request) -> Response:
        snapshot = site.index.snapshot()
        return site.page(request, "collections.html.j2", snapshot=snapshot, entries=snapshot.entries,
                         errors=[], values={}, **option_context())

    def collection_pdf(request: Request) -> Response:
        return catalog_pdf(request, site.index.collection_path, "collection", shipped_collection_request)

    # -- check -------------------------------------------------------------------------
    def check(request: Request) -> Response:
        snapshot = site.index.snapshot()
        return site.page(request, "check.html.j2", snapshot=snapshot)

    # -- builds --------------------------------------------------------------------------
    def kind_of(request: Request):
        kind = KINDS.get(request.path_params["kind"])
        if kind is None:
            raise _not_found("There is no such kind of build.")
        return kind

    def build_form(request: Request) -> Response:
        kind = kind_of(request)
        query = {key: value[:100] for key, value in request.query_params.items()}
        return site.page(request, "build.html.j2", kind=kind, errors=[], values=query,
                         **kind.form_context(site, query), **option_context())

    async def build(request: Request) -> Response:
        kind = kind_of(request)
        form = await read_form(request)
        try:
            job = await run_in_threadpool(lambda: site.queue.submit(kind.request(form, site)))
        except Refused as exc:
            values = {key: values[0] for key, values in form.fields.items() if key != "csrf" and values}
            context = await run_in_threadpool(kind.form_context, site, values)
            return site.page(request, "build.html.j2", status_code=400, kind=kind, errors=exc.lines, values=values,
                             table=getattr(exc, "table", []), selected=form.getall("careers"), **context,
                             **option_context())
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def job_of(request: Request) -> WebJob:
        job_id = request.path_params["job"]
        job = site.queue.get(job_id) if JOB_ID.match(job_id) else None
        if job is None:
            raise _not_found("There is no build with this number (the server may have restarted).")
        return job

    def job_page(request: Request) -> Response:
        job = job_of(request)
        return site.page(request, "job.html.j2", job=job, status=job.status())

    def job_status(request: Request) -> Response:
        return JSONResponse(job_of(request).status())

    def job_download(request: Request) -> Response:
        job = job_of(request)
        if job.state != "done":
            raise HTTPProblem(409 if job.state != "failed" else 410, "This build has not finished."
                              if job.state != "failed" else f"This build failed: {job.error}")
        return _download(site, job.key, job.suffix, job.filename, job.media_type)

    # -- files ---------------------------------------------------------------------------
    def thumbnail(request: Request) -> Response:
        key, page = request.path_params["key"], request.path_params["page"]
        if not valid_key(key) or not re.fullmatch(r"[1-9][0-9]{0,3}", page):
            raise _not_found()
        data = thumbnails.thumbnail(site.cache, key, int(page))
        if data is None:
            raise _not_found("There is no such page image.")
        return Response(data, media_type="image/png", headers=IMMUTABLE)

    def listed_file(request: Request, files: dict[str, Path], types: dict[str, str], max_age: int) -> Response:
        """A file by its name in a list made at start, with its type and how long a browser keeps it.

        Stylesheets, scripts and fonts are served alike; only the list, the types
        and the cache lifetime differ.
        """
        path = files.get(request.path_params["name"])
        if path is None:
            raise _not_found()
        return FileResponse(path, media_type=types[path.suffix],
                            headers={"Cache-Control": f"private, max-age={max_age}"})

    def static(request: Request) -> Response:
        from booklet.web.app import STATIC_TYPES

        return listed_file(request, site.static, STATIC_TYPES, 86400)

    def font(request: Request) -> Response:
        from booklet.web.app import FONT_TYPES

        return listed_file(request, site.fonts, FONT_TYPES, 604800)

    def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "pending": site.queue.pending})

    return [
        Route("/", catalog),
        Route("/careers/{slug}", career),
        Route("/careers/{slug}/preview", career_preview),
        Route("/careers/{slug}/pdf", career_pdf),
        Route("/collections", collections),
        Route("/collections/{slug}/pdf", collection_pdf),
        Route("/check", check),
        Route("/build/{kind}", build_form, methods=["GET"]),
        Route("/build/{kind}", build, methods=["POST"]),
        Route("/jobs/{job}", job_page),
        Route("/jobs/{job}/status", job_status),
        Route("/jobs/{job}/download", job_download),
        Route("/thumbs/{key}/{page}.png", thumbnail),
        Route("/static/{name}", static),
        Route("/fonts/{name}", font),
        Route("/healthz", health),
    ]

