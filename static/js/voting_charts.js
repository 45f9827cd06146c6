// Results drawing shared by the console, the projector and phones: bars, heatmap, 2×2 matrix.
(function () {
  "use strict";
  const { ui } = window.Hamandishi;

  function pct(x) {
    if (x === null || x === undefined) return "–";
    return ui.num(Math.round(x * 100)) + (ui.lang() === "fa" ? "٪" : "%");
  }

  function fmt(x) {
    return ui.num(Math.round(x * 100) / 100);
  }

  function bar(value, top) {
    const fill = ui.el("span", { class: "fill" });
    fill.style.inlineSize = (top > 0 ? Math.max(0, value) / top * 100 : 0) + "%";  // CSSOM, CSP-safe
    return ui.el("span", { class: "bar", "aria-hidden": "true" }, [fill]);
  }

  // A derived figure; the console passes opts.explain to make it explain itself on hover/tap.
  function figure(key, text, opts, cls) {
    return opts && opts.explain ? opts.explain(key, text) : ui.el("span", { class: cls || "", text: text });
  }

  // A shared rank says so ("Tied"), and a ranking round's Schulze place with its tie: from the
  // data's tied / schulze_rank / schulze_tied, never from the row's position.
  function tieBadges(p, method) {
    const badges = p.tied ? [ui.el("span", { class: "badge tied", text: ui.t("vote.tied") })] : [];
    if (method === "ranking" && p.schulze_rank) {
      const schulze = ui.t(p.schulze_tied ? "vote.schulze_tied" : "vote.schulze_rank", { n: ui.num(p.schulze_rank) });
      badges.push(ui.el("span", { class: "badge schulze" + (p.schulze_tied ? " tied" : ""), text: schulze }));
    }
    return badges;
  }

  function pointRow(p, top, method, opts) {
    const badges = [];
    if (p.polarised) badges.push(figure("polarised", ui.t("vote.polarised"), opts, "badge warn"));
    badges.push(...tieBadges(p, method));
    return ui.el("li", { class: "result-row" + (p.tied ? " tied" : ""), "data-point": p.id }, [
      ui.el("span", { class: "rank", text: ui.num(p.rank) }),
      ui.el("div", { class: "result-main" }, [
        ui.el("div", { class: "result-title" }, [ui.bdi(p.title)].concat(badges)),
        bar(p.raw, top),
        ui.el("div", { class: "result-numbers small" }, [
          ui.el("span", { class: "raw", text: ui.t("vote.raw." + method) + ": " + fmt(p.raw) }),
          figure("balanced", ui.t("vote.balanced") + ": " + fmt(p.balanced), opts),
          figure("consensus", ui.t("vote.consensus") + ": " + pct(p.consensus), opts),
        ]),
      ]),
    ]);
  }

  function ranking(results, opts) {
    const top = Math.max(0, ...results.points.map((p) => p.raw));
    const list = ui.el("ol", { class: "result-list" });
    results.points.forEach((p) => list.appendChild(pointRow(p, top, results.round.method, opts)));
    return list;
  }

  function heatmap(results, opts) {
    const head = ui.el("tr", {}, [ui.el("th", { text: "" })].concat(results.groups.map((g) =>
      ui.el("th", { text: (g.key === "other" ? ui.t("vote.other") : ui.name(g)) + " (" + ui.num(g.voters) + ")" }))));
    const rows = results.points.map((p) => ui.el("tr", {}, [ui.el("td", {}, [ui.bdi(p.title)])].concat(
      (p.support || []).map((s) => ui.el("td", { class: "heat heat-" + Math.round((s || 0) * 10), text: pct(s || 0) })))));
    return ui.el("div", { class: "scroll-x", tabindex: "0", role: "region", "aria-label": ui.t("vote.heatmap") }, [
      ui.el("h3", {}, [figure("support", ui.t("vote.heatmap"), opts)]),
      ui.el("table", { class: "list heatmap" }, [ui.el("thead", {}, [head]), ui.el("tbody", {}, rows)]),
    ]);
  }

  function matrix(results) {
    const m = results.matrix;
    const names = {};
    (results.round.rules.criteria || []).forEach((c) => { names[c.key] = ui.lang() === "fa" ? c.fa : c.en; });
    const titles = {};
    results.points.forEach((p) => { titles[p.id] = p.title; });
    const cell = (q, yLabel, xLabel) => ui.el("div", { class: "quadrant " + q }, [
      ui.el("h3", { text: yLabel + " " + names[m.y] + " · " + xLabel + " " + names[m.x] }),
      ui.el("ul", {}, m.points.filter((c) => c.quadrant === q).map((c) => ui.el("li", {}, [ui.bdi(titles[c.id])]))),
    ]);
    const hi = ui.t("vote.high"), lo = ui.t("vote.low");
    return ui.el("div", {}, [ui.el("h3", { text: ui.t("vote.matrix") }), ui.el("div", { class: "matrix" }, [
      cell("low_x_high_y", hi, lo), cell("high_x_high_y", hi, hi),
      cell("low_x_low_y", lo, lo), cell("high_x_low_y", lo, hi)])]);
  }

  function render(container, results, opts) {
    ui.clear(container);
    if (!results) return;
    container.appendChild(ui.el("p", { class: "vote-voters", text: ui.t("vote.voters", { n: ui.num(results.voters) }) }));
    if (results.hidden) {
      container.appendChild(ui.el("p", { class: "muted", text: ui.t("vote.results_hidden") }));
      return;
    }
    container.appendChild(ranking(results, opts));
    if (results.balanced_differs) container.appendChild(ui.el("p", { class: "notice small", text: ui.t("vote.balanced_differs") }));
    if (opts && opts.detail && results.groups && results.groups.length) container.appendChild(heatmap(results, opts));
    if (opts && opts.detail && results.matrix) container.appendChild(matrix(results));
  }

  // A snapshot's results leave out each round (its round list has it): put it back.
  function fromSnapshot(voting) {
    const rounds = {};
    (voting.rounds || []).forEach((r) => { rounds[r.id] = r; });
    const results = {};
    Object.entries(voting.results || {}).forEach(([id, res]) => {
      results[id] = Object.assign({ round: rounds[id] }, res);
    });
    return results;
  }

  window.Hamandishi.votingCharts = { render: render, pct: pct, tieBadges: tieBadges, fromSnapshot: fromSnapshot };
})();
