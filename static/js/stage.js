// Stage strip, countdown and presence: the parts phones, console and projector share.
(function () {
  "use strict";
  const { ui } = window.Hamandishi;

  function serverOffset(snap) {
    return snap && snap.server_time ? Date.now() - Date.parse(snap.server_time) : 0;
  }

  function renderStages(container, workshop) {
    if (!container) return;
    ui.clear(container);
    const current = workshop.stages.indexOf(workshop.stage);
    workshop.stages.forEach((stage, i) => {
      const cls = i === current ? "stage current" : i < current ? "stage done" : "stage";
      const item = ui.el("li", { class: cls, "data-stage": stage, text: ui.t("stage." + stage) });
      if (i === current) item.setAttribute("aria-current", "step");
      container.appendChild(item);
    });
  }

  function renderPresence(container, presence, big) {
    if (!container || !presence) return;
    ui.clear(container);
    container.appendChild(ui.el("p", { class: "presence-total",
      text: ui.t("presence.total", { n: ui.num(presence.total) }) }));
    const list = ui.el("ul", { class: big ? "presence-list big" : "presence-list" });
    presence.by_discipline.filter((d) => d.count > 0 || !big).forEach((d) => {
      list.appendChild(ui.el("li", { "data-discipline": d.id }, [
        ui.el("span", { class: "label", text: ui.name(d) }),
        ui.el("span", { class: "count", text: ui.num(d.count) }),
      ]));
    });
    container.appendChild(list);
  }

  function startClock(node, client) {
    if (!node) return;
    const tick = () => {
      const w = client.state && client.state.workshop;
      const text = w && w.stage_deadline ? ui.countdown(w.stage_deadline, client.offset || 0) : "";
      node.textContent = text;
      node.hidden = !text;
    };
    setInterval(tick, 500);
    tick();
  }

  function applyStage(state, data) {
    Object.assign(state.workshop, data);
  }

  function connectionBadge(node, client) {
    if (!node) return;
    client.on("connection", (status) => {
      node.dataset.status = status;
      node.textContent = ui.t("connection." + status);
    });
  }

  window.Hamandishi.stage = { serverOffset, renderStages, renderPresence, startClock, applyStage,
    connectionBadge };
})();
