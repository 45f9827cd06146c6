// Focus points on the phone: propose (with near-duplicate hints), read, annotate, edit own.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, client } = H;
  const F = H.focus;
  const root = document.querySelector("[data-role=focus]");
  if (!root || !client) return;
  const state = new F.FocusState();
  const form = root.querySelector("[data-role=propose]");
  const list = root.querySelector("[data-role=points]");
  const cards = new Map();   // point id -> {li, head, notes, form}; forms survive redraws
  let rules = {};
  let snap = null;

  function flash(text) {
    const box = root.querySelector("[data-role=notice]");
    box.textContent = text;
    box.hidden = !text;
  }

  // --- proposing -------------------------------------------------------------------------
  function renderTags() {
    const box = form.querySelector("[data-role=tags]");
    box.querySelectorAll("label").forEach((l) => l.remove());
    state.themes.forEach((t) => box.appendChild(ui.el("label", { class: "chip-check" }, [
      ui.el("input", { type: "checkbox", name: "tags", value: String(t.id) }), ui.el("span", { text: ui.name(t) })])));
  }

  let similarTimer = null;
  function askSimilar() {
    clearTimeout(similarTimer);
    similarTimer = setTimeout(() => {
      const text = form.title.value.trim();
      const box = form.querySelector("[data-role=similar]");
      if (text.length < 3) { box.hidden = true; return; }
      client.socket.timeout(5000).emit("similar_points", { workshop: client.workshop, text: text }, (err, ack) => {
        if (err || !ack || !ack.ok) return;
        showSimilar(box, ack.result);
      });
    }, 300);
  }

  function showSimilar(box, found) {
    ui.clear(box);
    box.hidden = !found.length;
    if (!found.length) return;
    box.appendChild(ui.el("p", { class: "small", text: ui.t("focus.similar") }));
    const ul = ui.el("ul");
    found.forEach((s) => ul.appendChild(ui.el("li", {}, [ui.el("a", { href: "#point-" + s.id }, [ui.bdi(s.title)])])));
    box.appendChild(ul);
    box.appendChild(ui.el("p", { class: "small muted", text: ui.t("focus.similar_hint") }));
  }

  function titleLeft() {
    const left = (state.limits.title || 140) - form.title.value.length;
    form.querySelector("[data-role=title-left]").textContent = ui.t("focus.chars_left", { n: ui.num(left) });
  }

  form.addEventListener("input", (e) => { if (e.target.name === "title") { titleLeft(); askSimilar(); } });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const tags = Array.from(form.querySelectorAll("[name=tags]:checked")).map((i) => Number(i.value));
    const args = { title: form.title.value, description: form.description.value, tags: tags };
    const error = form.querySelector("[data-role=propose-error]");
    if (!client.socket.connected) flash(ui.t("focus.queued"));
    client.command("propose_point", args, { durable: true }).then((ack) => onProposed(ack, error));
  });

  function onProposed(ack, error) {
    F.reportAck(error, ack);
    if (!ack.ok) return;
    state.mine.points.push(ack.result.point);
    form.reset();
    form.querySelector("[data-role=similar]").hidden = true;
    titleLeft();
    flash("");
    draw();
  }

  client.on("outbox_ack", ({ item, ack }) => {
    if (item.name === "propose_point" && ack.ok) { state.mine.points.push(ack.result.point); draw(); }
  });

  // --- the list ----------------------------------------------------------------------------
  function card(id) {
    if (cards.has(id)) return cards.get(id);
    const li = ui.el("li", { class: "focus-card", id: "point-" + id, "data-point": id });
    const parts = { li: li, head: ui.el("div"), notes: ui.el("details", { class: "focus-notes-box" }) };
    parts.summary = ui.el("summary");
    parts.noteList = ui.el("ul", { class: "focus-notes" });
    parts.form = noteForm(id);
    parts.notes.append(parts.summary, parts.noteList, parts.form);
    li.append(parts.head, parts.notes);
    cards.set(id, parts);
    return parts;
  }

  function drawHead(parts, point) {
    ui.clear(parts.head);
    if (editors.has("p" + point.id)) { parts.head.append(editors.get("p" + point.id)); return; }
    parts.head.append(...[ui.el("h3", { class: "focus-title", usertext: point.title }),
      point.description ? ui.el("p", { class: "focus-description", usertext: point.description }) : null,
      F.meta(point, state, snap), F.tags(point, state), F.lineage(point), F.counts(point),
      ownActions(point)].filter(Boolean));
  }

  function ownActions(point) {
    if (!state.isMinePoint(point.id) || !rules.can_edit_own) return null;
    return ui.el("div", { class: "actions" }, [
      ui.el("button", { class: "button small", type: "button", text: ui.t("focus.edit"), onclick: () => editPoint(point) }),
      ui.el("button", { class: "button small danger", type: "button", text: ui.t("focus.withdraw"), onclick: () => {
        if (confirm(ui.t("focus.confirm_withdraw"))) client.command("withdraw_point", { point: point.id }).then(report);
      } }),
    ]);
  }

  // Editing happens in place: the card shows a small form that survives redraws, keeps what
  // was typed when the server refuses, and goes away on save or cancel.
  const editors = new Map();   // "p<id>" / "a<id>" -> form

  function editor(key, fields, save) {
    const error = ui.el("p", { class: "error", role: "alert", hidden: "hidden" });
    const close = () => { editors.delete(key); draw(); };
    const f = ui.el("form", { class: "focus-edit-form", "data-editing": key }, fields.concat([error,
      ui.el("div", { class: "actions" }, [ui.el("button", { class: "button primary small", type: "submit", text: ui.t("focus.save") }),
        ui.el("button", { class: "button small", type: "button", text: ui.t("focus.cancel"), onclick: close })])]));
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      save(f).then((ack) => { F.reportAck(error, ack); if (ack && ack.ok) close(); });
    });
    editors.set(key, f);
    draw();
    const first = f.querySelector("input, textarea");
    if (first) first.focus();
  }

  function editPoint(point) {
    editor("p" + point.id, [
      ui.el("label", { for: "edit-title-" + point.id, text: ui.t("focus.title") }),
      ui.el("input", { id: "edit-title-" + point.id, name: "title", type: "text", dir: "auto", maxlength: "140", value: point.title }),
      ui.el("label", { for: "edit-desc-" + point.id, text: ui.t("focus.description") }),
      ui.el("textarea", { id: "edit-desc-" + point.id, name: "description", dir: "auto", rows: "3", maxlength: "2000" })],
    (f) => client.command("edit_my_point", { point: point.id, title: f.title.value, description: f.description.value, tags: point.tags }));
    editors.get("p" + point.id).description.value = point.description || "";
  }

  function editNote(note) {
    editor("a" + note.id, [ui.el("textarea", { name: "body", dir: "auto", rows: "3", maxlength: "2000", "aria-label": ui.t("focus.edit") })],
      (f) => client.command("edit_annotation", { annotation: note.id, body: f.body.value, kind: note.kind, source_url: note.source_url }));
    editors.get("a" + note.id).body.value = note.body;
  }

  function noteItem(note, point, cls) {
    const key = "a" + note.id;
    return ui.el("li", { class: cls, "data-annotation": note.id },
      editors.has(key) ? [editors.get(key)] : [F.noteBody(note, snap), noteActions(note, point)]);
  }

  function report(ack) { flash(ack && !ack.ok ? ack.message : ""); return ack; }

  function drawNotes(parts, point) {
    const groups = state.notesOf(point.id);
    const total = groups.reduce((n, g) => n + 1 + g.replies.length, 0);
    parts.summary.textContent = ui.t("focus.notes", { n: ui.num(total) });
    ui.clear(parts.noteList);
    groups.forEach((g) => {
      const li = noteItem(g.note, point, "focus-note kind-" + g.note.kind);
      const replies = ui.el("ul", { class: "focus-replies" }, g.replies.map((r) => noteItem(r, point, "focus-note reply")));
      li.appendChild(replies);
      parts.noteList.appendChild(li);
    });
    parts.form.hidden = !rules.can_annotate;
  }

  function noteActions(note, point) {
    const box = ui.el("div", { class: "actions" });
    if (!rules.can_annotate) return box;
    if (!note.parent_id) box.appendChild(ui.el("button", { class: "button small", type: "button", text: ui.t("focus.reply"),
      onclick: () => replyTo(point.id, note) }));
    if (state.isMineNote(note.id)) {
      box.appendChild(ui.el("button", { class: "button small", type: "button", text: ui.t("focus.edit"), onclick: () => editNote(note) }));
      box.appendChild(ui.el("button", { class: "button small danger", type: "button", text: ui.t("focus.delete"), onclick: () => {
        if (confirm(ui.t("focus.confirm_delete"))) client.command("delete_annotation", { annotation: note.id }).then(report);
      } }));
    }
    return box;
  }

  function replyTo(pointId, note) {
    const parts = cards.get(pointId);
    parts.form.dataset.parent = note.id;
    parts.form.querySelector(".reply-to").textContent = ui.t("focus.reply") + ": " + note.body.slice(0, 60);
    parts.form.querySelector(".reply-to").hidden = false;
    parts.form.querySelector("[name=kind]").closest(".kind-picker").hidden = true;
    parts.form.body.focus();
  }

  function noteForm(pointId) {
    const kinds = ui.el("div", { class: "kind-picker", role: "radiogroup" }, F.KINDS.map((k, i) => ui.el("label", { class: "chip-check kind-" + k }, [
      ui.el("input", i === 0 ? { type: "radio", name: "kind", value: k, checked: "checked" } : { type: "radio", name: "kind", value: k }),
      ui.el("span", { text: ui.t("focus.kind." + k) })])));
    const f = ui.el("form", { class: "focus-note-form" }, [
      ui.el("p", { class: "reply-to small muted", hidden: "hidden" }), kinds,
      ui.el("textarea", { name: "body", dir: "auto", rows: "2", maxlength: "2000", "aria-label": ui.t("focus.send") }),
      ui.el("input", { name: "source_url", type: "url", dir: "ltr", inputmode: "url", placeholder: "https://", hidden: "hidden", "aria-label": ui.t("focus.source") }),
      ui.el("p", { class: "error", role: "alert", hidden: "hidden" }),
      ui.el("button", { class: "button primary", type: "submit", text: ui.t("focus.send") })]);
    f.addEventListener("change", () => { f.source_url.hidden = f.querySelector("[name=kind]:checked").value !== "evidence"; });
    f.addEventListener("submit", (e) => { e.preventDefault(); sendNote(f, pointId); });
    return f;
  }

  function sendNote(f, pointId) {
    const kind = f.querySelector("[name=kind]:checked").value;
    const args = { point: pointId, kind: kind, body: f.body.value,
      source_url: kind === "evidence" ? f.source_url.value.trim() : "", parent: f.dataset.parent ? Number(f.dataset.parent) : null };
    client.command("add_annotation", args, { durable: true }).then((ack) => {
      F.reportAck(f.querySelector(".error"), ack);
      if (!ack.ok) return;
      state.mine.annotations.push(ack.result.annotation);
      f.reset(); delete f.dataset.parent;
      f.querySelector(".reply-to").hidden = true;
      f.querySelector(".kind-picker").hidden = false;
      f.source_url.hidden = true;
      draw();
    });
  }

  function draw() {
    if (!snap) return;
    rules = F.rulesFor(snap.workshop);
    form.hidden = !rules.can_propose;
    const ids = state.order;
    cards.forEach((parts, id) => { if (!state.points.has(id)) { parts.li.remove(); cards.delete(id); } });
    ids.forEach((id, i) => {
      const parts = card(id);
      drawHead(parts, state.points.get(id));
      drawNotes(parts, state.points.get(id));
      if (list.children[i] !== parts.li) list.insertBefore(parts.li, list.children[i] || null);
    });
    root.querySelector("[data-role=empty]").hidden = ids.length > 0;
    root.querySelector("[data-role=count]").textContent = ui.num(ids.length);
  }

  client.on("snapshot", (s) => { if (!s.focus) return; snap = s; state.load(s.focus); renderTags(); titleLeft(); draw(); });
  client.on("stage_changed", () => draw());
  client.on("workshop_updated", () => draw());
  client.on("presence", (data, s) => { snap = s; });
  ["point_proposed", "point_updated", "point_withdrawn", "point_hidden", "point_restored", "point_grouped",
    "points_merged", "point_unmerged", "points_reordered", "annotation_added", "annotation_updated",
    "annotation_deleted", "annotation_pinned", "annotation_hidden", "annotation_restored"].forEach((name) =>
    client.on(name, (data) => { if (F.apply(state, name, data, client)) draw(); }));
  client.on("point_hidden_notice", (data) => {
    // User text goes in <bdi> so it can neither reorder nor inject into the sentence.
    const box = ui.clear(root.querySelector("[data-role=notice]"));
    ui.t("focus.hidden_notice").split(/(\{title\}|\{reason\})/).forEach((part) => {
      if (part === "{title}") box.appendChild(ui.bdi(data.title));
      else if (part === "{reason}") box.appendChild(ui.bdi(data.reason));
      else box.appendChild(document.createTextNode(part));
    });
    box.hidden = false;
  });
})();
