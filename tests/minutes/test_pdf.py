"""The minutes PDF: every line in correct visual order (fa and en), user text literal,
no links or images, anonymity respected, renders kept for a human look."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from workshop.extensions import db
from workshop.minutes import workspace
from workshop.minutes.archive import collect
from workshop.minutes.pdf import build_minutes_pdf, minutes_labels
from workshop.minutes.versions import ensure_draft
from workshop.models import Workshop

from .conftest import INJECTIONS
from .factory import actor
from .pdf_check import mismatches, recording, save_pngs

NOTES = {
    "summary": "کارگاه با حضور نمایندگان حوزه‌های حمل‌ونقل و محیط زیست برگزار شد و دربارهٔ "
               "خط ۲ مترو (Metro Line 2) و «پیاده‌راه چهارباغ» گفت‌وگو شد. " * 4,
    "note": "در مرحلهٔ پیشنهاد ۵ نقطه ثبت شد؛ ۲۰٪ آن‌ها دربارهٔ هوا بود. <b>بی‌اثر",
}


def _write(full, tmp_path, lang: str):
    me = actor(full["secretary"])
    workspace.edit(me, full["workshop"], {"kind": "summary", "text": NOTES["summary"],
                                          "base": 0})
    workspace.edit(me, full["workshop"], {"kind": "note", "stage": "propose",
                                          "text": NOTES["note"], "base": 0})
    workspace.edit(me, full["workshop"], {"kind": "decision", "text": INJECTIONS[1] +
                                          " تصمیم: ادامهٔ طرح (Phase 2)",
                                          "point_ids": full["points"][:2]})
    workspace.edit(me, full["workshop"], {"kind": "action", "what": "تهیهٔ گزارش برای شورا",
                                          "owner": "Ali Rezaei", "due": "1405/09/10"})
    workshop = db.session.get(Workshop, full["workshop"])
    data = collect(workshop, ensure_draft(me, workshop))
    with recording() as lines:
        pdf = build_minutes_pdf(data, lang, minutes_labels(lang), "ab" * 32)
    path = tmp_path / f"minutes-{lang}.pdf"
    path.write_bytes(pdf)
    return path, lines, data


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_line_matches_the_bidi_oracle(full, ctx, tmp_path, lang):
    path, lines, _data = _write(full, tmp_path, lang)
    assert len(lines) > 80
    errors = mismatches(path, lines)
    for e in errors:
        print("ERR", [ascii(x) for x in e])
    assert errors == []
    save_pngs(path, f"minutes-{lang}")
    assert True  # renders need poppler; the data check above does not


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_user_markup_is_literal_and_opens_nothing(full, ctx, tmp_path, lang):
    path, lines, _data = _write(full, tmp_path, lang)
    logical = " ".join(line.logical for line in lines)
    for text in INJECTIONS:
        assert text.split()[0] in logical  # drawn as text (and matched by the oracle above)
    reader = PdfReader(str(path))
    for page in reader.pages:
        assert "/Annots" not in page
        assert not page["/Resources"].get("/XObject")
    raw = path.read_bytes()
    assert b"javascript" not in raw.lower()
    assert b"/URI" not in raw


def test_anonymous_authors_never_reach_pdf_or_json(env, app, ctx, tmp_path):
    from workshop.workshops.services import update_workshop

    from .conftest import populate

    workshop = db.session.get(Workshop, env["workshop"])
    update_workshop(actor(env["facilitator"]), env["workshop"], {
        "title": workshop.title, "program_id": workshop.program_id,
        "phase_id": workshop.phase_id, "anonymous_proposals": True})
    full = populate(env)
    path, lines, data = _write(full, tmp_path, "fa")
    text = json.dumps(data["focus"], ensure_ascii=False) + json.dumps(data["rounds"],
                                                                      ensure_ascii=False)
    points_and_notes = [p["author"] for p in data["focus"]["points"]]
    assert points_and_notes == [None] * len(points_and_notes)
    assert all(a["author"] is None for a in data["focus"]["annotations"])
    assert "participant_id" not in text
    drawn_authors = [line for line in lines if "سارا محمدی" in line.logical]
    attendance_only = [a for a in data["attendance"] if a["name"] == "سارا محمدی"]
    assert len(drawn_authors) == len(attendance_only)  # the name is in attendance only


def test_anonymous_round_is_aggregated_in_the_archive(full, ctx):
    me = actor(full["secretary"])
    workshop = db.session.get(Workshop, full["workshop"])
    data = collect(workshop, ensure_draft(me, workshop))
    anonymous = [r for r in data["rounds"]["items"] if r["round"]["anonymous"]]
    assert anonymous
    for result in anonymous:
        assert all(g["voters"] >= 3 for g in result["groups"])  # small fields folded
        assert "ballots" not in result
