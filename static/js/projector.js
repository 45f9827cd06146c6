// The projector: the stage strip, the lobby (QR, code, who joined by field), the stage panel
// when no feature has anything to show, the countdown, keys for the facilitator.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, stage } = H;
  const root = document.getElementById("projector");
  const client = new H.LiveClient({ workshop: Number(root.dataset.workshop), view: "projector" });
  H.client = client;
  const $ = (role) => root.querySelector("[data-role=" + role + "]");
  const keyHandlers = [];
  let lastStage = null;

  function render(state) {
    const w = state.workshop;
    document.body.dataset.stage = w.stage;
    root.dataset.stage = w.stage;
    $("lobby").hidden = w.stage !== "lobby";
    $("stage-name").textContent = ui.t("stage." + w.stage);
    $("stage-hint").textContent = w.stage === "closed" ? ui.t("projector.thanks") : ui.t("hint." + w.stage);
    stage.renderStages($("stages"), w);
    renderPresence(state.presence);
    if (lastStage !== null && lastStage !== w.stage) announce(ui.t("projector.stage_now", { stage: ui.t("stage." + w.stage) }));
    lastStage = w.stage;
    settle();
  }

  // Lobby counts: the total, then every field shown apart, then the rest together.
  function renderPresence(presence) {
    if (!presence) return;
    const box = ui.clear($("presence"));
    box.appendChild(ui.el("p", { class: "presence-total", text: ui.t("projector.joined", { n: ui.num(presence.total) }) }));
    const list = ui.el("ul", { class: "presence-list" });
    let counted = 0;
    presence.by_discipline.filter((d) => d.count > 0).forEach((d) => {
      counted += d.count;
      list.appendChild(row(ui.name(d), d.count, d.id));
    });
    // Fields with too few people to show apart (and people who gave none) are counted together.
    if (presence.total > counted) list.appendChild(row(ui.t("projector.other"), presence.total - counted, "other"));
    box.appendChild(list);
  }

  function row(label, count, id) {
    return ui.el("li", { "data-discipline": id }, [ui.el("span", { class: "label", text: label }),
      ui.el("span", { class: "count", text: ui.num(count) })]);
  }

  // The stage panel shows only when no feature section is visible (and never in the lobby).
  function settle() {
    const w = client.state && client.state.workshop;
    if (!w) return;
    const busy = Array.from(root.querySelectorAll(".projector-body > section[data-role]:not([data-role=stage-panel])"))
      .some((s) => !s.hidden);
    $("stage-panel").hidden = busy || w.stage === "lobby";
    if ($("stage-panel").hidden === false) H.pages.release(H.pages.active());
    const keys = $("keys");
    keys.textContent = ["propose", "discuss"].includes(w.stage) ? ui.t("projector.keys")
      : ["vote", "results"].includes(w.stage) ? ui.t("projector.keys_results") : "";
  }

  function announce(text) { $("announce").textContent = text; }

  // Keys: page turns here; features add their own (spotlight, results view) with onKey.
  function onKey(fn) { keyHandlers.push(fn); }

  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const rtl = document.documentElement.dir === "rtl";
    const next = { PageDown: 1, ArrowDown: 1, PageUp: -1, ArrowUp: -1,
      ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[e.key];
    if (next) { H.pages.step(next, true); e.preventDefault(); return; }
    if (keyHandlers.some((fn) => fn(e))) e.preventDefault();
  });

  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => document.dispatchEvent(new CustomEvent("projector:relayout")), 150);
  });

  client.on("snapshot", (snap) => { client.offset = stage.serverOffset(snap); render(snap); });
  client.on("stage_changed", (data, state) => { stage.applyStage(state, data); render(state); });
  client.on("workshop_updated", (data, state) => {
    Object.assign(state.workshop, data.workshop);
    root.querySelector(".projector-head h1").textContent = state.workshop.title;
    render(state);
  });
  client.on("presence", (data, state) => { state.presence = data; renderPresence(data); });

  stage.startClock($("countdown"), client);
  const full = $("fullscreen");
  full.addEventListener("click", () => {
    if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  });
  document.addEventListener("fullscreenchange", () => {
    document.body.classList.toggle("is-fullscreen", !!document.fullscreenElement);
  });
  H.projector = { settle: settle, onKey: onKey, announce: announce };
})();
