// Focus points on the projector (public data only). Propose: the newest points first; discuss:
// the facilitator's order. Cards come a page at a time; keys 1–9 (or a click) put one point in
// the spotlight with its annotations, pinned ones first; Esc goes back to the grid.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, client } = H;
  const F = H.focus;
  const root = document.querySelector("[data-role=focus]");
  if (!root || !client || !H.projector) return;
  const state = new F.FocusState();
  const list = root.querySelector("[data-role=points]");
  const spot = root.querySelector("[data-role=spotlight]");
  const STAGES = ["propose", "discuss"];
  let snap = null;
  let spotlight = null;      // the point id in the spotlight, or null

  function pinned(point) {
    const top = state.notesOf(point.id).find((g) => g.note.pinned);
    return top ? ui.el("blockquote", { class: "focus-pinned" }, [F.noteBody(top.note, snap)]) : null;
  }

  function order() {
    if (snap.workshop.stage !== "propose") return state.order;
    return state.order.slice().sort((a, b) => b - a);   // newest first while people propose
  }

  function cardOf(id) {
    const point = state.points.get(id);
    return ui.el("li", { class: "focus-card", "data-point": id, onclick: () => focusOn(id) }, [
      ui.el("span", { class: "card-key", "aria-hidden": "true" }),
      ui.el("h3", { class: "focus-title", usertext: point.title }),
      F.meta(point, state, snap), F.lineage(point), counts(point), pinned(point)].filter(Boolean));
  }

  // Only the kinds of annotation a point has (a row of zeros says nothing from the back).
  function counts(point) {
    const row = F.counts(point);
    row.querySelectorAll(".zero").forEach((chip) => chip.remove());
    return row.children.length ? row : null;
  }

  function draw() {
    if (!snap) return;
    const ids = order();
    root.hidden = !STAGES.includes(snap.workshop.stage) || !ids.length;
    root.querySelector("[data-role=count]").textContent = ui.num(ids.length);
    if (spotlight !== null && !state.points.has(spotlight)) spotlight = null;
    H.projector.settle();
    if (root.hidden) { H.pages.release("points"); H.pages.release("notes"); return; }
    list.hidden = spotlight !== null;
    spot.hidden = spotlight === null;
    if (spotlight !== null) drawSpotlight(state.points.get(spotlight));
    else drawGrid(ids);
  }

  function drawGrid(ids) {
    ui.clear(list);
    const nodes = ids.map(cardOf);
    nodes.forEach((n) => list.appendChild(n));
    H.pages.use("points", list, nodes);
    numberKeys();
  }

  // The cards on the page shown carry the digit that puts them in the spotlight.
  function numberKeys() {
    list.querySelectorAll(".card-key").forEach((k) => { k.textContent = ""; });
    H.pages.pageOf("points").slice(0, 9).forEach((li, i) => { li.querySelector(".card-key").textContent = ui.num(i + 1); });
  }

  function drawSpotlight(point) {
    ui.clear(spot);
    const notes = ui.el("ol", { class: "spot-notes" });
    state.notesOf(point.id).forEach((g) => {
      notes.appendChild(ui.el("li", { class: g.note.pinned ? "pinned" : "", "data-annotation": g.note.id },
        [F.noteBody(g.note, snap)]));
    });
    spot.append(...[ui.el("h3", { class: "spot-title", usertext: point.title }),
      point.description ? ui.el("p", { class: "focus-description", usertext: point.description }) : null,
      F.meta(point, state, snap), F.counts(point),
      notes.children.length ? notes : ui.el("p", { class: "stage-hint", text: ui.t("projector.no_notes") })].filter(Boolean));
    if (notes.children.length) H.pages.use("notes", notes, Array.from(notes.children));
    else H.pages.release("notes");
  }

  function focusOn(id) {
    spotlight = id;
    H.projector.announce(state.points.get(id).title);
    draw();
  }

  H.projector.onKey((e) => {
    if (root.hidden) return false;
    if (e.key === "Escape" && spotlight !== null) { spotlight = null; draw(); return true; }
    const digit = /^Digit([1-9])$/.exec(e.code) || /^Numpad([1-9])$/.exec(e.code);
    if (!digit || spotlight !== null) return false;
    const li = H.pages.pageOf("points")[Number(digit[1]) - 1];
    if (li) focusOn(Number(li.dataset.point));
    return !!li;
  });

  // Page turns change which cards carry digits.
  document.addEventListener("keydown", () => { if (!root.hidden && spotlight === null) numberKeys(); });
  setInterval(() => { if (!root.hidden && spotlight === null) numberKeys(); }, 1000);
  document.addEventListener("projector:relayout", draw);

  client.on("snapshot", (s) => { snap = s; state.load(s.focus); draw(); });
  client.on("stage_changed", () => { spotlight = null; draw(); });
  client.on("presence", (data, s) => { snap = s; });
  ["point_proposed", "point_updated", "point_withdrawn", "point_hidden", "point_restored", "point_grouped",
    "points_merged", "point_unmerged", "points_reordered", "annotation_added", "annotation_updated",
    "annotation_deleted", "annotation_pinned", "annotation_hidden", "annotation_restored"].forEach((name) =>
    client.on(name, (data) => { if (F.apply(state, name, data, client)) draw(); }));
})();
