// sitrep dashboard: map, timeline with a brush, filters, event table, article view.
// Every piece of text from the database goes into the page through textContent, never as
// markup, so article text and names are shown, not run.
"use strict";

const COLORS = {
  ASSAULT: "#c0392b", COERCE: "#8e44ad", PROTEST: "#2980b9", THREATEN: "#d35400",
  ACCUSE: "#7f8c8d", REQUEST: "#16a085", SUPPORT: "#27ae60", CONSULT: "#2c3e50",
  AGREE: "#1abc9c", REJECT: "#e67e22", MOBILIZE: "#f39c12", AID: "#2ecc71",
  RETREAT: "#95a5a6", SANCTION: "#9b59b6", COOPERATE: "#3498db", CONCEDE: "#bdc3c7",
};
const KINDS = ["trigger", "actor", "recipient", "location", "origin", "date", "killed",
               "injured", "missing", "source", "quote"];
const state = { cursor: null, events: [], days: [], eventsTicket: 0 };

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function filters(withDates = true) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(document.getElementById("filters"))) {
    if (v === "" || (!withDates && (k === "since" || k === "until"))) continue;
    params.set(k, v);
  }
  return params;
}

async function getJSON(path, params) {
  const url = params ? `${path}?${params}` : path;
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

function status(text) { document.getElementById("status").textContent = text || ""; }

// -- map ------------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true, maxZoom: 14, minZoom: 2 }).setView([25, 30], 3);
let tiles = null;
fetch("/static/vendor/countries.geojson").then(r => r.json()).then(world => {
  L.geoJSON(world, { style: { color: "#7a8794", weight: 0.6, fillColor: "#f2efe9",
                              fillOpacity: 1 }, interactive: false }).addTo(map);
});
document.getElementById("tiles").addEventListener("change", e => {
  if (tiles) map.removeLayer(tiles);
  tiles = e.target.value ? L.tileLayer(e.target.value, { maxZoom: 18 }).addTo(map) : null;
});
const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
map.addLayer(cluster);

function popup(event) {
  const box = el("div", { class: "popup" });
  box.append(el("strong", {}, `${event.type} · ${(event.date || {}).start || "undated"}`));
  box.append(el("div", {}, (event.actors || []).map(a => a.name).join(", ") || "-"));
  box.append(el("div", {}, `→ ${(event.recipients || []).map(a => a.name).join(", ") || "-"}`));
  box.append(el("div", {}, (event.location || {}).name || ""));
  const open = el("a", { href: "#", class: "open-event" }, "open article");
  open.addEventListener("click", e => { e.preventDefault(); openEvent(event.id); });
  box.append(open);
  return box;
}

function drawMarkers(events) {
  cluster.clearLayers();
  const markers = [];
  for (const event of events) {
    const loc = event.location || {};
    if (loc.lat === null || loc.lat === undefined) continue;
    const marker = L.circleMarker([loc.lat, loc.lon], {
      radius: 7, color: "#222", weight: 1, fillColor: COLORS[event.type] || "#555",
      fillOpacity: 0.85, className: `event-marker type-${event.type}` });
    marker.bindPopup(() => popup(event));
    markers.push(marker);
  }
  cluster.addLayers(markers);
  const legend = document.getElementById("legend");
  legend.replaceChildren();
  for (const type of [...new Set(events.map(e => e.type))].sort()) {
    const item = el("span", {}, type);
    const dot = el("i");
    dot.style.background = COLORS[type] || "#555";
    item.prepend(dot);
    legend.append(item);
  }
}

// -- table ----------------------------------------------------------------------------------
function row(event) {
  const tr = el("tr", { "data-id": event.id, "data-type": event.type });
  const killed = ((event.casualties || {}).killed || {}).best;
  for (const value of [(event.date || {}).start || "", event.type,
                       (event.actors || []).map(a => a.name).join(", "),
                       (event.recipients || []).map(a => a.name).join(", "),
                       (event.location || {}).name || "", killed ?? "",
                       (event.document || {}).source || ""]) {
    tr.append(el("td", {}, value));
  }
  tr.addEventListener("click", () => openEvent(event.id));
  return tr;
}

// the download links export what the table shows: the same filters, in each format
function updateDownloads() {
  for (const link of document.querySelectorAll("#downloads a")) {
    const params = filters();
    params.set("format", link.dataset.format);
    params.set("sort", "date");
    link.href = `/export?${params}`;
  }
}

async function loadEvents(append = false) {
  if (!append) updateDownloads();
  const params = filters();
  params.set("limit", "200");
  if (append && state.cursor) params.set("cursor", state.cursor);
  const ticket = ++state.eventsTicket;  // a slower, older answer must not overwrite a newer one
  status("loading…");
  try {
    const page = await getJSON("/events", params);
    if (ticket !== state.eventsTicket) return;
    state.events = append ? state.events.concat(page.events) : page.events;
    state.cursor = page.next_cursor;
    const body = document.querySelector("#events tbody");
    if (!append) body.replaceChildren();
    for (const event of page.events) body.append(row(event));
    document.getElementById("count").textContent = `${state.events.length} shown`;
    document.getElementById("more").hidden = !state.cursor;
    drawMarkers(state.events);
    status("");
  } catch (err) { if (ticket === state.eventsTicket) status(err.message); }
}

// -- timeline with a brush ------------------------------------------------------------------
// The bars are redrawn whenever the filters change; the brush and its mouse handlers live
// once, outside the redraw, so a drag that spans a redraw still ends in a date range.
const TIMELINE_HEIGHT = 110;
const timeline = { start: null, width: 600, step: 1, ticket: 0 };

async function loadTimeline() {
  const ticket = ++timeline.ticket;
  const buckets = await getJSON("/stats/timeline", filters(false))
    .catch(err => { status(err.message); return null; });
  if (buckets === null || ticket !== timeline.ticket) return;
  state.days = buckets;
  const chart = document.getElementById("timeline");
  const brush = chart.querySelector("rect.brush") ||
                svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: TIMELINE_HEIGHT });
  chart.replaceChildren();
  timeline.width = chart.clientWidth || 600;
  chart.setAttribute("viewBox", `0 0 ${timeline.width} ${TIMELINE_HEIGHT + 10}`);
  timeline.step = timeline.width / Math.max(1, buckets.length);
  const max = Math.max(1, ...buckets.map(b => b.events));
  buckets.forEach((b, i) => {
    const h = Math.max(2, (b.events / max) * TIMELINE_HEIGHT);
    const bar = svg("rect", { class: "bar", x: i * timeline.step + 1, y: TIMELINE_HEIGHT - h,
                              width: Math.max(1, timeline.step - 2), height: h });
    const title = svg("title");
    title.textContent = `${b.bucket}: ${b.events} events, ${b.killed} killed`;
    bar.append(title);
    chart.append(bar);
  });
  chart.append(brush);
  chart.dataset.buckets = String(buckets.length);
}

function timelineX(e) {
  const r = document.getElementById("timeline").getBoundingClientRect();
  return Math.min(timeline.width, Math.max(0, (e.clientX - r.left) * timeline.width / r.width));
}

function drawBrush(a, b) {
  const brush = document.querySelector("#timeline rect.brush");
  if (!brush) return;
  brush.setAttribute("x", Math.min(a, b));
  brush.setAttribute("width", Math.abs(b - a));
}

function endBrush(e) {
  if (timeline.start === null) return;
  const x = timelineX(e), buckets = state.days;
  const start = timeline.start;
  timeline.start = null;
  if (!buckets.length) return;
  const lo = Math.min(buckets.length - 1, Math.floor(Math.min(start, x) / timeline.step));
  const hi = Math.min(buckets.length - 1, Math.floor(Math.max(start, x) / timeline.step));
  document.getElementById("f-since").value = buckets[lo].bucket;
  document.getElementById("f-until").value = buckets[hi].bucket;
  loadEvents();
}

function setUpBrush() {
  const chart = document.getElementById("timeline");
  chart.addEventListener("mousedown", e => {
    timeline.start = timelineX(e);
    drawBrush(timeline.start, timeline.start);
  });
  chart.addEventListener("mousemove", e => {
    if (timeline.start !== null) drawBrush(timeline.start, timelineX(e));
  });
  // the button may be let go outside the chart
  document.addEventListener("mouseup", endBrush);
}

// -- article view with highlighted evidence --------------------------------------------------
function highlighted(text, spans) {
  // Evidence spans may overlap: split the text at every boundary, and mark each piece with
  // the kinds that cover it (the first kind in KINDS order gives the colour).
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter(p => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter(s => s.start <= a && b <= s.end);
    if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
    covering.sort((x, y) => KINDS.indexOf(x.kind) - KINDS.indexOf(y.kind));
    const mark = el("mark", { class: covering[0].own ? `hl-${covering[0].kind}` : "other",
                              title: covering.map(s => `${s.kind} (${s.type})`).join(", ") },
                    piece);
    out.append(mark);
  }
  return out;
}

// The reports of a merged event in publication order, with the figures each gave, and the
// disagreements and rising tolls merging found. Every value goes in as text, never as HTML.
function showMergedReports(merged, currentId) {
  const box = document.getElementById("merged-view");
  const body = document.querySelector("#merged-reports tbody");
  body.replaceChildren();
  if (!merged || !merged.reports || merged.reports.length < 2) { box.hidden = true; return; }
  // the moment each came out where its source gave one (UTC), else its day
  const when = r => r.published_at || r.published || "";
  const reports = [...merged.reports].sort((a, b) => when(a).localeCompare(when(b)));
  for (const r of reports) {
    const tr = el("tr", { "data-event": r.event_id });
    if (r.event_id === currentId) tr.classList.add("current");
    const shown = r.published_at ? `${r.published_at.slice(0, 10)} ${r.published_at.slice(11, 16)} UTC`
                                 : (r.published || "?");
    for (const value of [shown, r.source || r.url || "", r.status || "",
                         r.killed ?? "", r.injured ?? ""]) {
      tr.append(el("td", {}, String(value)));
    }
    tr.addEventListener("click", () => openEvent(r.event_id));
    body.append(tr);
  }
  // a figure the attackers claimed is named as theirs ("killed: disagree, 40 claimed by the
  // attackers")
  const noted = c => (c.readings || []).filter(r => r.note === "claimed by the attackers")
    .map(r => `, ${r.value} claimed by the attackers`).join("");
  const flags = (merged.contradictions || [])
    .map(c => `${c.field.replace("casualties.", "")}: ${c.kind || "disagree"}${noted(c)}`);
  document.getElementById("merged-flags").textContent = flags.length ? `(${flags.join("; ")})` : "";
  box.hidden = false;
}

async function openEvent(id) {
  status("loading article…");
  try {
    const event = await getJSON(`/events/${encodeURIComponent(id)}`);
    const doc = await getJSON(`/documents/${encodeURIComponent(event.document.id)}`);
    const spans = doc.annotations.map(a => ({ ...a, own: a.event_id === id }));
    document.getElementById("article-title").textContent = doc.title || doc.source || doc.id;
    const merged = event.merged_event;
    document.getElementById("article-meta").textContent =
      `${event.type} · ${event.modality} · ${doc.source || ""} · published ${doc.published || "?"}` +
      (merged && merged.reports.length > 1 ? ` · ${merged.reports.length} reports of this event from ${merged.sources_count} outlets` : "");
    showMergedReports(merged, id);
    const legend = document.getElementById("article-legend");
    legend.replaceChildren();
    for (const kind of KINDS) {
      if (!spans.some(s => s.own && s.kind === kind)) continue;
      legend.append(el("mark", { class: `hl-${kind}` }, kind));
      legend.append(document.createTextNode(" "));
    }
    const box = document.getElementById("article-text");
    box.replaceChildren(highlighted(doc.text, spans));
    document.getElementById("article-panel").hidden = false;
    for (const tr of document.querySelectorAll("#events tbody tr")) {
      tr.classList.toggle("selected", tr.dataset.id === id);
    }
    document.getElementById("article-panel").scrollIntoView({ behavior: "smooth" });
    status("");
  } catch (err) { status(err.message); }
}

// -- wiring -----------------------------------------------------------------------------------
async function loadTypes() {
  const select = document.getElementById("f-type");
  const types = await getJSON("/stats/by-type").catch(() => []);
  for (const t of types) select.append(el("option", { value: t.type }, `${t.type} (${t.events})`));
}

document.getElementById("filters").addEventListener("submit", e => {
  e.preventDefault(); loadEvents(); loadTimeline();
});
document.getElementById("f-type").addEventListener("change", () => { loadEvents(); loadTimeline(); });
document.getElementById("f-reset").addEventListener("click", () => {
  document.getElementById("filters").reset(); loadEvents(); loadTimeline();
});
document.getElementById("more").addEventListener("click", () => loadEvents(true));

setUpBrush();
loadTypes().then(() => { loadEvents(); loadTimeline(); });
