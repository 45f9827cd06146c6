// The to-link queue: typing in "Find an item" asks the server for register items that say the
// same thing (Persian-aware, across the whole programme); choosing one fills the item number.
(function () {
  "use strict";
  const WAIT_MS = 250;

  function render(list, found, target) {
    list.replaceChildren();
    for (const s of found) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button small";
      button.textContent = "#" + s.item;
      button.addEventListener("click", () => { target.value = String(s.item); target.focus(); });
      const title = document.createElement("bdi");
      title.dir = "auto";
      title.textContent = " " + s.matched;
      li.append(button, title);
      list.append(li);
    }
  }

  function wire(input) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    const target = document.getElementById(input.dataset.target);
    let timer = null;
    let asked = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const text = input.value.trim();
        const mine = ++asked;
        if (text.length < 3) { list.replaceChildren(); return; }
        const url = input.dataset.url + "?text=" + encodeURIComponent(text);
        try {
          const response = await fetch(url, {headers: {"Accept": "application/json"}});
          const body = await response.json();
          if (mine === asked && body.ok) render(list, body.suggestions, target);
        } catch (error) {
          list.replaceChildren();
        }
      }, WAIT_MS);
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(wire);
})();
