"""The timeline of stages with times and durations, and the secretary's notes per stage."""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.pdfkit import isolate

from .context import Ctx

STAGES = ("lobby", "propose", "discuss", "vote", "results", "closed")


def _duration(ctx: Ctx, start: str, end: str | None) -> str:
    if end is None:
        return ""
    minutes = round((ctx.when(end) - ctx.when(start)).total_seconds() / 60)
    return ctx.t("tl.minutes", n=ctx.num(max(minutes, 0)))


def timeline_rows(ctx: Ctx) -> list[list[str]]:
    """One row per stage entered: stage, when it started, how long it lasted."""
    changes = ctx.data.get("timeline", [])
    rows = [[ctx.t("tl.stage"), ctx.t("tl.start"), ctx.t("tl.duration")]]
    for i, change in enumerate(changes):
        end = changes[i + 1]["at"] if i + 1 < len(changes) else None
        started = f"{isolate(ctx.date_num(change['at']))} {isolate(ctx.clock(change['at']))}"
        duration = "" if change["to"] == "closed" else _duration(ctx, change["at"], end)
        rows.append([ctx.t("stage." + change["to"]), started, duration])
    return rows


def timeline_section(ctx: Ctx) -> list[Flowable]:
    """Stage table, then the notes the secretary kept for each stage."""
    out = [ctx.heading("timeline")]
    rows = timeline_rows(ctx)
    if len(rows) == 1:
        out.append(ctx.para(ctx.t("tl.none")))
    else:
        out.append(ctx.table(rows, [0.34, 0.38, 0.28]))
    notes = ctx.data.get("notes", {})
    if any(notes.get(s) for s in STAGES):
        out.append(ctx.heading("notes"))
        for stage in STAGES:
            if notes.get(stage):
                out += [ctx.subheading(ctx.t("stage." + stage)), ctx.user_para(notes[stage])]
    return out
