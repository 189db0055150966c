(function () {
  "use strict";
  // Marks the session that is running now; the page reads the same without it.
  var rows = document.querySelectorAll("tr[data-start]");
  function mark() {
    var now = Date.now() / 1000;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var on = now >= Number(row.getAttribute("data-start")) &&
        now < Number(row.getAttribute("data-end"));
      row.classList.toggle("now", on);
      if (on) { row.setAttribute("aria-current", "time"); } else { row.removeAttribute("aria-current"); }
    }
  }
  mark();
  setInterval(mark, 30000);
})();
