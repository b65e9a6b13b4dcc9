"""Shared fixtures: the seed profile, a built booklet, a small catalog to build, and profile editing helpers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent  # the repository, whatever the working directory
CONTENT = REPO / "content"
# The machine learning engineer profile as it was when these tests were written, frozen so that
# editing the catalog never moves their needles; the shipped catalog has its own tests.
FROZEN_SEED = SEED = Path(__file__).parent / "testdata" / "frozen" / "machine-learning-engineer.yaml"


@pytest.fixture(scope="session")
def pipeline():
    from booklet.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_career():
    from booklet.content.loader import load

    return load(SEED)


@pytest.fixture(scope="session")
def seed_pdf(pipeline, seed_career, tmp_path_factory) -> Path:
    """The seed booklet, built once for the whole session."""
    from booklet.options import Options

    target = tmp_path_factory.mktemp("seed") / "machine-learning-engineer.pdf"
    target.write_bytes(pipeline.pdf(seed_career, Options()).pdf)
    return target


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A content folder holding only a copy of the seed profile, safe to edit.

    Its ``related`` careers are dropped, since they are not in this catalog.
    """
    careers = tmp_path / "content" / "careers"
    careers.mkdir(parents=True)
    (careers / SEED.name).write_text(alone(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    return tmp_path / "content"


def alone(profile: str) -> str:
    """A profile's text without its ``related`` careers, for a catalog where it is the only one."""
    return re.sub(r"(?m)^related: .*$", "related: []", profile)


def small_catalog(root: Path, careers: list[str], collections: dict[str, str]) -> Path:
    """``root/content``: copies of a few shipped careers and collection files of the given YAML text.

    Build tests want a real catalog that builds in seconds; each one names its
    own collections, as its assertions name their PDFs.
    """
    careers_dir = root / "content" / "careers"
    careers_dir.mkdir(parents=True)
    for slug in careers:
        (careers_dir / f"{slug}.yaml").write_bytes((CONTENT / "careers" / f"{slug}.yaml").read_bytes())
    collections_dir = root / "content" / "collections"
    collections_dir.mkdir()
    for slug, text in collections.items():
        (collections_dir / f"{slug}.yaml").write_text(text)
    return root / "content"


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def pdf_text(pdf: bytes | Path) -> str:
    """All text of a PDF, whitespace folded so wrapped lines read as one."""
    from io import BytesIO

    from pypdf import PdfReader

    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    reader = PdfReader(BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\u2011", "-")  # non-breaking hyphens
    # A word hyphenated at a line end (WeasyPrint's U+2010) reads as the word.
    return " ".join(text.split()).replace("\u2010 ", "")


def invoke(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command line in this process: (exit status, stdout, stderr); never a traceback."""
    from booklet.cli import run

    code = run(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A content folder holding the frozen profile, and an output folder where its booklet is built."""
    from booklet.cli import run

    root = tmp_path_factory.mktemp("built")
    careers = root / "content" / "careers"
    careers.mkdir(parents=True)
    (careers / FROZEN_SEED.name).write_text(alone(FROZEN_SEED.read_text(encoding="utf-8")), encoding="utf-8")
    assert run(["build", "--content", str(root / "content"), "--output", str(root / "output"), "-j", "1",
                "--quiet"]) == 0
    return root / "content", root / "output"


@pytest.fixture
def site(built, tmp_path) -> tuple[Path, Path]:
    """A fresh copy of ``built`` for one test to damage."""
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(built[0], content)
    shutil.copytree(built[1], output)
    return content, output
