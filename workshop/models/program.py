"""A strategic plan's programme, its phases and the disciplines that take part."""

from __future__ import annotations

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import BilingualName


class Program(db.Model):
    """A plan such as "Isfahan 1405", drafted in phases through co-thinking workshops."""

    __tablename__ = "program"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name_fa: so.Mapped[str] = so.mapped_column(sa.String(200))
    name_en: so.Mapped[str] = so.mapped_column(sa.String(200))

    phases: so.Mapped[list[ProgramPhase]] = so.relationship(
        back_populates="program", order_by="ProgramPhase.position", cascade="all, delete-orphan"
    )
    disciplines: so.Mapped[list[Discipline]] = so.relationship(
        back_populates="program", order_by="Discipline.position", cascade="all, delete-orphan"
    )

    def name(self, lang: str) -> str:
        """The programme's name in the reader's language."""
        return self.name_fa if lang == "fa" else self.name_en


class ProgramPhase(BilingualName, db.Model):
    """One phase of a programme: recognition, analysis or prescription."""

    __tablename__ = "program_phase"
    __table_args__ = (sa.UniqueConstraint("program_id", "key"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(40))
    position: so.Mapped[int] = so.mapped_column(default=0)

    program: so.Mapped[Program] = so.relationship(back_populates="phases")


class Discipline(BilingualName, db.Model):
    """A field of expertise or stakeholder group whose voice the workshop must hear."""

    __tablename__ = "discipline"
    __table_args__ = (sa.UniqueConstraint("program_id", "key"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(40))
    position: so.Mapped[int] = so.mapped_column(default=0)
    active: so.Mapped[bool] = so.mapped_column(default=True)

    program: so.Mapped[Program] = so.relationship(back_populates="disciplines")
