"""The minutes PDF, built from the archive alone (same data + language = same bytes)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.pdfkit import build_pdf, isolate

from .attendance import attendance_section
from .closing import actions_section, decisions_section, signature_section, summary_section
from .context import Ctx
from .front import front_page
from .labels import minutes_labels
from .points import annotations_section, appendix_section, merges_section, points_section
from .rounds import rounds_section
from .timeline import timeline_section

__all__ = ["build_minutes_pdf", "minutes_labels", "story"]


def story(ctx: Ctx) -> list[Flowable]:
    """Every section in reading order."""
    parts = (front_page, summary_section, attendance_section, timeline_section, points_section,
             rounds_section, annotations_section, merges_section, decisions_section,
             actions_section, signature_section, appendix_section)
    out: list[Flowable] = []
    for part in parts:
        out += part(ctx)
    return out


def _footer(ctx: Ctx, content_sha256: str | None):
    """Version and status on every page; the data's SHA-256 once the version is final."""
    minutes = ctx.data["minutes"]
    text = f"{ctx.t('footer.version', n=ctx.digits(minutes['number']))} · " \
           f"{ctx.t('status.' + minutes['status'])}"
    if content_sha256:
        text += f" · {ctx.t('footer.hash')}: {isolate(content_sha256)}"
    return lambda page, total: text


def build_minutes_pdf(data: dict, lang: str, labels: dict[str, str],
                      content_sha256: str | None = None) -> bytes:
    """Lay out the minutes in `lang` ("fa" or "en"); pure: no database, no Flask state."""
    ctx = Ctx(data=data, lang="fa" if lang == "fa" else "en", labels=labels)
    title = f"{ctx.t('doc.title')}: {ctx.user(data['workshop']['title'])}"
    return build_pdf(story(ctx), direction=ctx.direction, title=title, author="Hamandishi",
                     footer_text_fn=_footer(ctx, content_sha256), invariant=True)
