"""The one question focus asks the voting feature, asked defensively (voting may be absent)."""

from __future__ import annotations

import importlib

VOTING_SERVICES = "workshop.voting.services"


def point_used_in_round(point_id: int) -> bool:
    """Tell whether a voting round has used the point (False while voting is not installed)."""
    try:
        voting = importlib.import_module(VOTING_SERVICES)
    except ModuleNotFoundError as error:
        if error.name != VOTING_SERVICES:  # a real bug inside voting must not pass silently
            raise
        return False
    check = getattr(voting, "point_used_in_round", None)
    return bool(check(point_id)) if callable(check) else False
