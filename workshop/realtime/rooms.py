"""Socket.IO room names; being in a room is never permission, only an address."""


def room_for(workshop_id: int) -> str:
    """The room every phone and the projector of a workshop listens on."""
    return f"workshop:{workshop_id}"


def staff_room(workshop_id: int) -> str:
    """The room of the facilitators' and secretaries' consoles."""
    return f"staff:{workshop_id}"


def projector_room(workshop_id: int) -> str:
    """The room of the projector screens (live results may reach them before phones)."""
    return f"projector:{workshop_id}"


def participant_room(participant_id: int) -> str:
    """A room per participant, so their sockets can be reached (and closed) together."""
    return f"participant:{participant_id}"


def user_room(user_id: int) -> str:
    """A room per staff account, so logout can close its sockets."""
    return f"user:{user_id}"
