"""One direction rule and one display rule for user text, shared by pages, live JS and the PDF.

The rule (docs/persian-text.md), mirrored line for line in static/js/direction.js:

* **Direction** of a paragraph: count its words (maximal runs of letters) by the script of
  their first letter, right-to-left (Arabic, Hebrew, ...) or left-to-right; tokens that must
  stay left-to-right (URLs, emails, codes, phone numbers ...) are not counted. The majority
  wins; a tie or no words at all falls back to the UI language. "API باز برای Google Maps در
  اصفهان" is right-to-left although it starts with a Latin word.
* **LTR units**: URLs, emails, phone numbers, signed numbers (with %), dates written with `-`
  and codes (ASCII letters mixed with digits) are isolated as left-to-right units, so bidi
  cannot turn "031-32221100" into "32221100-031" or "-3.5%" into "%3.5-".
* **Contextual digits** (Persian UI only): an ASCII digit whose nearest letter before it is
  right-to-left (or that has no letter before it in a right-to-left paragraph) is shown as a
  Persian digit; digits in a Latin run, a URL, an email or a code stay as typed. Stored text
  is never changed: this is display only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_D = "0-9\u06f0-\u06f9\u0660-\u0669"  # digits of every keyboard we see
# The same pattern, character for character, is in static/js/direction.js.
LTR_UNIT = re.compile(
    r"(?:https?://|www\.)[^\s«»]*[^\s«».,;:!?؟،؛)\]}]"          # URL
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"     # email
    rf"|\+[{_D}]{{1,3}}(?:[ -]?[{_D}]{{2,}})+"                  # international phone
    rf"|[{_D}]{{2,}}(?:-[{_D}]{{2,}})+"                          # phone, date with -
    rf"|(?<![{_D}A-Za-z])[-+\u2212][{_D}]+(?:[.,\u066b\u066c][{_D}]+)*[%\u066a]?"  # signed
    r"|(?<![A-Za-z0-9])(?=[A-Za-z0-9_#/.-]*[A-Za-z])(?=[A-Za-z0-9_#/.-]*[0-9])"
    r"[A-Za-z0-9][A-Za-z0-9_#/.-]*[A-Za-z0-9]"                   # code: letters and digits
)
# Units whose digits stay as typed (a phone or a signed number follows its context).
_LITERAL = re.compile(r"[A-Za-z@/]")
_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ASCII_DIGIT = re.compile("[0-9]")


def is_rtl_char(ch: str) -> bool:
    """Tell whether a character is in a right-to-left script block: Hebrew, Arabic, Syriac,
    Thaana, NKo, Samaritan, Mandaic, Arabic supplements and presentation forms, and the RTL
    ranges of the SMP (the same ranges as RTL_RANGES in static/js/direction.js)."""
    return ("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"
            or "\U00010800" <= ch <= "\U00010fff" or "\U0001e800" <= ch <= "\U0001efff")


def _is_letter(ch: str) -> bool:
    """Unicode category L* (str.isalpha is exactly that, and fast); JS uses \\p{L}."""
    return ch.isalpha()


@dataclass(frozen=True)
class Piece:
    """A stretch of display text: plain (bidi does the rest) or an isolated LTR unit."""

    text: str
    ltr_unit: bool = False


def _masked(text: str) -> str:
    """The text with LTR units blanked out, so they count neither as words nor as context."""
    return LTR_UNIT.sub(lambda m: " " * len(m.group()), text)


def word_counts(text: str) -> tuple[int, int]:
    """(right-to-left words, left-to-right words) outside LTR units."""
    rtl = ltr = 0
    previous_letter = False
    for ch in _masked(str(text)):
        letter = _is_letter(ch)
        if letter and not previous_letter:
            if is_rtl_char(ch):
                rtl += 1
            else:
                ltr += 1
        previous_letter = letter or (previous_letter and unicodedata.category(ch)[0] == "M")
    return rtl, ltr


def direction(text: object, fallback: str = "rtl") -> str:
    """"rtl" or "ltr" by the majority of words; a tie (or no words) takes `fallback`."""
    rtl, ltr = word_counts(str(text or ""))
    if rtl == ltr:
        return fallback
    return "rtl" if rtl > ltr else "ltr"


def lang_direction(lang: str) -> str:
    """The UI language's direction, the fallback of `direction`."""
    return "rtl" if str(lang).lower().startswith("fa") else "ltr"


def _contextual_digits(text: str, context_rtl: bool) -> tuple[str, bool]:
    """Persian digits where the last letter before them is RTL; returns the new context."""
    if not _ASCII_DIGIT.search(text):  # nothing to change: only the context moves on
        for ch in reversed(text):
            if _is_letter(ch):
                return text, is_rtl_char(ch)
        return text, context_rtl
    out = []
    for ch in text:
        if _is_letter(ch):
            context_rtl = is_rtl_char(ch)
        out.append(ch.translate(_FA_DIGITS) if context_rtl and "0" <= ch <= "9" else ch)
    return "".join(out), context_rtl


def pieces(text: object, lang: str, para_dir: str | None = None) -> Iterator[Piece]:
    """Split one text into display pieces, with contextual digits applied for Persian."""
    text = str(text or "")
    para_dir = para_dir or direction(text, lang_direction(lang))
    fa = str(lang).startswith("fa")
    for number, line in enumerate(text.split("\n")):
        if number:
            yield Piece("\n")
        yield from _line_pieces(line, fa, para_dir == "rtl")


def _line_pieces(line: str, fa: bool, context: bool) -> Iterator[Piece]:
    """One line: plain stretches and LTR units; `context` is "the last letter was RTL"."""
    at = 0
    for m in LTR_UNIT.finditer(line):
        plain = line[at:m.start()]
        if plain:
            shown, context = _contextual_digits(plain, context) if fa else (plain, context)
            yield Piece(shown)
        unit = m.group()
        literal = not fa or not context or _LITERAL.search(unit)
        yield Piece(unit if literal else unit.translate(_FA_DIGITS), True)
        at = m.end()
    if at < len(line):
        yield Piece(_contextual_digits(line[at:], context)[0] if fa else line[at:])


LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def display_text(text: object, lang: str, para_dir: str | None = None) -> str:
    """Plain display string for the PDF: contextual digits, LTR units wrapped in LRI…PDI."""
    return "".join(f"{LRI}{p.text}{PDI}" if p.ltr_unit else p.text
                   for p in pieces(text, lang, para_dir))


def isolate_as(text: object, dir_: str) -> str:
    """Wrap a value in an isolate of a known direction (RLI/LRI…PDI), like <bdi dir=…>."""
    return f"{RLI if dir_ == 'rtl' else LRI}{text}{PDI}"
