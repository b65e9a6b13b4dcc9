"""Page images of a cached PDF, rendered with pypdfium2 and cached beside it.

PDFium is not thread-safe, so every call into it holds one lock; a PDF's
pages are all rendered the first time any is asked for (the career page
shows them all at once), then served from the cache.
"""

from __future__ import annotations

import io
import threading

from booklet.web.cache import ResultCache

WIDTH = 320  # pixels: a sharp thumbnail at 160 CSS pixels on a high-density screen
_pdfium = threading.Lock()


def page_count(cache: ResultCache, key: str) -> int | None:
    """Pages of the cached PDF ``key``; None if it is not cached."""
    path = cache.path(key)
    if path is None:
        return None
    import pypdfium2

    with _pdfium:
        document = pypdfium2.PdfDocument(str(path))
        try:
            return len(document)
        finally:
            document.close()


def thumbnail(cache: ResultCache, key: str, page: int) -> bytes | None:
    """The PNG of page ``page`` (1-based) of the cached PDF ``key``; None if there is no such page."""
    suffix = f"p{page}.png"
    if (found := cache.get(key, suffix)) is not None:
        return found
    path = cache.path(key)
    if path is None or page < 1:
        return None
    import pypdfium2

    with _pdfium:
        if (found := cache.get(key, suffix)) is not None:  # another request rendered it meanwhile
            return found
        document = pypdfium2.PdfDocument(str(path))
        try:
            if page > len(document):
                return None
            wanted = None
            for number in range(1, len(document) + 1):
                pdf_page = document[number - 1]
                try:
                    bitmap = pdf_page.render(scale=WIDTH / pdf_page.get_width())
                    image = bitmap.to_pil()
                    buffer = io.BytesIO()
                    image.save(buffer, format="PNG")
                    data = buffer.getvalue()
                finally:
                    pdf_page.close()
                cache.put(key, data, f"p{number}.png")
                if number == page:
                    wanted = data
            return wanted
        finally:
            document.close()
