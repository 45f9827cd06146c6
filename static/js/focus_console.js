// Focus points on the console: moderation, merging (confirmed in the page, with undo), themes,
// order, silence cue, duplicates. A secretary sees the same lists without any control.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, client } = H;
  const F = H.focus;
  const root = document.querySelector("[data-role=focus]");
  if (!root || !client) return;
  const state = new F.FocusState();
  const list = root.querySelector("[data-role=points]");
  const status = root.querySelector("[data-role=focus-status]");
  const selected = new Set();
  let snap = null;
  let silence = null;

  const facilitates = H.facilitates !== false;
  const CU = H.consoleUi;
  const report = (ack) => F.reportAck(status, ack);
  const send = (name, args) => client.command(name, args).then(report);

  function button(text, onclick, cls) {
    return ui.el("button", { class: "button small " + (cls || ""), type: "button", text: text, onclick: onclick });
  }

  function askReason() {
    return CU.askText(ui.t("focus.hide"), ui.t("focus.hide_reason"), "", ui.t("focus.hide"));
  }

  function arrow(glyph, key, onclick) {
    const b = button(glyph, onclick);
    b.setAttribute("aria-label", ui.t(key));
    return b;
  }

  function themeSelect(point) {
    const select = ui.el("select", { "aria-label": ui.t("focus.theme"), class: "theme-select" },
      [ui.el("option", { value: "", text: ui.t("focus.no_theme") })].concat(state.themes.map((t) => {
        const attrs = { value: String(t.id), text: ui.name(t) };
        if (t.id === point.theme_id) attrs.selected = "selected";
        return ui.el("option", attrs);
      })));
    select.addEventListener("change", () => send("group_point", { point: point.id, theme: select.value ? Number(select.value) : null }));
    return select;
  }

  function move(id, delta) {
    const order = state.order.slice();
    const i = order.indexOf(id), j = i + delta;
    if (j < 0 || j >= order.length) return;
    [order[i], order[j]] = [order[j], order[i]];
    send("reorder_points", { order: order });
  }

  function actions(point) {
    const hidden = point.status === "hidden";
    return ui.el("div", { class: "actions wrap" }, [
      button(ui.t("focus.edit"), () => CU.askText(ui.t("focus.edit"), ui.t("focus.title"), point.title, ui.t("focus.save"))
        .then((title) => title !== null && send("edit_point", { point: point.id, title: title,
          description: point.description, tags: point.tags }))),
      hidden ? button(ui.t("focus.restore"), () => send("restore_point", { point: point.id }))
        : button(ui.t("focus.hide"), () => askReason().then((reason) => reason !== null &&
          send("hide_point", { point: point.id, reason: reason })), "danger"),
      arrow("↑", "focus.up", () => move(point.id, -1)), arrow("↓", "focus.down", () => move(point.id, 1)),
      themeSelect(point),
      button(ui.t("focus.history"), () => showHistory(point)),
    ]);
  }

  function showHistory(point) {
    client.socket.timeout(5000).emit("point_history", { workshop: client.workshop, point: point.id }, (err, ack) => {
      if (err || !ack.ok) return report(ack);
      const box = list.querySelector("[data-history='" + point.id + "']");
      ui.clear(box);
      ack.result.forEach((h) => box.appendChild(ui.el("li", {}, [ui.bdi(h.title),
        ui.el("span", { class: "small muted", text: " · " + ui.t("focus.editor." + h.editor) + (h.reason ? " · " + h.reason : "") })])));
    });
  }

  function lineageActions(point) {
    if (!facilitates || !point.merged_from.length) return null;
    return ui.el("div", { class: "actions wrap" }, point.merged_from.map((m) =>
      button(ui.t("focus.unmerge") + " «" + m.title.slice(0, 30) + "»", () => send("unmerge_point", { point: m.id }))));
  }

  function noteRow(note) {
    if (!facilitates) return ui.el("li", { class: "focus-note kind-" + note.kind, "data-annotation": note.id }, [F.noteBody(note, snap)]);
    const pin = button(note.pinned ? ui.t("focus.unpin") : ui.t("focus.pin"), () => send("pin_annotation", { annotation: note.id, pinned: !note.pinned }));
    const hide = note.status === "hidden"
      ? button(ui.t("focus.restore"), () => send("restore_annotation", { annotation: note.id }))
      : button(ui.t("focus.hide"), () => askReason().then((reason) => reason !== null &&
        send("hide_annotation", { annotation: note.id, reason: reason })), "danger");
    return ui.el("li", { class: "focus-note kind-" + note.kind + (note.status === "hidden" ? " is-hidden" : ""), "data-annotation": note.id },
      [F.noteBody(note, snap), ui.el("div", { class: "actions" }, [pin, hide])]);
  }

  function selectBox(point) {
    if (!facilitates) return null;
    const check = ui.el("input", { type: "checkbox", "aria-label": ui.t("focus.select") + ": " + point.title });
    check.checked = selected.has(point.id);
    check.addEventListener("change", () => { if (check.checked) selected.add(point.id); else selected.delete(point.id); mergeBar(); });
    return check;
  }

  function pointCard(point) {
    const check = selectBox(point);
    const notes = ui.el("ul", { class: "focus-notes" });
    state.notesOf(point.id).forEach((g) => { notes.appendChild(noteRow(g.note)); g.replies.forEach((r) => notes.appendChild(noteRow(r))); });
    const hidden = point.status === "hidden";
    return ui.el("li", { class: "focus-card" + (hidden ? " is-hidden" : ""), "data-point": point.id }, [
      ui.el("div", { class: "focus-card-head" }, [check, ui.el("h3", { class: "focus-title", usertext: point.title })]),
      hidden ? ui.el("p", { class: "badge hidden-badge" }, [ui.el("span", { text: ui.t("focus.hidden") + ": " }), ui.bdi(point.hidden_reason)]) : null,
      point.description ? ui.el("p", { class: "focus-description", usertext: point.description }) : null,
      F.meta(point, state, snap), F.tags(point, state), F.lineage(point), lineageActions(point), F.counts(point),
      facilitates ? actions(point) : null, ui.el("ol", { class: "focus-history small", "data-history": point.id }),
      notes]);
  }

  function mergeBar() {
    const bar = root.querySelector("[data-role=merge-bar]");
    Array.from(selected).forEach((id) => { if (!state.points.has(id)) selected.delete(id); });
    bar.hidden = selected.size < 2;
    const select = ui.clear(bar.querySelector("[data-role=survivor]"));
    Array.from(selected).forEach((id) => select.appendChild(ui.el("option", { value: String(id), text: state.points.get(id).title })));
  }

  function titleItem(id) {
    return ui.el("li", {}, [ui.bdi((state.points.get(id) || {}).title || "")]);
  }

  // Ask in the page with both (all) titles; after the merge offer to undo it.
  function confirmMerge(survivor, merged) {
    const body = [ui.el("p", { text: ui.t("merge.into") }), ui.el("ul", { class: "merge-titles keep" }, [titleItem(survivor)]),
      ui.el("p", { text: ui.t("merge.merged") }), ui.el("ul", { class: "merge-titles" }, merged.map(titleItem))];
    const title = (state.points.get(survivor) || {}).title || "";
    return CU.confirmDialog(ui.t("merge.title"), body, ui.t("merge.ok")).then((yes) => {
      if (!yes) return null;
      return client.command("merge_points", { survivor: survivor, merged: merged }).then((ack) => {
        report(ack);
        if (!ack.ok) return ack;
        selected.clear();
        draw();
        CU.offerUndo(ui.t("merge.done", { n: ui.num(merged.length), title: title }), () => undoMerge(merged));
        return ack;
      });
    });
  }

  function undoMerge(merged) {
    merged.reduce((chain, id) => chain.then((ack) => (ack && !ack.ok ? ack
      : client.command("unmerge_point", { point: id }))), Promise.resolve(null))
      .then((ack) => { report(ack); if (ack && ack.ok) CU.announce(ui.t("merge.undone")); });
  }

  if (facilitates) {
    root.querySelector("[data-role=merge]").addEventListener("click", () => {
      const survivor = Number(root.querySelector("[data-role=survivor]").value);
      confirmMerge(survivor, Array.from(selected).filter((id) => id !== survivor));
    });
  }

  function draw() {
    if (!snap) return;
    ui.clear(list);
    state.order.forEach((id) => list.appendChild(pointCard(state.points.get(id))));
    root.querySelector("[data-role=empty]").hidden = state.order.length > 0;
    root.querySelector("[data-role=count]").textContent = ui.num(state.order.length);
    mergeBar();
    drawSilence();
    // The round form (voting_console.js) follows: the points a new round can offer, in order.
    const offerable = state.order.map((id) => state.points.get(id)).filter((p) => p && p.status === "visible")
      .map((p) => ({ id: p.id, title: p.title }));
    document.dispatchEvent(new CustomEvent("focus:points", { detail: offerable }));
  }

  function drawSilence() {
    const box = document.querySelector("[data-role=silence]");
    if (!box || !silence) return;
    ui.clear(box);
    const present = new Map(((snap.presence || {}).by_discipline || []).map((d) => [d.id, d.count]));
    silence.by_discipline.forEach((row) => {
      const here = present.has(row.id) ? present.get(row.id) : row.present;
      const made = row.points + row.annotations;
      if (!here && !made) return;
      const quiet = here > 0 && made === 0;
      const share = Math.round(row.share * 100);
      box.appendChild(ui.el("li", { class: quiet ? "silent" : "", "data-discipline": row.id }, [
        ui.el("span", { class: "label", text: ui.name(row) }),
        ui.el("span", { class: "small muted", text: ui.t("focus.present", { n: ui.num(here) }) }),
        quiet ? CU.explain("silent", ui.t("focus.silent"))
          : CU.explain("share", ui.t("focus.share", { share: ui.num(share) + (ui.lang() === "fa" ? "٪" : "%") })),
        bar(share),
      ]));
    });
  }

  function bar(share) {
    const span = ui.el("span", { class: "share-bar" });
    span.style.inlineSize = share + "%";   // CSSOM, allowed by the CSP (style attributes are not)
    return span;
  }

  let dupTimer = null;
  function askDuplicates() {
    clearTimeout(dupTimer);
    dupTimer = setTimeout(() => client.socket.timeout(8000).emit("duplicate_pairs", { workshop: client.workshop }, (err, ack) => {
      if (!err && ack && ack.ok) drawDuplicates(ack.result);
    }), 600);
  }

  function drawDuplicates(pairs) {
    const box = ui.clear(document.querySelector("[data-role=duplicates]"));
    const shown = pairs.filter((p) => state.points.has(p.a) && state.points.has(p.b));
    if (!shown.length) { box.appendChild(ui.el("li", { class: "muted", text: ui.t("focus.duplicates_none") })); return; }
    shown.forEach((p) => box.appendChild(ui.el("li", {}, [
      ui.el("span", { class: "pair" }, [document.createTextNode("«"), ui.bdi(state.points.get(p.a).title),
        document.createTextNode("» ≈ «"), ui.bdi(state.points.get(p.b).title), document.createTextNode("»")]),
      CU.explain("similarity", ui.num(Math.round(p.score))),
      facilitates ? button(ui.t("focus.merge"), () => confirmMerge(p.a, [p.b])) : null,
    ])));
  }

  client.on("snapshot", (s) => { snap = s; state.load(s.focus); silence = s.focus.silence; draw(); askDuplicates(); });
  client.on("presence", (data, s) => { snap = s; drawSilence(); });
  client.on("focus_silence", (data) => { silence = data; drawSilence(); });
  ["point_proposed", "point_updated", "point_withdrawn", "point_hidden", "point_restored", "point_grouped",
    "points_merged", "point_unmerged", "points_reordered", "annotation_added", "annotation_updated",
    "annotation_deleted", "annotation_pinned", "annotation_hidden", "annotation_restored"].forEach((name) =>
    client.on(name, (data) => {
      if (F.apply(state, name, data, client)) draw();
      if (/^point/.test(name)) askDuplicates();
    }));
})();
