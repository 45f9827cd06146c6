// The participant's phone: follows the stage, shows the lobby state, and hosts feature panels.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, stage } = H;
  const root = document.getElementById("phone");
  const client = new H.LiveClient({ workshop: Number(root.dataset.workshop), view: "phone" });
  H.client = client;

  function render(state) {
    const w = state.workshop;
    document.body.dataset.stage = w.stage;
    root.querySelector("[data-role=stage-name]").textContent = ui.t("stage." + w.stage);
    root.querySelector("[data-role=stage-hint]").textContent = ui.t("hint." + w.stage);
    stage.renderStages(root.querySelector("[data-role=stages]"), w);
    const me = state.me || {};
    root.querySelector("[data-role=waiting]").hidden = me.status !== "pending";
    root.querySelector("[data-role=live]").hidden = me.status === "pending";
    renderPresence(state.presence);
  }

  function renderPresence(presence) {
    const node = root.querySelector("[data-role=presence]");
    node.textContent = presence ? ui.t("presence.total", { n: ui.num(presence.total) }) : "";
  }

  client.on("snapshot", (snap) => { client.offset = stage.serverOffset(snap); render(snap); });
  client.on("stage_changed", (data, state) => { stage.applyStage(state, data); render(state); });
  client.on("workshop_updated", (data, state) => {
    state.workshop = Object.assign(state.workshop, data.workshop);
    root.querySelector("[data-role=title]").textContent = state.workshop.title;
    root.querySelector("[data-role=question]").textContent = state.workshop.guiding_question;
    render(state);
  });
  client.on("presence", (data, state) => { state.presence = data; renderPresence(data); });
  client.on("admitted", () => { client.socket.disconnect().connect(); });
  client.on("removed", () => { showGone(ui.t("error.removed")); });
  client.on("connect_error", (data) => {
    if (data && (data.error === "removed" || data.error === "bad_token")) showGone(data.message);
  });

  function showGone(message) {
    client.socket.io.opts.reconnection = false;
    client.socket.disconnect();
    root.querySelector("[data-role=live]").hidden = true;
    root.querySelector("[data-role=waiting]").hidden = true;
    root.querySelector("[data-role=stages]").hidden = true;
    document.querySelector("[data-role=connection]").hidden = true;  // no longer reconnecting
    const gone = root.querySelector("[data-role=gone]");
    gone.hidden = false;
    gone.querySelector("p").textContent = message;
  }

  stage.startClock(root.querySelector("[data-role=countdown]"), client);
  stage.connectionBadge(document.querySelector("[data-role=connection]"), client);
})();
