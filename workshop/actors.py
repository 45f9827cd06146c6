"""Who is acting: a participant on a phone or a staff user; the same for HTTP and sockets."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.models import Participant, User


@dataclass(frozen=True)
class Actor:
    """The identity a service checks permissions against (loaded fresh for each request)."""

    participant: Participant | None = None
    user: User | None = None

    @property
    def key(self) -> str:
        """A stable key for per-actor records such as operation ids and rate limits."""
        if self.participant is not None:
            return f"p:{self.participant.id}"
        if self.user is not None:
            return f"u:{self.user.id}"
        return "anon"

    @property
    def label(self) -> str:
        """A human-readable name for the audit log."""
        if self.participant is not None:
            return self.participant.display_name
        if self.user is not None:
            return self.user.email
        return ""

    @property
    def kind(self) -> str:
        if self.participant is not None:
            return "participant"
        return "user" if self.user is not None else "anonymous"

    @property
    def id(self) -> int | None:
        target = self.participant or self.user
        return target.id if target is not None else None


ANONYMOUS = Actor()
