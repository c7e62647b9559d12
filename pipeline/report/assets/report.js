/* The report's one script (loaded as a file: the pages' Content-Security-Policy allows no inline script).
   Tables: filter, sort and page through the rows of data/tables.js; the DOM is built with textContent only, and a
   link only ever points into the report. Article pages: the side list scrolls to a quotation and focuses it. */
(function () {
  "use strict";
  var PAGE = 100;
  var SAFE_HREF = /^(articles|speakers)\/[a-z0-9-]+\.html(#q[0-9]+)?$/;  // a page of the report, nothing else

  function cellText(cell) { return Array.isArray(cell) ? String(cell[0]) : String(cell); }

  function renderCell(td, cell) {
    if (Array.isArray(cell) && SAFE_HREF.test(String(cell[1]))) {
      var a = document.createElement("a");
      a.setAttribute("href", String(cell[1]));
      a.textContent = String(cell[0]);
      td.appendChild(a);
    } else {
      td.textContent = cellText(cell);
    }
  }

  var NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
  function empty(v) { return v === "" || v === "\u2014"; }

  function numeric(rows, col) {
    for (var i = 0; i < rows.length; i++) {
      var v = cellText(rows[i][col]);
      if (!empty(v) && !NUMBER.test(v)) { return false; }
    }
    return true;
  }

  function setUp(table) {
    var name = table.getAttribute("data-table");
    var data = window.REPORT_TABLES && window.REPORT_TABLES[name];
    if (!data) { return; }
    var tbody = table.tBodies[0];
    var filter = document.querySelector('input[data-filter="' + name + '"]');
    var status = document.getElementById(name + "-status");
    var pager = document.querySelector('nav[data-pager="' + name + '"]');
    var label = pager && pager.querySelector("[data-page-label]");
    var rows = data.rows.map(function (r) {
      return { cells: r, text: r.map(cellText).join(" \u0001 ").toLowerCase() };
    });
    var state = { shown: rows, page: 0, col: -1, dir: 1 };

    function draw() {
      var pages = Math.max(1, Math.ceil(state.shown.length / PAGE));
      state.page = Math.min(state.page, pages - 1);
      var part = state.shown.slice(state.page * PAGE, (state.page + 1) * PAGE);
      var fragment = document.createDocumentFragment();
      part.forEach(function (row) {
        var tr = document.createElement("tr");
        row.cells.forEach(function (cell) {
          var td = document.createElement("td");
          renderCell(td, cell);
          tr.appendChild(td);
        });
        fragment.appendChild(tr);
      });
      tbody.replaceChildren(fragment);
      if (status) {
        status.textContent = (state.shown.length > PAGE ? part.length + " angezeigt, " : "") +
          state.shown.length + " von " + rows.length;
      }
      if (pager) {
        pager.hidden = state.shown.length <= PAGE;
        if (label) { label.textContent = "Seite " + (state.page + 1) + " von " + pages; }
      }
    }

    function apply() {
      var words = (filter ? filter.value : "").toLowerCase().split(/\s+/).filter(Boolean);
      state.shown = rows.filter(function (row) {
        return words.every(function (w) { return row.text.indexOf(w) !== -1; });
      });
      if (state.col >= 0) {
        var col = state.col, dir = state.dir, num = numeric(rows.map(function (r) { return r.cells; }), col);
        state.shown = state.shown.slice().sort(function (a, b) {
          var x = cellText(a.cells[col]), y = cellText(b.cells[col]);
          if (empty(x) || empty(y)) { return empty(x) === empty(y) ? 0 : empty(x) ? 1 : -1; }  // empty cells last
          if (num) { return dir * (Number(x) - Number(y)); }
          return dir * x.localeCompare(y, "de", { sensitivity: "base" });
        });
      }
      state.page = 0;
      draw();
    }

    if (filter) { filter.addEventListener("input", apply); }
    table.querySelectorAll("th button[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        var col = Number(button.getAttribute("data-sort"));
        state.dir = state.col === col ? -state.dir : 1;
        state.col = col;
        table.querySelectorAll("th").forEach(function (th) { th.setAttribute("aria-sort", "none"); });
        button.parentNode.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
        apply();
      });
    });
    if (pager) {
      pager.addEventListener("click", function (event) {
        var which = event.target.getAttribute && event.target.getAttribute("data-page");
        if (which === "prev" && state.page > 0) { state.page -= 1; draw(); }
        if (which === "next" && (state.page + 1) * PAGE < state.shown.length) { state.page += 1; draw(); }
      });
    }
    draw();
  }

  function goTo(id, focus) {
    var target = document.getElementById(id);
    if (!target) { return; }
    document.querySelectorAll(".q-content.current").forEach(function (el) { el.classList.remove("current"); });
    document.querySelectorAll('.q-content[data-q="' + target.getAttribute("data-q") + '"]').forEach(function (el) {
      el.classList.add("current");
    });
    target.scrollIntoView({ block: "center" });
    if (focus) { target.focus({ preventScroll: true }); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table[data-table]").forEach(setUp);
    document.querySelectorAll("a[data-goto]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var id = link.getAttribute("data-goto");
        if (history.replaceState) { history.replaceState(null, "", "#" + id); }
        goTo(id, true);
      });
    });
    if (/^#q[0-9]+$/.test(location.hash)) { goTo(location.hash.slice(1), false); }
  });
})();
