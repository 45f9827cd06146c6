"""Domain errors: one fixed list of codes, each with a localised message."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# The fixed list of error codes a client can receive in an acknowledgement.
MESSAGES = {
    "bad_payload": _l("The request was not understood."),
    "forbidden": _l("You are not allowed to do this."),
    "not_found": _l("Not found."),
    "required": _l("This field is required."),
    "too_long": _l("This text is too long."),
    "invalid_text": _l("This text contains characters that are not allowed."),
    "invalid_value": _l("This value is not valid."),
    "invalid_stage": _l("This is not possible at the current stage."),
    "invalid_transition": _l("The workshop cannot move to that stage from here."),
    "bad_join_code": _l("There is no open workshop with this join code."),
    "bad_token": _l("Your place in this workshop is no longer valid. Please join again."),
    "removed": _l("You were removed from this workshop."),
    "not_admitted": _l("Please wait until the facilitator admits you."),
    "rate_limited": _l("Too many attempts. Please wait a minute and try again."),
    "too_many_connections": _l("This workshop is open in too many tabs on this device. "
                               "Close one and try again."),
    "op_conflict": _l("This operation id was already used for a different request."),
    "closed": _l("This workshop is closed."),
    "conflict": _l("Someone else changed this in the meantime."),
    "round_not_open": _l("This voting round is not open."),
    "round_closed": _l("This voting round is closed."),
    "budget_exceeded": _l("You have no votes left for this."),
    "invalid_ranking": _l("This ranking is not valid."),
    "finalised": _l("These minutes are final and cannot be changed."),
    "internal": _l("Something went wrong on the server. Please try again."),
}


class WorkshopError(Exception):
    """A refusal the user can understand; carries a code from MESSAGES."""

    code = "bad_payload"
    status = 400
    # A final error is part of an operation's outcome and is replayed for a resent op id.
    final = True

    def __init__(self, code: str | None = None, message: str | None = None, **fields):
        self.code = code or self.code
        if self.code not in MESSAGES:
            raise ValueError(f"unknown error code {self.code!r}")
        self._message = message
        self.fields = fields
        super().__init__(self.code)

    @property
    def message(self) -> str:
        """The localised text, resolved in the current locale."""
        return str(self._message or MESSAGES[self.code])

    def to_ack(self) -> dict:
        """The acknowledgement a client receives for this refusal."""
        ack = {"ok": False, "error": self.code, "message": self.message}
        if self.fields:
            ack["fields"] = {k: str(v) for k, v in self.fields.items()}
        return ack


class BadInput(WorkshopError):
    code = "bad_payload"


class NotAllowed(WorkshopError):
    code = "forbidden"
    status = 403


class NotFound(WorkshopError):
    code = "not_found"
    status = 404


class InvalidState(WorkshopError):
    code = "invalid_stage"
    status = 409


class RateLimited(WorkshopError):
    code = "rate_limited"
    status = 429
    final = False
