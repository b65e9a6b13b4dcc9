"""Every route of ``booklet serve`` through Starlette's test client, with one real warm worker.

Builds are few and small (one preview, a handout pack, one student's handout);
everything else is answered from the cache or refused before any build.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pypdf import PdfReader

from .conftest import csrf_of, finish, wait_for

GOOD_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'


def csrf(client, path: str = "/build/career") -> str:
    return csrf_of(client.get(path).text)


def post(client, path: str, data: dict, files: dict | None = None, token: str | None = None):
    """A multipart POST as the browser sends it, with the page's CSRF token unless ``token`` is given."""
    fields = {"csrf": token if token is not None else csrf(client), **data}
    return client.post(path, data=fields, files=files or {"_": ("", b"", "application/octet-stream")},
                       follow_redirects=False)


def errors_of(html: str) -> str:
    found = re.search(r'<div class="errors" role="alert">(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


@pytest.fixture(scope="module")
def chef_preview(client) -> dict:
    """The chef's A4 preview, rendered once on the worker; its state when ready."""
    return wait_for(lambda: (state := client.get("/careers/chef/preview").json())["preview"] == "ready" and state)


# -- pages ----------------------------------------------------------------------


def test_catalog_lists_searches_and_filters(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for title in ("Accountant", "Chef", "Electrician"):
        assert f'<span class="card-title">{title}</span>' in page.text
    assert "3 of 3 careers" in page.text
    assert "1 of 3 careers" in client.get("/?q=che").text
    assert "1 of 3 careers" in client.get("/?field=Hospitality").text
    hindi = client.get("/?lang=hi").text  # accountant and electrician have Hindi editions
    assert "2 of 3 careers" in hindi and "card-title\">Chef" not in hindi
    level = client.get("/", params={"level": "Bachelor's degree"}).text
    assert "card-title\">Accountant" in level
    assert "No career matches" in client.get("/?q=astronaut").text


def test_catalog_filters_by_interest_code_ranked_by_fit(client):
    """Careers whose O*NET Holland code holds every letter given, best fit first (booklet match's similarity)."""
    from booklet.interests import interests, similarity

    page = client.get("/").text  # accountant CEI, chef ERC, electrician RC: each card shows its code
    codes = {"CEI": "Conventional, Enterprising, Investigative", "ERC": "Enterprising, Realistic, Conventional",
             "RC": "Realistic, Conventional"}
    for code, names in codes.items():
        assert f'<span class="chip chip-code" title="Interest code (O*NET Holland code): {names}">{code}</span>' in page
    assert 'name="code"' in page and "Realistic" in page
    realistic = client.get("/?code=r").text
    assert "2 of 3 careers, by fit to R" in realistic
    assert re.findall(r'card-title">([^<]+)', realistic) == ["Electrician", "Chef"]  # RC fits R better than ERC
    electrician = round(similarity("R", interests("47-2111.00")) * 100)
    assert f">fit {electrician}</span>" in realistic
    fits = {title: similarity("EC", interests(soc)) for title, soc in (("Chef", "35-1011.00"),
                                                                        ("Accountant", "13-2011.00"))}
    assert re.findall(r'card-title">([^<]+)', client.get("/?code=ec").text) == sorted(fits, key=lambda t: -fits[t])
    assert "1 of 3 careers" in client.get("/?code=I").text and "card-title\">Accountant" in client.get("/?code=I").text
    assert "No career matches" in client.get("/?code=A").text
    assert "1 of 3 careers" in client.get("/?code=R&q=chef").text  # with the other filters


@pytest.mark.parametrize(("code", "shown"), [
    ("XYZ", "&#39;XYZ&#39; is not an interest code"),
    ("RR", "&#39;RR&#39; is not an interest code"),
    ("IRCS", "one to three different letters"),
    ('"><script>alert(1)</script>', "&lt;script&gt;alert(1)&lt;/script&gt;"),
])
def test_a_wrong_interest_code_is_said_on_the_page(client, code, shown):
    answer = client.get("/", params={"code": code})
    assert answer.status_code == 200 and "Traceback" not in answer.text
    error = re.search(r'id="code-error">(.*?)</div>', answer.text, re.S).group(1)
    assert shown in error and "<script>alert(1)" not in answer.text
    assert "3 of 3 careers" in answer.text  # not filtered


def test_career_page_quick_facts_name_the_interest_code(client):
    page = client.get("/careers/electrician").text
    assert "<dt>Interest code (Holland)</dt>" in page
    link = '<a href="/?code=RC" title="Careers in the catalog with these interests">RC: Realistic, Conventional</a>'
    assert link in page


def test_career_page_has_facts_findings_and_a_build_form(client):
    page = client.get("/careers/chef")
    assert page.status_code == 200
    assert "Quick facts" in page.text and "Entry education" in page.text and "Starting pay per year" in page.text
    assert "Check findings" in page.text
    assert 'action="/build/career"' in page.text and 'name="csrf"' in page.text
    for control in ('name="format"', 'name="paper"', 'name="lang"', 'name="grayscale"', 'name="school"',
                    'name="logo"', 'name="brand"', 'name="us_state"'):
        assert control in page.text
    assert '<option value="">National (all states)</option>' in page.text
    assert '<option value="CA" >California</option>' in page.text and '<option value="US"' not in page.text


@pytest.mark.parametrize("path", ["/careers/astronaut", "/careers/..%2F..%2Fetc%2Fpasswd", "/careers/Chef",
                                  "/careers/chef/preview/x", "/collections/nope/pdf", "/jobs/AAAAAAAAAAAAAAAA",
                                  "/jobs/../etc/passwd", "/build/nothing", "/thumbs/abc/1.png",
                                  "/static/..%2F..%2Fbooklet%2F__init__.py", "/static/app.py", "/fonts/OFL.txt",
                                  "/fonts/..%2F..%2Fcontent%2Fcareers%2Fchef.yaml"])
def test_addresses_never_reach_other_files(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    assert "<html" in answer.text or answer.headers["content-type"] == "application/json"


def test_static_files_and_fonts(client):
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/fonts/Inter-Regular.otf").headers["content-type"] == "font/otf"
    assert client.get("/healthz").json()["ok"] is True


def test_check_page_shows_the_findings_of_every_file(client):
    page = client.get("/check")
    assert page.status_code == 200
    assert "content/careers/chef.yaml" in page.text or "chef" in page.text


def test_preview_thumbnails_and_the_cached_pdf(client, chef_preview):
    assert chef_preview["pages"] >= 8
    image = client.get(f"/thumbs/{chef_preview['key']}/1.png")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert "immutable" in image.headers["cache-control"]
    assert client.get(f"/thumbs/{chef_preview['key']}/999.png").status_code == 404
    page = client.get("/careers/chef").text
    assert f"/thumbs/{chef_preview['key']}/1.png" in page
    pdf = client.get("/careers/chef/pdf")  # the preview's own options: served from the cache at once
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert "chef.pdf" in pdf.headers["content-disposition"]
    assert PdfReader(io.BytesIO(pdf.content)).metadata.title.startswith("Chef")


def test_build_form_answers_from_the_cache_by_input_digest(client, chef_preview):
    answer = post(client, "/build/career", {"slug": "chef", "format": "booklet", "paper": "a4", "lang": "en"})
    assert answer.status_code == 303
    location = answer.headers["location"]
    status = finish(client, location)
    assert status["state"] == "done" and status["cached"] is True
    job_page = client.get(location).text
    assert "Ready, from the cache." in job_page and f"{location}/download" in job_page
    download = client.get(f"{location}/download")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(download.content)).pages) == chef_preview["pages"]


def test_build_form_pages(client):
    for kind in ("career", "shipped-collection", "collection", "roster", "compare"):
        page = client.get(f"/build/{kind}")
        assert page.status_code == 200 and 'name="csrf"' in page.text, kind
    assert 'value="chef" selected' in client.get("/build/career?slug=chef").text
    assert "Class lists" in client.get("/").text


def test_collections_page_and_a_shipped_collection(client):
    page = client.get("/collections")
    assert page.status_code == 200 and "Three careers" in page.text and 'name="careers"' in page.text
    answer = client.get("/collections/three-careers/pdf?format=handout", follow_redirects=False)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert finish(client, location)["state"] == "done"
    pack = PdfReader(io.BytesIO(client.get(f"{location}/download").content))
    assert pack.metadata.title and len(pack.pages) >= 6
    again = client.get("/collections/three-careers/pdf?format=handout", follow_redirects=False)
    assert again.status_code == 200 and again.content.startswith(b"%PDF")  # now straight from the cache


def test_own_collection_refusals_are_located_and_escaped(client):
    answer = post(client, "/build/collection", {"title": "<script>alert(1)</script>"})
    assert answer.status_code == 400 and "pick at least one career" in errors_of(answer.text)
    assert "<script>alert(1)" not in answer.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    answer = post(client, "/build/collection", {"title": "Mine", "careers": ["chef", "../../etc/passwd"]})
    assert answer.status_code == 400 and "is not a career in the catalog" in errors_of(answer.text)
    bad = b"slug: mine\ntitle: Mine\ncarers: [chef]\n"
    answer = post(client, "/build/collection", {}, files={"file": ("../../mine.yaml", bad, "text/yaml")})
    assert answer.status_code == 400
    assert re.search(r"mine\.yaml:3:1: .*carers", errors_of(answer.text))


# -- U.S. state editions ------------------------------------------------------------------


def test_state_edition_is_built_as_the_command_line_builds_it(client, web_content):
    """`--us-state CA` on the form: the CLI's Options, the CLI's digest, and a PDF that names California."""
    from booklet.options import Options
    from booklet.plan import plan
    from booklet.web.kinds import career_request, options_from_form
    from booklet.web.security import Form

    options, _chosen = options_from_form(Form({"us_state": [" ca "], "format": ["handout"]}))
    assert options == Options(format="handout", us_state="CA")  # as `build --format handout --us-state ca` sets it
    request = career_request(client.site, "electrician", options)
    assert request.key == plan(("electrician",), web_content, options).outputs[0].digest
    assert request.key != career_request(client.site, "electrician", Options(format="handout")).key
    answer = post(client, "/build/career", {"slug": "electrician", "format": "handout", "us_state": "CA"})
    assert answer.status_code == 303, errors_of(answer.text)
    location = answer.headers["location"]
    status = finish(client, location)
    assert status["state"] == "done", status
    assert status["title"] == "Electrician: Handout, A4, California edition"
    download = client.get(f"{location}/download")
    assert "electrician-handout-ca.pdf" in download.headers["content-disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(download.content)).pages)
    assert "CAREER HANDOUT · SKILLED TRADES · CALIFORNIA EDITION" in text  # the kicker, as the CLI prints it
    again = client.get("/careers/electrician/pdf?format=handout&us_state=ca", follow_redirects=False)
    assert again.status_code == 200 and again.content == download.content  # the same digest: from the cache


@pytest.mark.parametrize(("state", "message"), [
    ("ZZ", "U.S. state: &#39;ZZ&#39; is not a U.S. state or territory in the OEWS data; use one of AK, AL"),
    ("US", "&#39;US&#39; is not a U.S. state or territory"),
    ("California", "&#39;California&#39; is not a state code: give its two letters, such as CA or NY"),
    ("../CA", "&#39;../CA&#39; is not a state code"),
    ("<script>alert(1)</script>", "&#39;&lt;script&gt;alert(1)&lt;/sc…&#39; is not a state code"),
])
def test_unknown_state_is_refused_with_a_message(client, state, message):
    answer = post(client, "/build/career", {"slug": "chef", "us_state": state})
    assert answer.status_code == 400 and "Traceback" not in answer.text
    assert message in errors_of(answer.text)
    assert "<script>alert(1)" not in answer.text
    assert 'value="chef" selected' in answer.text  # the form again
    direct = client.get("/careers/chef/pdf", params={"us_state": state}, follow_redirects=False)
    assert direct.status_code == 400 and "not a" in direct.text and "Traceback" not in direct.text


def test_state_choice_is_on_every_build_form_but_the_comparison_sheet(client):
    for kind in ("career", "shipped-collection", "collection", "roster"):
        assert 'name="us_state"' in client.get(f"/build/{kind}").text, kind
    assert 'name="us_state"' in client.get("/collections").text
    assert 'name="us_state"' not in client.get("/build/compare").text  # the sheet prints national U.S. pay


# -- comparison sheets ----------------------------------------------------------------


def test_compare_three_careers_builds_one_sheet_on_the_worker(client):
    assert 'href="/build/compare"' in client.get("/").text  # in the navigation
    career = client.get("/careers/chef").text
    assert 'href="/build/compare?careers=chef"' in career and "Compare with…" in career
    page = client.get("/build/compare?careers=chef").text
    assert 'value="chef" checked' in page and 'name="csrf"' in page and 'name="format"' not in page
    for control in ('name="paper"', 'name="lang"', 'name="grayscale"', 'name="school"', 'name="logo"'):
        assert control in page
    answer = post(client, "/build/compare", {"careers": ["accountant", "chef", "electrician"], "paper": "a4"})
    assert answer.status_code == 303, errors_of(answer.text)
    location = answer.headers["location"]
    status = finish(client, location)
    assert status["state"] == "done", status
    assert status["kind"] == "compare" and status["title"] == "Comparison of Accountant, Chef, Electrician: A4"
    download = client.get(f"{location}/download")
    assert download.status_code == 200 and download.headers["content-type"] == "application/pdf"
    assert "compare-accountant-chef-electrician.pdf" in download.headers["content-disposition"]
    reader = PdfReader(io.BytesIO(download.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for title in ("Accountant", "Chef", "Electrician"):
        assert title in text
    assert 1 <= len(reader.pages) <= 3
    again = post(client, "/build/compare", {"careers": ["accountant", "chef", "electrician"]})
    assert finish(client, again.headers["location"])["cached"] is True  # the same inputs: the same digest


def test_compare_key_is_the_digest_booklet_compare_gives_the_sheet(client, web_content):
    from booklet.compare import plan_sheet
    from booklet.options import Options
    from booklet.render import compare
    from booklet.web import kinds

    assert (kinds.MIN_COMPARED, kinds.MAX_COMPARED) == (compare.MIN_COMPARED, compare.MAX_COMPARED)
    for options in (Options(), Options(paper="a5", lang="hi", grayscale=True)):
        request = kinds.compare_request(client.site, ["electrician", "accountant"], options)
        sheet = plan_sheet(("electrician", "accountant"), web_content, options)
        assert request.key == sheet.digest
        assert request.filename.startswith(sheet.name.removesuffix(".pdf"))


@pytest.mark.parametrize(("careers", "message"), [
    ([], "pick 2 to 4 careers to compare; you picked none"),
    (["chef"], "pick 2 to 4 careers to compare; you picked 1"),
    (["accountant", "chef", "electrician", "plumber", "nurse"], "pick 2 to 4 careers to compare; you picked 5"),
    (["chef", "chef"], "you picked 1"),
    (["chef", "cheff"], "&#39;cheff&#39; is not a career in the catalog; did you mean chef?"),
    (["chef", "../../etc/passwd"], "&#39;../../etc/passwd&#39; is not a career in the catalog"),
    (["chef", "<script>alert(1)</script>"], "&#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; is not a career"),
])
def test_compare_refusals_are_shown_on_the_page(client, careers, message):
    answer = post(client, "/build/compare", {"careers": careers})
    assert answer.status_code == 400 and answer.headers["content-type"].startswith("text/html")
    shown = errors_of(answer.text)
    assert message in shown, shown
    assert "<script>alert(1)" not in answer.text and "Traceback" not in answer.text
    assert 'action="/build/compare"' in answer.text  # the form again, with what was picked
    for slug in careers:
        if slug in ("accountant", "chef", "electrician"):
            assert f'value="{slug}" checked' in answer.text


def test_compare_has_no_format_to_choose(client):
    answer = post(client, "/build/compare", {"careers": ["chef", "accountant"], "format": "handout"})
    assert answer.status_code == 400 and "a comparison sheet has one layout" in errors_of(answer.text)


# -- class lists ------------------------------------------------------------------


def test_roster_with_a_bad_row_shows_the_table_and_builds_the_rest(client):
    csv = (b"student,class,careers,format,note\n"
           b"Asha Verma,10B,chef,handout,Talk to Ms. Rao\n"
           b"Rohan Mehta,10B,astronaut,,\n")
    answer = post(client, "/build/roster", {"school": "Greenfield School"},
                  files={"roster": ("class-10b.csv", csv, "text/csv"), "logo": ("logo.svg", GOOD_SVG, "image/svg+xml")})
    assert answer.status_code == 303, errors_of(answer.text)
    location = answer.headers["location"]
    status = finish(client, location)
    assert status["state"] == "done", status
    assert status["table"] == [{"line": "3", "column": "3", "message": "unknown career 'astronaut'"}]
    page = client.get(location).text
    assert 'id="row-errors"' in page and "<td>3</td>" in page and "unknown career &#39;astronaut&#39;" in page
    download = client.get(f"{location}/download")
    assert download.headers["content-type"] == "application/zip"
    assert "class-10b-booklets.zip" in download.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert sorted(names) == ["10b/asha-verma.pdf", "10b/class-pack.pdf", "index.csv"]


def test_roster_that_cannot_be_read_is_a_table_too(client):
    answer = post(client, "/build/roster", {}, files={"roster": ("c.csv", b"name,job\nAsha,chef\n", "text/csv")})
    assert answer.status_code == 400
    assert 'id="row-errors"' in answer.text and "the column &#39;student&#39; is missing" in answer.text


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bomb.csv", b"PK\x03\x04" + bytes(range(256)) * 8, "is not UTF-8 text"),
    ("big.csv", b"student,careers\n" + b"Asha,chef\n" * 110_000, "uploads are limited to 1,048,576 bytes"),
    ("long.csv", b"student,careers\n" + b"".join(b"S%d,chef\n" % n for n in range(2_100)),
     "the page builds at most 200"),
    ("wide.csv", b"student,careers\nAsha," + b"chef;" * 5_000 + b"\n", "careers is 25000 characters"),
    ("nul.csv", b"student,careers\nAsha\x00,chef\n", "NUL bytes"),
])
def test_hostile_class_lists_are_refused_with_a_message(client, name, data, message):
    answer = post(client, "/build/roster", {}, files={"roster": (name, data, "text/csv")})
    assert answer.status_code == (413 if name == "big.csv" else 400)
    assert message in answer.text.replace("&#39;", "'")


# -- brands -------------------------------------------------------------------------


@pytest.mark.parametrize(("logo", "message"), [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "contains &lt;script&gt;"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="1"/></svg>', "event handler (onload)"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>', "outside the logo"),
    (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', "DOCTYPE or entities"),
    (b"not an svg at all", "is not well-formed SVG"),
])
def test_hostile_logos_are_refused(client, logo, message):
    answer = post(client, "/build/career", {"slug": "chef", "school": "Greenfield"},
                  files={"logo": ("logo.svg", logo, "image/svg+xml")})
    assert answer.status_code == 400
    assert message in errors_of(answer.text)


def test_brand_files_are_checked_like_brand_option(client):
    traversal = b"school: Greenfield\nlogo: ../../etc/passwd\n"
    answer = post(client, "/build/career", {"slug": "chef"}, files={"brand": ("brand.yaml", traversal, "text/yaml")})
    assert answer.status_code == 400 and "brand.yaml:2:" in errors_of(answer.text)
    weak = b"school: Greenfield\naccent: '#dddddd'\n"
    answer = post(client, "/build/career", {"slug": "chef"}, files={"brand": ("brand.yaml", weak, "text/yaml")})
    assert answer.status_code == 400 and "contrast" in errors_of(answer.text)
    missing = b"school: Greenfield\nlogo: crest.png\n"
    answer = post(client, "/build/career", {"slug": "chef"}, files={"brand": ("brand.yaml", missing, "text/yaml")})
    assert answer.status_code == 400 and "choose that file as the logo too" in errors_of(answer.text)


# -- forms: CSRF, sizes, fields ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["career", "shipped-collection", "collection", "roster", "compare"])
@pytest.mark.parametrize("token", ["", "0" * 64])
def test_every_form_needs_its_csrf_token(client, kind, token):
    answer = post(client, f"/build/{kind}", {"slug": "chef"}, token=token)
    assert answer.status_code == 403 and "CSRF" in answer.text


def test_csrf_token_is_bound_to_the_session(client):
    from starlette.testclient import TestClient

    token = csrf(client)
    stranger = TestClient(client.app, base_url="http://127.0.0.1")  # another browser: another session cookie
    answer = stranger.post("/build/career", data={"csrf": token, "slug": "chef"}, follow_redirects=False)
    assert answer.status_code == 403


def test_a_200_mb_upload_is_refused(client):
    """By its declared length, and by what arrives when no length is declared (the live server test measures how
    little of it is read: test_browser.test_a_200_mb_upload_is_cut_short)."""
    token = csrf(client)
    declared = client.post("/build/roster", content=b"x", headers={
        "content-type": "multipart/form-data; boundary=x", "content-length": str(200 * 1024 * 1024)})
    assert declared.status_code == 413 and "209,715,200 bytes" in declared.text
    streamed = client.post("/build/roster", content=iter([b"x" * (1024 * 1024)] * 8), headers={
        "content-type": "multipart/form-data; boundary=x", "x-csrf-token": token})
    assert streamed.status_code == 413 and "too large" in streamed.text


def test_one_upload_over_its_limit(client):
    answer = post(client, "/build/career", {"slug": "chef", "school": "G"},
                  files={"logo": ("logo.svg", b"<svg>" + b" " * (1024 * 1024 + 10) + b"</svg>", "image/svg+xml")})
    assert answer.status_code == 413 and "too large" in answer.text


@pytest.mark.parametrize(("data", "message"), [
    ({"slug": "../../etc/passwd"}, "choose a career from the catalog"),
    ({"slug": "/etc/passwd"}, "choose a career from the catalog"),
    ({"slug": "chef", "paper": "../a4"}, "is not one of"),
    ({"slug": "chef", "lang": "/etc"}, "is not one of"),
    ({"slug": "chef", "format": "booklet\x00"}, "is not one of"),
])
def test_paths_and_bad_choices_in_fields_are_refused(client, data, message):
    answer = post(client, "/build/career", data)
    assert answer.status_code == 400 and message in errors_of(answer.text)


def test_a_field_too_long(client):
    answer = post(client, "/build/collection", {"introduction": "x" * 5_000})
    assert answer.status_code == 413


# -- headers, hosts, tokens ------------------------------------------------------------------


def test_security_headers_on_pages_errors_and_files(client):
    for path in ("/", "/careers/chef", "/nowhere", "/static/app.css", "/healthz"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    from starlette.testclient import TestClient

    page = TestClient(client.app, base_url="http://127.0.0.1").get("/")  # a new visitor gets a session cookie
    nonce = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"]).group(1)
    assert f'nonce="{nonce}"' in page.text
    assert "HttpOnly" in page.headers["set-cookie"] and "SameSite=Lax" in page.headers["set-cookie"]


def test_typed_text_is_escaped(client):
    page = client.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_other_host_names_are_refused_on_loopback(client):
    answer = client.get("/", headers={"host": "evil.example:8000"})
    assert answer.status_code == 400 and "localhost" in answer.text


@pytest.fixture(scope="module")
def guarded(web_content, tmp_path_factory):
    """The app as ``--host 0.0.0.0 --token …`` makes it (no workers: nothing is built)."""
    from starlette.testclient import TestClient

    from booklet.web.app import Settings, create_app

    app = create_app(Settings(content=web_content, host="0.0.0.0", token="s3cret-token-for-tests",
                              cache=tmp_path_factory.mktemp("guarded"), workers=1), start=False)
    with TestClient(app, base_url="http://192.0.2.1:8000") as test_client:
        yield test_client


def test_token_protects_every_page(guarded):
    for path in ("/", "/careers/chef", "/static/app.css", "/healthz", "/nowhere"):
        assert guarded.get(path).status_code == 401
    assert guarded.get("/", params={"token": "wrong"}).status_code == 401
    assert guarded.get("/", headers={"authorization": "Bearer s3cret-token-for-tests"}).status_code == 200
    first = guarded.get("/careers/chef", params={"token": "s3cret-token-for-tests", "x": "1"},
                        follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/careers/chef?x=1"
    assert "s3cret" not in first.headers["set-cookie"]  # the cookie holds a hash, never the token
    assert guarded.get("/careers/chef").status_code == 200  # the cookie now


def test_serve_refuses_another_host_without_a_token(monkeypatch):
    from click.testing import CliRunner

    from booklet.cli import cli

    monkeypatch.delenv("BOOKLET_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "warning: listening on 0.0.0.0" in result.output and "needs an access token" in result.output
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"], env={"BOOKLET_TOKEN": "short"})
    assert result.exit_code == 2 and "too short" in result.output


# -- watch: the preview follows the profile ------------------------------------------------------


def test_yaml_mistake_shows_located_lines_and_keeps_the_last_good_preview(client, chef_preview, web_content):
    profile = web_content / "careers" / "chef.yaml"
    good = profile.read_text(encoding="utf-8")
    try:
        profile.write_text(good.replace("field: Hospitality", "field: [Hospitality"), encoding="utf-8")
        state = client.get("/careers/chef/preview").json()
        assert state["preview"] == "errors" and state["last_good"] == chef_preview["key"]
        assert state["errors"] and all(re.match(r"content/careers/chef\.yaml:\d+:\d+: ", line)
                                       for line in state["errors"])
        assert "Traceback" not in str(state)
        page = client.get("/careers/chef").text
        assert "The profile has mistakes" in page and f"/thumbs/{chef_preview['key']}/1.png" in page
    finally:
        profile.write_text(good, encoding="utf-8")
    assert client.get("/careers/chef/preview").json()["preview"] == "ready"


def test_watcher_sees_template_edits(tmp_path):
    from booklet.web.watch import Watcher

    (tmp_path / "css").mkdir()
    sheet = tmp_path / "css" / "base.css"
    sheet.write_text("p { color: black }")
    (tmp_path / "web").mkdir()
    calls = []
    watcher = Watcher(lambda: calls.append(1), roots=(tmp_path,))
    assert watcher.check() is False
    (tmp_path / "web" / "app.css").write_text("x")  # the page's own files never reach a PDF
    assert watcher.check() is False
    sheet.write_text("p { color: navy }")
    assert watcher.check() is True and calls == [1] and watcher.generation == 1


# -- the queue ------------------------------------------------------------------------------


def test_cache_is_bounded_and_refuses_names_that_are_not_digests(tmp_path):
    from booklet.web.cache import ResultCache

    cache = ResultCache(tmp_path, max_bytes=1000)
    for number in range(5):
        cache.put(f"{number:064x}", b"x" * 300)
    assert cache.size <= 1000 and cache.has(f"{4:064x}") and not cache.has(f"{0:064x}")
    for bad in ("../../etc/passwd", "0" * 63, "A" * 64):
        with pytest.raises(ValueError):
            cache.path(bad)
    side = cache.side_folder("bodies")
    for number in range(4):
        (side / f"{number}.pdf").write_bytes(b"y" * 200)
    assert sum(path.stat().st_size for path in cache.side_folder("bodies").iterdir()) <= 250


def test_queue_is_bounded_and_joins_duplicate_requests(tmp_path):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from booklet.batch import Job, Outcome
    from booklet.options import Options
    from booklet.web.cache import ResultCache
    from booklet.web.jobs import BuildRequest, JobQueue, Prepared, QueueFull

    release = threading.Event()

    def work(job):
        release.wait(10)
        return Outcome(job, pdf=b"%PDF-1.7 " + job.name.encode(), seconds=0.01)

    queue = JobQueue(ResultCache(tmp_path), workers=1, max_pending=2, executor_factory=ThreadPoolExecutor, work=work)

    def request(number: int) -> BuildRequest:
        key = f"{number:064x}"
        job = Job(f"{number}.pdf", (), Options(), digest=key)
        return BuildRequest("career", str(number), key, f"{number}.pdf", lambda: Prepared([job]))

    try:
        first, second = queue.submit(request(1)), queue.submit(request(2))
        assert queue.submit(request(1)) is first  # the same digest: one build
        with pytest.raises(QueueFull) as refused:
            queue.submit(request(3))
        assert refused.value.retry_after >= 5
        release.set()
        wait_for(lambda: first.state == second.state == "done", timeout=10)
        assert queue.pending == 0
        cached = queue.submit(request(1))
        assert cached.cached and cached.state == "done"
    finally:
        release.set()
        queue.stop()
