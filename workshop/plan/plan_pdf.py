"""Lay out the plan PDF from plain data (no app, no database: a pool worker builds it):
the strategic plan, the operational plans, and indicator tables with target-vs-actual charts."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, PolyLine
from reportlab.lib import colors
from reportlab.platypus import Flowable

from workshop.pdfkit import RTLParagraph, build_pdf, format_number, make_styles, make_table

CHUNK = 25
CHART_W, CHART_H = 110.0, 34.0
TARGET, ACTUAL = colors.HexColor("#8a8f98"), colors.HexColor("#1f5fa8")


class _Doc:
    """Styles, direction and labels shared by the sections."""

    def __init__(self, lang: str, labels: dict[str, str]):
        self.lang, self.labels = lang, labels
        self.direction = "rtl" if lang == "fa" else "ltr"
        self.styles = make_styles(9)

    def t(self, key: str) -> str:
        return self.labels.get(key, key)

    def para(self, text, style: str = "body") -> RTLParagraph:
        return RTLParagraph(str(text), self.styles[style], direction=self.direction)

    def num(self, n, decimals: int | None = None) -> str:
        return "—" if n is None else format_number(n, self.lang, decimals)

    def pct(self, n) -> str:
        return self.num(round(n)) + ("٪" if self.lang == "fa" else "%")

    def tables(self, header: list, rows: list[list], widths: list[float]) -> list:
        """Tables of CHUNK rows: one long table splitting across pages costs quadratic time."""
        return [make_table([header, *rows[n:n + CHUNK]], col_widths=widths,
                           direction=self.direction, lang=self.lang, styles=self.styles)
                for n in range(0, len(rows), CHUNK)] or [self.para("—")]


def chart(series: list[list], rtl: bool) -> Drawing:
    """Target (grey) and actual (blue) per year as two small lines; years run with the text."""
    drawing = Drawing(CHART_W, CHART_H)
    points = [v for _y, t, a in series for v in (t, a) if v is not None]
    if len(series) < 2 or not points:
        return drawing
    low, high = min(points), max(points)
    span = (high - low) or 1.0
    step = (CHART_W - 8) / (len(series) - 1)

    def xy(n: int, v: float) -> tuple[float, float]:
        x = 4 + n * step
        return (CHART_W - x if rtl else x), 4 + (v - low) / span * (CHART_H - 8)

    for column, color, dash in ((1, TARGET, [2, 2]), (2, ACTUAL, None)):
        line = [c for n, row in enumerate(series) if row[column] is not None
                for c in xy(n, row[column])]
        if len(line) >= 4:
            drawing.add(PolyLine(line, strokeColor=color, strokeWidth=1.2,
                                 strokeDashArray=dash))
    return drawing


def _strategic(doc: _Doc, goals: list[dict]) -> list[Flowable]:
    out: list[Flowable] = [doc.para(doc.t("strategic"), "heading")]
    for g in goals:
        out.append(doc.para(f"{g['code']} · {g['name']} — {doc.pct(g['progress'])}",
                            "subheading"))
        rows = [[s["code"], s["name"], doc.num(s["items"]), doc.pct(s["progress"])]
                for s in g["strategies"]]
        out += doc.tables([doc.t("code"), doc.t("strategy"), doc.t("answers"),
                           doc.t("progress")], rows, [0.1, 0.6, 0.15, 0.15])
    return out


def _operational(doc: _Doc, plans: list[dict]) -> list[Flowable]:
    out: list[Flowable] = [doc.para(doc.t("operational"), "heading")]
    header = [doc.t("code"), doc.t("project"), doc.t("unit"), doc.t("progress"),
              doc.t("status"), doc.t("budget")]
    for plan in plans:
        out.append(doc.para(plan["name"], "subheading"))
        rows = [[("— " * p["depth"]) + p["code"], p["name"], p["unit"], doc.pct(p["progress"]),
                 p["status"], f"{doc.num(p['spent'])} / {doc.num(p['allocated'])}"]
                for p in plan["projects"]]
        out += doc.tables(header, rows, [0.1, 0.3, 0.16, 0.1, 0.12, 0.22])
    return out


def _indicators(doc: _Doc, indicators: list[dict]) -> list[Flowable]:
    rtl = doc.direction == "rtl"
    header = [doc.t("code"), doc.t("indicator"), doc.t("baseline"), doc.t("target"),
              doc.t("actual"), doc.t("status"), doc.t("chart")]
    rows = [[i["code"], f"{i['name']} ({i['unit']})", doc.num(i["baseline"]),
             doc.num(i["target"]), doc.num(i["actual"]), i["status"],
             chart(i["series"], rtl)] for i in indicators]
    return [doc.para(doc.t("indicators"), "heading"), doc.para(doc.t("chart_note"), "small"),
            *doc.tables(header, rows, [0.08, 0.3, 0.09, 0.09, 0.09, 0.1, 0.25])]


def build_plan_pdf(data: dict, lang: str, labels: dict[str, str]) -> bytes:
    """The plan's bytes (the same data and labels give the same bytes)."""
    doc = _Doc(lang, labels)
    story: list[Flowable] = [doc.para(data["program"], "heading"),
                             doc.para(data["summary"], "small")]
    story += _strategic(doc, data["goals"]) + _operational(doc, data["operational"])
    story += _indicators(doc, data["indicators"])
    return build_pdf(story, direction=doc.direction, title=data["program"])
