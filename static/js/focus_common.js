// Focus points shared by phone, console and projector: the client-side state and card parts.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui } = H;
  const KINDS = ["support", "concern", "question", "evidence", "idea"];

  // Points and annotations as the server last described them (snapshot + events).
  class FocusState {
    constructor() { this.points = new Map(); this.order = []; this.notes = new Map(); this.themes = []; }

    load(section) {
      this.points = new Map(section.points.map((p) => [p.id, p]));
      this.order = section.points.map((p) => p.id);
      this.notes = new Map(section.annotations.map((a) => [a.id, a]));
      this.themes = section.themes || [];
      this.limits = section.limits || {};
      this.mine = section.mine || { points: [], annotations: [] };
    }

    upsert(point) {
      if (!this.points.has(point.id)) this.order.unshift(point.id);
      this.points.set(point.id, point);
      this.sortByPosition();
    }

    sortByPosition() {
      this.order = Array.from(this.points.values())
        .sort((a, b) => a.position - b.position || b.id - a.id).map((p) => p.id);
    }

    remove(id) {
      this.points.delete(id);
      this.order = this.order.filter((x) => x !== id);
      this.notes.forEach((n, nid) => { if (n.point_id === id) this.notes.delete(nid); });
    }

    merged(survivor, mergedIds) {
      mergedIds.forEach((id) => { this.points.delete(id); this.order = this.order.filter((x) => x !== id); });
      this.notes.forEach((n) => { if (mergedIds.includes(n.point_id)) n.point_id = survivor; });
    }

    reorder(ids) {
      ids.forEach((id, i) => { const p = this.points.get(id); if (p) p.position = i; });
      this.sortByPosition();
    }

    setCounts(pointId, counts) { const p = this.points.get(pointId); if (p && counts) p.counts = counts; }

    notesOf(pointId) {
      const list = Array.from(this.notes.values()).filter((n) => n.point_id === pointId);
      const top = list.filter((n) => !n.parent_id)
        .sort((a, b) => (b.pinned - a.pinned) || a.id - b.id);
      return top.map((n) => ({ note: n, replies: list.filter((r) => r.parent_id === n.id).sort((a, b) => a.id - b.id) }));
    }

    isMinePoint(id) { return this.mine.points.includes(id); }
    isMineNote(id) { return this.mine.annotations.includes(id); }
  }

  // Apply one focus event to the state (staff payloads carry a status; public ones never do).
  function apply(state, name, data, client) {
    if (name === "point_unmerged") { client.requestSnapshot(); return false; }
    if (name === "point_withdrawn") state.remove(data.point_id);
    else if (name === "point_hidden" && !data.point) state.remove(data.point_id);
    else if (data.point) state.upsert(data.point);
    if (name === "points_merged") state.merged(data.point ? data.point.id : null, data.merged_ids || []);
    if (name === "points_reordered") state.reorder(data.order);
    if (name.startsWith("annotation_")) applyNote(state, data);
    return true;
  }

  function applyNote(state, data) {
    const note = data.annotation;
    if (note && note.status !== "deleted") state.notes.set(note.id, note);
    else state.notes.delete(note ? note.id : data.annotation_id);
    state.setCounts(data.point_id, data.counts);
  }

  function discipline(snap, id) {
    const row = ((snap.presence || {}).by_discipline || []).find((d) => d.id === id);
    return row ? ui.name(row) : "";
  }

  function theme(state, id) {
    const t = state.themes.find((x) => x.id === id);
    return t ? ui.name(t) : "";
  }

  function meta(point, state, snap) {
    const parts = [discipline(snap, point.discipline_id)];
    parts.push(point.author ? point.author.name : ui.t("focus.anonymous"));
    const p = ui.el("p", { class: "focus-meta small muted" });
    parts.filter(Boolean).forEach((text, i) => {
      if (i) p.appendChild(document.createTextNode(" · "));
      p.appendChild(ui.bdi(text));
    });
    if (point.edited) p.appendChild(ui.el("span", { class: "edited", text: " · " + ui.t("focus.edited") }));
    return p;
  }

  function tags(point, state) {
    const ids = point.tags.slice();
    if (point.theme_id && !ids.includes(point.theme_id)) ids.unshift(point.theme_id);
    if (!ids.length) return null;
    return ui.el("p", { class: "focus-tags-line" }, ids.map((id) =>
      ui.el("span", { class: id === point.theme_id ? "chip theme" : "chip", text: theme(state, id) })));
  }

  function lineage(point) {
    if (!point.merged_from || !point.merged_from.length) return null;
    const p = ui.el("p", { class: "focus-lineage small" }, [ui.el("span", { text: ui.t("focus.merged_from") + " " })]);
    point.merged_from.forEach((m, i) => {
      if (i) p.appendChild(document.createTextNode("، "));
      const item = ui.el("span", { class: "lineage-item", "data-point": m.id }, [
        document.createTextNode("«"), ui.bdi(m.title), document.createTextNode("»")]);
      if (m.author) item.append(" (", ui.bdi(m.author.name), ")");
      p.appendChild(item);
    });
    return p;
  }

  function counts(point) {
    const c = point.counts || { by_kind: {} };
    return ui.el("p", { class: "focus-counts" }, KINDS.map((k) =>
      ui.el("span", { class: "chip kind-" + k + (c.by_kind[k] ? "" : " zero"), title: ui.t("focus.kind." + k) }, [
        ui.el("span", { class: "kind-label", text: ui.t("focus.kind." + k) }),
        ui.el("span", { class: "kind-count", text: " " + ui.num(c.by_kind[k] || 0) }),
      ])));
  }

  function noteBody(note, snap) {
    const box = ui.el("div", { class: "note-body" }, [
      ui.el("span", { class: "chip kind-" + note.kind, text: ui.t("focus.kind." + note.kind) }),
      note.pinned ? ui.el("span", { class: "chip pinned", text: ui.t("focus.pinned") }) : null,
      ui.el("p", { class: "note-text", usertext: note.body }),
    ]);
    if (note.source_url && /^https?:\/\//i.test(note.source_url)) {
      // The label in the page's direction, the address alone as an LTR unit.
      box.appendChild(ui.el("p", { class: "small" }, [document.createTextNode(ui.t("focus.source") + ": "), ui.el("a", { href: note.source_url, rel: "noopener noreferrer nofollow",
        target: "_blank", dir: "ltr", text: note.source_url })]));
    }
    const who = [discipline(snap, note.discipline_id), note.author ? note.author.name : ui.t("focus.anonymous")];
    const line = ui.el("p", { class: "small muted" });
    who.filter(Boolean).forEach((text, i) => { if (i) line.append(" · "); line.appendChild(ui.bdi(text)); });
    box.appendChild(line);
    return box;
  }

  function reportAck(node, ack) {
    if (!node) return ack;
    node.textContent = ack && !ack.ok ? ack.message : "";
    node.hidden = !node.textContent;
    return ack;
  }

  function rulesFor(workshop) {
    const late = workshop.settings && workshop.settings.late_proposals;
    return {
      can_propose: workshop.stage === "propose" || (late && ["discuss", "vote"].includes(workshop.stage)),
      can_edit_own: workshop.stage === "propose",
      can_annotate: ["propose", "discuss"].includes(workshop.stage),
    };
  }

  H.focus = { FocusState, apply, meta, tags, lineage, counts, noteBody, reportAck, rulesFor, discipline, theme, KINDS };
})();
