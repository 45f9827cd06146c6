"""The register's own refusal messages (codes stay from the fixed list in workshop.errors)."""

from flask_babel import lazy_gettext as _l

OTHER_PROGRAMME = _l("This focus point belongs to a workshop of another programme.")
POINT_GONE = _l("This focus point no longer exists or was withdrawn or merged meanwhile.")
ALREADY_LINKED = _l("This focus point is already linked to a register item; undo that link first.")
NOT_LINKED = _l("This link was already undone.")
ITEM_MERGED = _l("This register item was merged into another one.")
SAME_ITEM = _l("An item cannot be merged into itself.")
CYCLE = _l("This would make the items' lineage go round in a circle.")
REASON_NEEDED = _l("Please give a reason for setting this item aside.")
BAD_STATUS_MOVE = _l("A register item moves one phase at a time: identified, analysed, prescribed.")
SPLIT_LINKS = _l("Choose some, but not all, of the item's links to move to the new item.")
MERGE_UNDONE = _l("This merge was already undone.")
MERGE_LATER = _l("The surviving item changed its links since the merge; undo those changes first.")
ALREADY_CITED = _l("This item already cites this source.")
CARRY_EMPTY = _l("Choose at least one register item, action item or point to carry over.")
PLANNED_ONLY = _l("Only a workshop that has not started yet can start from the register.")
NOT_PUBLISHED = _l("This item is not published.")
NO_ITEM = _l("There is no register item with this number in this programme.")
