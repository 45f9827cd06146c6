"""Every marked string has a real Persian translation, in whichever catalog owns it."""

from __future__ import annotations

import io
import re
from configparser import RawConfigParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)[sd]")


def _method_map() -> tuple[list[tuple[str, str]], dict]:
    """babel.cfg as Babel's extractor wants it (the same file `pybabel extract` reads)."""
    parser = RawConfigParser()
    parser.read(ROOT / "babel.cfg")
    methods, options = [], {}
    for section in parser.sections():
        method, pattern = (part.strip() for part in section.split(":", 1))
        methods.append((pattern, method))
        options[pattern] = dict(parser.items(section))
    return methods, options


def _marked_strings() -> dict[str, str]:
    """Every msgid marked with _, gettext, ngettext or _l, with one place it comes from."""
    methods, options = _method_map()
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
                "lazy_gettext": None}
    found: dict[str, str] = {}
    for top in ("workshop", "templates"):
        prefixed = [(p.removeprefix(f"{top}/"), m) for p, m in methods if p.startswith(top)]
        opts = {p.removeprefix(f"{top}/"): o for p, o in options.items()}
        for filename, lineno, message, _c, _ctx in extract_from_dir(
                ROOT / top, prefixed, opts, keywords=keywords):
            msgid = message[0] if isinstance(message, tuple) else message
            found.setdefault(msgid, f"{top}/{filename}:{lineno}")
    return found


def _fa_catalogs() -> list[Path]:
    return sorted(ROOT.glob("workshop/**/translations/fa/LC_MESSAGES/messages.po"))


def _load(path: Path):
    with path.open("rb") as fh:
        return read_po(fh, locale="fa")


@pytest.fixture(scope="module")
def translations() -> dict[str, tuple[str, bool, Path]]:
    """msgid -> (Persian text, fuzzy?, catalog) merged over every fa catalog."""
    merged: dict[str, tuple[str, bool, Path]] = {}
    for path in _fa_catalogs():
        for message in _load(path):
            if not message.id:
                continue
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            text = message.string[0] if isinstance(message.string, tuple) else message.string
            if msgid not in merged or not merged[msgid][0]:
                merged[msgid] = (text or "", message.fuzzy, path)
    return merged


def test_core_catalog_exists():
    assert (ROOT / "workshop/translations/fa/LC_MESSAGES/messages.po").is_file()


def test_every_marked_string_has_a_persian_translation(translations):
    marked = _marked_strings()
    assert len(marked) > 50, "extraction found too few strings; is babel.cfg right?"
    missing = [f"{where}: {msgid!r}" for msgid, where in sorted(marked.items())
               if not translations.get(msgid, ("",))[0].strip()]
    assert not missing, "untranslated (add to the fa catalog):\n" + "\n".join(missing)


def test_no_fuzzy_persian_entries(translations):
    fuzzy = [f"{path.relative_to(ROOT)}: {msgid!r}"
             for msgid, (_text, is_fuzzy, path) in translations.items() if is_fuzzy]
    assert not fuzzy, "fuzzy entries show English at runtime:\n" + "\n".join(fuzzy)


def test_placeholders_survive_translation(translations):
    broken = []
    for msgid, (text, _fuzzy, path) in translations.items():
        wanted = set(PLACEHOLDER.findall(msgid))
        if wanted and set(PLACEHOLDER.findall(text)) != wanted:
            broken.append(f"{path.relative_to(ROOT)}: {msgid!r} -> {text!r}")
    assert not broken, "placeholders lost or renamed:\n" + "\n".join(broken)


@pytest.mark.parametrize("path", _fa_catalogs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_compiles(path):
    catalog = _load(path)
    errors = list(catalog.check())
    assert not errors, errors
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert buffer.getvalue()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


def test_persian_catalog_uses_persian_letters(translations):
    """Arabic kaf/yeh in a translation would not match what users type (ISIRI 6219)."""
    arabic = [msgid for msgid, (text, _f, _p) in translations.items() if re.search("[كي]", text)]
    assert not arabic, arabic


def test_a_msgid_means_the_same_in_every_catalog():
    """Catalogs are merged, so two translations of one msgid show one at random places.

    A feature that needs another wording (e.g. the button "Propose" vs the stage name)
    should use its own msgid, such as "Propose a point".
    """
    seen: dict[str, tuple[str, Path]] = {}
    clashes = []
    for path in _fa_catalogs():
        for message in _load(path):
            if not message.id or not message.string or isinstance(message.id, tuple):
                continue
            first = seen.setdefault(message.id, (message.string, path))
            if first[0] != message.string:
                clashes.append(f"{message.id!r}: {first[1].relative_to(ROOT)} {first[0]!r} vs "
                               f"{path.relative_to(ROOT)} {message.string!r}")
    assert not clashes, "\n".join(clashes)
