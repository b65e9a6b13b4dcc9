"""A school's brand (issue 12): the example file, where the brand shows in the PDF, and hostile brand files."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from tests.conftest import SEED, alone, invoke, pdf_text


@pytest.fixture(scope="module")
def brand_dir(tmp_path_factory) -> Path:
    """The example brand `booklet brand new` writes, with its logo."""
    from booklet.cli import run

    folder = tmp_path_factory.mktemp("brand")
    assert run(["brand", "new", str(folder / "brand.yaml")]) == 0
    return folder


@pytest.fixture(scope="module")
def one_career(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content")
    (content / "careers").mkdir()
    (content / "careers" / SEED.name).write_text(alone(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    return content


def hostile(folder: Path, logo_name: str, logo: bytes, **fields: str) -> Path:
    """A brand file in ``folder`` naming ``logo_name`` (written with ``logo``), plus ``fields``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / logo_name).write_bytes(logo)
    lines = ["school: Greenfield Public School", f"logo: {logo_name}", *(f"{k}: {v!r}" for k, v in fields.items())]
    (folder / "brand.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "brand.yaml"


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` (a decompression bomb as far as a reader trusts it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_brand_new_writes_an_example_that_check_accepts(capsys, brand_dir):
    assert (brand_dir / "logo.svg").is_file()
    code, out, err = invoke(capsys, "check", str(brand_dir / "brand.yaml"))
    assert code == 0, out + err


def test_branded_booklet_names_the_school_and_the_counselor(capsys, brand_dir, one_career, tmp_path):
    code, out, err = invoke(capsys, "build", "--content", str(one_career), "--output", str(tmp_path), "--quiet",
                            "--brand", str(brand_dir / "brand.yaml"))
    assert code == 0, out + err
    text = pdf_text(tmp_path / "machine-learning-engineer.pdf")
    assert "Greenfield Public School" in text
    assert "Ms. Rao" in text and "Room 12" in text  # the contact block on the back matter's last page
    assert text.count("Greenfield Public School") >= 3  # cover, footers, contact


def test_branded_handout_stays_on_two_pages(capsys, brand_dir, one_career, tmp_path):
    from pypdf import PdfReader

    code, out, err = invoke(capsys, "build", "--content", str(one_career), "--output", str(tmp_path), "--quiet",
                            "--format", "handout", "--paper", "a5", "--brand", str(brand_dir / "brand.yaml"))
    assert code == 0, out + err
    pdf = next(tmp_path.glob("*.pdf"))
    assert len(PdfReader(pdf).pages) == 2
    assert "Greenfield Public School" in pdf_text(pdf) and "Ms. Rao" in pdf_text(pdf)


def test_without_a_brand_the_booklet_is_byte_identical_to_an_unbranded_build(pipeline, seed_career, seed_pdf):
    from booklet.options import Options

    assert pipeline.pdf(seed_career, Options(brand=None)).pdf == seed_pdf.read_bytes()


@pytest.mark.parametrize(("name", "logo", "fields", "message"), [
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', {}, "<script>"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                 b'<image xlink:href="https://tracker.example/p.png" width="10" height="10"/></svg>', {},
     "outside the logo"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(file:///etc/passwd)"/></svg>', {},
     "outside the logo"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', {},
     "<foreignObject>"),
    ("logo.svg", b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', {},
     "entities"),
    ("logo.png", png_header(20_000, 20_000), {}, "20,000 × 20,000 pixels"),
    ("logo.png", b"GIF89a not a png", {}, "is not a PNG"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', {"accent": "#7fb3d5"}, "contrast on white"),
])
def test_hostile_brand_is_refused_with_a_located_error(capsys, one_career, tmp_path, name, logo, fields, message):
    brand = hostile(tmp_path / "school", name, logo, **fields)
    for command in (["check", str(brand)], ["build", "--content", str(one_career), "--output",
                                            str(tmp_path / "out"), "--brand", str(brand)]):
        code, out, err = invoke(capsys, *command)
        assert code == 2, out + err
        assert message in out + err and "brand.yaml:" in out + err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))


def test_the_found_contrast_ratio_is_named(capsys, tmp_path):
    brand = hostile(tmp_path, "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', accent="#7fb3d5")
    code, out, err = invoke(capsys, "check", str(brand))
    assert code == 2 and "gives text 2.3:1 contrast" in out + err
    # The same light colour as a tint (rules only) is allowed.
    brand.write_text(brand.read_text().replace("accent:", "tint:"), encoding="utf-8")
    assert invoke(capsys, "check", str(brand))[0] == 0


@pytest.mark.parametrize("logo", ["../logo.svg", "/etc/passwd", "sub/logo.svg", ".hidden.svg", "logo.gif"])
def test_a_logo_outside_the_brand_folder_is_refused(capsys, tmp_path, logo):
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    school = tmp_path / "school"
    school.mkdir()
    (school / "brand.yaml").write_text(f"school: Greenfield\nlogo: {logo!r}\n", encoding="utf-8")
    code, out, err = invoke(capsys, "check", str(school / "brand.yaml"))
    assert code == 2 and "brand.yaml:2:" in out + err, out + err


def test_a_symlink_out_of_the_brand_folder_is_refused(capsys, tmp_path):
    (tmp_path / "secret.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    school = tmp_path / "school"
    school.mkdir()
    (school / "logo.svg").symlink_to(tmp_path / "secret.svg")
    (school / "brand.yaml").write_text("school: Greenfield\nlogo: logo.svg\n", encoding="utf-8")
    code, out, err = invoke(capsys, "check", str(school / "brand.yaml"))
    assert code == 2 and "link out of it" in out + err


@pytest.mark.parametrize("paper", ["a5", "half-letter"])
def test_the_contact_block_starts_below_the_career_qr_code(pipeline, brand_dir, paper):
    """On small paper the handout's QR code floats beside its link; its cell holds the float, so the school's
    contact block (and the fit's measure of the sheet) starts below the code instead of wrapping around it."""
    from weasyprint.formatting_structure import boxes

    from booklet.content.brand import load_brand
    from booklet.content.loader import load
    from booklet.options import Options
    from booklet.render.layout_check import PageReading

    options = Options(paper=paper, format="handout", brand=load_brand(brand_dir / "brand.yaml"))
    document = pipeline.layout(load(SEED), options)
    reading = PageReading(document, len(document.pages) - 1)
    qr = [placed.box for placed in reading.placed if isinstance(placed.box, boxes.ReplacedBox)
          and (placed.box.element.get("alt") or "").startswith("QR code linking to")
          and "brand-qr" not in (placed.box.element.get("class") or "")]
    contact = [placed.box for placed in reading.placed if isinstance(placed.box, boxes.BlockBox)
               and "brand-contact" in (placed.box.element.get("class") or "")]
    assert qr and contact
    assert contact[0].position_y >= qr[0].position_y + qr[0].margin_height()
