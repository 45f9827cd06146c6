"""Focus points, annotations grouped by type, and merges with their lineage."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable

from workshop.pdfkit import isolate

from .context import Ctx

KINDS = ("support", "concern", "question", "evidence", "idea")
MOST_DISCUSSED = 3


def _author(ctx: Ctx, item: dict) -> str:
    if item.get("author"):
        return item["author"]["name"]
    return ctx.t("fp.anonymous") if item.get("anonymous") else ""


def points_section(ctx: Ctx) -> list[Flowable]:
    """Every visible point in the workshop's order, with field, author and annotation count."""
    focus = ctx.data.get("focus", {})
    out = [ctx.heading("focus")]
    if not focus.get("available"):
        return [*out, ctx.para(ctx.t("missing.focus"))]
    points = focus.get("points", [])
    if not points:
        return [*out, ctx.para(ctx.t("fp.none"))]
    rows = [["#", ctx.t("fp.title"), ctx.t("fp.field"), ctx.t("fp.author"),
             ctx.t("fp.annotations")]]
    rows += [[n, ctx.cell(p["title"]), ctx.discipline(p.get("discipline_id")),
              ctx.cell(_author(ctx, p)), p.get("counts", {}).get("total", 0)]
             for n, p in enumerate(points, start=1)]
    return [*out, ctx.table(rows, [0.07, 0.45, 0.17, 0.17, 0.14])]


def _reply_counts(annotations: list[dict]) -> Counter:
    return Counter(a["parent_id"] for a in annotations if a.get("parent_id"))


def _annotation_block(ctx: Ctx, a: dict, titles: dict, replies: Counter) -> list[Flowable]:
    meta = [ctx.t("an.on_point", title=titles.get(a["point_id"], f"#{a['point_id']}")),
            ctx.discipline(a.get("discipline_id"))]
    if a.get("author"):
        meta.append(isolate(a["author"]["name"]))
    if replies.get(a["id"]):
        meta.append(ctx.t("an.replies", n=ctx.num(replies[a["id"]])))
    out = [ctx.user_para(a["body"]), ctx.para(" · ".join(meta), "small")]
    if a.get("source_url"):
        out.append(ctx.para(ctx.t("an.source", url=a["source_url"]), "small"))
    return out


def _featured(typed: list[dict], replies: Counter) -> tuple[list[dict], list[dict]]:
    """Pinned ones, and the most discussed of the rest (by replies, then oldest first)."""
    pinned = [a for a in typed if a.get("pinned")]
    rest = sorted((a for a in typed if not a.get("pinned") and replies.get(a["id"])),
                  key=lambda a: (-replies[a["id"]], a["id"]))
    return pinned, rest[:MOST_DISCUSSED]


def annotations_section(ctx: Ctx) -> list[Flowable]:
    """Counts per type, then for each type its pinned and most discussed annotations in full."""
    focus = ctx.data.get("focus", {})
    if not focus.get("available"):
        return []
    annotations = focus.get("annotations", [])
    typed = [a for a in annotations if a["kind"] in KINDS]
    out = [ctx.heading("annotations")]
    if not typed:
        return [*out, ctx.para(ctx.t("an.none"))]
    counts = Counter(a["kind"] for a in typed)
    rows = [[ctx.t("an.type"), ctx.t("an.count")]]
    rows += [[ctx.t("an." + k), counts.get(k, 0)] for k in KINDS]
    out.append(ctx.table(rows, [0.6, 0.4]))
    titles = {p["id"]: p["title"] for p in focus.get("points", [])}
    replies = _reply_counts(annotations)
    for kind in KINDS:
        pinned, most = _featured([a for a in typed if a["kind"] == kind], replies)
        if not pinned and not most:
            continue
        out.append(ctx.subheading(f"{ctx.t('an.' + kind)} ({ctx.num(counts[kind])})"))
        for label, items in ((ctx.t("an.pinned"), pinned), (ctx.t("an.most"), most)):
            if items:
                out.append(ctx.para(label, "table_header"))
            for a in items:
                out += _annotation_block(ctx, a, titles, replies)
    return out


def merges_section(ctx: Ctx) -> list[Flowable]:
    """Each surviving point with the points folded into it (its lineage)."""
    focus = ctx.data.get("focus", {})
    if not focus.get("available"):
        return []
    merged = [p for p in focus.get("points", []) if p.get("merged_from")]
    out = [ctx.heading("merges")]
    if not merged:
        return [*out, ctx.para(ctx.t("mg.none"))]
    rows = [[ctx.t("mg.survivor"), ctx.t("mg.merged")]]
    rows += [[ctx.cell(p["title"]), ctx.cell("\n".join(m["title"] for m in p["merged_from"]))]
             for p in merged]
    return [*out, ctx.table(rows, [0.45, 0.55])]
