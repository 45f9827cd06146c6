"""Voting rounds: ranked tables, bar charts, the field heatmap, consensus and polarisation.

Reads the voting feature's results shape (docs/results.md): round, voters, groups (small
fields already folded into "other" in anonymous rounds), points ranked by the headline
number, each with balanced score, consensus, polarised flag, per-group support and, for
scores rounds, the 2×2 matrix.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from workshop.pdfkit import FRAME_WIDTH, bar_chart, heatmap

from .context import Ctx

CHART_TOP = 15
CHART_SHARE = 0.58  # of the frame; the legend with the full titles takes the rest


def _value(ctx: Ctx, result: dict, value) -> str:
    """The headline number: counts as integers, means with one decimal."""
    if value is None:
        return ""
    if result["round"]["method"] == "scores":
        return ctx.num(value, 1)
    return ctx.num(round(value, 1)) if value % 1 else ctx.num(int(value))


def _percent(ctx: Ctx, share) -> str:
    return "" if share is None else ctx.digits(f"{round(share * 100)}") + ("٪" if ctx.rtl else "%")


def _rank(ctx: Ctx, rank, tied) -> str:
    """A rank as the data says it: a shared rank is written as tied, never silently split."""
    return ctx.t("rd.rank_tied", n=ctx.num(rank)) if tied else ctx.num(rank)


def _ranked_rows(ctx: Ctx, result: dict) -> list[list]:
    schulze = result["round"]["method"] == "ranking"
    rows = [[ctx.t("rd.rank"), ctx.t("rd.point"), ctx.t("rd.score"),
             *([ctx.t("rd.schulze")] if schulze else []), ctx.t("rd.balanced"),
             ctx.t("rd.consensus"), ctx.t("rd.polarised")]]
    for p in result.get("points", []):
        rows.append([_rank(ctx, p["rank"], p.get("tied")), ctx.cell(p["title"]),
                     _value(ctx, result, p["raw"]),
                     *([_rank(ctx, p["schulze_rank"], p.get("schulze_tied"))] if schulze else []),
                     _value(ctx, result, p["balanced"]), _percent(ctx, p.get("consensus")),
                     ctx.t("rd.flag") if p.get("polarised") else ""])
    return rows


def _firsts(ctx: Ctx, result: dict) -> list[Flowable]:
    """Who came first, in words: "tied first: …" when several share first place, and the
    Schulze winner(s) of a ranking round."""
    points, out = result.get("points", []), []
    names = ("، " if ctx.rtl else ", ").join
    if not result.get("voters"):
        return out
    first = [ctx.user(p["title"]) for p in points if p["rank"] == 1]
    if len(first) > 1:
        out.append(ctx.para(ctx.t("rd.tied_first", names=names(first))))
    if result["round"]["method"] == "ranking":
        winners = [ctx.user(p["title"]) for p in points if p.get("schulze_rank") == 1]
        key = "rd.schulze_tied_first" if len(winners) > 1 else "rd.schulze_first"
        out.append(ctx.para(ctx.t(key, names=names(winners))))
    return out


def _group_name(ctx: Ctx, group: dict) -> str:
    if group.get("discipline_id") is None:
        return ctx.t("rd.other")
    return group["name_fa"] if ctx.rtl else group["name_en"]


def _chart_label(ctx: Ctx, p: dict) -> str:
    """Rank and title: the chart may shorten the title, the legend beside it has it whole."""
    return f"{ctx.digits(p['rank'])}. {ctx.user(p['title'])}"


def _beside(ctx: Ctx, chart: Flowable, points: list[dict]) -> Flowable:
    """The chart with a legend table (rank, full title) beside it, chart on the start side."""
    legend_w = FRAME_WIDTH * (1 - CHART_SHARE) - 8
    legend = ctx.table([[ctx.t("rd.rank"), ctx.t("rd.point")]]
                       + [[ctx.digits(p["rank"]), ctx.cell(p["title"])] for p in points],
                       [0.2, 0.8], width=legend_w)
    row, widths = [chart, legend], [FRAME_WIDTH * CHART_SHARE + 8, legend_w]
    step = -1 if ctx.rtl else 1  # drawn right to left in Persian: chart rightmost
    outer = Table([row[::step]], colWidths=widths[::step], hAlign="RIGHT" if ctx.rtl else "LEFT")
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return outer


def _charts(ctx: Ctx, result: dict) -> list[Flowable]:
    points = result.get("points", [])[:CHART_TOP]
    if not points:
        return []
    chart = bar_chart([(_chart_label(ctx, p), p["raw"] or 0) for p in points],
                      width=FRAME_WIDTH * CHART_SHARE, direction=ctx.direction, lang=ctx.lang,
                      value_fmt=lambda v: _value(ctx, result, v))
    out = [KeepTogether([ctx.para(ctx.t("rd.chart"), "table_header"),
                         _beside(ctx, chart, points)])]
    groups = result.get("groups") or []
    if groups:
        out += [ctx.gap(), KeepTogether([
            ctx.para(ctx.t("rd.heatmap"), "table_header"),
            heatmap([_chart_label(ctx, p) for p in points],
                    [_group_name(ctx, g) for g in groups],
                    [p.get("support") or [None] * len(groups) for p in points],
                    direction=ctx.direction, lang=ctx.lang)])]
    return out


def _criterion(ctx: Ctx, result: dict, key: str) -> str:
    for c in result["round"].get("rules", {}).get("criteria", []):
        if c.get("key") == key:
            return ctx.pick(c) or key
    return key


def _matrix(ctx: Ctx, result: dict) -> list[Flowable]:
    """The 2×2 matrix as a table: rows high/low on y, columns high/low on x."""
    matrix = result.get("matrix")
    if not matrix:
        return []
    titles = {p["id"]: p["title"] for p in result.get("points", [])}
    cells = {q: [] for q in ("high_x_high_y", "low_x_high_y", "high_x_low_y", "low_x_low_y")}
    for p in matrix.get("points", []):
        if p.get("quadrant") in cells:
            cells[p["quadrant"]].append(titles.get(p["id"], f"#{p['id']}"))
    x, y = _criterion(ctx, result, matrix["x"]), _criterion(ctx, result, matrix["y"])
    x, y = ctx.user(x), ctx.user(y)
    high, low = ctx.t("rd.high"), ctx.t("rd.low")

    def quadrant(key: str):  # every title its own paragraph in its own direction
        return ctx.cells(cells[key]) or ""

    rows = [["", f"{x}: {high}", f"{x}: {low}"],
            [f"{y}: {high}", quadrant("high_x_high_y"), quadrant("low_x_high_y")],
            [f"{y}: {low}", quadrant("high_x_low_y"), quadrant("low_x_low_y")]]
    return [ctx.gap(), KeepTogether([ctx.para(ctx.t("rd.matrix"), "table_header"),
                                     ctx.table(rows, [0.2, 0.4, 0.4], zebra=False)])]


def _round_block(ctx: Ctx, result: dict) -> list[Flowable]:
    info = result["round"]
    kind = ctx.t("rd.anonymous") if info.get("anonymous") else ctx.t("rd.named")
    head = f"{ctx.user(info.get('title') or '')} · {ctx.t('rd.method.' + info['method'])}"
    out = [ctx.subheading(head),
           ctx.para(f"{ctx.t('rd.voters', n=ctx.num(result.get('voters', 0)))} · {kind}",
                    "small")]
    if result.get("hidden") or not result.get("points"):
        return out
    widths = ([0.1, 0.3, 0.1, 0.1, 0.14, 0.13, 0.13] if info["method"] == "ranking"
              else [0.1, 0.36, 0.11, 0.15, 0.15, 0.13])
    out += [ctx.table(_ranked_rows(ctx, result), widths), *_firsts(ctx, result)]
    return out + [ctx.gap()] + _charts(ctx, result) + _matrix(ctx, result)


def rounds_section(ctx: Ctx) -> list[Flowable]:
    """One block per closed round, points ranked by that round's result."""
    rounds = ctx.data.get("rounds", {})
    out = [ctx.heading("rounds")]
    if not rounds.get("available"):
        return [*out, ctx.para(ctx.t("missing.rounds"))]
    if not rounds.get("items"):
        return [*out, ctx.para(ctx.t("rd.none"))]
    for result in rounds["items"]:
        out += _round_block(ctx, result)
    return [*out, ctx.para(ctx.t("rd.consensus_note"), "small")]
