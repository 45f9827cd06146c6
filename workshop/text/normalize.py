"""Clean user text for storage and fold it into keys for duplicate matching."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from workshop.errors import BadInput

# Letters that Arabic keyboards, old PDFs and NFKC produce but Persian spells differently.
_LETTERS = {"ك": "ک", "ي": "ی", "ى": "ی", "ە": "ه", "ہ": "ه"}
_DIGITS = {chr(base + i): str(i) for base in (0x06F0, 0x0660) for i in range(10)}
# Invisible characters that only hide, reorder or spoof text (ZWJ is handled separately).
_DROP = (
    [0x0640, 0x200B, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x00AD, 0x180E]
    + list(range(0x202A, 0x202F))
    + list(range(0x2060, 0x2065))
    + list(range(0x2066, 0x206A))
)
_SPACES = [0x0009, 0x000B, 0x000C, 0x0085, 0x00A0, 0x1680, 0x202F, 0x205F, 0x3000]
_SPACES += list(range(0x2000, 0x200B))

# Stored text keeps the user's letters and digits: only invisible/spoofing characters go.
_CLEAN_TABLE = str.maketrans({**dict.fromkeys(_DROP), **dict.fromkeys(_SPACES, " ")})

ZWNJ = "\u200c"
_ZWJ = "\u200d"
_FOLD_TABLE = str.maketrans({**_LETTERS, **_DIGITS})
_ZWNJ_RUNS = re.compile(ZWNJ + "{2,}")
_ZWNJ_EDGES = re.compile(rf"(?:(?<=\s)|^){ZWNJ}|{ZWNJ}(?=\s|$)", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{4,}")  # more than two blank lines in a row

# Folds that only matter for matching (derived keys); the stored text keeps the user's spelling.
_MATCH_TABLE = str.maketrans({"ٱ": "ا", "ة": "ه", "ۀ": "ه", ZWNJ: " ", "_": " ", **_LETTERS,
                              **_DIGITS})
_NON_WORD = re.compile(r"[^\w]+")


def _is_emoji_part(char: str) -> bool:
    """Tell whether a character can sit on either side of an emoji ZWJ."""
    cp = ord(char)
    return unicodedata.category(char) == "So" or 0x1F3FB <= cp <= 0x1F3FF or cp == 0xFE0F


def _drop_zwj(text: str) -> str:
    """Remove ZWJ except inside emoji sequences such as 👩🏽‍🔬, which it holds together."""
    if _ZWJ not in text:
        return text
    out = []
    for i, char in enumerate(text):
        if char == _ZWJ and not (
            0 < i < len(text) - 1 and _is_emoji_part(text[i - 1]) and _is_emoji_part(text[i + 1])
        ):
            continue
        out.append(char)
    return "".join(out)


def _clean_zwnj(text: str) -> str:
    """Keep ZWNJ only where it joins two letters of a word, as Persian spelling needs."""
    text = _ZWNJ_RUNS.sub(ZWNJ, text)
    return _ZWNJ_EDGES.sub("", text)


def _collapse_spaces(line: str) -> str:
    """Join runs of spaces into one and trim the ends."""
    return re.sub(" {2,}", " ", _clean_zwnj(line)).strip(" ")


def _split_lines(text: str) -> list[str]:
    """Turn every kind of line break into \\n and split on it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n").split("\n")


def clean_input(text: str, *, multiline: bool = False) -> str:
    """Safety cleaning before storage that keeps what was typed (docs/persian-text.md).

    NFC (not NFKC), bidi/format controls and tatweel removed, odd spaces made plain, spaces
    and stray ZWNJ collapsed; letters (ي/ك) and digits (۱۴۰۵) stay exactly as typed.
    """
    text = unicodedata.normalize("NFC", text)
    text = _drop_zwj(text.translate(_CLEAN_TABLE))
    lines = [_collapse_spaces(line) for line in _split_lines(text)]
    if not multiline:
        return _collapse_spaces(" ".join(lines))
    return _BLANK_LINES.sub("\n\n\n", "\n".join(lines)).strip("\n")


def fold(text: str) -> str:
    """Canonical spelling for keys: NFKC (presentation forms), Persian ک/ی/ه, ASCII digits."""
    return unicodedata.normalize("NFKC", clean_input(text)).translate(_FOLD_TABLE)


def match_key(text: str) -> str:
    """Aggressive fold for comparing texts (search, near-duplicates); never displayed."""
    text = unicodedata.normalize("NFD", fold(text))
    text = "".join(c for c in text if not unicodedata.combining(c) and c != "\u0670")
    text = unicodedata.normalize("NFC", text).translate(_MATCH_TABLE).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def compact_key(text: str) -> str:
    """Match key without spaces, so محله‌ای, محله ای and محلهای count as one spelling."""
    return match_key(text).replace(" ", "")


# --- validation: the one entry point services use for user text ---------------------------

MAX_MARKS = 10  # combining marks on one base character; more is "Zalgo" text
_BLANK_CATEGORIES = frozenset({"Cf", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"})
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_NONCHARS = "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
)
# Controls, lone surrogates, private use and noncharacters: never valid in stored text.
_FORBIDDEN = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
)
_FORBIDDEN += f"\U000f0000-\U0010ffff{_NONCHARS}"
_BAD_SINGLE = re.compile(f"[{_FORBIDDEN}\t\n\r]")
_BAD_MULTI = re.compile(f"[{_FORBIDDEN}]")
_INT_TEXT = re.compile(r"[-+]?[0-9]{1,18}", re.ASCII)


def _too_many_marks(text: str) -> bool:
    """Tell whether some character carries more combining marks than any script needs."""
    run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char)[0] == "M" else 0
        if run > MAX_MARKS:
            return True
    return False


def _is_invisible_char(char: str) -> bool:
    """Tell whether one character draws nothing (unassigned code points may be new emoji)."""
    category = unicodedata.category(char)
    return category in _BLANK_CATEGORIES or char in _INVISIBLE_LETTERS or char.isspace()


def _is_invisible(text: str) -> bool:
    """Tell whether nothing in the text would show on screen."""
    return all(_is_invisible_char(c) for c in text)


def _check_raw(value: object, field: str, max_len: int, multiline: bool) -> None:
    """Refuse what cleaning must never see: non-strings, huge strings, forbidden characters."""
    if not isinstance(value, str):
        raise BadInput("bad_payload", field=field)
    if len(value) > 4 * max_len + 256:  # refuse before cleaning megabytes of padding
        raise BadInput("too_long", field=field)
    if (_BAD_MULTI if multiline else _BAD_SINGLE).search(value):
        raise BadInput("invalid_text", field=field)


def validate_text(
    value: object, *, field: str, max_len: int, required: bool = True, multiline: bool = False
) -> str:
    """Check and clean one user-supplied text, so every service applies the same rules."""
    _check_raw(value, field, max_len, multiline)
    text = clean_input(value, multiline=multiline)
    if _too_many_marks(text):
        raise BadInput("invalid_text", field=field)
    if _is_invisible(text):
        if required:
            raise BadInput("required", field=field)
        return ""
    if len(text) > max_len:
        raise BadInput("too_long", field=field)
    return text


def validate_int(
    value: object, *, field: str, min_value: int, max_value: int, strict: bool = False
) -> int:
    """Accept an int or a digit string in any of our scripts; bools and floats are bugs."""
    # strict=True refuses strings too: in a JSON payload "3" means a client bug.
    if isinstance(value, str) and not strict:
        text = fold(value).replace("\u2212", "-")
        if not _INT_TEXT.fullmatch(text):
            raise BadInput("invalid_value", field=field)
        value = int(text)
    if type(value) is not int or not min_value <= value <= max_value:
        raise BadInput("invalid_value", field=field)
    return value


def _is_http_url(url: str) -> bool:
    """Tell whether a link is a plain http(s) address with a host and no credentials."""
    if any(unicodedata.category(c)[0] in "CZ" for c in url) or "\\" in url:
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a malformed port
    except ValueError:
        return False
    has_userinfo = "@" in parts.netloc
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and not has_userinfo


def validate_http_url(
    value: object, *, field: str, max_len: int = 500, required: bool = False
) -> str:
    """Keep only http(s) links, so javascript: and data: URLs never reach a page."""
    if not isinstance(value, str):
        raise BadInput("bad_payload", field=field)
    url = value.strip()
    if not url:
        if required:
            raise BadInput("required", field=field)
        return ""
    if len(url) > max_len:
        raise BadInput("too_long", field=field)
    if not _is_http_url(url):
        raise BadInput("invalid_value", field=field)
    return url
