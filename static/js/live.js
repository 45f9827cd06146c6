// The live client: one socket, a versioned state, commands with operation ids and an outbox.
// Protocol (docs/realtime.md): on connect the server sends `snapshot`; versioned events carry
// `v`; a gap in `v` triggers a snapshot request; commands are acknowledged {ok, error, message}.
(function () {
  "use strict";

  const OUTBOX_PREFIX = "hamandishi.outbox.";

  function newOpId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  class Outbox {
    // Commands kept in localStorage until acknowledged, so reloads and drops lose nothing.
    constructor(key) { this.key = OUTBOX_PREFIX + key; }
    all() {
      try { return JSON.parse(localStorage.getItem(this.key) || "[]"); } catch (e) { return []; }
    }
    save(items) { localStorage.setItem(this.key, JSON.stringify(items)); }
    put(item) { this.save(this.all().filter((i) => i.payload.op !== item.payload.op).concat([item])); }
    drop(op) { this.save(this.all().filter((i) => i.payload.op !== op)); }
  }

  class LiveClient {
    constructor(options) {
      this.workshop = options.workshop;
      this.view = options.view;
      this.state = null;
      this.handlers = {};
      this.pending = new Map();
      this.outbox = new Outbox(this.view + "." + this.workshop);
      this.socket = window.io("/live", {
        auth: { workshop: this.workshop, view: this.view },
        query: { lang: document.documentElement.lang || "fa" },   // acks speak the page's language
        transports: ["websocket", "polling"],
        // Same-origin polling requests carry no Origin; this header proves they are ours.
        extraHeaders: { "X-Hamandishi-Live": "1" },
        reconnectionDelay: 500,
        reconnectionDelayMax: 4000,
      });
      this._wire();
    }

    on(name, fn) { (this.handlers[name] = this.handlers[name] || []).push(fn); return this; }

    _fire(name, data) { (this.handlers[name] || []).forEach((fn) => fn(data, this.state, this)); }

    _wire() {
      const s = this.socket;
      s.on("connect", () => { this._fire("connection", "online"); });
      s.on("disconnect", () => this._fire("connection", "offline"));
      s.on("connect_error", (err) => this._fire("connect_error", err && err.data ? err.data : err));
      s.on("snapshot", (snap) => this._applySnapshot(snap));
      s.onAny((name, data) => this._onEvent(name, data));
    }

    _applySnapshot(snap) {
      this.state = snap;
      this._fire("snapshot", snap);
      this._flushOutbox();
    }

    requestSnapshot() {
      this.socket.timeout(10000).emit("snapshot", {}, (err, ack) => {
        if (!err && ack && ack.ok) this._applySnapshot(ack.result);
      });
    }

    _onEvent(name, data) {
      if (name === "snapshot") return;
      if (data && typeof data.v === "number" && this.state) {
        if (data.v <= this.state.v) return;            // already seen (or older)
        if (data.v !== this.state.v + 1) { this.requestSnapshot(); return; }
        this.state.v = data.v;
      }
      this._fire(name, data);
    }

    // Send a command once; the promise resolves with the acknowledgement.
    command(name, args, opts) {
      const payload = Object.assign({ workshop: this.workshop, op: newOpId() }, args || {});
      const item = { name: name, payload: payload };
      if (opts && opts.durable) this.outbox.put(item);
      return this._send(item, opts || {});
    }

    _send(item, opts) {
      return new Promise((resolve) => {
        const attempt = () => {
          if (!this.socket.connected) { this.pending.set(item.payload.op, attempt); return; }
          this.socket.timeout(opts.timeout || 8000).emit(item.name, item.payload, (err, ack) => {
            if (err) { this.pending.set(item.payload.op, attempt); return; }  // resent on reconnect
            this.pending.delete(item.payload.op);
            this.outbox.drop(item.payload.op);
            resolve(ack);
          });
        };
        item.resolve = resolve;
        attempt();
      });
    }

    pendingOps() { return this.outbox.all(); }

    _flushOutbox() {
      // After (re)connect: resend everything unacknowledged, in order, with the same op ids.
      const retries = Array.from(this.pending.values());
      this.pending.clear();
      retries.forEach((attempt) => attempt());
      this.outbox.all().forEach((item) => {
        if (!this._inFlight(item.payload.op)) {
          this._send(item, {}).then((ack) => this._fire("outbox_ack", { item: item, ack: ack }));
        }
      });
    }

    _inFlight(op) { return this.pending.has(op); }
  }

  // Small helpers shared by the page modules.
  const ui = {
    t(key, vars) {
      // Every feature adds its own <script type="application/json" class="i18n">; one parsed
      // after the first call (the console's voting strings) is read when its key is asked for.
      if (!ui._dict || !(key in ui._dict)) {
        ui._dict = {};
        document.querySelectorAll("script.i18n").forEach((s) => Object.assign(ui._dict, JSON.parse(s.textContent)));
      }
      const dict = ui._dict;
      let text = dict[key] || key;
      Object.keys(vars || {}).forEach((k) => { text = text.replace("{" + k + "}", vars[k]); });
      return text;
    },
    lang() { return document.documentElement.lang || "fa"; },
    num(n) { return new Intl.NumberFormat(ui.lang() === "fa" ? "fa-IR" : "en-US").format(n); },
    el(tag, attrs, children) {
      const node = document.createElement(tag);
      Object.entries(attrs || {}).forEach(([k, v]) => {
        if (k === "text") node.textContent = v;           // user text only ever as textContent
        else if (k === "usertext") ui.userText(node, v);  // someone's text: own dir, digits
        else if (k === "class") node.className = v;
        else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v);
      });
      (children || []).forEach((c) => c && node.appendChild(c));
      return node;
    },
    userText(node, text) {
      // Someone's text as textContent with its computed dir (static/js/direction.js).
      const value = text == null ? "" : String(text);
      if (window.HamandishiText) window.HamandishiText.render(node, value, ui.lang());
      else node.textContent = value;
      return node;
    },
    bdi(text) {
      // Someone's text: its own dir and contextual digits (static/js/direction.js).
      const b = document.createElement("bdi");
      if (window.HamandishiText) window.HamandishiText.render(b, text == null ? "" : String(text), ui.lang());
      else b.textContent = text;
      return b;
    },
    name(obj) { return ui.lang() === "fa" ? obj.name_fa || obj.fa : obj.name_en || obj.en; },
    clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; },
    countdown(deadline, serverOffset) {
      if (!deadline) return "";
      const left = Math.max(0, Math.round((Date.parse(deadline) - Date.now() - serverOffset) / 1000));
      const m = Math.floor(left / 60), s = left % 60;
      const text = m + ":" + String(s).padStart(2, "0");
      return ui.lang() === "fa" ? text.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]) : text;
    },
  };

  window.Hamandishi = { LiveClient: LiveClient, ui: ui, newOpId: newOpId };
})();
