"""Lay out the programme dossier PDF from plain data (no app, no database: a pool worker
builds it). The register with provenance, support and coverage, the sources, the workshops."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable

from workshop.pdfkit import (
    RTLParagraph,
    build_pdf,
    format_number,
    jalali_date_text,
    make_styles,
    make_table,
)

CHUNK = 25


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


def _item_row(doc: _Doc, item: dict) -> list[str]:
    """One register row; hard line breaks keep it one cell per column (fast to lay out)."""
    meta = " · ".join(x for x in (item["status"], item["part"], item["phase"]) if x)
    what = "\n".join(x for x in (item["title"], meta, "، ".join(item["sources"])) if x)
    behind = f"{doc.num(item['points'])} / {doc.num(len(item['workshops']))}"
    shares = [r["support"] for r in item["rounds"] if r["support"] is not None]
    support = (f"{_percent(doc, max(shares))} ({doc.num(len(shares))})" if shares else "—")
    heard = f"{doc.num(len(item['supported']))} / {doc.num(len(item['concerned']))}"
    if item["gaps"]:
        heard += f"\n{doc.t('gaps')}: {'، '.join(item['gaps'])}"
    return [doc.num(item["id"]), what, behind, support, heard or "—"]


def _register(doc: _Doc, items: list[dict]) -> list[Flowable]:
    header = ["#", doc.t("item"), doc.t("points"), doc.t("support"), doc.t("heard")]
    rows = [_item_row(doc, item) for item in items]
    return [doc.para(doc.t("register"), "heading"), doc.para(doc.t("support_note"), "small"),
            *_chunked(doc, header, rows, [0.07, 0.45, 0.12, 0.12, 0.24])]


def _chunked(doc: _Doc, header: list, rows: list[list], widths: list[float]) -> list:
    """Tables of CHUNK rows: splitting one long table across pages costs quadratic time."""
    return [doc.table([header, *rows[n:n + CHUNK]], widths) for n in range(0, len(rows), CHUNK)]


def _sources(doc: _Doc, sources: list[dict]) -> list[Flowable]:
    out = [doc.para(doc.t("sources"), "heading")]
    if not sources:
        return [*out, doc.para("—")]
    rows = [[s["kind"], s["title"], s["citation"] or s["url"]] for s in sources]
    return [*out, *_chunked(doc, [doc.t("kind"), doc.t("title"), doc.t("citation")], rows,
                            [0.22, 0.38, 0.4])]


def _workshops(doc: _Doc, workshops: list[dict]) -> list[Flowable]:
    header = [doc.t("workshop"), doc.t("kind"), doc.t("phase"), doc.t("date"),
              doc.t("participants")]
    rows = [[w["title"], w["kind"], w["phase"],
              jalali_date_text(datetime.fromisoformat(w["date"]), doc.lang) if w["date"] else "—",
              doc.num(w["participants"])] for w in workshops]
    return [doc.para(doc.t("workshops"), "heading"),
            *_chunked(doc, header, rows, [0.36, 0.18, 0.14, 0.2, 0.12])]


def build_dossier_pdf(data: dict, lang: str, labels: dict[str, str]) -> bytes:
    """The dossier's bytes (the same data and labels give the same bytes)."""
    doc = _Doc(lang, labels)
    story: list[Flowable] = [doc.para(data["program"], "heading")]
    if data["items"]:
        story += _register(doc, data["items"])
    story += _sources(doc, data["sources"]) + _workshops(doc, data["workshops"])
    return build_pdf(story, direction=doc.direction, title=data["program"])
