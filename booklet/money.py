"""Money as a reader in that country writes it, by Babel rather than by hand.

Indian amounts use lakh and crore with Indian digit grouping (₹12.5L,
₹12,50,000); US amounts use thousands ($95.5K, $112,590).  Charts and
templates both format through here so they always agree.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.numbers import format_compact_currency, format_currency

LOCALES = {"INR": "en_IN", "USD": "en_US", "EUR": "en_IE"}


def compact(amount: float, currency: str) -> str:
    """Short form for axes and tables: ₹12.5L, ₹1.2Cr, $95.5K."""
    return format_compact_currency(amount, currency, locale=LOCALES[currency], fraction_digits=1)


def full(amount: float, currency: str) -> str:
    """Every digit, grouped as the locale groups them, no decimals: ₹12,50,000."""
    return format_currency(amount, currency, locale=LOCALES[currency], format=_whole_pattern(currency),
                           currency_digits=False)


@cache
def _whole_pattern(currency: str) -> str:
    pattern = Locale.parse(LOCALES[currency]).currency_formats["standard"].pattern
    return pattern.split(";")[0].split(".")[0]
