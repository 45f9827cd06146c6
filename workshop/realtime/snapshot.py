"""The full, versioned state a client may see, sent on every connect and on request.

Features add their own parts with `@snapshot_section("name")`; each section function gets
the actor, the workshop and the audience ("staff", "projector" or "phone") and returns
plain JSON data. A section marked `shared` is the same for everyone of an audience at one
workshop version, so phones and the projector get it from a small cache: a room of phones
reconnecting after a Wi-Fi drop would otherwise rebuild the same points list hundreds of
times. What a shared section also needs per person, or live (unversioned) numbers, come
from `@fresh_part("name")`, merged into the section for every snapshot.
Everything a shared section shows must change only through `publish` (which bumps the version).
"""

from __future__ import annotations

from collections.abc import Callable

from workshop.lru import BoundedCache
from workshop.models import utcnow
from workshop.realtime.encoded import share

SECTIONS: dict[str, Callable] = {}
SHARED: set[str] = set()
FRESH: dict[str, Callable] = {}
CACHED_AUDIENCES = ("phone", "projector")  # staff views carry live, unversioned extras
_CACHE = BoundedCache(32)


def snapshot_section(name: str, *, shared: bool = False):
    """Register a function that contributes `name` to every snapshot."""

    def register(fn):
        SECTIONS[name] = fn
        if shared:
            SHARED.add(name)
        return fn

    return register


def fresh_part(name: str):
    """Register `fn(actor, workshop, audience) -> dict | None`, merged into section `name`."""

    def register(fn):
        FRESH[name] = fn
        return fn

    return register


def _shared_sections(actor, workshop, audience: str) -> dict:
    """The shared sections for this audience and version, computed once and then reused."""
    if audience not in CACHED_AUDIENCES:
        return {}
    # created_at and join_code tell apart workshops that share an id in different databases.
    key = (workshop.id, workshop.created_at, workshop.join_code, workshop.version, audience)
    return _CACHE.get_or_build(key, lambda: {
        name: _shared(SECTIONS[name](actor, workshop, audience)) for name in SHARED})


def _shared(section):
    """A cached section and its parts are never changed again: packets reuse their JSON."""
    if isinstance(section, dict):
        for part in section.values():
            if isinstance(part, (dict, list)):
                share(part)
        share(section)
    return section


WAITING_SECTIONS = ("workshop", "me")  # all a phone waiting for admission may see


def is_waiting(actor) -> bool:
    """A roster-mode phone the facilitator has not admitted yet."""
    return actor.participant is not None and getattr(actor.participant, "status", "") == "pending"


def build_snapshot(actor, workshop, audience: str) -> dict:
    """Everything this audience may see, tagged with the workshop's current version."""
    data = {"v": workshop.version, "server_time": utcnow().isoformat(), "audience": audience}
    if is_waiting(actor):
        return data | {"waiting": True} | {
            name: SECTIONS[name](actor, workshop, audience) for name in WAITING_SECTIONS}
    shared = _shared_sections(actor, workshop, audience)
    for name, fn in SECTIONS.items():
        value = shared[name] if name in shared else fn(actor, workshop, audience)
        extra = FRESH[name](actor, workshop, audience) if name in FRESH else None
        data[name] = {**value, **extra} if extra else value
    return data
