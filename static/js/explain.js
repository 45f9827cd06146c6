// Console helpers: short explanations of derived figures (hover, focus or tap; read by screen
// readers through aria-describedby), an in-page confirmation dialog, an undo bar and a
// live-region announcer. No window.confirm: the dialog shows what is about to happen.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui } = H;
  let counter = 0;

  function closeAll(except) {
    document.querySelectorAll(".explain.open").forEach((box) => {
      if (box === except) return;
      box.classList.remove("open");
      box.querySelector(".explain-term").setAttribute("aria-expanded", "false");
    });
  }

  // A figure ("Consensus: 40%") as a button whose explanation opens on tap and on hover.
  function explain(key, text) {
    const id = "explain-" + (++counter);
    const tip = ui.el("span", { id: id, role: "tooltip", class: "explain-tip", text: ui.t("explain." + key) });
    const button = ui.el("button", { type: "button", class: "explain-term", "data-explain": key,
      "aria-describedby": id, "aria-expanded": "false" }, [
      ui.el("span", { text: text }), ui.el("span", { class: "explain-mark", "aria-hidden": "true", text: "ⓘ" })]);
    const box = ui.el("span", { class: "explain" }, [button, tip]);
    box.addEventListener("mouseleave", () => box.classList.remove("dismissed"));
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      const open = !box.classList.contains("open");
      closeAll(box);
      box.classList.toggle("open", open);
      button.setAttribute("aria-expanded", String(open));
    });
    return box;
  }

  document.addEventListener("click", () => closeAll(null));
  // Escape hides an explanation even under the pointer (WCAG 1.4.13: dismissible).
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    closeAll(null);
    document.querySelectorAll(".explain:hover").forEach((box) => box.classList.add("dismissed"));
  });

  const dialog = document.querySelector("[data-role=confirm-dialog]");

  // Ask in the page; resolves true when the person confirms (Enter/OK), false otherwise.
  function confirmDialog(title, body, okText, focusNode) {
    if (!dialog) return Promise.resolve(false);
    dialog.querySelector("[data-role=confirm-title]").textContent = title;
    ui.clear(dialog.querySelector("[data-role=confirm-body]"));
    body.forEach((node) => dialog.querySelector("[data-role=confirm-body]").appendChild(node));
    dialog.querySelector("[data-role=confirm-ok]").textContent = okText;
    dialog.returnValue = "";
    dialog.showModal();
    (focusNode || dialog.querySelector("[data-role=confirm-ok]")).focus();
    return new Promise((resolve) => {
      dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    });
  }

  // Ask for a short text in the page (not the browser's prompt box); null when cancelled.
  function askText(title, label, initial, okText) {
    const input = ui.el("input", { type: "text", id: "dialog-text", dir: "auto", class: "dialog-input",
      maxlength: "500", autocomplete: "off" });
    input.value = initial || "";
    const body = [ui.el("label", { for: "dialog-text", text: label }), input];
    return confirmDialog(title, body, okText, input).then((yes) => (yes ? input.value : null));
  }

  const undoBar = document.querySelector("[data-role=undo-bar]");
  let undoTimer = null;

  // After a change that can be taken back: a bar with the outcome and an Undo button (30 s).
  function offerUndo(text, undo) {
    if (!undoBar) return;
    undoBar.querySelector("[data-role=undo-text]").textContent = text;
    undoBar.hidden = false;
    const hide = () => { undoBar.hidden = true; clearTimeout(undoTimer); };
    undoBar.querySelector("[data-role=undo]").onclick = () => { hide(); undo(); };
    undoBar.querySelector("[data-role=undo-close]").onclick = hide;
    clearTimeout(undoTimer);
    undoTimer = setTimeout(hide, 30000);
  }

  function announce(text) {
    const box = document.querySelector("[data-role=announce]");
    if (box) { box.textContent = ""; setTimeout(() => { box.textContent = text; }, 50); }
  }

  H.consoleUi = { explain: explain, confirmDialog: confirmDialog, askText: askText, offerUndo: offerUndo,
    announce: announce };
})();
