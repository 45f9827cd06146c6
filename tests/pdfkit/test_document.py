"""Document builder: reproducible bytes, metadata, footer text, markup never interpreted."""

from __future__ import annotations

import hashlib
from io import BytesIO

import pytest
from bidi import get_display
from pypdf import PdfReader

from workshop.pdfkit import RTLParagraph, build_pdf, isolate, make_styles, page_label

from .test_rendering import FOOTER_BOX, canon, drawn_lines

INJECTIONS = [
    "<b>bold?</b>",
    "<img src=/etc/hostname>",
    "<a href=\"javascript:x\">click</a>",
    "<link href=\"https://example.org\">x</link> &amp; &lt;",
]


def _story(direction: str = "rtl"):
    """A few paragraphs including markup-looking user text."""
    st = make_styles()
    story = [RTLParagraph("صورت‌جلسهٔ نشست هم‌اندیشی", st["heading"], direction=direction)]
    story += [RTLParagraph(t, st["body"], direction=direction) for t in INJECTIONS]
    story.append(RTLParagraph("متن کوچک ۱۴۰۵", st["small"], direction=direction))
    return story


def _footer(page: int, total: int) -> str:
    """Extra footer text: version and digest, isolated so the Latin run stays intact."""
    return "نسخه " + isolate("v1.2.0") + " · SHA-256 " + isolate("3f2a9c")


def test_two_builds_are_byte_identical():
    first = build_pdf(_story(), title="صورت‌جلسه", footer_text_fn=_footer)
    second = build_pdf(_story(), title="صورت‌جلسه", footer_text_fn=_footer)
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()


def test_metadata_without_timestamps():
    reader = PdfReader(BytesIO(build_pdf(_story(), title="صورت‌جلسه", author="دبیر")))
    meta = reader.metadata
    assert meta.title == "صورت‌جلسه"
    assert meta.author == "دبیر"
    assert "/CreationDate" not in meta
    assert "/ModDate" not in meta


def test_non_invariant_build_still_works():
    reader = PdfReader(BytesIO(build_pdf(_story(), title="t", invariant=False)))
    assert "/CreationDate" in reader.metadata


@pytest.mark.parametrize("direction", ["rtl", "ltr"])
def test_markup_is_drawn_literally_without_links(tmp_path, direction):
    path = tmp_path / "inj.pdf"
    path.write_bytes(build_pdf(_story(direction), direction=direction))
    lines = drawn_lines(path)
    for text in INJECTIONS:
        want = canon(get_display(text, base_dir="R" if direction == "rtl" else "L"))
        assert want in {canon(line) for line in lines}
    reader = PdfReader(str(path))
    for page in reader.pages:
        assert "/Annots" not in page
        resources = page["/Resources"]
        xobjects = resources.get("/XObject", {})
        assert not xobjects


def test_footer_extra_text_and_page_label(tmp_path):
    path = tmp_path / "footer.pdf"
    path.write_bytes(build_pdf(_story(), footer_text_fn=_footer))
    footer = drawn_lines(path, FOOTER_BOX)
    assert len(footer) == 1
    want_label = canon(get_display("صفحه ۱ از ۱", base_dir="R"))
    assert canon(footer[0]).endswith(want_label)
    assert "v1.2.0" in footer[0]
    assert "3f2a9c" in footer[0]


def test_page_label_texts():
    assert page_label(2, 5, rtl=True) == "صفحه ۲ از ۵"
    assert page_label(2, 5, rtl=False) == "Page 2 of 5"


def test_bad_direction_rejected():
    with pytest.raises(ValueError, match="direction"):
        build_pdf([], direction="up")
    with pytest.raises(ValueError, match="direction"):
        RTLParagraph("x", make_styles()["body"], direction="up")
