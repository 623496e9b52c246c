/* Keyboard shortcuts for the review queue: j / k move, c confirm, x reject, p correct the place
 * (focuses the row's place-name field; Enter looks it up), o open the incident, ? show the keys.
 * Ignored while typing in a form field; Escape leaves the field. */
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.queue-item"));
  if (!rows.length) { return; }
  var current = 0;

  function select(i) {
    rows[current].classList.remove("selected");
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows[current].classList.add("selected");
    rows[current].scrollIntoView({block: "nearest"});
  }

  function press(selector) {
    var button = rows[current].querySelector(selector);
    if (button) { button.click(); }
  }

  select(0);
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.key === "Escape" && tag === "INPUT") {
      ev.target.blur();
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") {
      return;
    }
    if (ev.key === "j") { select(current + 1); }
    else if (ev.key === "k") { select(current - 1); }
    else if (ev.key === "c") { press("button.confirm"); }
    else if (ev.key === "x") { press("button.reject"); }
    else if (ev.key === "p") {
      var field = rows[current].querySelector("input.place-name");
      if (field) { field.focus(); }
    }
    else if (ev.key === "o") {
      var link = rows[current].querySelector("a.incident");
      if (link) { window.location.href = link.getAttribute("href"); }
    } else if (ev.key === "?") {
      var help = document.getElementById("keys");
      if (help) { help.hidden = !help.hidden; }
    } else { return; }
    ev.preventDefault();
  });
})();
