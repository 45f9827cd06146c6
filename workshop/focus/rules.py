"""When participants may propose, edit their points and annotate (by workshop stage)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from workshop.errors import InvalidState
from workshop.models import Workshop

PROPOSE_STAGES = ("propose",)
# With the late_proposals setting, proposing stays open while the room discusses and votes.
LATE_PROPOSE_STAGES = ("discuss", "vote")
# Authors may edit or withdraw their own points until the discuss stage starts.
AUTHOR_EDIT_STAGES = ("propose",)
# Annotations are written, edited and deleted while points are proposed and discussed.
ANNOTATE_STAGES = ("propose", "discuss")

PROPOSE_CLOSED = _l("Proposing is not open at this stage.")
EDIT_CLOSED = _l("Points can only be edited or withdrawn before the discussion starts.")
ANNOTATE_CLOSED = _l("Annotations can only be added or changed while points are discussed.")


def proposing_open(workshop: Workshop) -> bool:
    """Tell whether a participant may propose a point now."""
    if workshop.stage in PROPOSE_STAGES:
        return True
    return bool(workshop.setting("late_proposals")) and workshop.stage in LATE_PROPOSE_STAGES


def author_edits_open(workshop: Workshop) -> bool:
    """Tell whether authors may still edit or withdraw their points."""
    return workshop.stage in AUTHOR_EDIT_STAGES


def annotating_open(workshop: Workshop) -> bool:
    """Tell whether annotations may be added, edited or deleted now."""
    return workshop.stage in ANNOTATE_STAGES


def require_proposing(workshop: Workshop) -> None:
    """Refuse a proposal outside the allowed stages."""
    if not proposing_open(workshop):
        raise InvalidState("invalid_stage", PROPOSE_CLOSED)


def require_author_edits(workshop: Workshop) -> None:
    """Refuse an author's edit or withdrawal once the discussion started."""
    if not author_edits_open(workshop):
        raise InvalidState("invalid_stage", EDIT_CLOSED)


def require_annotating(workshop: Workshop) -> None:
    """Refuse annotation changes outside the discussion."""
    if not annotating_open(workshop):
        raise InvalidState("invalid_stage", ANNOTATE_CLOSED)


def require_not_closed(workshop: Workshop) -> None:
    """Moderation stays possible until the workshop is closed."""
    if workshop.stage == "closed" or workshop.status == "closed":
        raise InvalidState("closed")


def rules_payload(workshop: Workshop) -> dict:
    """What the phone may do now (clients recompute it on stage changes too)."""
    return {
        "can_propose": proposing_open(workshop),
        "can_edit_own": author_edits_open(workshop),
        "can_annotate": annotating_open(workshop),
    }
