"""WeasyPrint may read data: URIs and project files, and nothing else."""

from __future__ import annotations

import pytest

from booklet import paths
from booklet.errors import FetchRefused
from booklet.options import Options
from booklet.render.fetcher import ProjectFetcher
from booklet.render.pdf import Renderer


@pytest.fixture(scope="module")
def fetcher():
    return ProjectFetcher()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/font.otf",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "file:///dev/zero",
        (paths.TEMPLATES.as_uri() + "/../pyproject.toml"),
        (paths.ASSETS.as_uri() + "/fonts/../../booklet/paths.py"),
    ],
)
def test_refuses_outside_urls(fetcher, url):
    with pytest.raises(FetchRefused, match="refused"):
        fetcher.fetch(url)


def test_refuses_symlink_that_escapes(fetcher, tmp_path):
    link = paths.ASSETS / "test-escape-link.txt"
    link.symlink_to("/etc/hostname")
    try:
        with pytest.raises(FetchRefused):
            fetcher.fetch(link.as_uri())
    finally:
        link.unlink()


def test_serves_project_files_and_data(fetcher):
    font = fetcher.fetch((paths.FONTS / "Inter-Regular.otf").as_uri())
    assert font.read()[:4] == b"OTTO"
    css = fetcher.fetch((paths.TEMPLATES / "css" / "base.css").as_uri())
    assert b"font-family" in css.read()
    data = fetcher.fetch("data:text/plain;base64,aGk=")
    assert data.read() == b"hi"


@pytest.mark.parametrize(
    "html",
    [
        '<img src="http://127.0.0.1:9/x.png">',
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="../../../../etc/passwd">',
        "<style>@import url(https://example.com/a.css);</style>",
    ],
)
def test_a_build_that_asks_for_outside_urls_fails(html):
    with pytest.raises(FetchRefused) as caught:
        Renderer(Options()).render(f"<p>text</p>{html}")
    assert "refused" in str(caught.value)
