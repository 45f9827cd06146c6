"""Socket commands for stages; thin adapters over workshops.stages."""

from workshop.realtime.commands import command
from workshop.workshops import stages


@command("move_stage")
def on_move_stage(actor, args):
    """Console sends it; every screen gets `stage_changed`."""
    return stages.move_stage(actor, args.get("workshop"), args.get("stage"),
                             args.get("countdown"))


@command("set_countdown")
def on_set_countdown(actor, args):
    """Console sends it; every screen gets `stage_changed` with the new deadline."""
    return stages.set_countdown(actor, args.get("workshop"), args.get("seconds"))
