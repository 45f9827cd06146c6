// Focus points on the projector: large cards with counts and lineage (public data only).
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, client } = H;
  const F = H.focus;
  const root = document.querySelector("[data-role=focus]");
  if (!root || !client) return;
  const state = new F.FocusState();
  const list = root.querySelector("[data-role=points]");
  let snap = null;

  function pinned(point) {
    const top = state.notesOf(point.id).find((g) => g.note.pinned);
    return top ? ui.el("blockquote", { class: "focus-pinned" }, [F.noteBody(top.note, snap)]) : null;
  }

  function draw() {
    if (!snap) return;
    ui.clear(list);
    root.hidden = snap.workshop.stage === "lobby";
    state.order.forEach((id) => {
      const point = state.points.get(id);
      list.appendChild(ui.el("li", { class: "focus-card", "data-point": id }, [
        ui.el("h3", { class: "focus-title", usertext: point.title }),
        F.meta(point, state, snap), F.tags(point, state), F.lineage(point), F.counts(point), pinned(point)].filter(Boolean)));
    });
    root.querySelector("[data-role=count]").textContent = ui.num(state.order.length);
  }

  client.on("snapshot", (s) => { snap = s; state.load(s.focus); draw(); });
  client.on("stage_changed", () => draw());
  client.on("presence", (data, s) => { snap = s; });
  ["point_proposed", "point_updated", "point_withdrawn", "point_hidden", "point_restored", "point_grouped",
    "points_merged", "point_unmerged", "points_reordered", "annotation_added", "annotation_updated",
    "annotation_deleted", "annotation_pinned", "annotation_hidden", "annotation_restored"].forEach((name) =>
    client.on(name, (data) => { if (F.apply(state, name, data, client)) draw(); }));
})();
