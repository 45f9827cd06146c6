"""Focus points, annotations grouped by type, and merges with their lineage."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable

from .context import Ctx

KINDS = ("support", "concern", "question", "evidence", "idea")
TEXT_KINDS = ("concern", "question", "evidence", "idea")  # printed in full under each point
DEFAULT_CAP = 5


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


def _annotation_block(ctx: Ctx, a: dict, replies: Counter) -> list[Flowable]:
    """The text, then who (or «anonymous»), their field and how much it was discussed."""
    author = (a.get("author") or {}).get("name")
    meta = [ctx.user(author) if author else ctx.t("fp.anonymous"),
            ctx.discipline(a.get("discipline_id"))]
    if replies.get(a["id"]):
        meta.append(ctx.t("an.replies", n=ctx.num(replies[a["id"]])))
    out = [ctx.user_para(a["body"]), ctx.para(" · ".join(meta), "small")]
    if a.get("source_url"):
        out.append(ctx.para(ctx.t("an.source", url=ctx.user(a["source_url"])), "small"))
    return out


def _cap(ctx: Ctx) -> int:
    """Annotations printed under each point (config MINUTES_ANNOTATIONS_PER_POINT)."""
    return max(int(ctx.labels.get("layout.annotations_per_point", DEFAULT_CAP)), 0)


def _split(point_items: list[dict], replies: Counter, cap: int) -> tuple[list, list]:
    """Most discussed first (replies, then pinned, then oldest); the first `cap` stay."""
    ranked = sorted(point_items, key=lambda a: (-replies[a["id"]], not a.get("pinned"),
                                                a["id"]))
    return ranked[:cap], ranked[cap:]


def _by_kind(ctx: Ctx, items: list[dict], replies: Counter) -> list[Flowable]:
    """Items grouped by type in the fixed order, each group under its label and count."""
    out: list[Flowable] = []
    for kind in TEXT_KINDS:
        typed = [a for a in items if a["kind"] == kind]
        if typed:
            out.append(ctx.para(f"{ctx.t('an.' + kind)} ({ctx.num(len(typed))})",
                                "table_header"))
        for a in typed:
            out += _annotation_block(ctx, a, replies)
    return out


def _point_texts(ctx: Ctx, point: dict, items: list[dict], replies: Counter,
                 more: int = 0) -> list[Flowable]:
    out = [ctx.user_para(point["title"], "subheading")]
    out += _by_kind(ctx, items, replies)
    if more:
        out.append(ctx.para(ctx.t("an.more", n=ctx.num(more)), "small"))
    return out


def annotations_section(ctx: Ctx) -> list[Flowable]:
    """Counts per type, then under each point the text of its concerns, questions, evidence
    and ideas, most discussed first, up to the cap; the rest go to `appendix_section`."""
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
    replies = _reply_counts(annotations)
    for point, shown, rest in _per_point(ctx, typed, replies):
        out += _point_texts(ctx, point, shown, replies, len(rest))
    return out


def _per_point(ctx: Ctx, typed: list[dict], replies: Counter):
    """(point, shown, rest) for every point with text annotations, in the points' order."""
    cap, by_point = _cap(ctx), {}
    for a in typed:
        if a["kind"] in TEXT_KINDS:
            by_point.setdefault(a["point_id"], []).append(a)
    for point in ctx.data.get("focus", {}).get("points", []):
        if point["id"] in by_point:
            yield (point, *_split(by_point[point["id"]], replies, cap))


def appendix_section(ctx: Ctx) -> list[Flowable]:
    """The annotations beyond each point's cap, in the same layout."""
    focus = ctx.data.get("focus", {})
    if not focus.get("available"):
        return []
    annotations = focus.get("annotations", [])
    typed = [a for a in annotations if a["kind"] in KINDS]
    replies = _reply_counts(annotations)
    out: list[Flowable] = []
    for point, _shown, rest in _per_point(ctx, typed, replies):
        if rest:
            out += _point_texts(ctx, point, rest, replies)
    return [ctx.heading("an.appendix"), *out] if out else []


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
    rows += [[ctx.cell(p["title"]), ctx.cells([m["title"] for m in p["merged_from"]])]
             for p in merged]
    return [*out, ctx.table(rows, [0.45, 0.55])]
