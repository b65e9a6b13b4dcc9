"""A school's brand: its name, logo, counselor and colour on what it hands out.

A brand file is a small YAML file (``booklet brand new`` writes a commented
example) validated like a profile, with located errors.  Everything in it is
untrusted: the logo is read only from the brand file's own folder, through
the same bounded reader as every input, and checked before WeasyPrint sees
it.  An SVG logo may not run scripts, reach anything outside itself or embed
HTML; a PNG may not be larger than the limits; either is refused with a
message, never quietly cleaned.  The validated logo travels as a ``data:``
URI inside the brand, so a build needs no file access and the logo's bytes
are part of every output's digest.
"""

from __future__ import annotations

import base64
import io
import re
import struct
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from pydantic import Field, HttpUrl, PrivateAttr, field_validator
from pydantic_core import PydanticCustomError

from booklet.content.loader import parse, validate_as
from booklet.content.model import Strict
from booklet.errors import Finding, ProfileError, display_path
from booklet.inputs import read_input
from booklet.limits import MAX_LOGO_BYTES, MAX_LOGO_PIXELS

MIN_TEXT_CONTRAST = 4.5  # WCAG AA for text: the accent colour is used for the school's name and rules
HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# What an SVG logo may not contain: anything that runs, reaches out, or embeds another document.
FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler", "listener"}


def contrast(colour: str, background: str = "#ffffff") -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class Counselor(Strict):
    name: str = Field(min_length=1, max_length=80, description="As students address them, e.g. 'Ms. Rao'.")
    role: str | None = Field(default=None, max_length=80, description="e.g. 'School counselor'.")
    email: str | None = Field(default=None, max_length=80, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = Field(default=None, max_length=40, pattern=r"^[0-9+()\-. ]+$")
    room: str | None = Field(default=None, max_length=40, description="e.g. 'Room 12'.")
    hours: str | None = Field(default=None, max_length=60, description="e.g. 'Tue–Thu 10–12'.")


class Brand(Strict):
    """A school's brand file (``--brand FILE``, or ``brand:`` in a collection file)."""

    school: str = Field(min_length=1, max_length=80, description="The school's name, on every cover and footer.")
    logo: str | None = Field(default=None, max_length=100,
                             description="An SVG or PNG file in the brand file's folder, e.g. 'logo.svg'.")
    counselor: Counselor | None = Field(default=None, description="Who students ask: printed on the back cover.")
    website: HttpUrl | None = Field(default=None, description="The school's website, also printed as a QR code.")
    accent: str | None = Field(default=None, pattern=HEX_COLOUR, description=(
        "A colour for the school's name and rules, '#rrggbb'; it must give text at least 4.5:1 on white."))
    tint: str | None = Field(default=None, pattern=HEX_COLOUR, description=(
        "A colour used only for rules and tints (any lightness); defaults to the accent."))
    footer: str | None = Field(default=None, max_length=120, description="One line printed under the contact block.")
    _logo_uri: str | None = PrivateAttr(default=None)  # set by load_brand from the checked file, never from YAML

    @property
    def logo_uri(self) -> str | None:
        """The checked logo as a ``data:`` URI (None without a logo)."""
        return self._logo_uri

    @field_validator("logo")
    @classmethod
    def _a_file_beside_the_brand(cls, logo: str | None) -> str | None:
        if logo is not None and (Path(logo).name != logo or logo.startswith(".")
                                 or Path(logo).suffix.lower() not in (".svg", ".png")):
            raise PydanticCustomError("brand-logo", "give the name of an .svg or .png file in the brand file's "
                                      "folder, without a path (found {logo!r})", {"logo": logo})
        return logo

    @field_validator("accent")
    @classmethod
    def _readable(cls, accent: str | None) -> str | None:
        if accent is not None and (ratio := contrast(accent)) < MIN_TEXT_CONTRAST:
            raise PydanticCustomError("brand-contrast", "accent {accent} gives text {ratio}:1 contrast on white; "
                                      "text needs at least 4.5:1 (use it as `tint` for rules only, or darken it)",
                                      {"accent": accent, "ratio": f"{ratio:.1f}"})
        return accent

    @property
    def rule_colour(self) -> str | None:
        return self.tint or self.accent

    @property
    def contact(self) -> list[str]:
        """The counselor's details, each a short phrase: 'Ms. Rao, School counselor', 'Room 12', …"""
        if self.counselor is None:
            return []
        person = self.counselor
        who = f"{person.name}, {person.role}" if person.role else person.name
        return [part for part in (who, person.room, person.hours, person.email, person.phone)
                if part]


def load_brand(path: Path) -> Brand:
    """The validated brand of ``path``, its logo checked and embedded; every problem a located error."""
    doc = parse(path)
    brand = validate_as(Brand, doc)
    if brand.logo is None:
        return brand
    logo_path = path.parent / brand.logo
    where = doc.finding(("logo",), "")
    try:
        resolved = logo_path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        raise _error(where, f"the logo {brand.logo!r} is not in {display_path(path.parent)}") from None
    if resolved.parent != path.parent.resolve():  # a symlink out of the folder
        raise _error(where, f"the logo {brand.logo!r} must be a file in the brand file's folder, not a link out of it")
    data = read_input(resolved, limit=MAX_LOGO_BYTES).data
    if resolved.suffix.lower() == ".svg":
        _check_svg(data, logo_path, where)
        mime = "image/svg+xml"
    else:
        _check_png(data, logo_path, where)
        mime = "image/png"
    brand._logo_uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return brand


def _error(where: Finding, message: str) -> ProfileError:
    return ProfileError([Finding(where.path, where.line, where.column, message, field="logo", rule="brand-logo")])


def _check_png(data: bytes, path: Path, where: Finding) -> None:
    """Refuse a PNG that is not one or whose header claims more pixels than a logo needs (read before decoding)."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR" or len(data) < 24:
        raise _error(where, f"{path.name} is not a PNG file")
    width, height = struct.unpack(">II", data[16:24])  # the PNG header: the first chunk, IHDR, starts with the size
    if width * height > MAX_LOGO_PIXELS:
        raise _error(where, f"{path.name} is {width:,} × {height:,} pixels; a logo may have at most "
                            f"{MAX_LOGO_PIXELS:,} pixels (for example 2,000 × 2,000)")
    from PIL import Image  # matplotlib's own dependency; only brands with a PNG logo need it

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception as exc:  # PIL raises many kinds for a damaged file
        raise _error(where, f"{path.name} cannot be read as a PNG ({exc})") from None


def _check_svg(data: bytes, path: Path, where: Finding) -> None:
    """Refuse (never strip) what an SVG logo may not do: run code, fetch, embed documents, declare entities."""
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        raise _error(where, f"{path.name} declares a DOCTYPE or entities; a logo must be plain SVG")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise _error(where, f"{path.name} is not well-formed SVG ({exc})") from None
    if root.tag != f"{SVG}svg":
        raise _error(where, f"{path.name} is not an SVG image (its root is <{root.tag}>)")
    for element in root.iter():
        name = element.tag.split("}")[-1]
        if name in FORBIDDEN_ELEMENTS:
            raise _error(where, f"{path.name} contains <{name}>, which a logo may not have (scripts and embedded "
                                "documents are refused)")
        for attribute, value in element.attrib.items():
            local = attribute.split("}")[-1]
            if local.lower().startswith("on"):
                raise _error(where, f"{path.name}: <{name}> has an event handler ({local}), which a logo may not have")
            if (attribute == XLINK_HREF or local == "href") and not value.startswith("#"):
                raise _error(where, f"{path.name}: <{name}> refers to {value[:60]!r} outside the logo; a logo may "
                                    "only refer to its own parts")
            if _outside_references(value):
                raise _error(where, f"{path.name}: <{name}> {local} refers to something outside the logo")
        if name == "style" and ("@import" in (element.text or "") or _outside_references(element.text or "")):
            raise _error(where, f"{path.name}: a <style> in the logo imports or fetches from outside it")


def _outside_references(css: str) -> bool:
    """Whether a style or attribute value has a ``url(…)`` that is not a reference to the logo's own parts."""
    return any(not target.strip(" '\"").startswith("#") for target in re.findall(r"url\(([^)]*)\)", css))


EXAMPLE = """\
# A school's brand for booklet --brand FILE (or `brand: FILE` in a collection file).
# Everything but `school` is optional. The logo is an SVG or PNG file in this same folder.
school: Greenfield Public School
logo: logo.svg
counselor:
  name: Ms. Rao
  role: School counselor
  email: counselor@greenfield.example
  phone: +91 80 1234 5678
  room: Room 12
  hours: Tue–Thu 10–12
website: https://greenfield.example/careers
# For the school's name and rules; it must give text at least 4.5:1 contrast on white.
accent: "#1d4e89"
# Optional: a lighter colour used only for rules and tints.
# tint: "#7fb3d5"
footer: For the students of Greenfield Public School. Ask us before you choose your subjects.
"""
# A placeholder logo for the example: a simple mark, to be replaced by the school's own.
EXAMPLE_LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
                '<circle cx="50" cy="50" r="46" fill="#1d4e89"/><path d="M28 56 L50 28 L72 56 Z" fill="#ffffff"/>'
                '<rect x="38" y="56" width="24" height="18" fill="#ffffff"/></svg>\n')


def is_brand_file(data: object) -> bool:
    """Whether parsed YAML is a brand file rather than a profile or collection (it names a school, no slug)."""
    return isinstance(data, dict) and "school" in data and "slug" not in data
