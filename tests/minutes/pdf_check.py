"""Check every drawn line of a minutes PDF against an independent bidi implementation.

While the real minutes code builds, each RTLParagraph line is recorded with its page, its
baseline and its box in page coordinates and the *logical* words it holds. The glyphs
pdfplumber reads back inside that box, sorted by x, are the visual line; python-bidi's Rust
`get_display` (not the renderer's UBA) says what that visual line must be. The oracle's
helpers come from tests/pdfkit (persian-pdf.md §5).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from bidi import get_display

from tests.pdfkit.test_rendering import _row_text, canon
from workshop.pdfkit import RTLParagraph

_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "minutes"


@dataclass(frozen=True)
class DrawnLine:
    """One line as the flowable drew it: where, and which logical words."""

    page: int
    baseline: float
    left: float
    right: float
    logical: str
    rtl: bool
    cut: bool = False  # a piece of a token too long for its cell, cut between letters
    paragraph: str = ""  # the whole logical block, for levels resolved per paragraph
    start: int = 0  # where the line starts in `paragraph` (characters)


@contextmanager
def recording():
    """Record every RTLParagraph line drawn while the block runs."""
    lines: list[DrawnLine] = []
    original = RTLParagraph._draw_line

    def record(self, line, y, first):
        original(self, line, y, first)
        logical, cut, paragraph, start = _logical_line(self, line)
        if not logical.strip():
            return
        # the text's own box: a numbered item's number sits outside it, in the indent
        x0, y0 = self.canv.absolutePosition(self.style.leftIndent, y)
        x1, _ = self.canv.absolutePosition(self.width - self.style.rightIndent, y)
        lines.append(DrawnLine(self.canv.getPageNumber(), y0, x0 - 1, x1 + 1, logical,
                               self.rtl, cut, paragraph, start))

    RTLParagraph._draw_line = record
    try:
        yield lines
    finally:
        RTLParagraph._draw_line = original


def _logical_line(paragraph: RTLParagraph, line) -> tuple[str, bool, str, int]:
    """The logical words of a line: taken from the unshaped text when the line breaks at
    spaces; a token cut inside (too long for its cell) falls back to the un-reshaped slice."""
    block = paragraph._blocks[line.block].text
    at_edges = (line.start == 0 or block[line.start - 1] == " ") and \
        (line.end == len(block) or block[line.end] == " ")
    if not at_edges:
        return unicodedata.normalize("NFKC", block[line.start:line.end]), True, "", 0
    text = paragraph.text.replace("\r\n", "\n").split("\n")[line.block].replace("\t", " ")
    spans = [m.span() for m in re.finditer(r"[^ ]+", text)]
    skip = len(block[:line.start].split())
    count = len(block[line.start:line.end].split())
    words = [text[a:b] for a, b in spans[skip:skip + count]]
    start = spans[skip][0] if count else 0
    return " ".join(words), False, text, start


def _paragraph_levels(text: str, rtl: bool) -> list[int]:
    """Embedding levels of a whole paragraph from python-bidi's Rust UBA (its debug dump)."""
    dump = get_display(text, base_dir="R" if rtl else "L", debug=True)
    per_byte = [int(n) for n in _LEVEL.findall(dump.split("levels:", 1)[1].split("]", 1)[0])]
    levels, at = [], 0
    for ch in text:
        levels.append(per_byte[at])
        at += len(ch.encode("utf-8"))
    return levels


def paragraph_visual(line: DrawnLine) -> str:
    """UAX #9 as written: levels per paragraph, then rules L1 and L2 on this line only."""
    levels = _paragraph_levels(line.paragraph, line.rtl)
    end = line.start + len(line.logical)
    chars, lv = list(line.paragraph[line.start:end]), levels[line.start:end]
    k = len(lv) - 1
    while k >= 0 and unicodedata.bidirectional(chars[k]) in ("WS", "BN", "FSI", "LRI", "RLI",
                                                              "PDI"):
        lv[k] = 1 if line.rtl else 0
        k -= 1
    order = list(range(len(lv)))
    odd = [x for x in lv if x % 2]
    for level in range(max(lv, default=0), (min(odd) if odd else 1) - 1, -1):
        i = 0
        while i < len(order):
            if lv[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and lv[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return "".join(chars[i] for i in order)


def _chars_by_page(path: Path) -> dict[int, dict[float, list[dict]]]:
    pages: dict[int, dict[float, list[dict]]] = {}
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rows = defaultdict(list)
            for c in page.chars:
                rows[round(c["matrix"][5], 1)].append(c)
            pages[number] = rows
    return pages


def mismatches(path: Path, lines: list[DrawnLine]) -> list[tuple[str, str, str]]:
    """(logical, expected visual, drawn visual) for every line that differs from the oracle."""
    pages, errors = _chars_by_page(path), []
    for line in lines:
        row = [c for y, cs in pages.get(line.page, {}).items() if abs(y - line.baseline) < 0.6
               for c in cs if c["x0"] >= line.left and c["x1"] <= line.right]
        drawn = canon(_row_text(row))
        want = canon(get_display(line.logical, base_dir="R" if line.rtl else "L"))
        if line.cut:  # levels come from the whole paragraph (UAX #9), a bracket pair may span
            drawn, want = sorted(drawn), sorted(want)  # the cut: only check nothing is lost
        elif drawn != want and line.paragraph:
            # The per-line oracle cannot see that a neutral at a line's edge took its
            # direction from the previous line; resolve levels over the whole paragraph.
            want = canon(paragraph_visual(line))
        if drawn != want:
            errors.append((line.logical, want, drawn))
    return errors


def save_pngs(path: Path, name: str, first: int = 1, last: int = 99) -> list[Path]:
    """Keep the PDF and PNG renders of its pages under test-artifacts/minutes for a look."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, ARTIFACTS / f"{name}.pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(first), "-l", str(last),
                        str(path), str(ARTIFACTS / name)], check=True, timeout=120)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))
