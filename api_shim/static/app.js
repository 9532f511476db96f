"use strict";
// The review page: only the public /api/v1 endpoints, no build step, no external assets.
const API = "/api/v1";
const TYPES = ["UUID","STRING","TEXT","EMAIL","PHONE","INTEGER","FLOAT","DECIMAL","BOOLEAN","DATE","DATETIME","TIME","ENUM","NAME","FIRST_NAME","LAST_NAME","USERNAME","PASSWORD_HASH","ADDRESS","STREET","CITY","STATE","POSTAL_CODE","COUNTRY","LATITUDE","LONGITUDE","COMPANY","JOB_TITLE","URL","IP_ADDRESS","CURRENCY_CODE","AMOUNT","PERCENT","IBAN","CREDIT_CARD","NATIONAL_ID","COLOR","CODE","JSON"];
const state = { jobId: null, schemas: [], skip: 0, limit: 10 };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) node.append(c);
  return node;
}

async function api(path, options = {}) {
  // FormData (file uploads) sets its own multipart Content-Type with the boundary.
  const headers = options.body instanceof FormData ? {} : { "Content-Type": "application/json" };
  const key = sessionStorage.getItem("synthdata-key");
  if (key) headers["X-API-Key"] = key;
  const response = await fetch(API + path, { ...options, headers });
  if (response.status === 401) {
    $("key-dialog").showModal();
    await new Promise((resolve) => $("key-dialog").addEventListener("close", resolve, { once: true }));
    sessionStorage.setItem("synthdata-key", $("api-key").value);
    return api(path, options);
  }
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : await response.blob();
  if (!response.ok) throw new Error(body.detail ? `${body.detail} (${body.error_code})` : `HTTP ${response.status}`);
  return body;
}

function showError(id, error) { $(id).textContent = error ? String(error.message || error) : ""; }

async function analyze() {
  showError("analyze-error", null);
  const context = $("context").value.trim();
  try {
    const analysis = await api("/context/analyze", { method: "POST", body: JSON.stringify({ context }) });
    $("domain").textContent = analysis.domain;
    $("confidence").textContent = analysis.confidence;
    $("keywords").textContent = analysis.keywords.join(", ");
    $("requirements").replaceChildren(...analysis.requirements.map((r) =>
      el("li", { text: `${r.name} — ${r.estimated_volume} rows: ${r.description}` })));
    $("analysis").hidden = false;
    $("profiled").hidden = true;
    const sample = await api("/generate/sample", { method: "POST", body: JSON.stringify({ context, sample_size: 5 }) });
    state.jobId = sample.job_id;
    render(sample.schemas, sample.samples, sample.meanings);
  } catch (error) { showError("analyze-error", error); }
}

function megabytes(bytes) {
  return bytes < 1048576 ? `${Math.ceil(bytes / 1024)} kB` : `${Number((bytes / 1048576).toFixed(1))} MB`;
}

function uploadLimit() { return Number($("profile-files").dataset.maxBytes) || Infinity; }

// Profile uploaded files (never a server path or URL), then review them like an analysis.
async function profileFiles() {
  showError("profile-error", null);
  const files = [...$("profile-files").files];
  if (!files.length) return showError("profile-error", "Choose one or more .csv or .parquet files first.");
  const odd = files.find((f) => !/\.(csv|parquet)$/i.test(f.name));
  if (odd) return showError("profile-error", `${odd.name}: only .csv and .parquet files can be profiled.`);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > uploadLimit()) {
    return showError("profile-error", `These files hold ${megabytes(total)}; this server profiles at most ${megabytes(uploadLimit())} at once. Upload fewer or smaller files.`);
  }
  const form = new FormData();
  for (const f of files) form.append("files", f, f.name);
  form.append("k", $("profile-k").value || "5");
  $("profile").disabled = true;
  try {
    const found = await api("/context/profile", { method: "POST", body: form });
    $("profiled-tables").textContent = Object.entries(found.tables).map(([t, rows]) => `${t}: ${rows} rows`).join(" · ");
    $("profile-warnings").replaceChildren(...found.warnings.map((w) => el("li", { text: w })));
    $("analysis").hidden = true;
    $("profiled").hidden = false;
    const sample = await api("/generate/sample", { method: "POST", body: JSON.stringify({ schemas: found.schemas, sample_size: 5 }) });
    state.jobId = sample.job_id;
    render(sample.schemas, sample.samples, sample.meanings);
  } catch (error) { showError("profile-error", error); }
  finally { $("profile").disabled = false; }
}

function render(schemas, samples, meanings = {}) {
  state.schemas = JSON.parse(JSON.stringify(schemas));
  $("schemas").replaceChildren(...schemas.map((s) => schemaEditor(s, meanings[s.name] || {})));
  $("diagram").replaceChildren(diagram(schemas));
  $("samples").replaceChildren(...Object.entries(samples).map(([name, rows]) => sampleTable(name, rows)));
  $("review").hidden = false;
}

function fieldRow(schema, field, meaning = "") {
  const id = `${schema}-${field.name}-${Math.random().toString(36).slice(2, 7)}`;
  const type = el("select", { "aria-label": `Type of ${field.name}`, class: "type" },
    ...TYPES.map((t) => el("option", { value: t, text: t, selected: t === field.type })));
  const enumInput = el("input", { class: "enum", "aria-label": `Enum values of ${field.name}`,
    value: (field.enum_values || []).join("|"), placeholder: "a|b|c", hidden: field.type !== "ENUM" });
  type.addEventListener("change", () => { enumInput.hidden = type.value !== "ENUM"; });
  const row = el("tr", { "data-original": field.name },
    el("td", {}, el("input", { class: "name", id, value: field.name, "aria-label": `Name of field ${field.name}` })),
    el("td", {}, type, enumInput),
    el("td", {}, el("input", { type: "checkbox", class: "required", checked: field.required, "aria-label": `${field.name} required` })),
    el("td", { text: field.primary_key ? "primary key" : field.references ? `→ ${field.references}` : "" }),
    el("td", { class: "meaning", text: meaning }),
    el("td", {}, el("button", { type: "button", text: "Remove", "aria-label": `Remove ${field.name}`,
      disabled: field.primary_key || !!field.references, onclick: () => row.remove() })));
  return row;
}

function schemaEditor(schema, meanings) {
  const body = el("tbody", {}, ...schema.fields.map((f) => fieldRow(schema.name, f, meanings[f.name])));
  const add = el("button", { type: "button", text: "Add field", onclick: () => {
    const row = fieldRow(schema.name, { name: "new_field", type: "STRING", required: true });
    row.removeAttribute("data-original");
    body.append(row);
    row.querySelector("input").focus();
  } });
  const rules = rulesOf(schema);
  return el("div", { class: "schema", "data-schema": schema.name },
    el("h3", { text: `${schema.name} (${schema.volume ?? "?"} rows)` }),
    el("table", {}, el("thead", {}, el("tr", {}, ...["Field", "Type", "Required", "Key", "Means", ""].map((h) => el("th", { text: h })))), body),
    add,
    ...(rules.length ? [el("details", { class: "rules" },
      el("summary", { text: `Rules every row keeps (${rules.length})` }),
      el("ul", {}, ...rules.map((r) => el("li", { text: r }))))] : []));
}

// What the schema says rows obey: orderings, computed columns, statuses and their milestones.
function rulesOf(schema) {
  const out = [];
  for (const c of schema.constraints || []) {
    const other = c.parent ? `${c.parent}.${c.other}` : c.other;
    out.push(`${c.field} ${c.op} ${other}${c.offset ? ` + ${c.offset}` : ""}`);
  }
  for (const f of schema.fields) if (f.derived) out.push(`${f.name} = ${f.derived}`);
  for (const r of schema.status_rules || []) {
    for (const [value, listed] of Object.entries(r.when)) {
      out.push(`${r.field} ${value}: ${listed.length ? `has ${listed.join(", ")}` : `no ${r.milestones.join(", ")}`}`);
    }
  }
  return out;
}

function feedbackBody() {
  const items = [];
  for (const block of document.querySelectorAll(".schema")) {
    const name = block.dataset.schema;
    const original = state.schemas.find((s) => s.name === name);
    const seen = new Set();
    const item = { schema_name: name, feedback_type: "modify", field_adjustments: {}, add_fields: [], remove_fields: [] };
    for (const row of block.querySelectorAll("tbody tr")) {
      const spec = { name: row.querySelector(".name").value.trim(), type: row.querySelector(".type").value,
        required: row.querySelector(".required").checked };
      const values = row.querySelector(".enum").value.split("|").map((v) => v.trim()).filter(Boolean);
      if (spec.type === "ENUM") spec.enum_values = values;
      const from = row.dataset.original;
      if (!from) { item.add_fields.push(spec); continue; }
      seen.add(from);
      const old = original.fields.find((f) => f.name === from);
      const change = {};
      if (spec.name !== old.name) change.name = spec.name;
      if (spec.type !== old.type) change.type = spec.type;
      if (spec.required !== old.required) { change.required = spec.required; if (spec.required) change.null_rate = null; }
      if (spec.type === "ENUM" && JSON.stringify(values) !== JSON.stringify(old.enum_values || [])) change.enum_values = values;
      if (Object.keys(change).length) item.field_adjustments[from] = change;
    }
    item.remove_fields = original.fields.map((f) => f.name).filter((n) => !seen.has(n));
    if (Object.keys(item.field_adjustments).length || item.add_fields.length || item.remove_fields.length) items.push(item);
  }
  return { job_id: state.jobId, approved: true, schema_feedback: items, start_corpus: false };
}

async function apply() {
  showError("apply-error", null);
  try {
    await api("/generate/feedback", { method: "POST", body: JSON.stringify(feedbackBody()) });
    const job = await api(`/jobs/${state.jobId}`);
    const sample = await api("/generate/sample", { method: "POST", body: JSON.stringify({ schemas: job.schemas, sample_size: 5 }) });
    render(job.schemas, sample.samples, sample.meanings);
  } catch (error) { showError("apply-error", error); }
}

function sampleTable(name, rows) {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  return el("div", { class: "scroll", "data-sample": name }, el("h3", { text: name }),
    el("table", {}, el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { text: c })))),
      el("tbody", {}, ...rows.map((r) => el("tr", {}, ...columns.map((c) => el("td", { text: r[c] === null ? "" : String(r[c]) })))))));
}

function diagram(schemas) {
  const ns = "http://www.w3.org/2000/svg";
  const make = (tag, attrs, text) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); if (text) n.textContent = text; return n; };
  const perRow = 3, boxW = 220, gapX = 60, gapY = 50, line = 18;
  const boxes = {};
  let y = 20, rowHeight = 0;
  schemas.forEach((s, i) => {
    if (i % perRow === 0 && i) { y += rowHeight + gapY; rowHeight = 0; }
    const h = 28 + line * s.fields.length;
    boxes[s.name] = { x: 20 + (i % perRow) * (boxW + gapX), y, h, schema: s };
    rowHeight = Math.max(rowHeight, h);
  });
  const svg = make("svg", { viewBox: `0 0 ${perRow * (boxW + gapX) + 20} ${y + rowHeight + 20}`, role: "img", "aria-label": "Tables and their foreign keys" });
  svg.append(make("defs", {}));
  svg.firstChild.append(Object.assign(make("marker", { id: "arrow", markerWidth: 10, markerHeight: 10, refX: 9, refY: 3, orient: "auto" }), {}));
  svg.querySelector("marker").append(make("path", { d: "M0,0 L0,6 L9,3 z", fill: "#486581" }));
  for (const b of Object.values(boxes)) {
    const g = make("g", { "data-table": b.schema.name });
    g.append(make("rect", { x: b.x, y: b.y, width: boxW, height: b.h, rx: 6, fill: "#fff", stroke: "#486581" }));
    g.append(make("text", { x: b.x + 8, y: b.y + 18, "font-weight": "bold" }, b.schema.name));
    b.schema.fields.forEach((f, j) => g.append(make("text", { x: b.x + 8, y: b.y + 38 + j * line, "font-size": 12 },
      `${f.primary_key ? "PK " : f.references ? "FK " : ""}${f.name}: ${f.type}`)));
    svg.append(g);
  }
  for (const b of Object.values(boxes)) b.schema.fields.forEach((f, j) => {
    const parent = f.references && boxes[f.references.split(".")[0]];
    if (!parent) return;
    svg.append(make("path", { d: `M${b.x},${b.y + 34 + j * line} C${b.x - 40},${b.y + 34 + j * line} ${parent.x + boxW + 40},${parent.y + 14} ${parent.x + boxW},${parent.y + 14}`,
      fill: "none", stroke: "#486581", "marker-end": "url(#arrow)", "data-fk": `${b.schema.name}.${f.name}` }));
  });
  return svg;
}

async function generate() {
  showError("generate-error", null);
  $("downloads").replaceChildren();
  const format = $("format").value;
  try {
    const started = await api("/generate/corpus", { method: "POST", body: JSON.stringify({
      job_id: state.jobId, corpus_size: Number($("corpus-size").value), batch_size: 100, export_format: format }) });
    let status;
    do {
      await new Promise((r) => setTimeout(r, 300));
      status = await api(`/jobs/${started.job_id}/status`);
      setProgress(status.percent_complete);
    } while (!["completed", "failed"].includes(status.status));
    if (status.status === "failed") throw new Error((await api(`/jobs/${started.job_id}`)).message);
    const job = await api(`/jobs/${started.job_id}`);
    $("downloads").replaceChildren(...Object.keys(job.export_paths[format === "sql" ? "sql-postgresql" : format] || {}).map((table) =>
      el("li", {}, el("a", { href: `${API}/jobs/${started.job_id}/download/${table}?format=${format}`, text: `${table}.${format}`,
        onclick: downloadWithKey }))));
  } catch (error) { showError("generate-error", error); }
}

async function downloadWithKey(event) {
  if (!sessionStorage.getItem("synthdata-key")) return;  // plain link
  event.preventDefault();
  const blob = await api(event.currentTarget.getAttribute("href").slice(API.length));
  const a = el("a", { href: URL.createObjectURL(blob), download: event.currentTarget.textContent });
  a.click();
}

function setProgress(percent) {
  $("progress-bar").style.width = `${percent}%`;
  $("progress").setAttribute("aria-valuenow", String(percent));
  $("progress-text").textContent = `${percent.toFixed(1)}%`;
}

async function loadJobs() {
  showError("jobs-error", null);
  const status = $("status-filter").value;
  try {
    const page = await api(`/jobs?skip=${state.skip}&limit=${state.limit}${status ? `&status=${status}` : ""}`);
    $("page-info").textContent = `${page.total ? state.skip + 1 : 0}–${Math.min(state.skip + state.limit, page.total)} of ${page.total}`;
    const rows = await Promise.all(page.jobs.map(async (j) => {
      const s = await api(`/jobs/${j.job_id}/status`);
      return el("tr", { "data-job": j.job_id }, el("td", { text: j.job_id.slice(0, 8) }), el("td", { text: j.status }),
        el("td", { text: j.stage }), el("td", { text: `${s.percent_complete.toFixed(1)}%` }),
        el("td", {}, el("button", { type: "button", text: "Cancel", disabled: !["pending", "in_progress"].includes(j.status),
          onclick: async () => { await api(`/jobs/${j.job_id}/cancel`, { method: "POST" }); loadJobs(); } }),
        el("button", { type: "button", text: "Delete", onclick: async () => { await api(`/jobs/${j.job_id}`, { method: "DELETE" }); loadJobs(); } })));
    }));
    $("job-rows").replaceChildren(...rows);
    $("prev").disabled = state.skip === 0;
    $("next").disabled = state.skip + state.limit >= page.total;
  } catch (error) { showError("jobs-error", error); }
}

function view(name) {
  $("flow").hidden = name !== "flow";
  $("jobs").hidden = name !== "jobs";
  $("show-flow").setAttribute("aria-pressed", String(name === "flow"));
  $("show-jobs").setAttribute("aria-pressed", String(name === "jobs"));
  if (name === "jobs") loadJobs();
}

document.querySelectorAll(".example").forEach((b) => b.addEventListener("click", () => { $("context").value = b.textContent; $("context").focus(); }));
$("analyze").addEventListener("click", analyze);
$("profile").addEventListener("click", profileFiles);
$("upload-limit").textContent = Number.isFinite(uploadLimit()) ? megabytes(uploadLimit()) : "no limit";
$("apply").addEventListener("click", apply);
$("generate").addEventListener("click", generate);
$("show-flow").addEventListener("click", () => view("flow"));
$("show-jobs").addEventListener("click", () => view("jobs"));
$("status-filter").addEventListener("change", () => { state.skip = 0; loadJobs(); });
$("prev").addEventListener("click", () => { state.skip = Math.max(0, state.skip - state.limit); loadJobs(); });
$("next").addEventListener("click", () => { state.skip += state.limit; loadJobs(); });
