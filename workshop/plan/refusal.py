"""A refused plan edit loses nothing: the edit page is shown again with what was typed in that
one form and the error beside its input (or above the form when it concerns the whole)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from workshop.errors import WorkshopError

# Each form of the edit page: its title and the inputs it posts (tests/plan check the page).
TITLES = {
    "frame": _l("The plan's years"), "goal": _l("Add a goal"), "strategy": _l("Add a strategy"),
    "link": _l("Link a strategy to a focus point"), "unit": _l("Add an owner unit"),
    "operational": _l("Add an operational plan (two years)"), "project": _l("Add a project"),
    "budget": _l("Budget allocated and spent"), "progress": _l("Progress of a project"),
    "milestone": _l("Add a milestone"), "indicator": _l("Add an indicator"),
    "value": _l("A target or an actual"),
    "ballot": _l("Put strategies or projects on a planned workshop's ballot"),
    "status": _l("A status row"),
}
NAMES = ("name_fa", "name_en")
INPUTS = {
    "frame": ("first_year", "last_year"), "goal": ("part_id", "code", *NAMES),
    "strategy": ("goal_id", "code", *NAMES, "item_ids"), "link": ("strategy_id", "item_id"),
    "unit": ("kind", "key", *NAMES), "operational": ("first_year", *NAMES),
    "project": ("operational_id", "strategy_id", "parent_id", "unit_id", "code", *NAMES,
                "starts_on", "ends_on", "weight", "budgets"),
    "budget": ("project_id", "year", "allocated", "spent"),
    "progress": ("project_id", "progress"), "milestone": ("project_id", "title", "due",
                                                          "done_on"),
    "indicator": ("kind", "goal_id", "strategy_id", "project_id", "code", *NAMES, "unit",
                  "direction", "baseline_year", "baseline_value", "targets", "data_source",
                  "owner_unit_id"),
    "value": ("indicator_id", "kind", "year", "quarter", "value", "note", "evidence_url",
              "reason"),
    "ballot": ("workshop_id", "codes"),
    "status": ("key", "level", *NAMES, "max_gap", "position"),
}
# The services' field names that differ from the page's input names.
ALIASES = {"elements": "codes", "workshop": "workshop_id", "item_id@strategy": "item_ids"}


def input_for(action: str, name: str) -> str:
    """The input of `action`'s form a service's field name is about ("" = the whole form)."""
    if name.startswith(("budget_", "target_")):
        name = name.split("_")[0] + "s"  # one year of "1405=12; 1406=15"
    name = ALIASES.get(f"{name}@{action}", ALIASES.get(name, name))
    return name if name in INPUTS.get(action, ()) else ""


@dataclass
class SentForm:
    """One edit form as it was sent, and why it was refused (once it is)."""

    action: str
    values: dict
    field: str = ""
    message: str = ""

    @classmethod
    def sent(cls, action: str, form) -> SentForm:
        return cls(action, {k: v for k, v in form.items() if k != "csrf_token"})

    def keep(self, error: WorkshopError) -> bool:
        """Note the refusal beside its input; the page is shown again."""
        self.field = input_for(self.action, str(error.fields.get("field", "")))
        self.message = error.message
        return True

    def expired(self) -> SentForm:
        self.message = _("The form expired. Please try again.")
        return self

    def summary(self) -> str:
        """One line for the top of the page: which form, and what is wrong."""
        return f"{TITLES[self.action]}: {self.message}"
