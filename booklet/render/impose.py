"""Saddle-stitch imposition: a print-ready file to fold and staple.

The booklet's pages are padded with blanks to a multiple of four and placed
two per sheet side in folding order (for 8 pages: 8|1, 2|7, 6|3, 4|5), so
printing duplex (flip on the short edge), folding the stack once and stapling
the fold gives the booklet in order.  A5 pages go on A4, half-letter pages on
Letter; larger pages are scaled down to fit.  pypdf does the placement with
page transformations; the result keeps the title and language.
"""

from __future__ import annotations

import hashlib
import io
from math import ceil

from booklet.options import PAPERS, Options
from booklet.render.pdf import Rendered

MM = 72 / 25.4  # PDF points per millimetre


def saddle_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indices for each sheet side, 0-based; None is a blank."""
    total = ceil(pages / 4) * 4 if pages else 0
    sides = []
    for side in range(total // 2):
        outer, inner = total - 1 - side, side
        left, right = (outer, inner) if side % 2 == 0 else (inner, outer)
        sides.append(tuple(index if index < pages else None for index in (left, right)))
    return sides


def impose_saddle(pdf: bytes, sheet: str) -> bytes:
    # Imported here: most builds never impose, and pypdf costs ~0.1 s to import.
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf))
    sheet_paper = PAPERS[sheet]
    width, height = sheet_paper.height_mm * MM, sheet_paper.width_mm * MM  # landscape
    writer = PdfWriter()
    for sides in saddle_order(len(reader.pages)):
        target = writer.add_blank_page(width=width, height=height)
        for slot, index in enumerate(sides):
            if index is None:
                continue
            page = reader.pages[index]
            page_width, page_height = float(page.mediabox.width), float(page.mediabox.height)
            scale = min((width / 2) / page_width, height / page_height)
            x = slot * width / 2 + (width / 2 - page_width * scale) / 2
            y = (height - page_height * scale) / 2
            target.merge_transformed_page(page, Transformation().scale(scale).translate(x, y))
    info = reader.metadata or {}
    writer.add_metadata({key: info[key] for key in ("/Title", "/Author", "/Subject", "/Keywords",
                                                    "/CreationDate", "/ModDate") if key in info})
    writer._root_object[NameObject("/Lang")] = TextStringObject(str(reader.trailer["/Root"].get("/Lang", "en")))
    writer.create_viewer_preferences().display_doctitle = True
    # A file identifier derived from the input keeps the output byte-identical run to run.
    identifier = ByteStringObject(hashlib.md5(pdf).digest())
    writer._ID = ArrayObject([identifier, identifier])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def impose_rendered(rendered: Rendered, options: Options) -> Rendered:
    if options.impose != "saddle":
        return rendered
    imposed = impose_saddle(rendered.pdf, options.page.sheet)
    return Rendered(imposed, ceil(rendered.pages / 4) * 2)
