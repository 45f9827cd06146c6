"""Citizens on the public page: published items, comments (moderated) and support.

Limits count per device (the signed device cookie of workshop.joining.device) with a much
higher ceiling per address, so one busy citizen is slowed down without locking out a whole
office or university behind one NAT address. Accepted comments become sources of the item.
"""

from __future__ import annotations

import hashlib
import hmac

import sqlalchemy as sa
from flask import current_app

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState, NotFound, RateLimited
from workshop.extensions import db
from workshop.models import Program, utcnow
from workshop.models.register import (
    CitizenComment,
    ProgramSource,
    RegisterCitation,
    RegisterItem,
)
from workshop.ratelimit import Window
from workshop.text.normalize import validate_text
from workshop.transaction import commit

from . import messages
from .access import get_program, require_planner
from .structure import owned

BODY_MAX = 1000
PER_DEVICE = 5        # comments per device per 10 minutes
PER_ADDRESS = 300     # comments per address per 10 minutes: an office of many citizens
by_device = Window("citizen-device", 600)
by_address = Window("citizen-address", 600)


def keyed(kind: str, program_id: int, value: str) -> str:
    """A keyed hash: devices and addresses are countable, never readable from the database."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{kind}:{program_id}:{value}".encode(),
                    hashlib.sha256).hexdigest()[:40]


def published_item(program: Program, item_id) -> RegisterItem:
    """A published, active item; anything else looks absent to a citizen."""
    item = db.session.get(RegisterItem, item_id) if type(item_id) is int else None
    if item is None or item.program_id != program.id or not item.published \
            or item.state != "active":
        raise NotFound("not_found", messages.NOT_PUBLISHED, field="item")
    return item


def public_page(program_id) -> dict:
    """The published items with their support counts and accepted comments."""
    program = get_program(program_id)
    items = list(db.session.scalars(sa.select(RegisterItem).where(
        RegisterItem.program_id == program.id, RegisterItem.published.is_(True),
        RegisterItem.state == "active").order_by(RegisterItem.id)))
    ids = [i.id for i in items] or [0]
    support = dict(db.session.execute(sa.select(CitizenComment.item_id, sa.func.count()).where(
        CitizenComment.item_id.in_(ids), CitizenComment.kind == "support").group_by(
        CitizenComment.item_id)).all())
    comments: dict[int, list] = {}
    for c in db.session.scalars(sa.select(CitizenComment).where(
            CitizenComment.item_id.in_(ids), CitizenComment.kind == "comment",
            CitizenComment.status == "accepted").order_by(CitizenComment.id)):
        comments.setdefault(c.item_id, []).append(c)
    return {"program": program, "items": items, "support": support, "comments": comments}


def _limit(program_id: int, device: str | None, address: str) -> tuple[str, str]:
    if device is None:
        raise RateLimited()
    device_key, address_key = keyed("device", program_id, device), \
        keyed("address", program_id, address)
    if not by_address.allows(address_key, PER_ADDRESS):
        raise RateLimited()
    by_device.take(device_key, PER_DEVICE)
    by_address.hit(address_key, PER_ADDRESS)
    return device_key, address_key


def comment(program_id, item_id, body, device: str | None, address: str) -> CitizenComment:
    """A citizen comments on a published item; it waits for moderation."""
    program = get_program(program_id)
    item = published_item(program, item_id)
    text = validate_text(body, field="body", max_len=BODY_MAX, multiline=True)
    device_key, address_key = _limit(program.id, device, address)
    row = CitizenComment(item_id=item.id, kind="comment", body=text, device_key=device_key,
                         address_key=address_key)
    db.session.add(row)
    commit({"comment": row.id})
    return row


def support(program_id, item_id, device: str | None, address: str) -> bool:
    """A citizen supports a published item (once per device); False if already counted."""
    program = get_program(program_id)
    item = published_item(program, item_id)
    if device is None:
        raise RateLimited()
    device_key = keyed("device", program.id, device)
    if db.session.scalar(sa.select(CitizenComment.id).where(
            CitizenComment.item_id == item.id, CitizenComment.kind == "support",
            CitizenComment.device_key == device_key)) is not None:
        return False
    _limit(program.id, device, address)
    db.session.add(CitizenComment(item_id=item.id, kind="support", status="accepted",
                                  device_key=device_key,
                                  address_key=keyed("address", program.id, address)))
    commit()
    return True


def queue(actor: Actor, program_id) -> dict:
    """The comments waiting for a planner's decision, oldest first."""
    program = require_planner(actor, program_id)
    rows = db.session.execute(sa.select(CitizenComment, RegisterItem).join(RegisterItem).where(
        RegisterItem.program_id == program.id, CitizenComment.kind == "comment",
        CitizenComment.status == "pending").order_by(CitizenComment.id).limit(100)).all()
    return {"program": program, "rows": rows}


def moderate(actor: Actor, program_id, comment_id, accept) -> CitizenComment:
    """Accept (it becomes a source the item cites) or reject a waiting comment."""
    program = require_planner(actor, program_id)
    row = db.session.get(CitizenComment, comment_id) if type(comment_id) is int else None
    item = owned(RegisterItem, program, row.item_id, "comment") if row else None
    if row is None or item is None or row.kind != "comment":
        raise NotFound("not_found", field="comment")
    if type(accept) is not bool:
        raise BadInput("invalid_value", field="accept")
    if row.status != "pending":
        raise InvalidState("conflict", field="comment")
    row.status = "accepted" if accept else "rejected"
    row.moderated_by_id, row.moderated_at = actor.user.id, utcnow()
    if accept:
        _as_source(actor, program, item, row)
    audit.record(actor, None, "register.moderate", target=f"item:{item.id}",
                 comment=row.id, accepted=accept)
    commit({"comment": row.id, "status": row.status})
    return row


def _as_source(actor: Actor, program: Program, item: RegisterItem, row: CitizenComment) -> None:
    source = ProgramSource(program_id=program.id, kind="citizen_comment",
                           title=row.body[:80], excerpt=row.body, by_user_id=actor.user.id)
    db.session.add(source)
    db.session.flush()
    row.source_id = source.id
    db.session.add(RegisterCitation(item_id=item.id, source_id=source.id,
                                    by_user_id=actor.user.id))
