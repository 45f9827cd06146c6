"""Attendance: who was there (name, field, organisation, status) and counts per field."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .context import Ctx

ATTENDED = ("present", "late", "left_early", "late_left_early")


def _status(ctx: Ctx, row: dict) -> str:
    text = ctx.t("att." + row["status"])
    if row.get("participant_id") is None:
        text = f"{text} ({ctx.t('att.added')})"
    elif row.get("auto_status") and row["status"] != row["auto_status"]:
        text = f"{text} ({ctx.t('att.corrected')})"
    if row.get("note"):
        text = f"{text}: {row['note']}"
    return text


def _rows(ctx: Ctx, rows: list[dict]) -> list[list]:
    header = [ctx.t("att.name"), ctx.t("att.discipline"), ctx.t("att.organisation"),
              ctx.t("att.status")]
    body = [[ctx.cell(r["name"]), ctx.discipline(r["discipline_id"]),
             ctx.cell(r.get("organisation") or ""), _status(ctx, r)] for r in rows]
    return [header, *body]


def counts_by_discipline(rows: list[dict]) -> dict:
    """discipline id -> (attended, not attended), in first-seen order."""
    counts: dict = {}
    for row in rows:
        attended, absent = counts.get(row["discipline_id"], (0, 0))
        if row["status"] in ATTENDED:
            attended += 1
        else:
            absent += 1
        counts[row["discipline_id"]] = (attended, absent)
    return counts


def _count_rows(ctx: Ctx, rows: list[dict]) -> list[list]:
    order = [d["id"] for d in ctx.data.get("disciplines", [])]
    counts = counts_by_discipline(rows)
    keys = sorted(counts, key=lambda k: order.index(k) if k in order else len(order))
    table = [[ctx.t("att.discipline"), ctx.t("att.attended"), ctx.t("att.absent")]]
    table += [[ctx.discipline(k), counts[k][0], counts[k][1]] for k in keys]
    total_in = sum(c[0] for c in counts.values())
    total_out = sum(c[1] for c in counts.values())
    table.append([ctx.t("att.total"), total_in, total_out])
    return table


def attendance_section(ctx: Ctx) -> list[Flowable]:
    """The attendance table and the per-field counts beneath it."""
    rows = ctx.data.get("attendance", [])
    out = [ctx.heading("attendance")]
    if not rows:
        return [*out, ctx.para(ctx.t("att.none"))]
    out.append(ctx.table(_rows(ctx, rows), [0.3, 0.2, 0.22, 0.28]))
    out += [ctx.gap(), ctx.para(ctx.t("att.by_discipline"), "subheading"),
            ctx.table(_count_rows(ctx, rows), [0.5, 0.25, 0.25])]
    return out
