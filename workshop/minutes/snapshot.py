"""The minutes' part of every snapshot: drafts only for staff, final versions for everyone."""

from __future__ import annotations

from workshop.permissions import can_keep_minutes
from workshop.realtime.snapshot import snapshot_section

from .versions import latest_version, versions_of


def _final_rows(workshop) -> list[dict]:
    return [{"number": v.number, "sha256": v.sha256} for v in versions_of(workshop)
            if v.is_final]


@snapshot_section("minutes", shared=True)
def minutes_section(actor, workshop, audience):
    """Staff: the draft's number, status and revision; others: final versions only."""
    final = _final_rows(workshop)
    if audience != "staff" or not can_keep_minutes(actor, workshop):
        return {"final": final}
    latest = latest_version(workshop)
    draft = None if latest is None or latest.is_final else {
        "number": latest.number, "revision": latest.revision}
    return {"final": final, "draft": draft}
