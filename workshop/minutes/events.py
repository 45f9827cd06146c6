"""Socket command for autosaving the minutes; a thin adapter over the workspace service.

Building a PDF is never done here: finalising and downloads are HTTP requests, so a
multi-second build cannot sit in a socket handler's path.
"""

from workshop.realtime.commands import command

from . import workspace


@command("minutes_edit")
def on_minutes_edit(actor, args):
    """A secretary's workspace sends it; other staff consoles get `minutes_changed`."""
    return workspace.edit(actor, args.get("workshop"), args.get("change"))
