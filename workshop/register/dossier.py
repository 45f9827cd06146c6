"""The programme dossier: collect plain data in the request, lay out the PDF off the loop."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from flask_babel import gettext as _

from workshop.actors import Actor
from workshop.extensions import db
from workshop.i18n import current_lang
from workshop.models import Participant, Workshop
from workshop.models.register import ProgramSource, RegisterCitation, RegisterItem

from . import arith, provenance
from .access import require_reader
from .coverage import disciplines_of, required_of
from .labels import SOURCE_KIND, STATUS, WORKSHOP_KIND
from .sources import sources_of
from .structure import parts_of, workshops_of

MAX_ITEMS = 3000


def labels() -> dict[str, str]:
    """Every label the layout prints, in the reader's language."""
    return {"register": _("Programme register"), "points": _("Points / workshops"),
            "item": _("Item"), "support": _("Support"),
            "heard": _("Disciplines supporting / concerned"),
            "supported": _("Supported"), "concerned": _("Concerned"), "gaps": _("Not yet heard"),
            "support_note": _("Support: the best share of a round's voters who supported the "
                              "item's points, and in brackets how many rounds voted on them. "
                              "Not yet heard: required disciplines with no stance on the item."),
            "sources": _("Sources"), "kind": _("Kind"), "title": _("Title"),
            "citation": _("Citation"), "workshops": _("Workshops"), "workshop": _("Workshop"),
            "phase": _("Phase"), "date": _("Date"), "participants": _("Participants")}


def _citations(ids: list[int]) -> dict[int, list[str]]:
    cited: dict[int, list[str]] = defaultdict(list)
    rows = db.session.execute(sa.select(RegisterCitation.item_id, ProgramSource.title).join(
        ProgramSource).where(RegisterCitation.item_id.in_(ids)).order_by(RegisterCitation.id))
    for item_id, title in rows:
        cited[item_id].append(title)
    return cited


def _item_rows(items, lang: str, program) -> list[dict]:
    ids = [i.id for i in items]
    points = provenance.points_by_item(ids)
    rounds = provenance.rounds_by_item(points)
    disciplines = {d.id: d.name(lang) for d in disciplines_of(program)}
    stances = provenance.stance_rows(ids, list(disciplines), points=points, rounds=rounds)
    required, cited = required_of(program), _citations(ids)
    titles = dict(db.session.execute(sa.select(Workshop.id, Workshop.title).where(
        Workshop.program_id == program.id)).all())
    owners = provenance.workshops_of_points({p for ps in points.values() for p in ps})
    status = {k: str(v) for k, v in STATUS.items()}
    names = {p.id: p.name(lang) for p in [*program.phases, *parts_of(program)]}
    out = []
    for i in items:
        mine = stances[i.id]
        out.append({
            "id": i.id, "title": i.title, "status": status[i.status],
            "part": names.get(i.part_id, ""), "phase": names.get(i.phase_id, ""),
            "points": len(points.get(i.id, ())),
            "workshops": sorted({titles[owners[p]] for p in points.get(i.id, ())}),
            "rounds": [{"support": r["support"]} for r in rounds.get(i.id, [])],
            "supported": [disciplines[d] for d, s in mine.items() if s["stance"] == "supported"],
            "concerned": [disciplines[d] for d, s in mine.items() if s["stance"] == "concerned"],
            "gaps": [disciplines[d] for d in arith.gaps(mine, required) if d in disciplines],
            "sources": cited.get(i.id, [])})
    return out


def collect_data(program, lang: str) -> dict:
    """The dossier's data as plain JSON-able values (the caller checked who may read it)."""
    items = list(db.session.scalars(sa.select(RegisterItem).where(
        RegisterItem.program_id == program.id, RegisterItem.state == "active")
        .order_by(RegisterItem.id).limit(MAX_ITEMS)))
    people = dict(db.session.execute(sa.select(Participant.workshop_id, sa.func.count()).join(
        Workshop).where(Workshop.program_id == program.id).group_by(
        Participant.workshop_id)).all())
    return {"program": program.name(lang), "items": _item_rows(items, lang, program),
            "sources": [{"kind": str(SOURCE_KIND[s.kind]), "title": s.title,
                         "citation": s.citation, "url": s.url} for s in sources_of(program)],
            "workshops": [{"title": w.title, "kind": str(WORKSHOP_KIND[w.kind]),
                           "phase": w.phase.name(lang),
                           "date": w.scheduled_at.isoformat() if w.scheduled_at else None,
                           "participants": people.get(w.id, 0)} for w in workshops_of(program)]}


def build(program, lang: str) -> bytes:
    """Collect and lay out in this process."""
    from .dossier_pdf import build_dossier_pdf

    return build_dossier_pdf(collect_data(program, lang), lang, labels())


def dossier(actor: Actor, program_id) -> bytes:
    """The dossier PDF. Under gevent (run.py) the whole job — the database reads and the
    layout, seconds for a big programme — runs in the niced PDF pool (builder `dossier`), so
    the server keeps answering live votes; tests and scripts build inline."""
    from workshop.minutes.builds import _under_gevent

    program = require_reader(actor, program_id)
    lang = current_lang()
    if _under_gevent():
        from flask import current_app

        from workshop.pdfkit.pool import pool_for

        return pool_for(current_app._get_current_object()).build("dossier", program.id, lang)
    return build(program, lang)
