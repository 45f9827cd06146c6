"""Summary, decisions, action items and the signature block."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, KeepTogether

from workshop.pdfkit import gregorian_text, isolate, jalali_numeric

from .context import Ctx

SIGNATURE_ROOM = "\n\n"


def summary_section(ctx: Ctx) -> list[Flowable]:
    text = ctx.data.get("summary") or ""
    if not text:
        return [ctx.heading("summary"), ctx.para(ctx.t("none"))]
    return [ctx.heading("summary"), ctx.user_para(text, "body", align="justify")]


def _point_titles(ctx: Ctx) -> dict[int, str]:
    return {p["id"]: p["title"] for p in ctx.data.get("focus", {}).get("points", [])}


def _round_titles(ctx: Ctx) -> dict[int, str]:
    items = ctx.data.get("rounds", {}).get("items", [])
    return {r["round"]["id"]: r["round"].get("title") or "" for r in items}


def _links(ctx: Ctx, decision: dict, titles: dict, rounds: dict) -> list[Flowable]:
    out = []
    if decision.get("point_ids"):
        names = [ctx.user(titles.get(pid) or f"#{pid}") for pid in decision["point_ids"]]
        out.append(ctx.para(f"{ctx.t('dec.points')}: {' · '.join(names)}", "small"))
    if decision.get("round_id") is not None:
        name = rounds.get(decision["round_id"]) or f"#{decision['round_id']}"
        out.append(ctx.para(f"{ctx.t('dec.round')}: {ctx.user(name)}", "small"))
    return out


def decisions_section(ctx: Ctx) -> list[Flowable]:
    """Numbered decisions with the focus points and round each rests on."""
    decisions = ctx.data.get("decisions", [])
    out = [ctx.heading("decisions")]
    if not decisions:
        return [*out, ctx.para(ctx.t("none"))]
    titles, rounds = _point_titles(ctx), _round_titles(ctx)
    for number, decision in enumerate(decisions, start=1):
        out.append(ctx.user_para(decision["text"], number=f"{ctx.digits(number)}."))
        out += _links(ctx, decision, titles, rounds)
    return out


def due_text(ctx: Ctx, iso: str | None) -> str:
    """Jalali for Persian readers; Gregorian with the Jalali date beside it in English."""
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    if ctx.rtl:
        return jalali_numeric(day, "fa")
    return f"{gregorian_text(day, 'en')} ({isolate(jalali_numeric(day, 'en'))})"


def actions_section(ctx: Ctx) -> list[Flowable]:
    """Action items: what, who, by when and their status."""
    actions = ctx.data.get("actions", [])
    out = [ctx.heading("actions")]
    if not actions:
        return [*out, ctx.para(ctx.t("none"))]
    rows = [["#", ctx.t("act.what"), ctx.t("act.owner"), ctx.t("act.due"), ctx.t("act.status")]]
    rows += [[n, ctx.cell(a["what"]), ctx.cell(a.get("owner") or ""),
              due_text(ctx, a.get("due_date")),
              ctx.t("act." + a["status"])] for n, a in enumerate(actions, start=1)]
    return [*out, ctx.table(rows, [0.06, 0.44, 0.18, 0.17, 0.15])]


def signature_section(ctx: Ctx) -> list[Flowable]:
    """Role, name, room to sign and date for every facilitator and secretary."""
    staff = ctx.data.get("staff", {})
    people = [(ctx.t("front.facilitator"), n) for n in staff.get("facilitators", [])]
    people += [(ctx.t("front.secretary"), n) for n in staff.get("secretaries", [])]
    rows = [[ctx.t("sig.role"), ctx.t("sig.name"), ctx.t("sig.signature"), ctx.t("sig.date")]]
    rows += [[role, ctx.cell(name), SIGNATURE_ROOM, ""] for role, name in people]
    return [KeepTogether([ctx.heading("signatures"),
                          ctx.table(rows, [0.2, 0.3, 0.3, 0.2], zebra=False)])]
