// The projector's voting view: the round (question, method, turnout «۲۳ از ۴۱», countdown) on
// top; below it the results fill the screen a page at a time: ranked bars, or (key D) support
// by field, or the 2×2 matrix of a scores round.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui } = H;
  const client = H.client;
  const root = document.querySelector(".voting-projector[data-role=voting]");
  if (!root || !client || !H.projector) return;
  const view = { rounds: [], results: {}, updates: 0, mode: "ranking" };
  const $ = (role) => root.querySelector("[data-role=" + role + "]");
  const pct = (x) => H.votingCharts.pct(x);

  function stageName() { return client.state && client.state.workshop ? client.state.workshop.stage : ""; }

  // The open round in any working stage; the newest closed one in the vote and results stages.
  function shown() {
    const stage = stageName();
    if (stage === "lobby" || stage === "closed") return null;
    const open = view.rounds.find((r) => r.status === "open");
    if (open) return open;
    return ["vote", "results"].includes(stage) ? view.rounds.find((r) => r.status === "closed") : null;
  }

  function render() {
    const round = shown();
    root.hidden = !round;
    H.projector.settle();
    if (!round) { ["results", "heat"].forEach(H.pages.release); return; }
    const results = view.results[round.id];
    $("vote-title").textContent = round.title || ui.t("vote.round", { n: ui.num(round.number) });
    $("vote-method").textContent = ui.t("projector.method", { method: ui.t("vote.method." + round.method) }) +
      (round.status === "closed" ? " · " + ui.t("vote.status.closed") : "");
    turnout(results);
    $("vote-countdown").dataset.open = String(round.status === "open");
    drawResults(round, results);
    root.dataset.updates = String(view.updates);
  }

  function turnout(results) {
    const voters = results ? results.voters : 0;
    const present = client.state && client.state.presence ? client.state.presence.total : 0;
    $("vote-voters").textContent = ui.t("projector.turnout_short",
      { n: ui.num(voters), total: ui.num(Math.max(voters, present)) });
    $("turnout-label").textContent = ui.t("projector.voted_label");
  }

  function modes(results) {
    const list = ["ranking"];
    if (results.groups && results.groups.length) list.push("disciplines");
    if (results.matrix) list.push("matrix");
    return list;
  }

  function drawResults(round, results) {
    const box = ui.clear($("vote-results"));
    const views = ui.clear($("views"));
    if (!results || results.hidden) {
      views.hidden = true;
      box.appendChild(ui.el("p", { class: "muted", text: results ? ui.t("vote.results_hidden") : "" }));
      ["results", "heat"].forEach(H.pages.release);
      return;
    }
    const available = modes(results);
    if (!available.includes(view.mode)) view.mode = "ranking";
    views.hidden = available.length < 2;
    available.forEach((m) => views.appendChild(ui.el("button", { class: "button", type: "button",
      "aria-pressed": String(m === view.mode), onclick: () => { view.mode = m; render(); },
      text: ui.t("projector.view." + m) })));
    if (view.mode === "disciplines") heatmap(box, results);
    else if (view.mode === "matrix") matrix(box, results);
    else ranking(box, results);
  }

  function ranking(box, results) {
    const top = Math.max(0, ...results.points.map((p) => p.raw));
    const list = ui.el("ol", { class: "result-list" });
    box.appendChild(list);
    if (results.balanced_differs) box.appendChild(ui.el("p", { class: "notice", text: ui.t("vote.balanced_differs") }));
    const rows = results.points.map((p, i) => rankRow(p, i, top, results.round.method));
    rows.forEach((r) => list.appendChild(r));
    H.pages.use("results", list, rows);
  }

  // The rank comes from the data (ties share one); the list order is the data's order.
  function rankRow(p, i, top, method) {
    const fill = ui.el("span", { class: "fill" });
    fill.style.inlineSize = (top > 0 ? Math.max(0, p.raw) / top * 100 : 0) + "%";
    const badges = (p.polarised ? [ui.el("span", { class: "badge", text: ui.t("vote.polarised") })] : [])
      .concat(H.votingCharts.tieBadges(p, method));
    const rank = p.rank !== undefined && p.rank !== null ? p.rank : i + 1;
    return ui.el("li", { class: "result-row", "data-point": p.id, "data-rank": rank }, [
      ui.el("span", { class: "rank", text: ui.num(rank) }),
      ui.el("div", { class: "result-main" }, [
        ui.el("div", { class: "result-title" }, [ui.bdi(p.title)].concat(badges)),
        ui.el("span", { class: "bar", "aria-hidden": "true" }, [fill]),
        ui.el("p", { class: "result-sub", text: ui.t("vote.balanced") + ": " + fmt(p.balanced) + " · " +
          ui.t("vote.consensus") + ": " + pct(p.consensus) }),
      ]),
      ui.el("p", { class: "result-figure raw" }, [document.createTextNode(fmt(p.raw)),
        ui.el("small", { text: ui.t("vote.raw." + method) })]),
    ]);
  }

  function fmt(x) { return ui.num(Math.round((x || 0) * 100) / 100); }

  function heatmap(box, results) {
    const head = ui.el("tr", {}, [ui.el("th", { scope: "col", text: ui.t("vote.heatmap") })].concat(results.groups.map((g) =>
      ui.el("th", { scope: "col", text: (g.key === "other" ? ui.t("vote.other") : ui.name(g)) + " (" + ui.num(g.voters) + ")" }))));
    const rows = results.points.map((p) => ui.el("tr", { "data-point": p.id }, [ui.el("td", {}, [ui.bdi(p.title)])].concat(
      (p.support || []).map((s) => ui.el("td", { class: "heat heat-" + Math.round((s || 0) * 10), text: pct(s || 0) })))));
    const body = ui.el("tbody", {}, rows);
    const wrap = ui.el("div", { class: "heat-box" }, [ui.el("table", { class: "heatmap" }, [ui.el("thead", {}, [head]), body])]);
    box.appendChild(wrap);
    H.pages.use("heat", wrap, rows);
  }

  function matrix(box, results) {
    const m = results.matrix;
    const names = {};
    (results.round.rules.criteria || []).forEach((c) => { names[c.key] = ui.lang() === "fa" ? c.fa : c.en; });
    const titles = {};
    results.points.forEach((p) => { titles[p.id] = p.title; });
    const hi = ui.t("vote.high"), lo = ui.t("vote.low");
    const cell = (q, y, x) => ui.el("div", { class: "quadrant " + q }, [
      ui.el("h3", { text: y + " " + names[m.y] + " · " + x + " " + names[m.x] }),
      ui.el("ul", {}, m.points.filter((c) => c.quadrant === q).map((c) => ui.el("li", {}, [ui.bdi(titles[c.id])])))]);
    box.appendChild(ui.el("div", { class: "matrix" }, [cell("low_x_high_y", hi, lo), cell("high_x_high_y", hi, hi),
      cell("low_x_low_y", lo, lo), cell("high_x_low_y", lo, hi)]));
    ["results", "heat"].forEach(H.pages.release);
  }

  // D switches ranking ↔ by field (↔ matrix) with one key, whatever the keyboard layout.
  H.projector.onKey((e) => {
    const round = shown();
    const results = round && view.results[round.id];
    if (root.hidden || e.code !== "KeyD" || !results || results.hidden) return false;
    const available = modes(results);
    view.mode = available[(available.indexOf(view.mode) + 1) % available.length];
    render();
    return true;
  });

  function upsert(info) {
    const i = view.rounds.findIndex((r) => r.id === info.id);
    if (info.status === "deleted") { if (i >= 0) view.rounds.splice(i, 1); return; }
    if (i >= 0) view.rounds[i] = info; else view.rounds.unshift(info);
  }

  H.stage.startClock($("vote-countdown"), client);
  client.on("snapshot", (snap) => {
    const v = snap.voting || {};
    view.rounds = v.rounds || [];
    view.results = H.votingCharts.fromSnapshot(v);
    render();
  });
  client.on("round_changed", (data) => { upsert(data.round); render(); });
  client.on("round_results_full", (data) => { view.results[data.round.id] = data; view.updates += 1; render(); });
  client.on("stage_changed", () => render());
  client.on("presence", () => { const r = shown(); if (r) turnout(view.results[r.id]); });
  document.addEventListener("projector:relayout", render);
})();
