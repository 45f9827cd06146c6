"""Prioritising in workshops: strategies and projects go on a voting ballot as focus points.

The voting feature ballots focus points only, so a planned workshop gets one focus point per
chosen strategy or project, linked to it (PlanBallotLink). The facilitator opens a round on
those points with any voting method as usual; results are read back through the link with the
register's normalised support per round (share of voters who supported the point).
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Program, Workshop
from workshop.models.focus import FocusPoint
from workshop.models.plan import ELEMENT_KINDS, PlanBallotLink, PlanProject, PlanStrategy
from workshop.register import provenance
from workshop.register.carry import _new_point, _workshop_for
from workshop.register.structure import owned
from workshop.transaction import commit

MAX_ON_BALLOT = 60
MODELS = {"strategy": PlanStrategy, "project": PlanProject}


def _elements(program: Program, chosen) -> list[tuple[str, object]]:
    """[(kind, row)] for ["strategy", id] / ["project", id] pairs, all checked first."""
    if not isinstance(chosen, list) or not 0 < len(chosen) <= MAX_ON_BALLOT:
        raise BadInput("invalid_value", field="elements")
    out = []
    for pair in chosen:
        if not isinstance(pair, list | tuple) or len(pair) != 2 or pair[0] not in ELEMENT_KINDS:
            raise BadInput("invalid_value", field="elements")
        out.append((pair[0], owned(MODELS[pair[0]], program, pair[1], "elements")))
    if len({(k, row.id) for k, row in out}) != len(out):
        raise BadInput("invalid_value", field="elements")
    return out


def put_on_ballot(actor: Actor, program_id, workshop_id, chosen) -> dict:
    """A planner (or the workshop's facilitator) puts strategies or projects on a planned
    workshop's table, one linked focus point each."""
    program, workshop = _workshop_for(actor, program_id, workshop_id)
    elements = _elements(program, chosen)
    lang = workshop.language if workshop.language in ("fa", "en") else "fa"
    created = []
    for n, (kind, row) in enumerate(elements):
        point = _new_point(workshop, f"{row.code} · {row.name(lang)}", "", n - len(elements))
        db.session.add(PlanBallotLink(point_id=point.id, element_kind=kind, element_id=row.id,
                                      by_user_id=actor.user.id))
        created.append(point.id)
    workshop.bump_version()
    audit.record(actor, workshop, "plan.ballot", target=f"workshop:{workshop.id}",
                 elements=[[k, r.id] for k, r in elements])
    return commit({"workshop": workshop.id, "points": created})


def results(program: Program) -> dict[tuple[str, int], list[dict]]:
    """(kind, id) -> one row per round that voted on the element: workshop, round, method,
    voters and support (0–1)."""
    links = db.session.execute(sa.select(
        PlanBallotLink.point_id, PlanBallotLink.element_kind, PlanBallotLink.element_id).join(
        FocusPoint, FocusPoint.id == PlanBallotLink.point_id).join(
        Workshop, Workshop.id == FocusPoint.workshop_id).where(
        Workshop.program_id == program.id))
    points: dict[tuple[str, int], set[int]] = defaultdict(set)
    for point_id, kind, element_id in links:
        points[(kind, element_id)].add(point_id)
    return {key: [{"round": r["round"].title, "method": r["round"].method,
                   "workshop_id": r["round"].workshop_id, "voters": r["voters"],
                   "support": r["support"]} for r in provenance.round_rows(ids)]
            for key, ids in points.items()}
