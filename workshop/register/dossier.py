"""The programme dossier: collect plain data in the request, lay out the PDF off the loop."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from flask_babel import gettext as _

from workshop.actors import Actor
from workshop.extensions import db
from workshop.i18n import current_lang
from workshop.models import Participant, Workshop
from workshop.models.register import RegisterCitation, RegisterItem

from . import arith, provenance
from .access import require_reader
from .coverage import disciplines_of, required_of
from .labels import METHOD, SOURCE_KIND, STANCE, STATUS, WORKSHOP_KIND
from .sources import sources_of
from .structure import workshops_of

MAX_ITEMS = 3000


def labels() -> dict[str, str]:
    """Every label the layout prints, in the reader's language."""
    return {"register": _("Programme register"), "points": _("Points"),
            "workshops": _("Workshops"), "round": _("Round"), "method": _("Method"),
            "voters": _("Voters"), "support": _("Support"), "gaps": _("Not yet heard"),
            "sources": _("Sources"), "kind": _("Kind"), "title": _("Title"),
            "citation": _("Citation"), "workshop": _("Workshop"), "phase": _("Phase"),
            "date": _("Date"), "participants": _("Participants")}


def _item_rows(items, lang: str, program) -> list[dict]:
    ids = [i.id for i in items]
    points = provenance.points_by_item(ids)
    rounds = provenance.rounds_by_item(points)
    disciplines = {d.id: d for d in disciplines_of(program)}
    stances = provenance.stance_rows(ids, list(disciplines))
    required = required_of(program)
    cited = defaultdict(list)
    for c in db.session.scalars(sa.select(RegisterCitation).where(
            RegisterCitation.item_id.in_(ids))):
        cited[c.item_id].append(c.source.title)
    titles = dict(db.session.execute(sa.select(Workshop.id, Workshop.title).where(
        Workshop.program_id == program.id)).all())
    owners = provenance.workshops_of_points({p for ps in points.values() for p in ps})
    return [{
        "id": i.id, "title": i.title, "description": i.description,
        "status": str(STATUS[i.status]), "part": i.part.name(lang) if i.part else "",
        "phase": i.phase.name(lang) if i.phase else "", "points": len(points.get(i.id, ())),
        "workshops": sorted({titles[owners[p]] for p in points.get(i.id, ())}),
        "rounds": [{"title": r["round"].title, "method": str(METHOD[r["round"].method]),
                    "voters": r["voters"], "support": r["support"]} for r in rounds.get(i.id, [])],
        "stances": [(disciplines[d].name(lang), str(STANCE[s["stance"]]))
                    for d, s in stances[i.id].items() if s["stance"] in ("supported", "concerned")],
        "gaps": [disciplines[d].name(lang) for d in arith.gaps(stances[i.id], required)
                 if d in disciplines],
        "sources": cited.get(i.id, []),
    } for i in items]


def collect(actor: Actor, program_id) -> tuple[dict, str]:
    """The dossier's data as plain JSON-able values, and the language."""
    program = require_reader(actor, program_id)
    lang = current_lang()
    items = list(db.session.scalars(sa.select(RegisterItem).where(
        RegisterItem.program_id == program.id, RegisterItem.state == "active")
        .order_by(RegisterItem.id).limit(MAX_ITEMS)))
    people = dict(db.session.execute(sa.select(Participant.workshop_id, sa.func.count()).join(
        Workshop).where(Workshop.program_id == program.id).group_by(
        Participant.workshop_id)).all())
    data = {"program": program.name(lang), "items": _item_rows(items, lang, program),
            "sources": [{"kind": str(SOURCE_KIND[s.kind]), "title": s.title,
                         "citation": s.citation, "url": s.url} for s in sources_of(program)],
            "workshops": [{"title": w.title, "kind": str(WORKSHOP_KIND[w.kind]),
                           "phase": w.phase.name(lang),
                           "date": w.scheduled_at.isoformat() if w.scheduled_at else None,
                           "participants": people.get(w.id, 0)} for w in workshops_of(program)]}
    return data, lang


def dossier(actor: Actor, program_id) -> bytes:
    """The dossier PDF, laid out in the worker pool under gevent (inline in tests)."""
    from workshop.minutes.builds import _under_gevent

    data, lang = collect(actor, program_id)
    names = labels()
    if _under_gevent():
        from flask import current_app

        from workshop.pdfkit.pool import pool_for

        return pool_for(current_app._get_current_object()).build("dossier", data, lang, names)
    from .dossier_pdf import build_dossier_pdf

    return build_dossier_pdf(data, lang, names)
