"""Per-audience focus events, queued with the spine's publish (sent only after commit)."""

from __future__ import annotations

from workshop.extensions import db, socketio
from workshop.models.annotation import Annotation
from workshop.models.focus import FocusPoint
from workshop.realtime.coalesce import broadcasts
from workshop.realtime.publish import after_commit, publish
from workshop.realtime.rooms import staff_room

from .serialize import (
    annotation_counts,
    annotation_row,
    counts_for,
    lineage,
    merged_children,
    point_row,
)


def summary(point: FocusPoint, workshop, audience: str) -> dict:
    """One point with fresh counts and lineage (flushes pending changes first)."""
    db.session.flush()
    counts = counts_for([point.id], workshop, audience)[point.id]
    return point_row(point, workshop, audience, counts, lineage(point.id,
                                                                merged_children(workshop.id)))


def point_event(workshop, name: str, point: FocusPoint, **extra) -> None:
    """Send a point's new state; phones and the projector learn nothing about hidden points."""
    staff = {"point": summary(point, workshop, "staff"), **extra}
    public = None
    if point.status == "visible":
        public = {"point": summary(point, workshop, "phone"), **extra}
    publish(workshop, name, public, staff)


def point_gone(workshop, name: str, point: FocusPoint, **extra) -> None:
    """A point left the public view (hidden, withdrawn): phones get only its id."""
    publish(workshop, name, {"point_id": point.id, **extra},
            {"point_id": point.id, "point": summary(point, workshop, "staff"), **extra})


def annotation_event(workshop, name: str, annotation: Annotation, point: FocusPoint) -> None:
    """Send an annotation's new state with its point's fresh counts."""
    db.session.flush()
    counts = annotation_counts([point.id])[point.id]
    staff = {"annotation": annotation_row(annotation, workshop, "staff"), "counts": counts}
    public = None
    if point.status == "visible":
        public = {"counts": counts_for([point.id], workshop, "phone")[point.id],
                  "point_id": point.id, "annotation_id": annotation.id}
        if annotation.status == "visible":
            public["annotation"] = annotation_row(annotation, workshop, "phone")
    publish(workshop, name, public, staff | {"point_id": point.id,
                                              "annotation_id": annotation.id})


def contributions_changed(workshop_id: int) -> None:
    """After commit, refresh the consoles' "who is silent" cue (at most every 200 ms)."""
    after_commit(lambda: broadcasts.touch(f"focus-silence:{workshop_id}",
                                          lambda: emit_silence(workshop_id)))


def emit_silence(workshop_id: int) -> None:
    """Send the current contribution shares to the consoles."""
    from workshop.models import Workshop

    from .silence import silence

    workshop = db.session.get(Workshop, workshop_id)
    if workshop is not None:
        socketio.emit("focus_silence", silence(workshop), to=staff_room(workshop_id),
                      namespace="/live")
