// Optional column sorting of the summary table. Without script the table is already
// sorted by score, lowest first; with it, each column header becomes a button and
// aria-sort follows the order shown.
(function () {
  var table = document.getElementById("summary-table");
  if (!table) return;
  var heads = table.tHead.rows[0].cells;
  var body = table.tBodies[0];
  function key(row, i, type) {
    var v = row.cells[i].getAttribute("data-sort") || "";
    return type === "number" ? parseFloat(v) : v.toLowerCase();
  }
  function sort(i) {
    var th = heads[i], type = th.getAttribute("data-type");
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i, type), y = key(b, i, type);
      var c = x < y ? -1 : x > y ? 1 : 0;
      return dir === "ascending" ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var j = 0; j < heads.length; j++) heads[j].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir);
  }
  for (var i = 0; i < heads.length; i++) {
    (function (i) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = heads[i].textContent;
      b.addEventListener("click", function () { sort(i); });
      heads[i].textContent = "";
      heads[i].appendChild(b);
    })(i);
  }
})();
