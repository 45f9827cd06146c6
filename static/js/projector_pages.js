// Paging for the projector: a list that does not fit its box is split into pages that do, and
// the pages cycle (nobody scrolls a projector). The facilitator can page by keyboard.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const CYCLE_MS = 12000;      // one page stays this long before the next one comes
  const PAUSE_MS = 60000;      // after a manual page turn, cycling waits this long
  const pagers = new Map();    // name -> {index, pages}
  let active = null;
  let pausedUntil = 0;

  // Group `nodes` (children of `box`, in order) into pages whose height fits the box.
  function split(box, nodes) {
    nodes.forEach((n) => { n.hidden = false; });
    if (!nodes.length) return [];
    const limit = box.getBoundingClientRect().bottom - nodes[0].getBoundingClientRect().top;
    const pages = [];
    let page = [], top = nodes[0].getBoundingClientRect().top;
    nodes.forEach((n) => {
      const r = n.getBoundingClientRect();
      if (page.length && r.bottom - top > limit + 1) { pages.push(page); page = []; top = r.top; }
      page.push(n);
    });
    pages.push(page);
    return pages;
  }

  function show(name) {
    const pager = pagers.get(name);
    if (!pager) return;
    pager.pages.forEach((page, i) => page.forEach((n) => { n.hidden = i !== pager.index; }));
    if (name === active) footer(pager);
  }

  function footer(pager) {
    const node = document.querySelector("[data-role=pager]");
    if (!node) return;
    const many = pager && pager.pages.length > 1;
    node.textContent = many ? H.ui.t("projector.page", { n: H.ui.num(pager.index + 1),
      total: H.ui.num(pager.pages.length) }) : "";
  }

  // Lay out `nodes` in `box` as the pages of `name`, keeping the page shown if it still exists.
  function use(name, box, nodes) {
    const pager = pagers.get(name) || { index: 0, pages: [] };
    pager.pages = split(box, nodes);
    if (pager.index >= pager.pages.length) pager.index = 0;
    pagers.set(name, pager);
    active = name;
    show(name);
    return pager;
  }

  function pageOf(name) { const p = pagers.get(name); return p ? p.pages[p.index] || [] : []; }

  function step(delta, manual) {
    const pager = pagers.get(active);
    if (!pager || pager.pages.length < 2) return;
    pager.index = (pager.index + delta + pager.pages.length) % pager.pages.length;
    if (manual) pausedUntil = Date.now() + PAUSE_MS;
    show(active);
  }

  function release(name) { if (active === name) { active = null; footer(null); } }

  setInterval(() => { if (Date.now() >= pausedUntil) step(1, false); }, CYCLE_MS);

  H.pages = { use: use, step: step, pageOf: pageOf, release: release, active: () => active };
})();
