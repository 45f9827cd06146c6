"""The hard-strings corpus through the real input path, the pages and the minutes PDF.

Each string is typed on a phone (socket commands, as the page sends them), stored, shown on
the no-JS page with its computed dir, and laid out in the minutes PDF (fa and en), where
every drawn line must match python-bidi's visual order of the display text (digits and
isolation as docs/persian-text.md says) and every glyph must exist in its font.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import pdfplumber
import pytest
import sqlalchemy as sa

from tests.focus.conftest import cmd, drain, set_stage
from tests.minutes.pdf_check import mismatches, recording, save_pngs
from tests.text.corpus import CORPUS, MULTILINE, stored
from workshop.extensions import db
from workshop.pdfkit.fonts import BOLD, FALLBACK, REGULAR, covered
from workshop.text.direction import direction, display_text

KINDS = ("concern", "question", "evidence", "idea")
FONTS = {"Vazirmatn-Regular": REGULAR, "Vazirmatn-Bold": BOLD, "Symbola": FALLBACK}


def _send(sock, name, workshop, **args) -> dict:
    """One command (the fixture lifts the per-participant rate limit: this is set-up)."""
    ack = cmd(sock, name, workshop, **args)
    assert ack["ok"], (args, ack)
    return ack["result"]


@pytest.fixture
def corpus_room(room, make_user):
    """Every corpus string proposed as a title, multi-line ones added as annotations."""
    room.app.config["SOCKET_COMMANDS_PER_SECOND"] = 10_000
    ids = {}
    for n, entry in enumerate(CORPUS):
        sock = room.a if n % 2 else room.b
        ids[entry[0]] = _send(sock, "propose_point", room.w, title=entry[0])["point"]
    set_stage(room.app, room.w, "discuss")
    first = ids[CORPUS[0][0]]
    notes = {}
    for n, entry in enumerate(MULTILINE + CORPUS[:6]):
        notes[entry[0]] = _send(room.a, "add_annotation", room.w, point=first,
                                kind=KINDS[n % 4], body=entry[0],
                                source_url="https://example.org/r?a=1" if n % 4 == 2 else ""
                                )["annotation"]
    drain(room.console, room.projector, room.a, room.b)
    room.ids, room.notes = ids, notes
    return room


def test_stored_text_equals_typed_after_cleaning(corpus_room):
    from workshop.models.annotation import Annotation
    from workshop.models.focus import FocusPoint

    with corpus_room.app.app_context():
        titles = dict(db.session.execute(sa.select(FocusPoint.id, FocusPoint.title)).all())
        bodies = dict(db.session.execute(sa.select(Annotation.id, Annotation.body)).all())
    assert len(CORPUS) >= 60
    assert {typed: titles[i] for typed, i in corpus_room.ids.items()} == \
        {typed: stored((typed, clean)) for typed, clean in CORPUS}
    assert {typed: bodies[i] for typed, i in corpus_room.notes.items()} == \
        {typed: stored((typed, clean)) for typed, clean in MULTILINE + CORPUS[:6]}


class _Dirs(HTMLParser):
    """(dir, text) of every element carrying a dir attribute, text with tags removed."""

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append([dict(attrs).get("dir"), ""])

    def handle_endtag(self, tag):
        if self.stack:
            d, text = self.stack.pop()
            if d:
                self.found.append((d, text))
            if self.stack:
                self.stack[-1][1] += text

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][1] += data


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_nojs_page_gives_every_title_its_computed_dir(corpus_room, lang):
    page = corpus_room.http_a.get(f"/w/{corpus_room.w['id']}/focus?lang={lang}")
    parser = _Dirs()
    parser.feed(page.get_data(as_text=True))
    shown = {text.strip(): d for d, text in parser.found}
    fallback = "rtl" if lang == "fa" else "ltr"
    for entry in CORPUS:
        text = stored(entry)
        display = display_text(text, lang)
        assert shown.get(display.replace("\u2066", "").replace("\u2069", "").strip()) == \
            direction(text, fallback), text


def _build(corpus_room, make_user, lang, tmp_path):
    from workshop.actors import Actor
    from workshop.minutes import workspace
    from workshop.minutes.archive import collect
    from workshop.minutes.pdf import build_minutes_pdf, minutes_labels
    from workshop.minutes.versions import ensure_draft
    from workshop.models import User, Workshop
    from workshop.workshops.services import set_staff

    secretary = make_user("secretary")
    wid = corpus_room.w["id"]
    with corpus_room.app.test_request_context(f"/?lang={lang}"):
        boss = Actor(user=db.session.get(User, corpus_room.fac))
        set_staff(boss, wid, [secretary], "secretary")
        me = Actor(user=db.session.get(User, secretary))
        for typed, _ in MULTILINE + CORPUS[:4]:
            workspace.edit(me, wid, {"kind": "decision", "text": typed,
                                     "point_ids": [corpus_room.ids[CORPUS[0][0]]]})
        workspace.edit(me, wid, {"kind": "summary", "text": MULTILINE[1][0], "base": 0})
        workshop = db.session.get(Workshop, wid)
        data = collect(workshop, ensure_draft(me, workshop))
        labels = minutes_labels(lang)
        db.session.remove()
    with recording() as lines:
        pdf = build_minutes_pdf(data, lang, labels)
    path = tmp_path / f"corpus-{lang}.pdf"
    path.write_bytes(pdf)
    return path, lines


def _glyph_problems(path) -> list[tuple]:
    """Drawn characters missing from their font, or drawn zero-width though visible."""
    problems = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for c in page.chars:
                font = FONTS.get(re.sub(r"^[A-Z]+\+", "", c["fontname"]))
                ch = c["text"]
                if font is None or len(ch) != 1 or ord(ch) not in covered(font) or ch == "\ufffd":
                    problems.append((c["fontname"], ch))
                elif c["width"] < 0.01 and unicodedata.category(ch) not in ("Mn", "Me", "Cf"):
                    problems.append((c["fontname"], ch, "zero width"))
    return problems


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_minutes_pdf_of_the_corpus(corpus_room, make_user, tmp_path, lang):
    path, lines = _build(corpus_room, make_user, lang, tmp_path)
    drawn_text = " ".join(line.logical for line in lines)
    for entry in CORPUS:  # every string reached the PDF (first word, as displayed)
        assert display_text(stored(entry), lang).split()[0][:12] in drawn_text, entry
    assert len(lines) > 150
    errors = mismatches(path, lines)
    for e in errors:
        print("ERR", e)
    assert errors == []  # 100 % of the lines
    assert _glyph_problems(path) == []
    with pdfplumber.open(path) as pdf:
        emoji = {c["text"] for page in pdf.pages for c in page.chars
                 if c["fontname"].endswith("Symbola")}
    assert {"🌳", "🚲", "👍", "👩", "🔬", "❤"} <= emoji  # drawn, not dropped
    save_pngs(path, f"corpus-{lang}")
