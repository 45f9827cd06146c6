// The projector: lobby with QR, code and counts; afterwards the stage and its countdown.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, stage } = H;
  const root = document.getElementById("projector");
  const client = new H.LiveClient({ workshop: Number(root.dataset.workshop), view: "projector" });
  H.client = client;

  function render(state) {
    const w = state.workshop;
    document.body.dataset.stage = w.stage;
    root.querySelector("[data-role=lobby]").hidden = w.stage !== "lobby";
    root.querySelector("[data-role=stage-name]").textContent = ui.t("stage." + w.stage);
    root.querySelector("[data-role=stage-hint]").textContent = ui.t("hint." + w.stage);
    stage.renderStages(root.querySelector("[data-role=stages]"), w);
    stage.renderPresence(root.querySelector("[data-role=presence]"), state.presence, true);
  }

  client.on("snapshot", (snap) => { client.offset = stage.serverOffset(snap); render(snap); });
  client.on("stage_changed", (data, state) => { stage.applyStage(state, data); render(state); });
  client.on("workshop_updated", (data, state) => { Object.assign(state.workshop, data.workshop); render(state); });
  client.on("presence", (data, state) => { state.presence = data; render(state); });

  stage.startClock(root.querySelector("[data-role=countdown]"), client);
  const full = root.querySelector("[data-role=fullscreen]");
  if (full) full.addEventListener("click", () => document.documentElement.requestFullscreen && document.documentElement.requestFullscreen());
})();
