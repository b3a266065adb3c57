// Copies the dashboard's front-end libraries and map data into the Python package.
// Country outlines: Natural Earth 1:110m via world-atlas, converted from TopoJSON to GeoJSON.
import { mkdirSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";

const out = "../src/sitrep/api/static/vendor";
mkdirSync(`${out}/images`, { recursive: true });
const copies = {
  "node_modules/leaflet/dist/leaflet.js": "leaflet.js",
  "node_modules/leaflet/dist/leaflet.css": "leaflet.css",
  "node_modules/leaflet/dist/images/marker-icon.png": "images/marker-icon.png",
  "node_modules/leaflet/dist/images/marker-shadow.png": "images/marker-shadow.png",
  "node_modules/leaflet.markercluster/dist/leaflet.markercluster.js": "leaflet.markercluster.js",
  "node_modules/leaflet.markercluster/dist/MarkerCluster.css": "MarkerCluster.css",
  "node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
  "node_modules/leaflet/LICENSE": "LICENSE-leaflet.txt",
  "node_modules/leaflet.markercluster/MIT-LICENCE.txt": "LICENSE-markercluster.txt",
};
for (const [from, to] of Object.entries(copies)) copyFileSync(from, `${out}/${to}`);
const topo = JSON.parse(readFileSync("node_modules/world-atlas/countries-110m.json", "utf8"));
writeFileSync(`${out}/countries.geojson`, JSON.stringify(feature(topo, topo.objects.countries)));
console.log("dashboard assets written to", out);
