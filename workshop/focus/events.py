"""Socket commands and queries for focus points; thin adapters over the services."""

from workshop.realtime.commands import command, query

from . import annotating, merging, moderation, proposing, similarity
from .history import history


@command("propose_point")
def on_propose_point(actor, args):
    """A phone proposes; every screen gets `point_proposed`."""
    return proposing.propose_point(actor, args.get("workshop"), args)


@command("edit_my_point")
def on_edit_my_point(actor, args):
    """The author edits; every screen gets `point_updated`."""
    return proposing.edit_own_point(actor, args.get("workshop"), args.get("point"), args)


@command("withdraw_point")
def on_withdraw_point(actor, args):
    """The author withdraws; every screen gets `point_withdrawn`."""
    return proposing.withdraw_point(actor, args.get("workshop"), args.get("point"))


@command("add_annotation")
def on_add_annotation(actor, args):
    """A phone annotates; every screen gets `annotation_added` with fresh counts."""
    return annotating.add_annotation(actor, args.get("workshop"), args)


@command("edit_annotation")
def on_edit_annotation(actor, args):
    """The author edits an annotation; every screen gets `annotation_updated`."""
    return annotating.edit_annotation(actor, args.get("workshop"), args.get("annotation"), args)


@command("delete_annotation")
def on_delete_annotation(actor, args):
    """The author deletes an annotation; every screen gets `annotation_deleted`."""
    return annotating.delete_annotation(actor, args.get("workshop"), args.get("annotation"))


@command("edit_point")
def on_edit_point(actor, args):
    """The console rewords a point; every screen gets `point_updated`."""
    return moderation.edit_point(actor, args.get("workshop"), args.get("point"), args)


@command("hide_point")
def on_hide_point(actor, args):
    """The console hides a point; phones and projector get `point_hidden` and drop it."""
    return moderation.hide_point(actor, args.get("workshop"), args.get("point"),
                                 args.get("reason"))


@command("restore_point")
def on_restore_point(actor, args):
    """The console restores a point; every screen gets `point_restored`."""
    return moderation.restore_point(actor, args.get("workshop"), args.get("point"))


@command("reorder_points")
def on_reorder_points(actor, args):
    """The console reorders; every screen gets `points_reordered`."""
    return moderation.reorder_points(actor, args.get("workshop"), args.get("order"))


@command("group_point")
def on_group_point(actor, args):
    """The console files a point under a theme; every screen gets `point_grouped`."""
    return moderation.group_point(actor, args.get("workshop"), args.get("point"),
                                  args.get("theme"))


@command("pin_annotation")
def on_pin_annotation(actor, args):
    """The console pins an annotation; every screen gets `annotation_pinned`."""
    return moderation.pin_annotation(actor, args.get("workshop"), args.get("annotation"),
                                     args.get("pinned"))


@command("hide_annotation")
def on_hide_annotation(actor, args):
    """The console hides an annotation; screens get `annotation_hidden`."""
    return moderation.hide_annotation(actor, args.get("workshop"), args.get("annotation"),
                                      args.get("reason"))


@command("restore_annotation")
def on_restore_annotation(actor, args):
    """The console restores an annotation; screens get `annotation_restored`."""
    return moderation.restore_annotation(actor, args.get("workshop"), args.get("annotation"))


@command("merge_points")
def on_merge_points(actor, args):
    """The console merges points; every screen gets `points_merged`."""
    return merging.merge_points(actor, args.get("workshop"), args.get("survivor"),
                                args.get("merged"))


@command("unmerge_point")
def on_unmerge_point(actor, args):
    """The console undoes a merge; every screen gets `point_unmerged`."""
    return merging.unmerge_point(actor, args.get("workshop"), args.get("point"))


@query("similar_points")
def on_similar_points(actor, args):
    """A phone typing a point (or the console) asks for likely duplicates; read-only."""
    return similarity.suggest(actor, args.get("workshop"), args.get("text"), args.get("exclude"))


@query("duplicate_pairs")
def on_duplicate_pairs(actor, args):
    """The console asks which visible points look alike; read-only."""
    return similarity.duplicate_pairs(actor, args.get("workshop"))


@query("point_history")
def on_point_history(actor, args):
    """The console asks for every version of a point's text; read-only."""
    return history(actor, args.get("workshop"), args.get("point"))
