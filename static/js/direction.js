// The direction rule of workshop/text/direction.py for text rendered live (same patterns,
// same counting; tests/text/test_direction_js.py runs both over the corpus and compares).
(function () {
  "use strict";
  const D = "0-9\u06f0-\u06f9\u0660-\u0669";
  const LTR_UNIT = new RegExp(
    "(?:https?://|www\\.)[^\\s«»]*[^\\s«».,;:!?؟،؛)\\]}]" +
    "|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+" +
    "|\\+[" + D + "]{1,3}(?:[ -]?[" + D + "]{2,})+" +
    "|[" + D + "]{2,}(?:-[" + D + "]{2,})+" +
    "|(?<![" + D + "A-Za-z])[-+\u2212][" + D + "]+(?:[.,\u066b\u066c][" + D + "]+)*[%\u066a]?" +
    "|(?<![A-Za-z0-9])(?=[A-Za-z0-9_#/.-]*[A-Za-z])(?=[A-Za-z0-9_#/.-]*[0-9])" +
    "[A-Za-z0-9][A-Za-z0-9_#/.-]*[A-Za-z0-9]", "gu");
  const LITERAL = /[A-Za-z@/]/;
  const RTL_RANGES = [[0x0590, 0x08FF], [0xFB1D, 0xFDFF], [0xFE70, 0xFEFF], [0x10800, 0x10FFF],
    [0x1E800, 0x1EFFF]];
  const LETTER = /\p{L}/u;
  const MARK = /\p{M}/u;
  const FA = "۰۱۲۳۴۵۶۷۸۹";

  const isRtlChar = (ch) => { const cp = ch.codePointAt(0); return RTL_RANGES.some(([a, b]) => a <= cp && cp <= b); };
  const masked = (text) => text.replace(LTR_UNIT, (m) => " ".repeat(m.length));

  function wordCounts(text) {
    let rtl = 0, ltr = 0, previous = false;
    for (const ch of masked(String(text))) {
      const letter = LETTER.test(ch);
      if (letter && !previous) { if (isRtlChar(ch)) rtl += 1; else ltr += 1; }
      previous = letter || (previous && MARK.test(ch));
    }
    return [rtl, ltr];
  }

  function direction(text, fallback) {
    const [rtl, ltr] = wordCounts(String(text || ""));
    if (rtl === ltr) return fallback || "rtl";
    return rtl > ltr ? "rtl" : "ltr";
  }

  function contextual(text, context) {
    let out = "";
    for (const ch of text) {
      if (LETTER.test(ch)) context = isRtlChar(ch);
      out += context && ch >= "0" && ch <= "9" ? FA[ch] : ch;
    }
    return [out, context];
  }

  function linePieces(line, fa, context, out) {
    let at = 0;
    for (const m of line.matchAll(LTR_UNIT)) {
      const plain = line.slice(at, m.index);
      if (plain) {
        let shown = plain;
        if (fa) [shown, context] = contextual(plain, context);
        out.push({ text: shown, ltr: false });
      }
      const unit = m[0];
      const literal = !fa || !context || LITERAL.test(unit);
      out.push({ text: literal ? unit : unit.replace(/[0-9]/g, (d) => FA[d]), ltr: true });
      at = m.index + unit.length;
    }
    if (at < line.length) out.push({ text: fa ? contextual(line.slice(at), context)[0] : line.slice(at), ltr: false });
  }

  // Display pieces of one text: [{text, ltr}] with contextual digits for the Persian UI.
  function pieces(text, lang, paraDir) {
    text = String(text || "");
    const fa = String(lang).startsWith("fa");
    paraDir = paraDir || direction(text, fa ? "rtl" : "ltr");
    const out = [];
    text.split("\n").forEach((line, n) => {
      if (n) out.push({ text: "\n", ltr: false });
      linePieces(line, fa, paraDir === "rtl", out);
    });
    return out;
  }

  // Fill an element with someone's text: its own dir, LTR units in <bdi dir=ltr>.
  function render(node, text, lang) {
    lang = lang || document.documentElement.lang || "fa";
    const dir = direction(text, String(lang).startsWith("fa") ? "rtl" : "ltr");
    node.setAttribute("dir", dir);
    while (node.firstChild) node.removeChild(node.firstChild);
    pieces(text, lang, dir).forEach((p) => {
      if (!p.ltr) { node.appendChild(document.createTextNode(p.text)); return; }
      const b = document.createElement("bdi");
      b.setAttribute("dir", "ltr");
      b.textContent = p.text;
      node.appendChild(b);
    });
    return node;
  }

  // Text fields that said dir="auto" (first strong letter) follow the same rule while people
  // type; only the dir attribute changes, never the value.
  const FIELDS = "textarea[dir=auto], input[dir=auto]:not([type]), input[dir=auto][type=text], " +
    "textarea[data-dir-rule], input[data-dir-rule]";
  function fieldDir(field) {
    const fa = String(document.documentElement.lang || "fa").startsWith("fa");
    field.setAttribute("data-dir-rule", "");
    field.setAttribute("dir", field.value ? direction(field.value, fa ? "rtl" : "ltr") : "auto");
  }
  function watchFields() {
    document.querySelectorAll(FIELDS).forEach(fieldDir);
    document.addEventListener("input", (event) => {
      if (event.target.matches && event.target.matches(FIELDS)) fieldDir(event.target);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchFields);
  else watchFields();

  window.HamandishiText = { direction: direction, pieces: pieces, render: render, wordCounts: wordCounts,
    fieldDir: fieldDir };
})();
