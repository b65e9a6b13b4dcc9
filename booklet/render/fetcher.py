"""The only way WeasyPrint may read anything while it renders a booklet.

Profile text is untrusted: an ``<img src>`` smuggled into it must not reach
the network or the file system.  Jinja2 autoescaping already stops markup; this
fetcher is the second wall.  It serves ``data:`` URIs and files that really
live (after resolving ``..`` and symlinks) under the template folders and
assets/ (and, for a school's logo, the brand file's folder), and refuses
everything else loudly.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from booklet import paths
from booklet.errors import FetchRefused, ProfileError
from booklet.inputs import read_input
from booklet.limits import MAX_FETCH_BYTES

DEFAULT_ROOTS = (paths.TEMPLATES, paths.ASSETS)


class ProjectFetcher(URLFetcher):
    """Serves ``data:`` and files under ``roots``; any other URL fails the build."""

    def __init__(self, roots: Iterable[Path] = DEFAULT_ROOTS):
        # fail_on_errors makes WeasyPrint stop on our refusal instead of
        # logging a warning and quietly leaving the resource out.
        super().__init__(fail_on_errors=True)
        self.roots = tuple(Path(root).resolve() for root in roots)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise FetchRefused(f"refused to fetch {url}: only data: URIs and project files are allowed")
        path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            folders = ", ".join(f"{root.name}/" for root in self.roots)
            raise FetchRefused(f"refused to fetch {url}: outside the project's {folders} folders")
        try:
            data = read_input(path, MAX_FETCH_BYTES).data
        except ProfileError as exc:
            raise FetchRefused(f"cannot fetch {url}: {exc.findings[0].message}") from None
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), data, headers={"Content-Type": content_type})
