"""End to end in a real headless Chromium: Debian's /usr/bin/chromium driven by Playwright, never a downloaded browser.

The server is ``booklet serve --watch -j 1`` in its own process on a free
port (the ``live_server`` fixture).  Each step leaves a screenshot in
output/web-test-artifacts/ (or $BOOKLET_WEB_ARTIFACTS).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import wait_for

CHROMIUM = os.environ.get("BOOKLET_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make setup installs it)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900},
                                  base_url=live_server["base"])
    context.set_default_timeout(60_000)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    yield tab
    context.close()
    assert not [text for text in problems if "Content Security Policy" in text or "Refused" in text], problems


def loaded(page, count: int) -> bool:
    """Whether the first ``count`` page thumbnails have arrived (polled from Python: the page's CSP forbids eval)."""
    images = page.locator("#thumbs img")
    if images.count() < count:
        return False
    return all(images.nth(index).evaluate("image => image.complete && image.naturalWidth > 0")
               for index in range(count))


def shot(page, artifacts: Path, name: str) -> None:
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def download_link(page):
    """The job page's download link, once the build the form started has finished (the link shows then)."""
    page.wait_for_url(re.compile(r"/jobs/"))
    link = page.locator("[data-job-download]")
    link.wait_for(state="visible")
    return link


def save_download(page, link, folder: Path) -> Path:
    """Click a download link and save the file in ``folder`` under the name the server gave it.

    Every build on the page ends in a job page and a download; the tests then read the file.
    """
    with page.expect_download() as download:
        link.click()
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def test_find_a_career_and_see_its_pages(page, artifacts):
    page.goto("/")
    assert page.locator(".card").count() == 3
    shot(page, artifacts, "01-catalog")
    page.fill("input[name=q]", "chef")
    page.wait_for_url(re.compile(r"q=chef"))
    assert page.locator(".card").count() == 1
    shot(page, artifacts, "02-search")
    page.click(".card-title:has-text('Chef')")
    page.wait_for_url("**/careers/chef")
    wait_for(lambda: loaded(page, 8), timeout=60)
    assert "Quick facts" in page.inner_text(".facts")
    assert re.match(r"\d+ pages, A4", page.inner_text("#preview-status"))
    shot(page, artifacts, "03-career")


def test_build_and_download_a_handout(page, artifacts, tmp_path):
    page.goto("/careers/chef")
    page.select_option(".build select[name=format]", "handout")
    page.click(".build button[type=submit]")
    link = download_link(page)
    shot(page, artifacts, "04-job")
    saved = save_download(page, link, tmp_path)
    assert saved.name == "chef-handout.pdf"
    reader = PdfReader(saved)
    assert reader.metadata.title.startswith("Chef") and len(reader.pages) == 2
    assert "Chef" in reader.pages[0].extract_text()


def test_filter_by_interest_code_and_build_a_state_edition(page, artifacts, tmp_path):
    page.goto("/")
    page.fill("input[name=code]", "r")
    page.wait_for_url(re.compile(r"code=r"))
    expect(page.locator("#result-count")).to_have_text("2 of 3 careers, by fit to R")
    assert page.locator(".card-title").all_inner_texts() == ["Electrician", "Chef"]
    expect(page.locator(".card .chip-code").first).to_have_text("RC")
    shot(page, artifacts, "11-interest-filter")
    page.click(".card-title:has-text('Electrician')")
    page.wait_for_url("**/careers/electrician")
    expect(page.locator(".facts a[href='/?code=RC']")).to_have_text("RC: Realistic, Conventional")
    page.select_option(".build select[name=format]", "handout")
    page.select_option(".build select[name=us_state]", "CA")
    shot(page, artifacts, "12-career-state")
    page.click(".build button[type=submit]")
    link = download_link(page)
    expect(page.locator("#job-title")).to_have_text("Electrician: Handout, A4, California edition")
    saved = save_download(page, link, tmp_path)
    assert saved.name == "electrician-handout-ca.pdf"
    assert "CALIFORNIA EDITION" in PdfReader(saved).pages[0].extract_text()


def test_compare_three_careers_and_download_the_sheet(page, artifacts, tmp_path):
    page.goto("/careers/chef")
    page.click("#compare-with")
    page.wait_for_url(re.compile(r"/build/compare\?careers=chef"))
    expect(page.locator("input[name=careers][value=chef]")).to_be_checked()
    page.check("input[name=careers][value=accountant]")
    page.check("input[name=careers][value=electrician]")
    expect(page.locator("[data-picked-count]")).to_have_text("3 of 2–4 chosen")
    page.select_option("form[data-collection] select[name=paper]", "a4")
    shot(page, artifacts, "09-compare-form")
    page.click("form[data-collection] button[type=submit]")
    link = download_link(page)
    expect(page.locator("#job-title")).to_have_text("Comparison of Accountant, Chef, Electrician: A4")
    shot(page, artifacts, "10-compare-job")
    saved = save_download(page, link, tmp_path)
    assert saved.name == "compare-accountant-chef-electrician.pdf"
    text = " ".join(sheet.extract_text() for sheet in PdfReader(saved).pages)
    assert all(title in text for title in ("Accountant", "Chef", "Electrician"))


def test_class_list_with_a_bad_row(page, artifacts, tmp_path):
    page.goto("/build/roster")
    csv = (b"student,class,careers,format\n"
           b"Asha Verma,10B,chef,handout\n"
           b"Rohan Mehta,10B,astronot,\n")
    page.set_input_files("input[name=roster]", files=[{"name": "class-10b.csv", "mimeType": "text/csv",
                                                       "buffer": csv}])
    shot(page, artifacts, "05-roster-form")
    page.click("form[data-roster] button[type=submit]")
    link = download_link(page)
    table = page.locator("#row-errors")
    table.wait_for(state="visible")
    cells = table.locator("tbody tr").first.locator("td").all_inner_texts()
    assert cells[:2] == ["3", "3"] and "unknown career 'astronot'" in cells[2]
    shot(page, artifacts, "06-roster-job")
    saved = save_download(page, link, tmp_path)
    names = zipfile.ZipFile(saved).namelist()
    assert sorted(names) == ["10b/asha-verma.pdf", "10b/class-pack.pdf", "index.csv"]
    student = PdfReader(io.BytesIO(zipfile.ZipFile(saved).read("10b/asha-verma.pdf")))
    assert "Asha Verma" in student.pages[0].extract_text()


def test_watch_mode_follows_edits_and_shows_mistakes(page, artifacts, live_server):
    profile = live_server["content"] / "careers" / "chef.yaml"
    good = profile.read_text(encoding="utf-8")
    page.goto("/careers/chef")
    expect(page.locator("#preview")).to_have_attribute("data-preview", "ready", timeout=60_000)
    try:
        profile.write_text(good.replace("title: Chef\n", "title: Head Chef\n", 1), encoding="utf-8")
        expect(page.locator("#career-title")).to_have_text("Head Chef", timeout=60_000)
        wait_for(lambda: loaded(page, 1), timeout=30)
        shot(page, artifacts, "07-watch-edit")
        profile.write_text(good.replace("field: Hospitality", "field: [Hospitality"), encoding="utf-8")
        errors = page.locator("#preview-errors")
        errors.wait_for(state="visible")
        text = page.inner_text("#preview-error-lines")
        assert re.search(r"content/careers/chef\.yaml:\d+:\d+: ", text) and "Traceback" not in text
        assert page.locator("#thumbs img").count() >= 8  # the last good preview stays, greyed
        assert "last good preview" in page.inner_text("#preview-status")
        shot(page, artifacts, "08-watch-mistake")
    finally:
        profile.write_text(good, encoding="utf-8")
    errors.wait_for(state="hidden")


def test_a_200_mb_upload_is_cut_short(live_server):
    """A client that says it sends 200 MB is answered 413 after a few MB, and the rest is never read."""
    host, port = live_server["base"].removeprefix("http://").split(":")
    sent = 0
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(b"POST /build/roster HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           b"Content-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"x" * (1024 * 1024)
        try:
            for _ in range(200):
                connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
        except OSError:  # the server answered and closed: what we want
            pass
        try:
            answer = connection.recv(4096)
        except OSError:  # reset: the kernel may drop the answer along with the bytes the server never read
            answer = b""
    assert sent < 32 * 1024 * 1024
    assert answer == b"" or answer.startswith(b"HTTP/1.1 413"), answer[:200]
