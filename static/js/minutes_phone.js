// Phones: links to the final minutes once a version is final (drafts are never sent here).
(function () {
  "use strict";
  const H = window.Hamandishi;
  const box = document.querySelector("[data-role=minutes-final]");
  if (!box || !H.client) return;
  const { ui } = H;

  function render(finals) {
    const list = ui.clear(box.querySelector("[data-role=minutes-links]"));
    (finals || []).forEach((v) => {
      const href = box.dataset.url.replace("/v0.pdf", "/v" + Number(v.number) + ".pdf");
      list.appendChild(ui.el("li", {}, [ui.el("a", { class: "tap", href: href,
        text: ui.t("minutes.version", { n: ui.num(v.number) }) })]));
    });
    box.hidden = !(finals && finals.length);
  }

  H.client.on("snapshot", (snap) => render(snap.minutes && snap.minutes.final));
  H.client.on("minutes_finalised", () => H.client.requestSnapshot());
})();
