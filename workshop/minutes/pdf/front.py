"""The first page: title, the workshop's particulars, version and status."""

from __future__ import annotations

from reportlab.platypus import Flowable

from workshop.pdfkit import date_line, isolate
from workshop.text.direction import display_text

from .context import Ctx


def span(ctx: Ctx) -> tuple[str | None, str | None]:
    """Start (leaving the lobby, else the scheduled time) and end (closing) as ISO strings."""
    timeline = ctx.data.get("timeline", [])
    start = next((c["at"] for c in timeline if c["from"] == "lobby"),
                 ctx.data["workshop"].get("scheduled_at"))
    end = next((c["at"] for c in reversed(timeline) if c["to"] == "closed"), None)
    return start, end


def _date_text(ctx: Ctx, start: str | None) -> str:
    moment = ctx.when(start)
    return date_line(moment, ctx.lang) if moment else ctx.t("front.unknown")


def _time_text(ctx: Ctx, start: str | None, end: str | None) -> str:
    if not start:
        return ctx.t("front.unknown")
    if not end:
        return ctx.clock(start)
    return f"{isolate(ctx.clock(start))} – {isolate(ctx.clock(end))}"


def _names(ctx: Ctx, names: list[str]) -> str:
    separator = "، " if ctx.rtl else ", "
    return separator.join(ctx.user(n) for n in names) or ctx.t("front.unknown")


def finalised_when(ctx: Ctx, iso: str) -> str:
    """Natural order from isolated parts: Jalali date (Gregorian in brackets) then the time
    in Persian; Gregorian (Jalali in brackets) then the time in English."""
    return f"{date_line(ctx.when(iso), ctx.lang, weekday=False)} {isolate(ctx.clock(iso))}"


def _status_text(ctx: Ctx) -> str:
    minutes = ctx.data["minutes"]
    return f"{ctx.digits(minutes['number'])} · {ctx.t('status.' + minutes['status'])}"


def particulars(ctx: Ctx) -> list[tuple[str, str, bool]]:
    """Label, value and whether the value is someone's free text, for the first page."""
    w, staff = ctx.data["workshop"], ctx.data.get("staff", {})
    start, end = span(ctx)
    rows = [
        (ctx.t("front.program"), ctx.pick(w["program"]), False),
        (ctx.t("front.phase"), ctx.pick(w["phase"]), False),
        (ctx.t("front.workshop"), w["title"], True),
        (ctx.t("front.question"), w.get("guiding_question") or "", True),
        (ctx.t("front.date"), _date_text(ctx, start), False),
        (ctx.t("front.time"), _time_text(ctx, start, end), False),
        (ctx.t("front.location"), w.get("location") or ctx.t("front.unknown"), bool(
            w.get("location"))),
        (ctx.t("front.facilitator"), _names(ctx, staff.get("facilitators", [])), False),
        (ctx.t("front.secretary"), _names(ctx, staff.get("secretaries", [])), False),
        (ctx.t("front.version"), _status_text(ctx), False),
    ]
    return [row for row in rows if row[1]]


def _status_notes(ctx: Ctx) -> list[Flowable]:
    minutes, out = ctx.data["minutes"], []
    if minutes["status"] != "final":
        out.append(ctx.para(ctx.t("front.draft_notice"), "subheading"))
    else:
        when = finalised_when(ctx, minutes["finalised_at"])
        name = display_text(minutes.get("finalised_by") or "", ctx.lang)
        out.append(ctx.para(ctx.t("front.finalised", date=when, name=name)))
    if minutes.get("reason"):
        out.append(ctx.para(ctx.t("front.correction", n=ctx.digits(minutes["number"] - 1))))
        out.append(ctx.user_para(minutes["reason"]))
    return out


def _previous(ctx: Ctx) -> list[Flowable]:
    previous = ctx.data["minutes"].get("previous") or []
    if not previous:
        return []
    lines = [f"{ctx.t('footer.version', n=ctx.digits(p['number']))} · "
             f"{ctx.date_num(p['finalised_at'])} · SHA-256 {isolate(p['sha256'])}"
             for p in previous]
    return [ctx.para(ctx.t("front.previous"), "subheading"),
            *[ctx.para(line, "small") for line in lines]]


def front_page(ctx: Ctx) -> list[Flowable]:
    """Title block, particulars table, status and the earlier versions."""
    return [
        ctx.para(ctx.t("doc.title"), "heading", align="center"),
        ctx.user_para(ctx.data["workshop"]["title"], "subheading", align="center"),
        ctx.gap(8),
        ctx.table([[ctx.para(label, "table_header"), ctx.cell(value) if user else value]
                   for label, value, user in particulars(ctx)],
                  [0.27, 0.73], header=False, zebra=True),
        ctx.gap(8),
        *_status_notes(ctx),
        *_previous(ctx),
    ]
