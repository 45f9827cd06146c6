"""Socket commands for the roster; thin adapters over joining.roster."""

from workshop.joining import roster
from workshop.realtime.commands import command


@command("invite_participant")
def on_invite(actor, args):
    """Console sends it; consoles get a `presence` refresh with the roster."""
    return roster.invite(actor, args.get("workshop"), args)


@command("admit_participant")
def on_admit(actor, args):
    """Console sends it; the phone gets `admitted`, screens get `presence`."""
    return roster.admit(actor, args.get("workshop"), args.get("participant"))


@command("remove_participant")
def on_remove(actor, args):
    """Console sends it; the phone gets `removed` and is disconnected."""
    return roster.remove(actor, args.get("workshop"), args.get("participant"),
                         args.get("reason", ""))
