"""QR codes: a link a reader can scan from paper (a handout's "read more", a school's website)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def qr_code(url: str) -> str:
    """The link as a QR code: a vector SVG data URI, error correction level M."""
    import segno  # only handouts and branded outputs need it; keep it off every build's start-up

    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000000")
