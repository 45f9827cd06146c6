"""Participants annotate points (support, concern, question, evidence, idea) and reply once."""

from __future__ import annotations

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Workshop, utcnow
from workshop.models.annotation import ANNOTATION_KINDS, Annotation
from workshop.permissions import require_member
from workshop.text.normalize import validate_http_url, validate_text
from workshop.transaction import commit
from workshop.workshops.services import get_workshop

from . import rules
from .broadcast import annotation_event, contributions_changed
from .loading import annotation_in, open_point_in

BODY_MAX = 2000
SOURCE_MAX = 500


def _kind(value, parent: Annotation | None) -> str:
    if parent is not None:
        return "reply"
    if not isinstance(value, str) or value not in ANNOTATION_KINDS:
        raise BadInput("invalid_value", field="kind")
    return value


def _source(value, kind: str) -> str:
    """Only evidence carries a source link, and only an http(s) one."""
    url = validate_http_url(value or "", field="source_url", max_len=SOURCE_MAX)
    if url and kind != "evidence":
        raise BadInput("invalid_value", field="source_url")
    return url


def _parent(workshop: Workshop, point, parent_id) -> Annotation | None:
    """The annotation being replied to: visible, on the same point, not itself a reply."""
    if parent_id in (None, ""):
        return None
    parent = annotation_in(workshop, parent_id, field="parent")
    if parent.point_id != point.id or parent.status != "visible":
        raise NotFound(field="parent")
    if parent.parent_id is not None:
        raise BadInput("invalid_value", field="parent")
    return parent


def add_annotation(actor: Actor, workshop_id, data: dict) -> dict:
    """A participant adds a typed annotation or a reply; counts update on every screen."""
    workshop = get_workshop(workshop_id)
    require_member(actor, workshop)
    rules.require_annotating(workshop)
    point = open_point_in(workshop, data.get("point"))
    parent = _parent(workshop, point, data.get("parent"))
    kind = _kind(data.get("kind"), parent)
    body = validate_text(data.get("body"), field="body", max_len=BODY_MAX, multiline=True)
    me, now = actor.participant, utcnow()
    note = Annotation(workshop_id=workshop.id, point_id=point.id, origin_point_id=point.id,
                      parent_id=parent.id if parent else None, author_id=me.id,
                      discipline_id=me.discipline_id, kind=kind, body=body,
                      source_url=_source(data.get("source_url"), kind), created_at=now,
                      updated_at=now, anonymous=bool(workshop.setting("anonymous_proposals")))
    db.session.add(note)
    db.session.flush()
    audit.record(actor, workshop, "focus.annotate", target=f"annotation:{note.id}",
                 point=point.id, kind=kind)
    annotation_event(workshop, "annotation_added", note, point)
    contributions_changed(workshop.id)
    return commit({"annotation": note.id})


def own_annotation(actor: Actor, workshop: Workshop, annotation_id) -> Annotation:
    """A visible annotation by this participant on a visible point, while annotating is open."""
    require_member(actor, workshop)
    note = annotation_in(workshop, annotation_id)
    if note.status != "visible":
        raise NotFound(field="annotation")
    if note.author_id != actor.participant.id:
        raise NotAllowed(field="annotation")
    open_point_in(workshop, note.point_id)
    rules.require_annotating(workshop)
    return note


def edit_annotation(actor: Actor, workshop_id, annotation_id, data: dict) -> dict:
    """The author corrects their annotation."""
    workshop = get_workshop(workshop_id)
    note = own_annotation(actor, workshop, annotation_id)
    kind = note.kind if note.kind == "reply" else _kind(data.get("kind", note.kind), None)
    note.body = validate_text(data.get("body"), field="body", max_len=BODY_MAX, multiline=True)
    note.source_url = _source(data.get("source_url"), kind)
    note.kind, note.updated_at = kind, utcnow()
    audit.record(actor, workshop, "focus.annotation_edit", target=f"annotation:{note.id}")
    annotation_event(workshop, "annotation_updated", note, note_point(note))
    return commit({"annotation": note.id})


def delete_annotation(actor: Actor, workshop_id, annotation_id) -> dict:
    """The author deletes their annotation (kept for the audit, shown nowhere)."""
    workshop = get_workshop(workshop_id)
    note = own_annotation(actor, workshop, annotation_id)
    note.status, note.updated_at = "deleted", utcnow()
    audit.record(actor, workshop, "focus.annotation_delete", target=f"annotation:{note.id}")
    annotation_event(workshop, "annotation_deleted", note, note_point(note))
    contributions_changed(workshop.id)
    return commit({"annotation": note.id})


def note_point(note: Annotation):
    """The point an annotation belongs to now."""
    from workshop.models.focus import FocusPoint

    return db.session.get(FocusPoint, note.point_id)
