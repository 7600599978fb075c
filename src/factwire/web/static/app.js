// factwire dashboard: fetches the HTTP API and draws with Plotly. No build step, no framework.
"use strict";

const $ = (id) => document.getElementById(id);
const fmt = (v) => (v === null || v === undefined ? "" : Math.abs(v) >= 1e9 ? (v / 1e9).toFixed(2) + "bn"
  : Math.abs(v) >= 1e6 ? (v / 1e6).toFixed(2) + "m" : Number(v).toLocaleString("en-US", { maximumFractionDigits: 2 }));
const PLOT = { displayModeBar: false, responsive: true };
const LAYOUT = { margin: { l: 48, r: 12, t: 8, b: 36 }, font: { size: 11 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff" };

async function api(path) {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

function table(el, header, rows, onClick) {
  el.innerHTML = "";
  const thead = el.createTHead().insertRow();
  header.forEach((h) => { const th = document.createElement("th"); th.textContent = h; thead.appendChild(th); });
  const body = el.createTBody();
  rows.forEach((row) => {
    const tr = body.insertRow();
    row.cells.forEach((cell) => {
      const td = tr.insertCell();
      td.textContent = cell.text;
      if (cell.num) td.className = "num";
      if (cell.cls) td.classList.add(cell.cls);
    });
    if (onClick) tr.addEventListener("click", () => onClick(row.data));
  });
}

async function showEvidence(docId, sentence, label) {
  const doc = await api(`/api/documents/${encodeURIComponent(docId)}`);
  $("evidence-title").textContent = doc.title || doc.id;
  $("evidence-meta").textContent = `${label} · published ${doc.published_at || "?"} · ${doc.source}`;
  $("evidence-sentence").textContent = sentence || "";
  const text = doc.text || "";
  const at = sentence ? text.indexOf(sentence) : -1;
  const div = $("evidence-text");
  div.innerHTML = "";
  if (at >= 0) {
    div.append(text.slice(0, at));
    const mark = document.createElement("mark");
    mark.textContent = sentence;
    div.append(mark, text.slice(at + sentence.length));
  } else {
    div.textContent = text;
  }
  $("evidence").hidden = false;
}

function drawFireIce(view) {
  const names = ["fundamentals", "sentiment & market"];
  const values = [view.fundamentals, view.sentiment_market];
  Plotly.newPlot("fire-ice-chart", [{
    type: "bar", orientation: "h", y: names, x: values.map((v) => v ?? 0),
    marker: { color: values.map((v) => ((v ?? 0) >= 0 ? "#d9480f" : "#1c7ed6")) },
    text: values.map((v) => (v === null ? "n/a" : v.toFixed(2))), textposition: "outside",
  }], { ...LAYOUT, margin: { l: 120, r: 30, t: 4, b: 20 }, xaxis: { range: [-1, 1], zeroline: true } }, PLOT);
  const ul = $("alerts");
  ul.innerHTML = "";
  (view.alerts.length ? view.alerts : [{ kind: "none", message: "no alert" }]).forEach((a) => {
    const li = document.createElement("li");
    li.className = a.kind;
    li.textContent = a.kind === "none" ? a.message : `${a.kind.replaceAll("_", " ")}: ${a.message}`;
    ul.appendChild(li);
  });
}

async function drawSeries(entity, metrics, chartId, tableId, percent, periodPattern) {
  const traces = [];
  const rows = [];
  for (const metric of metrics) {
    const data = await api(`/api/entities/${encodeURIComponent(entity)}/series/${metric}`);
    const items = data.items.filter((r) => (percent ? r.unit === "percent" : true) && periodPattern.test(r.period));
    if (!items.length) continue;
    traces.push({ type: percent ? "scatter" : "bar", mode: "lines+markers", name: metric.replaceAll("_", " "),
      x: items.map((r) => r.period), y: items.map((r) => r.value),
      customdata: items.map((r) => [r.doc_id, r.evidence]), hovertemplate: "%{x}: %{y}<extra>%{fullData.name}</extra>" });
    items.forEach((r) => rows.push({ data: r, cells: [{ text: r.period }, { text: metric.replaceAll("_", " ") },
      { text: (r.qualifier !== "=" ? r.qualifier + " " : "") + fmt(r.value) + (percent ? "%" : ""), num: true },
      { text: r.entity_id }] }));
  }
  const el = $(chartId);
  Plotly.newPlot(chartId, traces, { ...LAYOUT, barmode: "group", xaxis: { type: "category" },
    legend: { orientation: "h", y: -0.2 } }, PLOT);
  el.on("plotly_click", (ev) => { const [doc, sentence] = ev.points[0].customdata; showEvidence(doc, sentence, "fact"); });
  table($(tableId), ["period", "metric", "value", "entity"], rows, (r) => showEvidence(r.doc_id, r.evidence, "fact"));
}

async function drawPeers(entity) {
  const metric = "deliveries,sales_volume";
  const periods = (await api(`/api/periods?metric=${metric}`)).items.filter((p) => /^\d{4}-\d{2}$/.test(p.period));
  const select = $("peer-period");
  select.innerHTML = "";
  periods.forEach((p) => { const o = document.createElement("option"); o.value = o.textContent = p.period; select.appendChild(o); });
  const draw = async () => {
    if (!select.value) return;
    const data = await api(`/api/peers?metric=${metric}&period=${select.value}`);
    Plotly.newPlot("peers-chart", [{ type: "bar", x: data.items.map((r) => r.name || r.company), y: data.items.map((r) => r.value),
      marker: { color: data.items.map((r) => (r.company === entity ? "#d9480f" : "#adb5bd")) } }],
      { ...LAYOUT, yaxis: { title: "vehicles" } }, PLOT);
    table($("peers"), ["company", "metric", "value", "reported"], data.items.map((r) => ({ data: r, cells: [
      { text: r.name || r.company }, { text: r.metric }, { text: (r.qualifier !== "=" ? r.qualifier + " " : "") + fmt(r.value), num: true },
      { text: (r.published_at || "").slice(0, 10) }] })), (r) => showEvidence(r.doc_id, r.evidence, "fact"));
  };
  select.onchange = draw;
  await draw();
}

async function drawSentiment(entity) {
  const data = await api(`/api/entities/${encodeURIComponent(entity)}/sentiment`);
  const s = data.sentiment;
  const e = data.events;
  Plotly.newPlot("sentiment-chart", [
    { type: "scatter", mode: "lines+markers", name: "sentiment", x: s.map((r) => r.date.slice(0, 10)), y: s.map((r) => r.score),
      line: { color: "#495057" }, marker: { color: s.map((r) => (r.score < 0 ? "#1c7ed6" : "#d9480f")), size: 9 } },
    { type: "bar", name: "events", x: e.map((r) => r.date.slice(0, 10)), y: e.map((r) => r.events), yaxis: "y2", opacity: 0.35 },
  ], { ...LAYOUT, yaxis: { range: [-1, 1], title: "score" }, yaxis2: { overlaying: "y", side: "right", title: "events" },
    legend: { orientation: "h", y: -0.2 } }, PLOT);
  table($("sentiment-table"), ["date", "sentiment", "stories"], s.map((r) => ({ data: r, cells: [
    { text: r.date.slice(0, 10) }, { text: (r.score > 0 ? "+" : "") + r.score.toFixed(2), num: true, cls: r.score < -0.1 ? "neg" : r.score > 0.1 ? "pos" : "" },
    { text: String(r.stories), num: true }] })));
}

async function drawTimeline(entity) {
  const data = await api(`/api/entities/${encodeURIComponent(entity)}/events?limit=500`);
  const items = data.items.filter((r) => r.date);
  const el = $("timeline-chart");
  Plotly.newPlot("timeline-chart", [{ type: "scatter", mode: "markers", x: items.map((r) => r.date.length === 7 ? r.date + "-15" : r.date.slice(0, 10)),
    y: items.map((r) => r.type), text: items.map((r) => `${r.type} (${r.modality})`), customdata: items.map((r) => [r.doc_id, r.evidence]),
    marker: { size: 12, color: items.map((r) => r.polarity), colorscale: [[0, "#1c7ed6"], [0.5, "#adb5bd"], [1, "#d9480f"]], cmin: -1, cmax: 1,
      symbol: items.map((r) => (r.modality === "confirmed" ? "circle" : "circle-open")) },
    hovertemplate: "%{x}: %{text}<extra></extra>" }], { ...LAYOUT, margin: { ...LAYOUT.margin, l: 120 } }, PLOT);
  el.on("plotly_click", (ev) => { const [doc, sentence] = ev.points[0].customdata; showEvidence(doc, sentence, "event"); });
  table($("events"), ["date", "event", "modality", "main entity", "stories", "first reported in"], data.items.map((r) => ({ data: r, cells: [
    { text: r.date || "" }, { text: r.type }, { text: r.modality }, { text: r.main_entity || "" }, { text: String(r.stories), num: true },
    { text: r.title || "" }] })),
    (r) => showEvidence(r.doc_id, r.evidence, "event"));
}

async function drawFacts(entity) {
  const select = $("fact-metric");
  const draw = async () => {
    const q = select.value ? `&metric=${encodeURIComponent(select.value)}` : "";
    const data = await api(`/api/entities/${encodeURIComponent(entity)}/facts?limit=500${q}`);
    if (!select.value) {
      const metrics = [...new Set(data.items.map((r) => r.metric))].sort();
      select.length = 1;
      metrics.forEach((m) => { const o = document.createElement("option"); o.value = o.textContent = m; select.appendChild(o); });
    }
    table($("facts"), ["period", "entity", "metric", "value", "unit", "reported"], data.items.map((r) => ({ data: r, cells: [
      { text: r.period || "" }, { text: r.entity_id || "" }, { text: r.metric },
      { text: (r.qualifier !== "=" ? r.qualifier + " " : "") + fmt(r.value), num: true }, { text: r.unit || "" },
      { text: (r.published_at || "").slice(0, 10) }] })), (r) => showEvidence(r.doc_id, r.evidence_text, "fact"));
  };
  select.onchange = draw;
  await draw();
}

async function show(name) {
  $("status").textContent = `Loading ${name}…`;
  try {
    const info = await api(`/api/entities/${encodeURIComponent(name)}`);
    const id = info.id;
    $("main").hidden = false;
    $("entity-name").textContent = info.name;
    $("entity-meta").textContent = `${info.type} · ${info.documents} stories · id ${id}`;
    drawFireIce(info.fire_and_ice);
    await Promise.all([
      drawSeries(id, ["deliveries", "sales_volume"], "deliveries-chart", "deliveries-table", false, /^\d{4}-\d{2}$/),
      drawSeries(id, ["gross_margin", "vehicle_gross_margin"], "margins-chart", "margins-table", true, /^\d{4}-Q\d$/),
      drawPeers(id), drawSentiment(id), drawTimeline(id), drawFacts(id),
    ]);
    history.replaceState(null, "", `?entity=${encodeURIComponent(name)}`);
    $("status").textContent = "";
    document.body.dataset.entity = id;
  } catch (err) {
    $("status").textContent = err.message;
  }
}

async function init() {
  const list = await api("/api/entities?limit=500");
  list.items.forEach((e) => { const o = document.createElement("option"); o.value = e.name; $("entity-list").appendChild(o); });
  $("search-form").addEventListener("submit", (ev) => { ev.preventDefault(); if ($("search").value.trim()) show($("search").value.trim()); });
  $("evidence-close").addEventListener("click", () => { $("evidence").hidden = true; });
  const initial = new URLSearchParams(location.search).get("entity");
  if (initial) { $("search").value = initial; show(initial); }
  document.body.dataset.ready = "1";
}

init();
