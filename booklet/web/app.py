"""The web application: settings, the ``Site`` every route shares, error pages, ``create_app``."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from booklet import paths
from booklet.web.cache import ResultCache
from booklet.web.catalog import ContentIndex
from booklet.web.jobs import JobQueue, QueueFull, Refused
from booklet.web.security import CSRF_FIELD, Guard, HTTPProblem, is_local
from booklet.web.watch import Watcher

log = logging.getLogger("booklet.web")

WEB_TEMPLATES = paths.TEMPLATES / "web"
WEB_ASSETS = paths.ASSETS / "web"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
FONT_TYPES = {".otf": "font/otf", ".ttf": "font/ttf", ".woff2": "font/woff2"}
ERROR_TITLES = {400: "That request cannot be used", 401: "Access token needed", 403: "Not allowed",
                404: "Not found", 405: "Not allowed", 413: "Too large", 415: "Not a form",
                500: "Something went wrong", 503: "Busy"}


@dataclass
class Settings:
    content: Path = Path("content")
    host: str = "127.0.0.1"
    port: int = 8000
    watch: bool = False
    token: str | None = None
    cache: Path = Path("output/.web-cache")
    cache_bytes: int = 512 * 1024 * 1024
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    queue: int = 32  # PDFs waiting or rendering at most; more is 503

    @property
    def local(self) -> bool:
        return is_local(self.host)

    @property
    def needs_token(self) -> bool:
        return self.token is not None or not self.local


def _files(folder: Path, types: dict[str, str]) -> dict[str, Path]:
    """The files a URL may name in ``folder``: listed once at start, so no URL is ever a path."""
    if not folder.is_dir():
        return {}
    return {path.name: path for path in sorted(folder.iterdir())
            if path.is_file() and path.suffix in types and not path.name.startswith(".")}


class Site:
    """What every route needs: the content index, the cache, the build queue and the page templates."""

    def __init__(self, settings: Settings, queue: JobQueue | None = None):
        self.settings = settings
        self.content = settings.content
        self.index = ContentIndex(settings.content)
        self.cache = ResultCache(settings.cache, settings.cache_bytes)
        self.queue = queue or JobQueue(self.cache, workers=settings.workers, max_pending=settings.queue)
        self.secret = secrets.token_bytes(32)
        self.watcher = Watcher(self.queue.recycle) if settings.watch else None
        self.static = _files(WEB_ASSETS, STATIC_TYPES)
        self.fonts = _files(paths.FONTS, FONT_TYPES)
        self.version = hashlib.sha256(b"".join(path.read_bytes() for path in self.static.values())).hexdigest()[:10]
        self.last_good: dict[str, str] = {}  # career slug → key of its last preview that built
        self.templates = Environment(loader=FileSystemLoader(WEB_TEMPLATES), autoescape=select_autoescape(default=True),
                                     undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.templates.globals.update(static=self.static_url, watch=settings.watch)

    def static_url(self, name: str) -> str:
        return f"/static/{name}?v={self.version}"

    def page(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        state = request.scope.get("state", {})
        csrf = state.get("csrf", "")
        values = {"request": request, "csrf": csrf, "nonce": state.get("csp_nonce", ""),
                  "csrf_field": lambda: Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, csrf),
                  **context}
        return HTMLResponse(self.templates.get_template(template).render(values), status_code=status_code)

    def error_body(self, status: int, message: str, nonce: str) -> tuple[bytes, str]:
        html = self.templates.get_template("error.html.j2").render(
            status=status, title=ERROR_TITLES.get(status, "Error"), message=message, nonce=nonce, csrf="",
            request=None, csrf_field=lambda: "")
        return html.encode(), "text/html; charset=utf-8"

    def start(self) -> None:
        self.queue.start()
        if self.watcher is not None:
            self.watcher.start()

    def stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self.queue.stop()


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(("/status", "/preview")) or \
        "application/json" in request.headers.get("accept", "")


def create_app(settings: Settings, queue: JobQueue | None = None, start: bool = True):
    """The ASGI application: Starlette routes inside the ``Guard`` (token, host, CSRF session, headers)."""
    from booklet.web.routes import routes

    if settings.needs_token and not settings.token:
        raise ValueError(f"serving on {settings.host} needs an access token")
    site = Site(settings, queue)

    def error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
        nonce = request.scope.get("state", {}).get("csp_nonce", "")
        body, content_type = site.error_body(status, message, nonce)
        return Response(body, status_code=status, media_type=content_type.split(";")[0], headers=headers)

    async def problem(request: Request, exc: HTTPProblem) -> Response:
        return error(request, exc.status, exc.message, exc.headers)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        messages = {404: "There is no page at this address.", 405: "This address does not take that method."}
        return error(request, exc.status_code, messages.get(exc.status_code, "That request cannot be used."))

    async def busy(request: Request, exc: QueueFull) -> Response:
        return error(request, 503, str(exc), {"Retry-After": str(exc.retry_after)})

    async def refused(request: Request, exc: Refused) -> Response:
        return error(request, 400, "; ".join(exc.lines))

    async def crashed(request: Request, exc: Exception) -> Response:
        log.error("error serving %s", request.url.path, exc_info=exc)  # the log has the traceback, the page never
        return error(request, 500, "The server could not answer this request. The details are in its log.")

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if start:
            site.start()
        try:
            yield
        finally:
            site.stop()

    app = Starlette(routes=routes(site), lifespan=lifespan,
                    exception_handlers={HTTPProblem: problem, HTTPException: http_error, QueueFull: busy,
                                        Refused: refused, Exception: crashed})
    app.state.site = site
    guarded = Guard(app, settings.token, settings.local, site.secret, site.error_body)
    guarded.site = site
    return guarded
