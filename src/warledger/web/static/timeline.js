/* The timeline: per day, killed low–high band, best line and incident counts (uPlot).
 * Dragging across it sets the date filter, which filters the map and the tables too. */
(function () {
  "use strict";
  var el = document.getElementById("timeline");
  if (!el || typeof uPlot === "undefined") { return; }
  var query = el.getAttribute("data-query") || "";

  function iso(seconds) {
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }

  fetch("/api/v1/timeline?" + query, {credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var days = data.days || [];
      el.setAttribute("data-days", String(days.length));
      if (!days.length) {
        el.textContent = "No dated incidents for this filter.";
        el.setAttribute("data-ready", "1");
        return;
      }
      var xs = days.map(function (d) { return Date.parse(d.day + "T00:00:00Z") / 1000; });
      var pick = function (k) { return days.map(function (d) { return d[k]; }); };
      var opts = {
        width: Math.max(320, el.clientWidth || 480),
        height: 220,
        scales: {x: {time: true}, n: {auto: true}},
        axes: [{}, {label: "killed"}, {side: 1, scale: "n", label: "incidents", grid: {show: false}}],
        series: [
          {value: function (u, v) { return v === null ? "" : iso(v); }},
          {label: "killed low", stroke: "rgba(192,57,43,0.5)", width: 1},
          {label: "killed best", stroke: "#c0392b", width: 2, points: {show: true, size: 6}},
          {label: "killed high", stroke: "rgba(192,57,43,0.5)", width: 1},
          {label: "incidents", scale: "n", stroke: "#34495e", fill: "rgba(52,73,94,0.25)",
           paths: uPlot.paths.bars({size: [0.5, 24]}), points: {show: false}}
        ],
        bands: [{series: [3, 1], fill: "rgba(192,57,43,0.15)"}],
        cursor: {drag: {x: true, y: false, setScale: false}},
        hooks: {
          setSelect: [function (u) {
            if (u.select.width < 4) { return; }
            var lo = u.posToVal(u.select.left, "x");
            var hi = u.posToVal(u.select.left + u.select.width, "x");
            var form = document.getElementById("filters");
            document.getElementById("f-since").value = iso(lo);
            document.getElementById("f-until").value = iso(hi);
            if (form) { form.submit(); }
          }]
        }
      };
      new uPlot(opts, [xs, pick("low"), pick("best"), pick("high"), pick("incidents")], el);
      el.setAttribute("data-ready", "1");
    });
})();
