"""Lay out the programme dossier PDF from plain data (no app, no database: a pool worker
builds it). The register with provenance, support and coverage, the sources, the workshops."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable, Spacer

from workshop.pdfkit import (
    RTLParagraph,
    build_pdf,
    format_number,
    jalali_date_text,
    make_styles,
    make_table,
)


class _Doc:
    """Styles, direction and labels shared by the sections."""

    def __init__(self, lang: str, labels: dict[str, str]):
        self.lang, self.labels = lang, labels
        self.direction = "rtl" if lang == "fa" else "ltr"
        self.styles = make_styles(10)

    def t(self, key: str) -> str:
        return self.labels.get(key, key)

    def para(self, text, style: str = "body") -> RTLParagraph:
        return RTLParagraph(str(text), self.styles[style], direction=self.direction)

    def num(self, n) -> str:
        return format_number(n, self.lang)

    def table(self, rows: list[list], widths: list[float]):
        return make_table(rows, col_widths=widths, direction=self.direction, lang=self.lang,
                          styles=self.styles)


def _percent(doc: _Doc, share) -> str:
    return "—" if share is None else doc.num(round(share * 100)) + ("٪" if doc.lang == "fa"
                                                                    else "%")


def _item(doc: _Doc, item: dict) -> list[Flowable]:
    out = [doc.para(f"#{doc.num(item['id'])} {item['title']}", "subheading"),
           doc.para(" · ".join(x for x in (item["status"], item["part"], item["phase"]) if x),
                    "small")]
    if item["description"]:
        out.append(doc.para(item["description"]))
    out.append(doc.para(f"{doc.t('points')}: {doc.num(item['points'])} · "
                        f"{doc.t('workshops')}: {', '.join(item['workshops']) or '—'}", "small"))
    if item["rounds"]:
        rows = [[doc.t("round"), doc.t("method"), doc.t("voters"), doc.t("support")]]
        rows += [[r["title"], r["method"], doc.num(r["voters"]), _percent(doc, r["support"])]
                 for r in item["rounds"]]
        out.append(doc.table(rows, [0.4, 0.2, 0.2, 0.2]))
    if item["stances"]:
        out.append(doc.para(" · ".join(f"{name}: {stance}" for name, stance in item["stances"]),
                            "small"))
    if item["gaps"]:
        out.append(doc.para(f"{doc.t('gaps')}: {', '.join(item['gaps'])}", "small"))
    if item["sources"]:
        out.append(doc.para(f"{doc.t('sources')}: {'؛ '.join(item['sources'])}", "small"))
    return [*out, Spacer(1, 6)]


def _sources(doc: _Doc, sources: list[dict]) -> list[Flowable]:
    out = [doc.para(doc.t("sources"), "heading")]
    if not sources:
        return [*out, doc.para("—")]
    rows = [[doc.t("kind"), doc.t("title"), doc.t("citation")]]
    rows += [[s["kind"], s["title"], s["citation"] or s["url"]] for s in sources]
    return [*out, doc.table(rows, [0.22, 0.38, 0.4])]


def _workshops(doc: _Doc, workshops: list[dict]) -> list[Flowable]:
    rows = [[doc.t("workshop"), doc.t("kind"), doc.t("phase"), doc.t("date"),
             doc.t("participants")]]
    rows += [[w["title"], w["kind"], w["phase"],
              jalali_date_text(datetime.fromisoformat(w["date"]), doc.lang) if w["date"] else "—",
              doc.num(w["participants"])] for w in workshops]
    return [doc.para(doc.t("workshops"), "heading"), doc.table(rows, [0.36, 0.18, 0.14, 0.2,
                                                                        0.12])]


def build_dossier_pdf(data: dict, lang: str, labels: dict[str, str]) -> bytes:
    """The dossier's bytes (the same data and labels give the same bytes)."""
    doc = _Doc(lang, labels)
    story: list[Flowable] = [doc.para(data["program"], "heading"),
                             doc.para(doc.t("register"), "heading")]
    for item in data["items"]:
        story += _item(doc, item)
    story += _sources(doc, data["sources"]) + _workshops(doc, data["workshops"])
    return build_pdf(story, direction=doc.direction, title=data["program"])
