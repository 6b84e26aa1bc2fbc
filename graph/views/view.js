(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("stdkg-data").textContent);
  var SHAPE_GLYPHS = { star: "★", diamond: "◆", square: "■", triangle: "▲", triangleDown: "▼", hexagon: "⬢", dot: "●" };

  function textTooltip(text) {
    var el = document.createElement("div");
    el.textContent = text;
    return el;
  }
  data.nodes.forEach(function (n) {
    n.title = textTooltip(n.title);
    n.zh = n.label;
    n.en = n.label_en || n.label;
    n.label = "";
  });
  var order = data.nodes.slice().sort(function (a, b) { return b.rank - a.rank || (a.id < b.id ? -1 : 1); })
    .map(function (n) { return n.id; });
  data.edges.forEach(function (e, i) { e.id = "e" + i; e.title = textTooltip(e.title); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var view = window.stdkgView = { nodes: nodes, edges: edges, network: null, ready: false, lang: "zh",
                                  renderedAt: null, stabilizedAt: null, physics: data.physics, labelled: [],
                                  baseScale: null };
  var network = view.network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var LABEL_PX = 13, ZOOM_ALL = 1.6, FIT_MARGIN = 0.85, SHAPE_SHARE = 0.8, hovered = null;

  function labelText(n) { return view.lang === "en" ? n.en : n.zh; }

  // Labels: at the default zoom only hubs, when zoomed in any node; always LABEL_PX on screen; in rank
  // order, a label that would overlap one already placed (vis-network's own label boxes) or, in free
  // layouts (not in columns, where rows are regular), cover another node's shape is left off.
  function placeLabels() {
    var scale = network.getScale();
    var zoomed = view.baseScale !== null && scale > view.baseScale * ZOOM_ALL;
    var px = LABEL_PX / scale;
    var box = container.getBoundingClientRect();
    var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: box.width, y: box.height });
    var pos = network.getPositions();
    var ids = hovered !== null ? [hovered].concat(order.filter(function (id) { return id !== hovered; })) : order;
    var candidates = ids.filter(function (id) {
      var n = nodes.get(id), p = pos[id];
      if (!n || n.hidden || !p || !(n.hub || zoomed || id === hovered)) { return false; }
      return p.x >= tl.x && p.x <= br.x && p.y >= tl.y && p.y <= br.y;
    });
    var wanted = {};
    candidates.forEach(function (id) { wanted[id] = true; });
    var updates = [];
    nodes.forEach(function (n) {
      if (wanted[n.id]) {
        if (n.label !== labelText(n) || !n.font || n.font.size !== px) {
          updates.push({ id: n.id, label: labelText(n), font: { size: px } });
        }
      } else if (n.label) {
        updates.push({ id: n.id, label: "" });
      }
    });
    nodes.update(updates);
    network.redraw();
    var placed = [], kept = [], dropped = [], pad = 2 / scale;
    var shapes = [];
    if (data.avoidShapes) nodes.forEach(function (n) {
      var p = pos[n.id];
      if (!n.hub || n.hidden || !p || p.x < tl.x || p.x > br.x || p.y < tl.y || p.y > br.y) { return; }
      var r = (n.size || 10) * SHAPE_SHARE;
      shapes.push({ id: n.id, l: p.x - r, t: p.y - r, r: p.x + r, b: p.y + r });
    });
    candidates.forEach(function (id) {
      var body = network.body.nodes[id];
      var s = body && body.labelModule && body.labelModule.size;
      if (!s || !s.width || s.left < tl.x || s.top < tl.y || s.left + s.width > br.x || s.top + s.height > br.y) {
        dropped.push(id);
        return;
      }
      var b = { l: s.left - pad, t: s.top - pad, r: s.left + s.width + pad, b: s.top + s.height + pad };
      for (var i = 0; i < placed.length; i++) {
        var q = placed[i];
        if (b.l < q.r && q.l < b.r && b.t < q.b && q.t < b.b) { dropped.push(id); return; }
      }
      for (var j = 0; j < shapes.length; j++) {
        var o = shapes[j];
        if (o.id !== id && b.l < o.r && o.l < b.r && b.t < o.b && o.t < b.b) { dropped.push(id); return; }
      }
      placed.push(b);
      kept.push(id);
    });
    if (dropped.length) {
      nodes.update(dropped.map(function (id) { return { id: id, label: "" }; }));
      network.redraw();
    }
    view.labelled = kept;
    return kept;
  }
  view.placeLabels = placeLabels;

  var settled = { drawn: false, stable: !data.physics };
  function settle() {
    if (view.ready || !settled.drawn || !settled.stable) { return; }
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * FIT_MARGIN });
    view.baseScale = network.getScale();
    placeLabels();
    view.ready = true;
  }
  network.once("afterDrawing", function () {
    view.renderedAt = performance.now();
    if (!data.physics) { view.stabilizedAt = view.renderedAt; }
    settled.drawn = true;
    settle();
  });
  network.once("stabilizationIterationsDone", function () {
    view.stabilizedAt = performance.now();
    network.setOptions({ physics: { enabled: false } });
    settled.stable = true;
    settle();
  });
  var pending = null;
  function placeSoon() {
    if (!view.ready) { return; }
    if (pending !== null) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; placeLabels(); }, 120);
  }
  network.on("zoom", placeSoon);
  network.on("dragEnd", placeSoon);
  network.on("hoverNode", function (ev) { hovered = ev.node; placeSoon(); });
  network.on("blurNode", function () { hovered = null; placeSoon(); });

  var langSelect = document.getElementById("lang");
  function setLanguage(lang) {
    view.lang = lang === "en" ? "en" : "zh";
    langSelect.value = view.lang;
    document.documentElement.lang = view.lang === "en" ? "en" : "zh-Hans";
    return view.ready ? placeLabels() : [];
  }
  langSelect.addEventListener("change", function () { setLanguage(langSelect.value); });
  view.setLanguage = setLanguage;

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
    if (view.ready) { placeLabels(); }
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
    if (found.length && found.length <= 50) { network.fit({ nodes: found, animation: false }); placeLabels(); }
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
  if (data.derived) {
    var dashed = document.createElement("li");
    var dash = document.createElement("span");
    dash.className = "role-line dashed";
    dashed.appendChild(dash);
    dashed.appendChild(document.createTextNode("dashed: inferred (owner derived from the measure, or mentioned via a section)"));
    legendRoles.appendChild(dashed);
  }
  data.roles.forEach(function (item) {
    var li = document.createElement("li");
    var line = document.createElement("span");
    line.className = "role-line";
    line.style.background = item.colour;
    li.appendChild(line);
    li.appendChild(document.createTextNode("role: " + item.role));
    legendRoles.appendChild(li);
  });

  var XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
  var SVG_NS = "http://www.w3.org/2000/svg";
  function svgElement(tag, attrs, parent) {
    var el = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(el); }
    return el;
  }
  function colourOf(c, fallback) {
    if (!c) { return fallback; }
    return typeof c === "string" ? c : (c.background || c.color || fallback);
  }
  function polygon(cx, cy, r, corners, rotation, inner) {
    var pts = [];
    var n = inner ? corners * 2 : corners;
    for (var i = 0; i < n; i++) {
      var a = rotation + i * 2 * Math.PI / n, rr = inner && i % 2 ? r * inner : r;
      pts.push((cx + rr * Math.cos(a)).toFixed(1) + "," + (cy + rr * Math.sin(a)).toFixed(1));
    }
    return pts.join(" ");
  }
  // The view as drawn now (visible nodes and edges, placed labels) as an SVG document.
  function exportSvg() {
    var box = container.getBoundingClientRect();
    var w = Math.round(box.width), h = Math.round(box.height), scale = network.getScale();
    var svg = svgElement("svg", { xmlns: SVG_NS, width: w, height: h, viewBox: "0 0 " + w + " " + h,
                                  "font-family": data.options.nodes.font.face, "font-size": LABEL_PX });
    svgElement("rect", { x: 0, y: 0, width: w, height: h, fill: "#ffffff" }, svg);
    var pos = network.getPositions();
    var shown = {};
    nodes.forEach(function (n) { if (!n.hidden && pos[n.id]) { shown[n.id] = network.canvasToDOM(pos[n.id]); } });
    var gEdges = svgElement("g", { "stroke-linecap": "round" }, svg);
    edges.forEach(function (e) {
      var a = shown[e.from], b = shown[e.to];
      if (e.hidden || !a || !b) { return; }
      var attrs = { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
                    stroke: colourOf(e.color, "#9a9a9a"), "stroke-width": Math.max(0.5, (e.width || 1) * Math.min(1, scale * 2)) };
      if (e.dashes) { attrs["stroke-dasharray"] = "5,4"; }
      svgElement("line", attrs, gEdges);
    });
    var gNodes = svgElement("g", { stroke: "#ffffff", "stroke-width": 0.8 }, svg);
    nodes.forEach(function (n) {
      var p = shown[n.id];
      if (!p) { return; }
      var r = Math.max(1.5, n.size * scale), fill = colourOf(n.color, "#555555"), shape;
      if (n.shape === "square") {
        shape = svgElement("rect", { x: (p.x - r).toFixed(1), y: (p.y - r).toFixed(1), width: (2 * r).toFixed(1), height: (2 * r).toFixed(1) }, gNodes);
      } else if (n.shape === "diamond") {
        shape = svgElement("polygon", { points: polygon(p.x, p.y, r, 4, -Math.PI / 2) }, gNodes);
      } else if (n.shape === "triangle") {
        shape = svgElement("polygon", { points: polygon(p.x, p.y, r, 3, -Math.PI / 2) }, gNodes);
      } else if (n.shape === "triangleDown") {
        shape = svgElement("polygon", { points: polygon(p.x, p.y, r, 3, Math.PI / 2) }, gNodes);
      } else if (n.shape === "hexagon") {
        shape = svgElement("polygon", { points: polygon(p.x, p.y, r, 6, 0) }, gNodes);
      } else if (n.shape === "star") {
        shape = svgElement("polygon", { points: polygon(p.x, p.y, r, 5, -Math.PI / 2, 0.45) }, gNodes);
      } else {
        shape = svgElement("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }, gNodes);
      }
      shape.setAttribute("fill", fill);
      svgElement("title", {}, shape).textContent = (n.zh + " / " + n.en).replace(XML_ILLEGAL, "");
    });
    var gLabels = svgElement("g", { "text-anchor": "middle", fill: "#222222", stroke: "#ffffff", "stroke-width": 3,
                                    "paint-order": "stroke" }, svg);
    view.labelled.forEach(function (id) {
      var s = network.body.nodes[id].labelModule.size;
      var top = network.canvasToDOM({ x: s.left + s.width / 2, y: s.top });
      var lines = labelText(nodes.get(id)).split("\n");
      lines.forEach(function (line, i) {
        svgElement("text", { x: top.x.toFixed(1), y: (top.y + LABEL_PX * (i + 1)).toFixed(1) }, gLabels).textContent =
          line.replace(XML_ILLEGAL, "");
      });
    });
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
  }
  // The canvas as drawn now, on white, as a PNG data URL.
  function exportPng() {
    var source = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = source.width;
    out.height = source.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(source, 0, 0);
    return out.toDataURL("image/png");
  }
  function save(href, filename) {
    var a = document.createElement("a");
    a.href = href;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  view.exportSvg = exportSvg;
  view.exportPng = exportPng;
  document.getElementById("save-png").addEventListener("click", function () { save(exportPng(), data.name + ".png"); });
  document.getElementById("save-svg").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([exportSvg()], { type: "image/svg+xml" }));
    save(url, data.name + ".svg");
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  });
})();
