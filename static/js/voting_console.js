// The console's voting panel: rounds with their controls (facilitators only), the live
// results with their figures explained, and a round form that follows new points.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui } = H;
  const client = H.client;
  const root = document.querySelector(".voting-console[data-role=voting]");
  if (!root || !client) return;
  const view = { rounds: [], results: {} };
  const $ = (role) => root.querySelector("[data-role=" + role + "]");
  const consoleRoot = document.getElementById("console");
  const detailsBase = consoleRoot ? location.pathname.replace(/\/$/, "") + "/rounds/" : "";
  const facilitates = H.facilitates !== false;

  function showError(message) {
    const box = $("vote-error");
    box.textContent = message || "";
    box.hidden = !message;
  }

  function run(name, args, confirmText) {
    if (confirmText && !window.confirm(confirmText)) return;
    client.command(name, args).then((ack) => showError(ack.ok ? "" : ack.message));
  }

  function actions(r) {
    const list = [];
    if (!facilitates) {
      return ui.el("div", { class: "round-actions" }, [ui.el("a", { class: "button small", href: detailsBase + r.id, text: ui.t("vote.action.details") })]);
    }
    const add = (key, fn, cls) => list.push(ui.el("button", { class: "button small " + (cls || ""), type: "button",
      "data-action": key, onclick: fn, text: ui.t("vote.action." + key) }));
    if (r.status === "draft") {
      add("open", () => run("open_round", { round: r.id }), "primary");
      add("delete", () => run("delete_round", { round: r.id }), "danger");
    }
    if (r.status === "open") add("close", () => run("close_round", { round: r.id }, ui.t("vote.confirm_close")), "danger");
    if (r.results_hidden) add("reveal", () => run("set_results_hidden", { round: r.id, hidden: false }));
    else add("hide", () => run("set_results_hidden", { round: r.id, hidden: true }));
    list.push(ui.el("a", { class: "button small", href: detailsBase + r.id, text: ui.t("vote.action.details") }));
    return ui.el("div", { class: "round-actions" }, list);
  }

  function selected() {
    return view.rounds.find((r) => r.status === "open") || view.rounds.find((r) => r.status === "closed") || null;
  }

  function render() {
    const box = ui.clear($("vote-rounds"));
    const list = ui.el("ul", { class: "round-list" });
    view.rounds.forEach((r) => {
      list.appendChild(ui.el("li", { class: "round-row", "data-round": r.id, "data-status": r.status }, [
        ui.el("div", {}, [
          ui.el("strong", {}, [ui.bdi(r.title || ui.t("vote.round", { n: ui.num(r.number) }))]),
          ui.el("span", { class: "muted small", text: " · " + ui.t("vote.method." + r.method) + " · " +
            ui.t("vote.status." + r.status) + (r.anonymous ? " · 🔒" : "") }),
        ]),
        actions(r),
      ]));
    });
    box.appendChild(list);
    const current = selected();
    H.votingCharts.render($("vote-results"), current ? view.results[current.id] : null,
      { detail: true, explain: H.consoleUi && H.consoleUi.explain });
  }

  function upsert(info) {
    const i = view.rounds.findIndex((r) => r.id === info.id);
    if (info.status === "deleted") { if (i >= 0) view.rounds.splice(i, 1); return; }
    if (i >= 0) view.rounds[i] = info; else view.rounds.unshift(info);
  }

  function methodFields() {
    const form = root.querySelector("[data-role=round-form]");
    if (!form) return;
    const method = form.querySelector("[name=method]").value;
    form.querySelectorAll(".method-fields").forEach((f) => { f.hidden = f.dataset.method !== method; });
  }

  client.on("snapshot", (snap) => {
    const v = snap.voting || {};
    view.rounds = v.rounds || [];
    view.results = H.votingCharts.fromSnapshot(v);
    render();
  });
  client.on("round_changed", (data) => { upsert(data.round); render(); });
  client.on("round_results_full", (data) => { view.results[data.round.id] = data; render(); });
  // Points proposed (or merged, hidden, restored) after the page loaded: ticks are kept.
  function candidates(event) {
    const list = root.querySelector("[data-role=round-form] .checklist");
    if (!list) return;
    const ticked = new Set(Array.from(list.querySelectorAll("input:checked"), (i) => i.value));
    ui.clear(list);
    event.detail.forEach((p) => {
      const box = ui.el("input", { type: "checkbox", name: "points", value: String(p.id) });
      box.checked = ticked.has(String(p.id));
      list.appendChild(ui.el("li", { "data-point": p.id }, [ui.el("label", { class: "check" }, [box, document.createTextNode(" "), ui.bdi(p.title)])]));
    });
  }
  document.addEventListener("focus:points", candidates);
  const method = root.querySelector("[data-role=round-form] [name=method]");
  if (method) { method.addEventListener("change", methodFields); methodFields(); }
  H.votingConsole = { view: view };
})();
