// The participant's phone: follows the stage, puts the stage's main action first, says in one
// line what state the phone is in, and hosts the feature panels.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, stage } = H;
  const root = document.getElementById("phone");
  const client = new H.LiveClient({ workshop: Number(root.dataset.workshop), view: "phone" });
  H.client = client;
  const $ = (role) => root.querySelector("[data-role=" + role + "]");
  const lines = [];          // features add functions returning their one-line state (or "")
  let online = false, gone = false, lastStage = null;

  function render(state) {
    const w = state.workshop;
    document.body.dataset.stage = w.stage;
    $("stage-name").textContent = ui.t("stage." + w.stage);
    $("stage-hint").textContent = ui.t("hint." + w.stage);
    stage.renderStages($("stages"), w);
    const me = state.me || {};
    $("waiting").hidden = me.status !== "pending";
    $("live").hidden = me.status === "pending";
    renderPresence(state.presence);
    mainActionFirst(w.stage);
    if (lastStage !== null && lastStage !== w.stage) announce(ui.t("phone.stage_now", { stage: ui.t("stage." + w.stage) }));
    lastStage = w.stage;
    status();
  }

  // Vote and results stages: the ballot / results above the points (DOM order, so keyboard
  // and screen-reader order follow what is seen).
  function mainActionFirst(stageName) {
    const voting = root.querySelector(".voting-phone");
    const focus = root.querySelector(".focus-phone");
    if (!voting || !focus) return;
    const votingFirst = ["vote", "results"].includes(stageName);
    const isFirst = voting.compareDocumentPosition(focus) & Node.DOCUMENT_POSITION_FOLLOWING;
    if (votingFirst && !isFirst) focus.before(voting);
    if (!votingFirst && isFirst) voting.before(focus);
  }

  function renderPresence(presence) {
    $("presence").textContent = presence ? ui.t("presence.total", { n: ui.num(presence.total) }) : "";
  }

  // The one line: removed > waiting > offline (with what is queued) > what a feature reports.
  function status() {
    const me = (client.state && client.state.me) || {};
    let text = "";
    if (gone) text = ui.t("phone.removed");
    else if (me.status === "pending") text = ui.t("phone.waiting");
    else if (!online && client.state) {
      const queued = client.pendingOps().length;
      text = queued ? ui.t("phone.offline_queued", { n: ui.num(queued) }) : ui.t("phone.offline");
    } else text = lines.map((fn) => fn()).find(Boolean) || "";
    const node = $("status");
    if (node.textContent !== text) node.textContent = text;
    node.hidden = !text;
    node.dataset.kind = gone ? "removed" : !online && client.state ? "offline" : "info";
  }

  function announce(text) { $("announce").textContent = text; }

  client.on("snapshot", (snap) => { client.offset = stage.serverOffset(snap); render(snap); });
  client.on("stage_changed", (data, state) => { stage.applyStage(state, data); render(state); });
  client.on("workshop_updated", (data, state) => {
    state.workshop = Object.assign(state.workshop, data.workshop);
    $("title").textContent = state.workshop.title;
    $("question").textContent = state.workshop.guiding_question;
    render(state);
  });
  client.on("presence", (data, state) => { state.presence = data; renderPresence(data); });
  client.on("admitted", () => { client.socket.disconnect().connect(); });
  client.on("removed", () => { showGone(ui.t("error.removed")); });
  client.on("connect_error", (data) => {
    if (data && (data.error === "removed" || data.error === "bad_token")) showGone(data.message);
  });
  client.on("connection", (s) => { online = s === "online"; status(); });

  function showGone(message) {
    gone = true;
    client.socket.io.opts.reconnection = false;
    client.socket.disconnect();
    $("live").hidden = true;
    $("waiting").hidden = true;
    $("stages").hidden = true;
    document.querySelector("[data-role=connection]").hidden = true;  // no longer reconnecting
    const box = $("gone");
    box.hidden = false;
    box.querySelector("p").textContent = message;
    status();
  }

  setInterval(status, 1000);   // queued actions drain while offline → online
  stage.startClock($("countdown"), client);
  stage.connectionBadge(document.querySelector("[data-role=connection]"), client);
  H.phone = { addLine: (fn) => lines.push(fn), status: status, announce: announce };
})();
