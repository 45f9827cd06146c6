"""The workshop's own part of every snapshot."""

from __future__ import annotations

from workshop.models import STAGES, Workshop
from workshop.realtime.snapshot import snapshot_section
from workshop.workshops.stages import allowed_moves, stage_payload


def workshop_info(workshop: Workshop, audience: str) -> dict:
    """Title, question, programme, phase, stage and (for staff/projector) the join code."""
    info = {
        "id": workshop.id,
        "title": workshop.title,
        "guiding_question": workshop.guiding_question,
        "program": {"fa": workshop.program.name_fa, "en": workshop.program.name_en},
        "phase": {"key": workshop.phase.key, "fa": workshop.phase.name_fa,
                  "en": workshop.phase.name_en},
        "location": workshop.location,
        "scheduled_at": workshop.scheduled_at.isoformat() if workshop.scheduled_at else None,
        "settings": dict(workshop.settings or {}),
        "stages": list(STAGES),
        **stage_payload(workshop),
    }
    if audience in ("staff", "projector"):
        info["join_code"] = workshop.join_code
        info["roster_mode"] = workshop.roster_mode
    if audience == "staff":
        info["allowed_moves"] = allowed_moves(workshop.stage)
    return info


@snapshot_section("workshop", shared=True)
def workshop_section(actor, workshop, audience):
    return workshop_info(workshop, audience)
