"""A4 document builder with a header rule, "page X of Y" footer and reproducible output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from io import BytesIO

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from .bidi_line import visual
from .fonts import BOLD, REGULAR, draw_runs, register_fonts
from .numbers import persian_digits

MARGIN = 18 * mm
PADDING = 6  # platypus Frame's default padding; header/footer align with the body text
FRAME_WIDTH = A4[0] - 2 * MARGIN - 2 * PADDING
RULE = HexColor("#9aa5b1")
MUTED = HexColor("#5f6b7a")

FooterFn = Callable[[int, int], str | None]


class _InfoWithoutDates(PDFInfo):
    """Document info dictionary that omits CreationDate/ModDate, so builds are reproducible."""

    def format(self, document):  # noqa: D401 - ReportLab API name
        """Serialise only the descriptive keys."""
        keys = {"Title": self.title, "Author": self.author, "Subject": self.subject,
                "Creator": self.creator, "Producer": self.producer}
        return PDFDictionary({k: PDFString(v) for k, v in keys.items()}).format(document)


def page_label(page: int, total: int, rtl: bool) -> str:
    """`صفحه ۲ از ۵` for Persian documents, `Page 2 of 5` otherwise."""
    if rtl:
        return f"صفحه {persian_digits(page)} از {persian_digits(total)}"
    return f"Page {page} of {total}"


class _NumberedCanvas(Canvas):
    """Stores page states and draws header/footer in save(), when the page total is known."""

    def __init__(self, *args, decor: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._decor = decor
        self._pages: list[dict] = []
        if decor["invariant"]:
            info = _InfoWithoutDates()
            info.__dict__.update(self._doc.info.__dict__)
            self._doc.info = info

    def showPage(self) -> None:  # noqa: N802 - ReportLab API name
        """Defer the real page break until save()."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Replay every page with its decorations, then write the file."""
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            _draw_decorations(self, number, total, self._decor)
            Canvas.showPage(self)
        Canvas.save(self)


def _draw_decorations(canv: Canvas, page: int, total: int, decor: dict) -> None:
    """Header title and rule, footer rule, page label and the optional extra footer text."""
    rtl, (width, height) = decor["rtl"], decor["pagesize"]
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    top = height - MARGIN + 3 * mm
    left, right = MARGIN + PADDING, width - MARGIN - PADDING
    canv.line(left, top, right, top)
    bottom = MARGIN - 3 * mm
    canv.line(left, bottom, right, bottom)
    if decor["title"]:
        _draw_start(canv, visual(decor["title"], rtl, BOLD), top + 2 * mm, rtl, width, BOLD, 9)
    canv.setFillColor(MUTED)
    _draw_start(canv, visual(page_label(page, total, rtl), rtl), bottom - 4 * mm, rtl, width)
    extra = decor["footer_text_fn"](page, total) if decor["footer_text_fn"] else None
    if extra:
        _draw_end(canv, visual(extra, rtl), bottom - 4 * mm, rtl, width)
    canv.restoreState()


def _draw_start(canv: Canvas, vis: str, y: float, rtl: bool, width: float,
                font: str = REGULAR, size: float = 8) -> None:
    """Draw on the reading-start side (right for RTL)."""
    if rtl:
        draw_runs(canv, width - MARGIN - PADDING, y, vis, font, size, "end")
    else:
        draw_runs(canv, MARGIN + PADDING, y, vis, font, size)


def _draw_end(canv: Canvas, vis: str, y: float, rtl: bool, width: float) -> None:
    """Draw on the reading-end side (left for RTL)."""
    if rtl:
        draw_runs(canv, MARGIN + PADDING, y, vis, REGULAR, 8)
    else:
        draw_runs(canv, width - MARGIN - PADDING, y, vis, REGULAR, 8, "end")


def build_pdf(story: Sequence[Flowable], *, direction: str = "rtl", title: str = "",
              author: str = "Hamandishi", footer_text_fn: FooterFn | None = None,
              invariant: bool = True, pagesize: tuple[float, float] = A4) -> bytes:
    """Lay out the story on A4 and return the PDF bytes (byte-identical per input if invariant)."""
    if direction not in ("rtl", "ltr"):
        raise ValueError(f"direction must be 'rtl' or 'ltr', not {direction!r}")
    register_fonts()
    out = BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm, bottomMargin=MARGIN + 2 * mm,
        title=title, author=author, creator="Hamandishi", producer="Hamandishi pdfkit",
        subject=title, invariant=int(invariant), lang="fa" if direction == "rtl" else "en",
    )
    decor = {"rtl": direction == "rtl", "pagesize": pagesize, "title": title,
             "footer_text_fn": footer_text_fn, "invariant": invariant}
    doc.build(list(story), canvasmaker=partial(_NumberedCanvas, decor=decor))
    return out.getvalue()
