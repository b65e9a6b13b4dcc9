"""Uploaded files checked exactly as their command-line counterparts check them.

A brand file (with its logo) goes through ``booklet.content.brand.load_brand``
and a class list through ``booklet.content.roster.read_roster``: the same
limits, the same refusals (a logo with a script, a link out or an entity, a
PNG too many pixels, a CSV too long or not text), the same located messages.
Those functions read files, so an upload is written to a private temporary
folder under a fixed name of ours first; the name the user's browser sent is
used only to label the messages, never as a path.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path

import yaml

from booklet.content.brand import Brand, load_brand
from booklet.content.model import Career
from booklet.content.roster import Roster, read_roster
from booklet.errors import Finding, ProfileError
from booklet.limits import MAX_FILE_BYTES, MAX_LOGO_BYTES, MAX_ROSTER_BYTES
from booklet.web.jobs import Refused
from booklet.web.security import Form, Upload

LOGO_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(svg|png)$", re.IGNORECASE)
NAMED_LOGO = re.compile(r"^logo:\s*['\"]?([^'\"#\s]+)", re.MULTILINE)


def _too_large(upload: Upload, limit: int, what: str) -> None:
    if len(upload.data) > limit:
        raise Refused([f"{upload.filename}: {len(upload.data):,} bytes; {what} may have at most {limit:,} bytes"])


def _relabel(findings: list[Finding], label: str) -> list[str]:
    return [str(replace(finding, path=label)) for finding in findings]


def brand_from_form(form: Form) -> Brand | None:
    """The brand a build form asks for: an uploaded brand file (and its logo), or a typed school name (and logo).

    None when the form asks for no brand.  A mistake is ``Refused`` with
    ``brand.yaml:line:column: field: message`` lines, as ``--brand`` reports it.
    """
    upload, logo, school = form.upload("brand"), form.upload("logo"), form.get("school")
    if upload is None and logo is None and not school:
        return None
    if logo is not None:
        _too_large(logo, MAX_LOGO_BYTES, "a logo")
        if not LOGO_NAME.match(logo.filename):
            raise Refused([f"{logo.filename}: a logo must be an .svg or .png file"])
    if upload is not None:
        _too_large(upload, MAX_FILE_BYTES, "a brand file")
        text = upload.text()
        label = upload.filename
    elif school:
        fields = {"school": school[:200]}
        if logo is not None:
            fields["logo"] = f"logo{Path(logo.filename).suffix.lower()}"
        text = yaml.safe_dump(fields, allow_unicode=True)
        label = "school name"
    else:
        raise Refused(["logo: type the school's name (or upload a brand file) to go with the logo"])
    named = NAMED_LOGO.search(text)
    wanted = named.group(1) if named else None
    if wanted and logo is None and LOGO_NAME.match(wanted):  # a path or a wrong type: load_brand says where
        raise Refused([f"{label}: names the logo {wanted!r}; choose that file as the logo too"])
    if logo is not None and not wanted:
        raise Refused([f"{label}: has no `logo:` line for the logo {logo.filename!r} (add `logo: {logo.filename}`)"])
    with tempfile.TemporaryDirectory(prefix="booklet-brand-") as folder:
        path = Path(folder) / "brand.yaml"
        path.write_text(text, encoding="utf-8")
        if logo is not None and wanted and LOGO_NAME.match(wanted):
            (Path(folder) / wanted).write_bytes(logo.data)
        try:
            return load_brand(path)
        except ProfileError as exc:
            raise Refused(_relabel(exc.findings, label)) from None


def roster_from_upload(upload: Upload, catalog: dict[str, Career]) -> Roster:
    """A class list read by ``read_roster``; its findings name the uploaded file, as the command line would."""
    _too_large(upload, MAX_ROSTER_BYTES, "a class list")
    with tempfile.TemporaryDirectory(prefix="booklet-roster-") as folder:
        path = Path(folder) / "class.csv"
        path.write_bytes(upload.data)
        try:
            roster = read_roster(path, catalog)
        except ProfileError as exc:
            raise RosterRefused(exc.findings, upload.filename) from None
    roster.findings = [replace(finding, path=upload.filename) for finding in roster.findings]
    return roster


def row_table(findings: list[Finding]) -> list[dict[str, str]]:
    """Located findings as rows of the page's error table: line, column, message."""
    return [{"line": str(finding.line), "column": str(finding.column), "message": finding.message}
            for finding in findings]


class RosterRefused(Refused):
    """A class list that cannot be used at all (no header, not text): its findings as lines and as a table."""

    def __init__(self, findings: list[Finding], label: str):
        self.table = row_table(findings)
        super().__init__(_relabel(findings, label))
