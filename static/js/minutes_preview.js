// Draft previews without blocking the page: a click asks the server to build the PDF in the
// background, the list below the buttons shows building… / ready (with the link) / failed, and
// the secretary keeps writing meanwhile. Without JS the buttons download the PDF directly.
(function () {
  "use strict";
  const { ui } = window.Hamandishi;
  const list = document.querySelector("[data-role=preview-states]");
  if (!list) return;
  const csrf = document.querySelector("meta[name=csrf-token]").content;
  const rows = new Map();

  function row(lang) {
    if (!rows.has(lang)) {
      const item = ui.el("li", { "data-lang": lang });
      rows.set(lang, item);
      list.appendChild(item);
    }
    return ui.clear(rows.get(lang));
  }

  function show(button, status) {
    const lang = button.dataset.lang;
    const item = row(lang);
    item.dataset.state = status.state;
    const name = ui.t("preview.lang." + lang) + ": ";
    if (status.state === "ready") {
      item.append(name + ui.t("preview.ready") + " ");
      item.appendChild(ui.el("a", { href: status.url, target: "_blank", rel: "noopener",
                                    "data-role": "preview-link", text: ui.t("preview.open") }));
    } else if (status.state === "building") {
      item.append(name + ui.t("preview.building"));
    } else {
      item.append(name + ui.t("preview.failed") + " ");
      item.appendChild(ui.el("button", { type: "button", class: "button", text: ui.t("preview.retry"),
                                         onclick: () => start(button) }));
    }
    button.setAttribute("aria-busy", status.state === "building" ? "true" : "false");
  }

  function request(url, method) {
    const headers = method === "POST" ? { "X-CSRFToken": csrf } : {};
    return fetch(url, { method: method, credentials: "same-origin", headers: headers })
      .then((r) => r.json()).then((ack) => (ack && ack.ok ? ack.result : { state: "failed" }));
  }

  function follow(button, status, delay) {
    show(button, status);
    if (status.state === "none") return start(button);       // another process, or forgotten
    if (status.state !== "building") return undefined;
    return setTimeout(() => {
      request(button.dataset.statusUrl, "GET")
        .then((next) => follow(button, next, Math.min(delay * 1.5, 3000)))
        .catch(() => follow(button, status, Math.min(delay * 2, 5000)));   // offline: keep asking
    }, delay);
  }

  function start(button) {
    show(button, { state: "building" });
    return request(button.dataset.startUrl, "POST")
      .then((status) => follow(button, status, 700))
      .catch(() => show(button, { state: "failed" }));
  }

  document.querySelectorAll("a[data-role=preview]").forEach((button) => {
    button.addEventListener("click", (event) => {
      event.preventDefault();
      start(button);
    });
  });
})();
