"""The full, versioned state a client may see, sent on every connect and on request.

Features add their own parts with `@snapshot_section("name")`; each section function gets
the actor, the workshop and the audience ("staff", "projector" or "phone") and returns
plain JSON data.
"""

from __future__ import annotations

from collections.abc import Callable

from workshop.models import utcnow

SECTIONS: dict[str, Callable] = {}


def snapshot_section(name: str):
    """Register a function that contributes `name` to every snapshot."""

    def register(fn):
        SECTIONS[name] = fn
        return fn

    return register


def build_snapshot(actor, workshop, audience: str) -> dict:
    """Everything this audience may see, tagged with the workshop's current version."""
    data = {"v": workshop.version, "server_time": utcnow().isoformat(), "audience": audience}
    for name, fn in SECTIONS.items():
        data[name] = fn(actor, workshop, audience)
    return data
