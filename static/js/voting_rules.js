// Ballot rules shared by the phone's ballot: mark keys, the ranking order, the help line and
// what is left of a voter's budget (with the reason controls rest when it is used up).
(function () {
  "use strict";
  const { ui } = window.Hamandishi;

  function markKey(roundId, point, criterion) { return roundId + ":" + point + ":" + (criterion || ""); }

  function rankingOrder(round, marks) {
    const ranked = [];
    marks.forEach((v, k) => { const parts = k.split(":"); if (parts[2] === "rank" && v) ranked.push([v, Number(parts[1])]); });
    return ranked.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  }

  function help(round) {
    const r = round.rules;
    if (round.method === "approval") return r.max_yes ? ui.t("vote.help.approval_max", { n: ui.num(r.max_yes) }) : ui.t("vote.help.approval");
    if (round.method === "dots") return ui.t("vote.help.dots", { n: ui.num(r.budget) });
    if (round.method === "scores") return ui.t("vote.help.scores", { min: ui.num(r.score_min), max: ui.num(r.score_max) });
    return ui.t("vote.help.ranking", { n: ui.num(r.top_k) });
  }

  // What is left (the sticky bar's text), whether it is used up, and why controls then rest.
  function budget(round, marks) {
    const r = round.rules;
    let used = 0;
    marks.forEach((v) => { used += round.method === "dots" ? v : (v === 1 ? 1 : 0); });
    if (round.method === "dots") {
      return { text: ui.t("vote.dots_left", { n: ui.num(r.budget - used) }), full: used >= r.budget, why: ui.t("vote.reason.no_dots") };
    }
    if (round.method === "approval" && r.max_yes) {
      return { text: ui.t("vote.yes_left", { n: ui.num(r.max_yes - used) }), full: used >= r.max_yes,
        why: ui.t("vote.reason.no_yes", { n: ui.num(r.max_yes) }) };
    }
    if (round.method === "ranking") {
      const k = rankingOrder(round, marks).length;
      return { text: ui.t("vote.ranked", { k: ui.num(k), n: ui.num(r.top_k) }), full: k >= r.top_k,
        why: ui.t("vote.reason.ranked_full", { n: ui.num(r.top_k) }) };
    }
    const scored = round.points.filter((p) => r.criteria.every((c) => marks.has(markKey(round.id, p.id, c.key)))).length;
    return { text: ui.t("vote.scored", { k: ui.num(scored), n: ui.num(round.points.length) }), full: false, why: "" };
  }

  window.Hamandishi.votingRules = { markKey: markKey, rankingOrder: rankingOrder, help: help, budget: budget };
})();
