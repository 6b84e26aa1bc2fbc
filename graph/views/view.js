(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("stdkg-data").textContent);
  var SHAPE_GLYPHS = { star: "★", diamond: "◆", square: "■", triangle: "▲", triangleDown: "▼", hexagon: "⬢", dot: "●" };

  function textTooltip(text) {
    var el = document.createElement("div");
    el.textContent = text;
    return el;
  }
  data.nodes.forEach(function (n) { n.title = textTooltip(n.title); });
  data.edges.forEach(function (e, i) { e.id = "e" + i; e.title = textTooltip(e.title); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var view = window.stdkgView = { nodes: nodes, edges: edges, network: null, ready: false,
                                  renderedAt: null, stabilizedAt: null, physics: data.physics };
  var network = view.network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  network.once("afterDrawing", function () {
    view.renderedAt = performance.now();
    view.ready = true;
    if (!data.physics) { view.stabilizedAt = view.renderedAt; }
  });
  network.once("stabilizationIterationsDone", function () {
    view.stabilizedAt = performance.now();
    network.setOptions({ physics: { enabled: false } });
  });

  function fillSelect(id, values) {
    var select = document.getElementById(id);
    values.forEach(function (v) {
      var opt = document.createElement("option");
      opt.value = String(v);
      opt.textContent = String(v);
      select.appendChild(opt);
    });
    select.addEventListener("change", applyFilters);
    return select;
  }
  var cityFilter = fillSelect("filter-city", data.filters.cities);
  var yearFilter = fillSelect("filter-year", data.filters.years);
  var roleFilter = fillSelect("filter-role", data.filters.roles);
  var kindFilter = fillSelect("filter-kind", data.filters.kinds);

  function nodeVisible(n, city, year, role, kind) {
    if (city && n.cities.indexOf(city) < 0) { return false; }
    if (year && n.years.length && n.years.indexOf(Number(year)) < 0) { return false; }
    if (role && n.roles.length && n.roles.indexOf(role) < 0) { return false; }
    if (kind && n.kind !== kind) { return false; }
    return true;
  }

  function applyFilters() {
    var city = cityFilter.value, year = yearFilter.value, role = roleFilter.value, kind = kindFilter.value;
    var nodeChanges = [], edgeChanges = [];
    nodes.forEach(function (n) {
      var hidden = !nodeVisible(n, city, year, role, kind);
      if (Boolean(n.hidden) !== hidden) { nodeChanges.push({ id: n.id, hidden: hidden }); }
    });
    edges.forEach(function (e) {
      var hidden = Boolean(role && e.role && e.role !== role);
      if (Boolean(e.hidden) !== hidden) { edgeChanges.push({ id: e.id, hidden: hidden }); }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    markLegend(kind);
    view.visibleCount = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
  }
  view.applyFilters = applyFilters;

  var search = document.getElementById("search");
  var searchResult = document.getElementById("search-result");
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); searchResult.textContent = ""; return []; }
    var found = nodes.get({ filter: function (n) { return !n.hidden && n.search.indexOf(q) >= 0; } })
      .map(function (n) { return n.id; });
    network.selectNodes(found);
    if (found.length && found.length <= 50) { network.fit({ nodes: found, animation: false }); }
    searchResult.textContent = found.length + (found.length === 1 ? " match" : " matches");
    return found;
  }
  search.addEventListener("input", runSearch);
  view.search = function (q) { search.value = q; return runSearch(); };
  document.getElementById("controls").addEventListener("submit", function (ev) { ev.preventDefault(); });

  var kindItems = {};
  function markLegend(kind) {
    Object.keys(kindItems).forEach(function (k) { kindItems[k].classList.toggle("active", k === kind); });
  }
  var legendKinds = document.getElementById("legend-kinds");
  data.legend.forEach(function (item) {
    var li = document.createElement("li");
    var sw = document.createElement("span");
    sw.className = "swatch";
    sw.style.color = item.colour;
    sw.textContent = SHAPE_GLYPHS[item.shape] || "●";
    li.appendChild(sw);
    li.appendChild(document.createTextNode(" " + item.caption + " (" + item.count + ")"));
    li.title = "Show only this type (click again for all)";
    li.addEventListener("click", function () {
      kindFilter.value = kindFilter.value === item.kind ? "" : item.kind;
      applyFilters();
    });
    kindItems[item.kind] = li;
    legendKinds.appendChild(li);
  });
  var legendRoles = document.getElementById("legend-roles");
  data.roles.forEach(function (item) {
    var li = document.createElement("li");
    var line = document.createElement("span");
    line.className = "role-line";
    line.style.background = item.colour;
    li.appendChild(line);
    li.appendChild(document.createTextNode("role: " + item.role));
    legendRoles.appendChild(li);
  });
})();
