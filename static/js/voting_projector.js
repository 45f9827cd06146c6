// The projector's voting view: live bars, consensus and the discipline heatmap (or turnout).
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui } = H;
  const client = H.client;
  const root = document.querySelector(".voting-projector[data-role=voting]");
  if (!root || !client) return;
  const view = { rounds: [], results: {}, updates: 0 };
  const $ = (role) => root.querySelector("[data-role=" + role + "]");

  function shown() {
    const open = view.rounds.find((r) => r.status === "open");
    if (open) return open;
    const stage = client.state && client.state.workshop && client.state.workshop.stage;
    return stage === "vote" || stage === "results" ? view.rounds.find((r) => r.status === "closed") : null;
  }

  function render() {
    const round = shown();
    root.hidden = !round;
    if (!round) return;
    $("vote-title").textContent = round.title || ui.t("vote.round", { n: ui.num(round.number) });
    const results = view.results[round.id];
    $("vote-voters").textContent = "";
    H.votingCharts.render($("vote-results"), results, { detail: true });
    root.dataset.updates = String(view.updates);
  }

  function upsert(info) {
    const i = view.rounds.findIndex((r) => r.id === info.id);
    if (info.status === "deleted") { if (i >= 0) view.rounds.splice(i, 1); return; }
    if (i >= 0) view.rounds[i] = info; else view.rounds.unshift(info);
  }

  client.on("snapshot", (snap) => {
    const v = snap.voting || {};
    view.rounds = v.rounds || [];
    view.results = Object.assign({}, v.results || {});
    render();
  });
  client.on("round_changed", (data) => { upsert(data.round); render(); });
  client.on("round_results_full", (data) => { view.results[data.round.id] = data; view.updates += 1; render(); });
  client.on("stage_changed", () => render());
})();
