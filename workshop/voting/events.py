"""Socket commands for voting; thin adapters over the voting services."""

from workshop.errors import NotFound
from workshop.permissions import can_view_staff, require_member
from workshop.realtime.commands import command, query
from workshop.voting import ballots, rounds
from workshop.voting.results import results_for
from workshop.workshops.services import get_workshop


@command("create_round")
def on_create_round(actor, args):
    """Console sends it; every screen gets `round_changed`."""
    return rounds.create_round(actor, args.get("workshop"), args)


@command("update_round")
def on_update_round(actor, args):
    """Console sends it; every screen gets `round_changed`."""
    return rounds.update_round(actor, args.get("workshop"), args.get("round"), args)


@command("open_round")
def on_open_round(actor, args):
    """Console sends it; every screen gets `round_changed`, results start flowing."""
    return rounds.open_round(actor, args.get("workshop"), args.get("round"))


@command("close_round")
def on_close_round(actor, args):
    """Console sends it; every screen gets `round_changed` and final results."""
    return rounds.close_round(actor, args.get("workshop"), args.get("round"))


@command("set_results_hidden")
def on_set_results_hidden(actor, args):
    """Console sends it; phones start (or stop) getting `round_results`."""
    return rounds.set_results_hidden(actor, args.get("workshop"), args.get("round"),
                                     args.get("hidden"))


@command("delete_round")
def on_delete_round(actor, args):
    """Console sends it for a draft; every screen gets `round_changed`."""
    return rounds.delete_round(actor, args.get("workshop"), args.get("round"))


@command("cast_vote", keeps_op_ids=True, checks_actor=True)
def on_cast_vote(actor, args):
    """Phone sends it; the voter's tabs get `ballot_saved`, screens coalesced results."""
    return ballots.cast_mark(actor, args.get("workshop"), args)


@command("cast_ranking", keeps_op_ids=True, checks_actor=True)
def on_cast_ranking(actor, args):
    """Phone sends its ordered top-k list; as cast_vote."""
    return ballots.cast_ranking(actor, args.get("workshop"), args)


@query("round_results")
def on_round_results(actor, args):
    """Any screen asks for one round's results, as much as it may see."""
    workshop = get_workshop(args.get("workshop"))
    voting_round = rounds.get_round(workshop, args.get("round"))
    staff = can_view_staff(actor, workshop)
    if not staff:
        require_member(actor, workshop)
        if voting_round.status == "draft":
            raise NotFound(field="round")
    return results_for(voting_round, "staff" if staff else "phone")
