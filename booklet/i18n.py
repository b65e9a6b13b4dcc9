"""The words and number formats of one edition language: one object, ``Text``.

Every word a reader sees that is not profile content goes through gettext
(``text._("…")`` in Python, ``{% trans %}`` / ``_()`` in templates), and every
number, amount, date and list through Babel for the edition's locale, so an
edition is consistent from the cover to the chart axes.  The catalogs live in
``booklet/locale/<lang>/LC_MESSAGES/booklet.po`` and are compiled in memory
when first used (never a stale committed ``.mo``).

Money has one notation per currency, used everywhere (tables, charts,
handouts, cover): Indian amounts in lakh and crore (₹5.5L, ₹1.2Cr; in Hindi
₹5.5 लाख), the others in thousands ($67.2K).  ``money_key`` says once what
the short form means.  Hindi editions use the international (Latin) digits,
as the Constitution of India prescribes for the official use of Hindi.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from babel import Locale
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_compact_decimal, format_currency, format_decimal, get_currency_symbol
from babel.support import NullTranslations, Translations

LANGUAGES: dict[str, str] = {"en": "English", "hi": "हिन्दी"}
DOMAIN = "booklet"
# The locale whose conventions each currency is written in, per edition language.
MONEY_LOCALES: dict[str, dict[str, str]] = {
    "en": {"INR": "en_IN", "USD": "en_US", "EUR": "en_IE"},
    "hi": {"INR": "hi_IN", "USD": "hi_IN", "EUR": "hi_IN"},
}
NUMBER_LOCALES: dict[str, str] = {"en": "en_IN", "hi": "hi_IN"}


def _(message: str) -> str:
    """Mark a message for extraction where it is defined; it is translated where it is shown."""
    return message


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of ``lang`` (English is the source language: no catalog)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    if lang == "en":
        return NullTranslations()
    po = resources.files("booklet").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


# A short amount as Text.money writes it: its currency symbol, its number, its unit ("₹", "2", " लाख").
_AMOUNT = re.compile(r"(?P<symbol>\D*?)(?P<number>\d[\d.,]*)(?P<unit>\D*)")


@dataclass(frozen=True)
class Text:
    """Translation and formatting for one language; passed to templates as ``text``."""

    lang: str = "en"

    @classmethod
    def default(cls) -> Text:
        return cls("en")

    @property
    def translations(self) -> NullTranslations:
        return translations(self.lang)

    @property
    def locale(self) -> Locale:
        return Locale.parse(NUMBER_LOCALES[self.lang])

    def _(self, message: str, **values: object) -> str:
        translated = self.translations.gettext(message)
        return translated % values if values else translated

    def n_(self, singular: str, plural: str, count: float, **values: object) -> str:
        # gettext plural rules take integers; 1.5 years reads as a plural.
        n = int(count) if float(count).is_integer() else 2
        return self.translations.ngettext(singular, plural, n) % {"num": self.number(count), **values}

    # -- numbers, dates, lists -------------------------------------------------
    def number(self, value: float) -> str:
        return format_decimal(value, locale=NUMBER_LOCALES[self.lang], decimal_quantization=False)

    def decimal(self, value: float, places: int) -> str:
        """A number with exactly ``places`` decimals, as the locale writes it: 6.9, 7.0."""
        return format_decimal(value, format="0." + "0" * places if places else "0", locale=NUMBER_LOCALES[self.lang])

    def percent(self, share: float) -> str:
        """A share in percent, as the locale writes it: 30% in English and Hindi."""
        return self._("%(num)s%%", num=self.number(share))

    def date(self, day: dt.date) -> str:
        """Month and year: 'November 2026', 'नवंबर 2026'."""
        from babel.dates import format_date  # dates are needed once per booklet

        return format_date(day, "LLLL y", locale=NUMBER_LOCALES[self.lang])

    def day(self, day: dt.date) -> str:
        """A full date: '12 December 2026', '12 दिसंबर 2026'."""
        from babel.dates import format_date

        return format_date(day, "d MMMM y", locale=NUMBER_LOCALES[self.lang])

    def join_list(self, items: list[str]) -> str:
        return format_list(items, locale=NUMBER_LOCALES[self.lang]) if items else ""

    def region(self, code: str) -> str:
        return self._(REGION_NAMES[code])

    def regions(self, codes: list[str]) -> str:
        """'India, United States and Europe', in the edition's language."""
        return self.join_list([self.region(code) for code in codes])

    # -- years ----------------------------------------------------------------
    def years(self, count: float) -> str:
        """'1 yr', '4 yrs'."""
        return self.n_("%(num)s yr", "%(num)s yrs", count)

    def years_span(self, low: float, high: float | None, long: bool = False, typical: float | None = None) -> str:
        """'3–6 yrs', '4 yrs' (never '4–4 yrs'), '18+ yrs'; ``long``: 'years'; ``typical``: '4 yrs (3–5)'."""
        if typical is not None:
            top = high if high is not None else typical
            usual = self.years(typical)
            return usual if low == top else f"{usual} ({self.number(low)}–{self.number(top)})"
        if high is None:
            return self.n_("%(num)s+ year", "%(num)s+ years", low) if long else \
                self.n_("%(num)s+ yr", "%(num)s+ yrs", low)
        if high == low:
            return self.n_("%(num)s year", "%(num)s years", low) if long else self.years(low)
        if long:
            return self.n_("%(low)s–%(num)s year", "%(low)s–%(num)s years", high, low=self.number(low))
        return self.n_("%(low)s–%(num)s yr", "%(low)s–%(num)s yrs", high, low=self.number(low))

    # -- money ----------------------------------------------------------------
    def money(self, amount: float, currency: str) -> str:
        """The one short notation of ``currency``: ₹5.5L, ₹1.2Cr, $67.2K, €45.3K."""
        locale = MONEY_LOCALES[self.lang][currency]
        symbol = get_currency_symbol(currency, locale="en")
        short = format_compact_decimal(amount, locale=locale, fraction_digits=1,
                                       format_type="long" if self.lang != "en" else "short")
        return f"{symbol}{short}".replace(" ", "\u00a0")  # "30.8 हज़ार" never breaks; a range may, after its dash

    def money_range(self, low: int, high: int | None, currency: str) -> str:
        if high is None:
            return self._("%(amount)s and above", amount=self.money(low, currency))
        return f"{self.money(low, currency)}–{self.money(high, currency)}"

    def money_span(self, low: int, high: int | None, currency: str) -> str:
        """A range in the fewest characters, its unit said once when both ends share it: ₹2–6 लाख, $82.5–105.2K.

        For a cell too narrow for "₹2 लाख–₹6 लाख" (a comparison of four careers on small paper).
        """
        first, last = (_AMOUNT.fullmatch(self.money(amount, currency)) for amount in (low, high or low))
        if high is None or not (first and last) or first["unit"] != last["unit"]:
            return self.money_range(low, high, currency)
        return f"{first['symbol']}{first['number']}–{last['number']}{last['unit']}"

    def money_full(self, amount: float, currency: str) -> str:
        """Every digit, grouped as the currency's country groups them: ₹5,00,000, $67,240."""
        locale = MONEY_LOCALES[self.lang][currency]
        pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0].split(".")[0]
        return format_currency(amount, currency, locale=locale, format=pattern, currency_digits=False)

    def money_key(self, amount: float, currency: str) -> str:
        """What the short notation means, said once: '₹5L = 5 lakh = ₹5,00,000'."""
        if currency == "INR":
            lakh = self.number(round(amount / 100_000, 1))
            return self._("%(short)s = %(lakh)s lakh = %(full)s", short=self.money(amount, currency), lakh=lakh,
                          full=self.money_full(amount, currency))
        return f"{self.money(amount, currency)} = {self.money_full(amount, currency)}"


REGION_NAMES: dict[str, str] = {"IN": _("India"), "US": _("United States"), "EU": _("Europe")}
