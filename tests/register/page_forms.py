"""Read a page's forms as a browser would send them, with the errors shown in each."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    values: dict = field(default_factory=dict)  # name -> value (select: the chosen option)
    invalid: list = field(default_factory=list)  # names of inputs marked aria-invalid
    errors: list = field(default_factory=list)  # texts of the <p class="error"> inside


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.flashes: list[str] = []
        self._form = self._select = self._textarea = None
        self._error: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "form":
            self._form = Form(a.get("action") or "")
            self.forms.append(self._form)
        elif tag == "p" and ("error" in classes or "flash-error" in classes):
            self._error = self._form.errors if "error" in classes and self._form else \
                self.flashes
            self._error.append("")
        if self._form is not None:
            self._field(tag, a)

    def _field(self, tag, a):
        values, name = self._form.values, a.get("name")
        if a.get("aria-invalid") == "true":
            self._form.invalid.append(name)
        if tag == "input" and a.get("type") == "checkbox":
            if "checked" in a:
                values.setdefault(name, []).append(a.get("value"))
        elif tag == "input" and a.get("type") not in ("radio", "submit"):
            values[name] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea, values[name] = name, ""
        elif tag == "select":
            self._select, values[name] = name, None
        elif tag == "option" and self._select is not None and (
                "selected" in a or values[self._select] is None):
            values[self._select] = a.get("value")

    def handle_data(self, data):
        if self._textarea is not None:
            self._form.values[self._textarea] += data
        if self._error is not None:
            self._error[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "p":
            self._error = None
        elif tag in ("select", "textarea"):
            if self._textarea is not None:  # a browser drops the newline after <textarea>
                text = self._form.values[self._textarea]
                self._form.values[self._textarea] = text.removeprefix("\r\n") \
                    if text.startswith("\r\n") else text.removeprefix("\n")
            self._select = self._textarea = None


def read(html: str) -> tuple[list[Form], list[str]]:
    """The page's forms and its flashed error messages."""
    reader = _Reader()
    reader.feed(html)
    return reader.forms, [text.strip() for text in reader.flashes]


def form_of(html: str, action_end: str, **where) -> Form:
    """The one form whose action ends with `action_end` (and whose values match `where`)."""
    found = [f for f in read(html)[0] if f.action.endswith(action_end)
             and all(f.values.get(k) == v for k, v in where.items())]
    assert len(found) == 1, (action_end, where, [f.action for f in read(html)[0]])
    return found[0]
