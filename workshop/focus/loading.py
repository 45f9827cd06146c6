"""Loading points, annotations and themes from untrusted ids, scoped to one workshop."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from workshop.errors import BadInput, NotFound
from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.annotation import Annotation
from workshop.models.focus import FocusPoint, ProgramTheme
from workshop.text.normalize import validate_int

MAX_ID = 2**31 - 1
MAX_TAGS = 5
MERGED_AWAY = _l("This point was merged into another one. Please continue there.")


def _id(value, field: str) -> int:
    return validate_int(value, field=field, min_value=1, max_value=MAX_ID, strict=True)


def point_in(workshop: Workshop, point_id, field: str = "point") -> FocusPoint:
    """The point with this id in this workshop; another workshop's point looks absent."""
    point = db.session.get(FocusPoint, _id(point_id, field))
    if point is None or point.workshop_id != workshop.id:
        raise NotFound(field=field)
    return point


def open_point_in(workshop: Workshop, point_id, field: str = "point") -> FocusPoint:
    """A point participants can see: hidden and withdrawn ones look absent, merged ones say so."""
    point = point_in(workshop, point_id, field)
    if point.status == "merged":
        raise NotFound("not_found", MERGED_AWAY, field=field, merged_into=point.merged_into_id)
    if point.status != "visible":
        raise NotFound(field=field)
    return point


def annotation_in(workshop: Workshop, annotation_id, field: str = "annotation") -> Annotation:
    """The annotation with this id in this workshop."""
    annotation = db.session.get(Annotation, _id(annotation_id, field))
    if annotation is None or annotation.workshop_id != workshop.id:
        raise NotFound(field=field)
    return annotation


def themes_in(workshop: Workshop, values) -> list[ProgramTheme]:
    """Theme tags chosen from the programme's list (at most MAX_TAGS, no repeats)."""
    if values in (None, ""):
        return []
    if not isinstance(values, list) or len(values) > MAX_TAGS:
        raise BadInput("invalid_value", field="tags")
    ids = [_id(v, "tags") for v in values]
    if len(set(ids)) != len(ids):
        raise BadInput("invalid_value", field="tags")
    return [theme_in(workshop, theme_id) for theme_id in ids]


def theme_in(workshop: Workshop, theme_id) -> ProgramTheme:
    """One active theme of the workshop's programme."""
    theme = db.session.get(ProgramTheme, _id(theme_id, "theme"))
    if theme is None or theme.program_id != workshop.program_id or not theme.active:
        raise BadInput("invalid_value", field="tags")
    return theme
