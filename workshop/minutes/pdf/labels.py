"""Every fixed string of the minutes PDF, resolved once per language before a build.

Resolving them up front keeps the build itself free of Flask state, so it can run in a
worker thread without an app context.
"""

from __future__ import annotations

from flask import current_app, has_app_context
from flask_babel import force_locale
from flask_babel import gettext as _

STAGE_KEYS = ("lobby", "propose", "discuss", "vote", "results", "closed")


def _stage_names() -> dict:
    return {"stage.lobby": _("Lobby"), "stage.propose": _("Propose"),
            "stage.discuss": _("Discuss"), "stage.vote": _("Vote"),
            "stage.results": _("Results"), "stage.closed": _("Closed")}


def _attendance() -> dict:
    return {
        "attendance": _("Attendance"), "att.name": _("Name"), "att.discipline": _("Field"),
        "att.organisation": _("Organisation"), "att.status": _("Attendance status"),
        "att.present": _("Present"), "att.late": _("Arrived late"),
        "att.left_early": _("Left early"), "att.late_left_early": _("Late and left early"),
        "att.absent": _("Absent"), "att.excused": _("Excused"),
        "att.corrected": _("corrected by the secretary"), "att.added": _("added by hand"),
        "att.by_discipline": _("Attendance by field"), "att.attended": _("Attended"),
        "att.total": _("Total"), "att.none": _("Nobody joined this workshop."),
        "att.other": _("No field"),
    }


def _front() -> dict:
    return {
        "doc.title": _("Minutes of the co-thinking workshop"), "front.program": _("Programme"),
        "front.phase": _("Phase"), "front.workshop": _("Workshop"),
        "front.question": _("Guiding question"), "front.date": _("Date"),
        "front.time": _("Time"), "front.location": _("Location"),
        "front.facilitator": _("Facilitator"), "front.secretary": _("Secretary"),
        "front.version": _("Version"), "front.status": _("Status"),
        "status.draft": _("Draft"), "status.final": _("Final"),
        "front.draft_notice": _("This is a draft. It is not final and may still change."),
        "front.correction": _("Correction of version %(n)s. Reason:"),
        "front.finalised": _("Made final on %(date)s by %(name)s."),
        "front.previous": _("Earlier final versions"),
        "front.unknown": _("Not recorded"),
        "footer.version": _("Version %(n)s"), "footer.hash": _("SHA-256 of the data"),
    }


def _sections() -> dict:
    return {
        "summary": _("Summary"), "timeline": _("Timeline of stages"),
        "tl.stage": _("Stage"), "tl.start": _("Started"), "tl.duration": _("Duration"),
        "tl.minutes": _("%(n)s min"), "tl.none": _("The workshop has not started yet."),
        "notes": _("Notes per stage"), "decisions": _("Decisions"),
        "dec.points": _("Focus points"), "dec.round": _("Voting round"),
        "actions": _("Action items"), "act.what": _("What"), "act.owner": _("Who"),
        "act.due": _("Due"), "act.status": _("Status"),
        "act.open": _("Open"), "act.in_progress": _("In progress"), "act.done": _("Done"),
        "act.dropped": _("Dropped"), "none": _("None."),
        "signatures": _("Signatures"), "sig.role": _("Role"), "sig.name": _("Name"),
        "sig.signature": _("Signature"), "sig.date": _("Date"),
        "missing.focus": _("Focus points were not available when these minutes were built."),
        "missing.rounds": _("Voting results were not available when these minutes were built."),
    }


def _focus() -> dict:
    return {
        "focus": _("Focus points"), "fp.title": _("Focus point"), "fp.field": _("Field"),
        "fp.author": _("Proposed by"), "fp.annotations": _("Annotations"),
        "fp.anonymous": _("Anonymous"), "fp.none": _("No focus points were proposed."),
        "annotations": _("Annotations by type"), "an.type": _("Type"), "an.count": _("Count"),
        "an.support": _("Support"), "an.concern": _("Concern"), "an.question": _("Question"),
        "an.evidence": _("Evidence"), "an.idea": _("Idea or amendment"),
        "an.pinned": _("Pinned"), "an.most": _("Most discussed"),
        "an.on_point": _("On: %(title)s"), "an.replies": _("%(n)s replies"),
        "an.source": _("Source: %(url)s"), "an.none": _("No annotations."),
        "an.more": _("%(n)s more in the appendix."),
        "an.appendix": _("Appendix: further annotations by point"),
        "merges": _("Merged focus points"), "mg.survivor": _("Kept point"),
        "mg.merged": _("Merged into it"),
        "mg.none": _("No focus points were merged."),
    }


def _rounds() -> dict:
    return {
        "rounds": _("Voting rounds"), "rd.rank": _("Rank"), "rd.point": _("Focus point"),
        "rd.score": _("Result"), "rd.balanced": _("Balanced across fields"),
        "rd.consensus": _("Consensus"), "rd.polarised": _("Polarised"),
        "rd.voters": _("Voters: %(n)s"), "rd.anonymous": _("Anonymous round"),
        "rd.named": _("Named round"), "rd.heatmap": _("Support by field"),
        "rd.chart": _("Top focus points"), "rd.matrix": _("2×2 matrix"),
        "rd.method.approval": _("Approval"), "rd.method.dots": _("Dot voting"),
        "rd.method.scores": _("Scores"), "rd.method.ranking": _("Ranking"),
        "rd.flag": _("Yes"), "rd.other": _("Other fields"),
        "rd.none": _("No voting round was closed."),
        "rd.consensus_note": _("Consensus index: the lowest support share among the fields "
                               "that voted (0 to 100%)."),
        "rd.quadrant": _("Quadrant"), "rd.high": _("high"), "rd.low": _("low"),
        "rd.rank_tied": _("%(n)s (tied)"), "rd.tied_first": _("Tied first: %(names)s"),
        "rd.schulze": _("Schulze rank"), "rd.schulze_first": _("Schulze winner: %(names)s"),
        "rd.schulze_tied_first": _("Tied first by the Schulze method: %(names)s"),
    }


def minutes_labels(lang: str) -> dict[str, str]:
    """All labels in one language (needs an app context for the catalogs)."""
    with force_locale(lang):
        labels = {}
        for part in (_stage_names, _attendance, _front, _sections, _focus, _rounds):
            labels.update(part())
        labels |= _layout()
        return {key: str(value) for key, value in labels.items()}


def _layout() -> dict:
    """Layout settings resolved with the labels, so the pure build needs no app config."""
    cap = current_app.config.get("MINUTES_ANNOTATIONS_PER_POINT", 5) if has_app_context() else 5
    return {"layout.annotations_per_point": str(int(cap))}
