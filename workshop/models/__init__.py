"""Every model, imported here so Alembic and the app see them all.

Feature modules added to this package are imported automatically, so adding a model file
never means editing this one.
"""

import importlib
import pkgutil

from workshop.models.audit import AuditEntry
from workshop.models.base import utcnow
from workshop.models.operation import Operation
from workshop.models.participant import Participant
from workshop.models.program import Discipline, Program, ProgramPhase
from workshop.models.user import User
from workshop.models.workshop import STAGES, StageChange, Workshop, WorkshopStaff

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "STAGES",
    "AuditEntry",
    "Discipline",
    "Operation",
    "Participant",
    "Program",
    "ProgramPhase",
    "StageChange",
    "User",
    "Workshop",
    "WorkshopStaff",
    "utcnow",
]
