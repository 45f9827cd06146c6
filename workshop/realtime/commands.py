"""Client commands with operation ids: one registry, one runner for sockets and HTTP.

A command is a service call identified by a client-generated operation id. The runner
returns the acknowledgement `{ok, error, message, result}`; a resent id returns the first
outcome (marked `dup`) and changes nothing; the same id with another payload is refused.

Two flags serve the vote path, which runs for every tap in a packed room:
- `keeps_op_ids`: the service stores the operation id in its own rows under a unique
  constraint and answers a resend itself, so no separate operation record is written;
- `checks_actor`: the service re-reads the actor under its own lock, so a socket need not
  reload it first (it gets the identity proved at connect, see `connections`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, g
from sqlalchemy.exc import IntegrityError

from workshop.actors import Actor
from workshop.bounds import check_payload
from workshop.errors import BadInput, WorkshopError
from workshop.extensions import db
from workshop.models import Operation
from workshop.transaction import rollback

log = logging.getLogger(__name__)
OP_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


@dataclass(frozen=True)
class Command:
    """A named client command and the service adapter that carries it out."""

    name: str
    handler: Callable[[Actor, dict], dict | None]
    keeps_op_ids: bool = False
    checks_actor: bool = False


COMMANDS: dict[str, Command] = {}
# Read-only requests (e.g. near-duplicate suggestions): no operation id, nothing stored.
QUERIES: dict[str, Command] = {}


def command(name: str, *, keeps_op_ids: bool = False, checks_actor: bool = False):
    """Register `fn(actor, args) -> result` as the command `name`."""

    def register(fn):
        if name in COMMANDS:
            raise RuntimeError(f"command {name!r} registered twice")
        COMMANDS[name] = Command(name, fn, keeps_op_ids, checks_actor)
        return fn

    return register


def query(name: str):
    """Register `fn(actor, args) -> result` as the read-only request `name`."""

    def register(fn):
        if name in QUERIES or name in COMMANDS:
            raise RuntimeError(f"query {name!r} registered twice")
        QUERIES[name] = Command(name, fn)
        return fn

    return register


def run_query(actor: Actor, name: str, payload) -> dict:
    """Answer a read-only request; it never commits anything."""
    try:
        if name not in QUERIES or not isinstance(payload, dict):
            raise BadInput()
        check_payload(payload)
        result = QUERIES[name].handler(actor, payload)
        return {"ok": True, "error": None, "message": "", "result": result}
    except WorkshopError as error:
        return error.to_ack()
    finally:
        rollback()


def run_command(actor: Actor, name: str, payload) -> dict:
    """Run one command exactly once per operation id and return its acknowledgement."""
    try:
        op_id, args = _parse(name, payload)
        return _run_once(actor, name, op_id, args)
    except WorkshopError as error:
        return error.to_ack()


def _parse(name: str, payload) -> tuple[str, dict]:
    if name not in COMMANDS or not isinstance(payload, dict):
        raise BadInput()
    op_id = payload.get("op")
    if not isinstance(op_id, str) or not OP_ID.fullmatch(op_id):
        raise BadInput(field="op")
    check_payload(payload)
    return op_id, {k: v for k, v in payload.items() if k != "op"}


def _digest(name: str, args: dict) -> str:
    text = json.dumps([name, args], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def operation_id() -> str | None:
    """The running command's operation id (None while operation ids are ignored)."""
    return g.get("operation_id")


def operation_digest() -> str | None:
    """The SHA-256 of the running command's name and payload: a service that keeps op ids in
    its own rows stores it too, so a resend with another payload is `op_conflict`."""
    return g.get("operation_digest")


def _run_once(actor: Actor, name: str, op_id: str, args: dict) -> dict:
    spec = COMMANDS[name]
    honour = current_app.config["HONOUR_OPERATION_IDS"]
    recorded = honour and not spec.keeps_op_ids
    digest = _digest(name, args) if honour else ""
    if recorded:
        replay = _replay(actor, name, op_id, digest)
        if replay is not None:
            return replay
        g.pending_operation = _pending(actor, name, op_id, digest, args)
    g.operation_id = op_id if honour else None
    g.operation_digest = digest or None
    try:
        result = spec.handler(actor, args)
    except IntegrityError:
        rollback()
        replay = _replay(actor, name, op_id, digest) if recorded else None
        if replay is None:
            raise
        return replay
    except WorkshopError as error:
        rollback()
        if recorded and error.final:
            _store_refusal(actor, name, op_id, digest, args, error)
        raise
    finally:
        g.pop("pending_operation", None)
        g.pop("operation_id", None)
        g.pop("operation_digest", None)
    return _ok(result)


def _ok(result) -> dict:
    """A success ack; a handler that recognised a resent op id itself returns `_dup`."""
    ack = {"ok": True, "error": None, "message": "", "result": result}
    if isinstance(result, dict) and result.pop("_dup", False):
        ack["dup"] = True
    return ack


def _pending(actor: Actor, name: str, op_id: str, digest: str, args: dict) -> dict:
    workshop_id = args.get("workshop")
    return {
        "workshop_id": workshop_id if type(workshop_id) is int else None,
        "actor_key": actor.key,
        "op_id": op_id,
        "command": name,
        "payload_digest": digest,
    }


_STORED = sa.select(Operation.command, Operation.payload_digest, Operation.outcome).where(
    Operation.actor_key == sa.bindparam("actor_key"), Operation.op_id == sa.bindparam("op_id"))


def _replay(actor: Actor, name: str, op_id: str, digest: str) -> dict | None:
    """The stored outcome of a resent operation id, or None if it is new."""
    params = {"actor_key": actor.key, "op_id": op_id}
    stored = db.session.connection().execute(_STORED, params).first()
    if stored is None:
        return None
    if stored.command != name or stored.payload_digest != digest:
        raise WorkshopError("op_conflict")
    outcome = dict(stored.outcome)
    if not outcome.get("ok"):
        return WorkshopError(outcome["error"]).to_ack() | {"dup": True}
    return {"ok": True, "error": None, "message": "", "result": outcome.get("result"), "dup": True}


def _store_refusal(actor, name, op_id, digest, args, error: WorkshopError) -> None:
    """Remember a final refusal so a resend gets the same answer, not a second try."""
    pending = _pending(actor, name, op_id, digest, args)
    db.session.add(Operation(**pending, outcome={"ok": False, "error": error.code}))
    try:
        db.session.commit()
    except IntegrityError:
        rollback()
