// The staff console: stage controls, countdown, roster and lobby admission. A secretary's
// console shows the same room read-only (the template leaves the controls out).
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui, stage } = H;
  const root = document.getElementById("console");
  const client = new H.LiveClient({ workshop: Number(root.dataset.workshop), view: "console" });
  H.client = client;
  const status = root.querySelector("[data-role=command-status]");
  const facilitates = root.dataset.facilitates === "1";
  H.facilitates = facilitates;
  const LEFT_AFTER_MS = 10 * 60 * 1000;   // offline this long counts as having left
  let lastStage = null;

  function report(ack) {
    status.textContent = ack && !ack.ok ? ack.message : "";
    status.hidden = !status.textContent;
    return ack;
  }

  function renderControls(w) {
    const box = root.querySelector("[data-role=moves]");
    if (!box || box.dataset.stage === w.stage) return;   // keep the buttons under the pointer stable
    box.dataset.stage = w.stage;
    ui.clear(box);
    const index = w.stages.indexOf(w.stage);
    [[index - 1, "move.back"], [index + 1, "move.next"]].forEach(([i, label]) => {
      if (i < 0 || i >= w.stages.length) return;
      const target = w.stages[i];
      box.appendChild(ui.el("button", {
        class: label === "move.next" ? "button primary" : "button",
        type: "button", "data-move": target,
        text: ui.t(label, { stage: ui.t("stage." + target) }),
        onclick: () => moveTo(target),
      }));
    });
  }

  function countdownSeconds() {
    const raw = root.querySelector("[name=countdown_minutes]").value.trim()
      .replace(/[۰-۹]/g, (d) => "۰۱۲۳۴۵۶۷۸۹".indexOf(d)).replace(/[٠-٩]/g, (d) => "٠١٢٣٤٥٦٧٨٩".indexOf(d));
    const minutes = Number(raw);
    return raw && Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : null;
  }

  function moveTo(target) {
    client.command("move_stage", { stage: target, countdown: countdownSeconds() }).then(report);
  }

  function renderRoster(rows) {
    const list = ui.clear(root.querySelector("[data-role=roster]"));
    (rows || []).forEach((p) => list.appendChild(rosterRow(p)));
    root.querySelector("[data-role=roster-count]").textContent = ui.num((rows || []).length);
  }

  function rosterRow(p) {
    const discipline = (client.state.presence.by_discipline.find((d) => d.id === p.discipline_id) || {});
    const actions = ui.el("span", { class: "actions" });
    if (facilitates && p.status === "pending") {
      actions.appendChild(ui.el("button", { class: "button small primary", type: "button",
        text: ui.t("roster.admit"), onclick: () => client.command("admit_participant", { participant: p.id }).then(report) }));
    }
    if (facilitates && p.status !== "removed") {
      actions.appendChild(ui.el("button", { class: "button small danger", type: "button",
        text: ui.t("roster.remove"), onclick: () => {
          H.consoleUi.confirmDialog(ui.t("roster.confirm_remove", { name: p.name }), [], ui.t("roster.remove"))
            .then((yes) => yes && client.command("remove_participant", { participant: p.id }).then(report));
        } }));
    }
    return ui.el("li", { class: "roster-row status-" + p.status, "data-participant": p.id }, [
      ui.el("span", { class: "who" }, [ui.bdi(p.name), ui.el("small", { class: "muted", text: " · " + (ui.name(discipline) || "") })]),
      p.status === "admitted" ? null : ui.el("span", { class: "badge", text: ui.t("status." + p.status) }),
      presenceBadge(p),
      actions,
    ]);
  }

  // Connected now / joined but offline (may come back) / left; never "present" by default.
  function presenceState(p) {
    if (p.status === "removed") return null;
    if (p.online) return "connected";
    if (!p.joined_at) return p.status === "invited" ? null : "not_joined";
    const gone = Date.now() - (client.offset || 0) - Date.parse(p.left_at);
    return gone >= LEFT_AFTER_MS ? "left" : "offline";
  }

  function presenceBadge(p) {
    const state = presenceState(p);
    if (!state) return null;
    const time = p.left_at ? clock(p.left_at) : "";
    return ui.el("span", { class: "badge presence-" + state, "data-presence": state },
      [ui.el("span", { class: "dot", "aria-hidden": "true" }),
        document.createTextNode(ui.t("presence." + state, { time: time }))]);
  }

  function clock(iso) {
    return new Intl.DateTimeFormat(ui.lang() === "fa" ? "fa-IR" : "en-GB",
      { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Tehran" }).format(new Date(iso));
  }

  function announceStage(w) {
    if (lastStage !== null && lastStage !== w.stage) {
      H.consoleUi.announce(ui.t("announce.stage", { stage: ui.t("stage." + w.stage) }));
    }
    lastStage = w.stage;
  }

  // Joined against expected: the facilitator sees at once whether the room has more voices than people.
  function renderHeadcount(count) {
    const node = root.querySelector("[data-role=headcount]");
    if (!node || !count) return;
    node.textContent = count.expected
      ? ui.t("headcount.expected", { joined: ui.num(count.joined), expected: ui.num(count.expected) })
      : ui.t("headcount.joined", { joined: ui.num(count.joined) });
  }

  function render(state) {
    const w = state.workshop;
    announceStage(w);
    root.querySelector("[data-role=stage-name]").textContent = ui.t("stage." + w.stage);
    stage.renderStages(root.querySelector("[data-role=stages]"), w);
    renderControls(w);
    stage.renderPresence(root.querySelector("[data-role=presence]"), state.presence, false);
    renderHeadcount(state.presence && state.presence.headcount);
    renderRoster(state.roster);
  }

  client.on("snapshot", (snap) => { client.offset = stage.serverOffset(snap); render(snap); });
  client.on("stage_changed", (data, state) => { stage.applyStage(state, data); render(state); });
  client.on("workshop_updated", (data, state) => { Object.assign(state.workshop, data.workshop); render(state); });
  client.on("presence", (data, state) => {
    state.presence = { total: data.total, by_discipline: data.by_discipline, headcount: data.headcount };
    if (data.roster) state.roster = data.roster;
    render(state);
  });

  if (facilitates) {
    root.querySelector("[data-role=set-countdown]").addEventListener("click", () => {
      client.command("set_countdown", { seconds: countdownSeconds() }).then(report);
    });
    root.querySelector("[data-role=clear-countdown]").addEventListener("click", () => {
      client.command("set_countdown", { seconds: null }).then(report);
    });
  }
  root.querySelector("[data-role=roster-legend]").textContent = ui.t("presence.legend");
  // Offline turns into "left" with time passing, not only with events.
  setInterval(() => { if (client.state && client.state.roster) renderRoster(client.state.roster); }, 30000);

  const inviteForm = root.querySelector("[data-role=invite-form]");
  if (inviteForm) {
    inviteForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const data = new FormData(inviteForm);
      client.command("invite_participant", { name: data.get("name"),
        discipline_id: Number(data.get("discipline_id")), organisation: data.get("organisation") || "" })
        .then((ack) => { report(ack); if (ack.ok) { inviteForm.reset(); showInvite(ack.result); } });
    });
  }

  function showInvite(result) {
    const box = root.querySelector("[data-role=invite-link]");
    const url = root.dataset.joinBase + "/i/" + result.invite;
    box.hidden = false;
    ui.clear(box).appendChild(ui.el("a", { href: url, text: url, dir: "ltr" }));
  }

  stage.startClock(root.querySelector("[data-role=countdown]"), client);
  stage.connectionBadge(document.querySelector("[data-role=connection]"), client);
})();
