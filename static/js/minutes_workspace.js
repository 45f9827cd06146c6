// The secretary's workspace: autosave each unit with its base revision; on a conflict show
// both texts; follow other secretaries' saves live. Without JS the forms post as usual.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui } = H;
  const root = document.getElementById("minutes");
  if (!root || root.dataset.status !== "draft") return;
  const csrf = document.querySelector("meta[name=csrf-token]").content;
  const DELAY = 1200;
  const timers = new Map();
  const inflight = new Map();
  const echoes = new Map();

  const field = (form, name) => form.querySelector("[name=" + name + "]");
  const setState = (form, key) => {
    const box = form.querySelector("[data-role=save-state]");
    if (box) box.textContent = key ? ui.t("minutes." + key) : "";
    form.dataset.state = key || "";
  };
  const asciiInt = (v) => {
    const s = String(v || "").replace(/[۰-۹]/g, (d) => "۰۱۲۳۴۵۶۷۸۹".indexOf(d)).trim();
    return /^\d+$/.test(s) ? Number(s) : null;
  };

  function change(form) {
    // The same fields the no-JS form posts, as the JSON the service takes.
    const data = { kind: field(form, "kind").value, base: asciiInt(field(form, "base").value) || 0 };
    ["text", "stage", "what", "owner", "due", "status", "note", "name", "organisation"]
      .forEach((n) => { const f = field(form, n); if (f) data[n] = f.value; });
    ["id", "participant_id", "discipline_id", "round_id"]
      .forEach((n) => { const f = field(form, n); if (f) data[n] = asciiInt(f.value); });
    const points = field(form, "point_ids");
    if (points) data.point_ids = Array.from(points.selectedOptions, (o) => Number(o.value));
    if (data.kind === "note") data.id = undefined;
    return data;
  }

  function post(body) {
    return fetch(root.dataset.editUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    }).then((r) => r.json().catch(() => ({ ok: false, error: "internal", message: "" })));
  }

  function adopt(form, unit, docRevision) {
    // A save (ours or another secretary's) landed: build the next edit on its revision.
    if (unit.id !== null && unit.id !== undefined && field(form, "id") && form.dataset.unit !== "note") {
      field(form, "id").value = unit.id;
      form.dataset.id = unit.id;
    }
    field(form, "base").value = unit.revision;
    if (docRevision) setDocRevision(docRevision);
  }

  function setDocRevision(revision) {
    root.dataset.revision = revision;
    const input = document.querySelector("[data-role=finalise-form] [name=revision]");
    if (input) input.value = revision;
  }

  function save(form) {
    clearTimeout(timers.get(form));
    timers.delete(form);
    const body = change(form);
    const stamp = form.dataset.dirty;
    setState(form, "saving");
    form.dataset.saving = "1";
    const request = post(body).then((ack) => {
      settle(form);
      if (ack.ok) {
        clearFieldError(form);
        adopt(form, ack.result.unit, ack.result.doc_revision);
        if (form.dataset.dirty === stamp) delete form.dataset.dirty;
        setState(form, form.dataset.dirty ? "unsaved" : "saved");
      } else if (ack.error === "conflict") {
        setState(form, "conflict");
        showConflict(form, ack);
      } else {
        setState(form, null);
        const box = form.querySelector("[data-role=save-state]");
        if (box) box.textContent = ui.t("minutes.failed");
        fieldError(form, ack);
      }
      return ack;
    }, () => { settle(form); setState(form, "offline"); schedule(form, 4000); });
    inflight.set(form, request);
    return request;
  }

  function settle(form) {
    // The save answered: a change heard meanwhile is ours (skipped) or a newer one (shown).
    delete form.dataset.saving;
    const heard = echoes.get(form);
    echoes.delete(form);
    if (heard) setTimeout(() => fill(form, heard), 0);
  }

  // A refused autosave: the message sits beside the field it is about; the typed text stays.
  function fieldError(form, ack) {
    clearFieldError(form);
    const name = ((ack.fields || {}).field || "").replace(/^(summary|note)$/, form.dataset.unit === "attendance" ? "$1" : "text");
    const input = field(form, name) || form.querySelector("textarea, input:not([type=hidden]), select");
    if (!input) return;
    const id = "err-live-" + Math.random().toString(36).slice(2);
    const message = ui.el("p", { class: "error field-error", id: id, role: "alert", "data-live-error": "1",
      text: ack.message || ui.t("minutes.failed") });
    input.insertAdjacentElement("afterend", message);
    input.setAttribute("aria-invalid", "true");
    input.dataset.errorFor = id;
    input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id).trim());
  }

  function clearFieldError(form) {
    form.querySelectorAll("[data-live-error]").forEach((node) => node.remove());
    form.querySelectorAll("[data-error-for]").forEach((input) => {
      input.removeAttribute("aria-invalid");
      const rest = (input.getAttribute("aria-describedby") || "").split(" ").filter((i) => i && i !== input.dataset.errorFor);
      if (rest.length) input.setAttribute("aria-describedby", rest.join(" ")); else input.removeAttribute("aria-describedby");
      delete input.dataset.errorFor;
    });
  }

  function schedule(form, delay) {
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(() => save(form), delay || DELAY));
  }

  function showConflict(form, ack) {
    const box = root.querySelector("[data-role=conflict]");
    const fields = ack.fields || {};
    box.querySelector("[data-role=theirs]").textContent = fields.theirs || "";
    box.querySelector("[data-role=mine]").textContent = fields.mine || "";
    box.hidden = false;
    box.querySelector("[data-role=keep-theirs]").onclick = () => {
      box.hidden = true;
      refresh().then(() => { delete form.dataset.dirty; setState(form, "saved"); });
    };
    box.querySelector("[data-role=keep-mine]").onclick = () => {
      box.hidden = true;
      field(form, "base").value = fields.revision || 0;
      save(form);
    };
  }

  function fill(form, unit) {
    // Show another secretary's saved text unless we are in the middle of our own edit.
    // Our own save's echo (revision already adopted) never touches the field: what the
    // secretary typed stays exactly as typed, cursor and all.
    if (Number(unit.revision) <= Number(field(form, "base").value)) return;
    if (form.dataset.saving) { echoes.set(form, unit); return; }  // decide after our ack
    if (form.dataset.dirty) { setState(form, "newer"); return; }
    ["text", "what", "owner", "status", "note"].forEach((n) => {
      const f = field(form, n);
      if (f && unit[n] !== undefined && unit[n] !== null) f.value = unit[n];
      if (f && window.HamandishiText && f.hasAttribute("data-dir-rule")) window.HamandishiText.fieldDir(f);
    });
    const due = field(form, "due");
    if (due && unit.due_jalali !== undefined) due.value = unit.due_jalali;
    adopt(form, unit);
  }

  function formFor(kind, unit) {
    if (kind === "summary") return root.querySelector("form[data-unit=summary]");
    if (kind === "note") return root.querySelector("form[data-unit=note][data-stage='" + unit.stage + "']");
    if (kind === "attendance" && unit.participant_id) {
      return root.querySelector("form[data-unit=attendance][data-participant-id='" + unit.participant_id + "']");
    }
    return root.querySelector("form[data-unit=" + kind + "][data-id='" + unit.id + "']");
  }

  function refresh() {
    // After a reconnect or a conflict: the server's state for every unit not being edited.
    return fetch(root.dataset.stateUrl, { credentials: "same-origin" }).then((r) => r.json())
      .then((state) => {
        if (state.number !== Number(root.dataset.number) || state.status !== "draft") {
          root.querySelector("[data-role=reload-notice]").hidden = false;
          return;
        }
        const summary = formFor("summary");
        if (summary) fill(summary, Object.assign({ id: null }, state.summary));
        Object.values(state.notes).forEach((n) => { const f = formFor("note", n); if (f) fill(f, n); });
        state.decisions.forEach((d) => { const f = formFor("decision", d); if (f) fill(f, d); });
        state.actions.forEach((a) => { const f = formFor("action", a); if (f) fill(f, a); });
        setDocRevision(state.revision);
      }).catch(() => {});
  }

  root.querySelectorAll("form.unit").forEach((form) => {
    const isNew = form.classList.contains("new");
    form.addEventListener("input", () => {
      if (isNew) return;                      // new items are added with their button
      form.dataset.dirty = String(Date.now());
      setState(form, "unsaved");
      schedule(form);
    });
    form.addEventListener("change", () => { if (!isNew) schedule(form, 200); });
    form.addEventListener("submit", (event) => {
      const button = event.submitter;
      if (isNew || (button && button.dataset.role === "delete")) {
        event.preventDefault();               // flush pending saves, then post the form
        flushAll().then(() => HTMLFormElement.prototype.submit.call(withSubmitter(form, button)));
        return;
      }
      event.preventDefault();
      save(form);
    });
  });

  function withSubmitter(form, button) {
    if (button && button.name) {
      const hidden = ui.el("input", { type: "hidden", name: button.name, value: button.value });
      form.appendChild(hidden);
    }
    return form;
  }

  function flushAll() {
    const pending = Array.from(timers.keys()).map((form) => save(form));
    return Promise.all(pending.concat(Array.from(inflight.values()))).catch(() => {});
  }

  const finaliseForm = document.querySelector("[data-role=finalise-form]");
  if (finaliseForm) {
    finaliseForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const button = finaliseForm.querySelector("[data-confirm]");
      flushAll().then(() => {
        if (window.confirm(button.dataset.confirm)) HTMLFormElement.prototype.submit.call(finaliseForm);
      });
    });
  }

  window.addEventListener("beforeunload", (event) => {
    if (root.querySelector("form.unit[data-dirty]")) { event.preventDefault(); event.returnValue = ""; }
  });

  const client = new H.LiveClient({ workshop: Number(root.dataset.workshop), view: "console" });
  H.client = client;
  let connectedOnce = false;
  client.on("connection", (state) => {
    const box = root.querySelector("[data-role=connection]");
    if (box) box.textContent = ui.t("connection." + state);
  });
  client.on("snapshot", () => { if (connectedOnce) refresh(); connectedOnce = true; });
  client.on("minutes_changed", (data) => {
    if (data.kind === "version") { root.querySelector("[data-role=reload-notice]").hidden = false; return; }
    if (data.number !== Number(root.dataset.number)) return;
    setDocRevision(data.doc_revision);
    if (data.unit && !data.unit.deleted) {
      const form = formFor(data.kind, data.unit);
      if (form) fill(form, data.unit);
    }
  });
  client.on("minutes_finalised", () => { root.querySelector("[data-role=reload-notice]").hidden = false; });
})();
