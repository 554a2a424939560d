// manual.html: one self-contained file (inline CSS, pictures as data: URIs, no scripts, no
// external resources) so it can be mailed or opened offline. Fits a 390 px phone: wide tables
// scroll inside their box, a sticky step navigator links every step (in-page links only).

import { BALLOON_R } from "./callouts.js";
import type { ManualModel, ManualStep } from "./manual-model.js";
import { pngSize } from "./png-size.js";

/** Escape text for element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`);
}

const CSS = `
:root { color-scheme: light; --ink:#1d2433; --muted:#5b6475; --line:#d5d9e0; --accent:#1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "Helvetica Neue", Helvetica, Arial, sans-serif; color: var(--ink); background: #f4f5f7; }
main { max-width: 960px; margin: 0 auto; padding: 24px; background: #fff; }
h1 { font-size: 2rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
.cover { padding: 48px 0 32px; border-bottom: 1px solid var(--line); }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.5rem; margin: 1rem 0 0; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; }
td.num { text-align: right; }
.status { white-space: nowrap; font-weight: 600; }
.status-matched { color: #1c7a3a; }
.status-quantity-mismatch { color: #a15c00; }
.status-not-in-the-cad { color: #b3261e; }
.step { border: 1px solid var(--line); border-radius: 6px; padding: 16px; margin: 16px 0; break-inside: avoid; }
.step ul { margin: .25rem 0 .5rem; padding-left: 1.25rem; }
.step .sentence { margin: 0; font-weight: 600; }
.step img, .cover img, .exploded img { display: block; width: 100%; height: auto; margin: .5rem 0; }
.step ul { list-style: none; padding-left: 0; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .5em; vertical-align: -.05em; border-radius: 2px; }
td.pic { width: 96px; padding: 2px; }
td.pic img { width: 90px; height: auto; display: block; }
.warnings li { color: #8a4b00; }
.empty { color: var(--muted); font-style: italic; }
body { overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; max-width: 100%; }
.review { background: #fff4e0; color: #8a4b00; font-weight: 600; padding: .6rem .8rem; border-radius: 4px; }
.tools { margin-top: 1rem; }
.torques { color: var(--muted); font-size: .9rem; }
nav.steps-nav { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: .4rem 0; display: flex; gap: .3rem; overflow-x: auto; white-space: nowrap; }
nav.steps-nav a { display: inline-block; min-width: 2rem; text-align: center; padding: .15rem .4rem; border: 1px solid var(--line); border-radius: 4px; color: var(--accent); text-decoration: none; }
.toc a { color: var(--accent); }
.steps { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); gap: 16px; }
.steps .step { margin: 0; min-width: 0; }
.steps h3.chapter { grid-column: 1 / -1; margin: .5rem 0 0; }
.pic-wrap { position: relative; }
.pic-wrap svg { position: absolute; inset: 0; width: 100%; height: 100%; }
.kit { display: flex; flex-wrap: wrap; gap: 8px; margin: .5rem 0; }
.kit figure { margin: 0; border: 1px solid var(--line); border-radius: 4px; padding: 4px 6px; max-width: 100%; }
.kit img { display: block; max-width: 100%; height: auto; }
.kit figcaption { font-size: .8rem; color: var(--muted); }
.kit b { color: var(--ink); font-size: 1rem; margin-right: .3rem; }
.step .tool { color: var(--muted); font-style: italic; font-size: .9rem; margin: .25rem 0 0; }
.step .item-no { font-weight: 700; margin-right: .3rem; }
.step .prevnext { font-size: .85rem; margin: .4rem 0 0; }
.step .prevnext a { color: var(--accent); margin-right: 1rem; }
@media (max-width: 600px) { main { padding: 12px; } h1 { font-size: 1.5rem; } th, td { padding: .3rem; } }
@media print { body { background: #fff; } main { padding: 0; } .cover { break-after: page; } nav.steps-nav { display: none; } }
`;

const img = (png: Buffer | null, alt: string, cls = "") =>
  png ? `<img${cls ? ` class="${cls}"` : ""} alt="${escapeHtml(alt)}" src="data:image/png;base64,${png.toString("base64")}">` : "";

function cover(m: ManualModel): string {
  const rows: [string, string | null][] = [
    ["Drawing number", m.cover.drawingNumber],
    ["Revision", m.cover.revision],
    ["Date", m.cover.date],
    ...m.cover.fields,
  ];
  const dl = rows
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v!)}</dd>`)
    .join("");
  const review = m.cover.review.length ? `<p class="review">Draft — review: ${escapeHtml(m.cover.review.join("; "))}</p>` : "";
  const tools = m.cover.tools.length
    ? `<div class="tools"><strong>Tools:</strong> ${escapeHtml(m.cover.tools.join(" · "))}${
        m.cover.torques.length
          ? `<p class="torques">Tightening torques (reference values for µ≈0.12, stainless µ≈0.10; check your fastener supplier's data): ${escapeHtml(m.cover.torques.join("; "))}</p>`
          : ""
      }</div>`
    : "";
  return `<section class="cover"><p>Assembly instructions</p><h1>${escapeHtml(m.cover.title)}</h1>${review}${
    dl ? `<dl>${dl}</dl>` : ""
  }${tools}${img(m.cover.picture, `${m.cover.title}, isometric view`)}</section>`;
}

function partsList(m: ManualModel): string {
  if (!m.parts.length) return `<h2>Parts list</h2><p class="empty">No parts list was found in the drawing.</p>`;
  const pics = m.parts.some((p) => p.picture);
  const body = m.parts
    .map(
      (p) =>
        `<tr>${pics ? `<td class="pic">${img(p.picture, p.name)}</td>` : ""}<td>${escapeHtml(p.item)}</td><td>${escapeHtml(p.partNumber)}</td><td>${escapeHtml(p.name)}</td>` +
        `<td class="num">${escapeHtml(p.quantity)}</td><td>${escapeHtml(p.material)}</td>${p.extra.map((e) => `<td>${escapeHtml(e)}</td>`).join("")}` +
        `<td class="status status-${p.status.replace(/\s+/g, "-")}">${escapeHtml(p.status)}</td></tr>`,
    )
    .join("\n");
  return `<h2 id="parts">Parts list</h2><div class="table-wrap"><table><thead><tr>${pics ? "<th></th>" : ""}<th>Item</th><th>Part number</th><th>Name</th><th>Qty</th><th>Material</th>${m.partColumns.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}<th>Status</th></tr></thead><tbody>
${body}
</tbody></table></div>`;
}

/** Picture with its call-out balloons as an SVG overlay (scales with the picture). */
function calloutPicture(s: ManualStep): string {
  if (!s.picture) return "";
  if (!s.callouts.length) return img(s.picture, `Step ${s.number}`);
  const [w, h] = pngSize(s.picture);
  const r = BALLOON_R;
  const marks = s.callouts
    .map(
      (c) =>
        `<line x1="${c.ax.toFixed(1)}" y1="${c.ay.toFixed(1)}" x2="${c.bx.toFixed(1)}" y2="${c.by.toFixed(1)}" stroke="#1d2433" stroke-width="2"/>` +
        `<circle cx="${c.ax.toFixed(1)}" cy="${c.ay.toFixed(1)}" r="4" fill="#1d2433"/>` +
        `<circle class="balloon" cx="${c.bx.toFixed(1)}" cy="${c.by.toFixed(1)}" r="${r}" fill="#fff" stroke="#1d2433" stroke-width="2.5"/>` +
        `<text x="${c.bx.toFixed(1)}" y="${c.by.toFixed(1)}" text-anchor="middle" dominant-baseline="central" font-size="${Math.min(26, (2.2 * r) / Math.max(1, 0.6 * c.item.length))}" font-weight="700" font-family="Helvetica, Arial, sans-serif">${escapeHtml(c.item)}</text>`,
    )
    .join("");
  return `<div class="pic-wrap">${img(s.picture, `Step ${s.number}`)}<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="Item numbers">${marks}</svg></div>`;
}

/** Each fastener once, with its count; sized in mm so a print is 1:1 when small enough. */
function kitHtml(s: ManualStep): string {
  if (!s.kit.length) return "";
  const figs = s.kit.map((e) => {
    let pic = "";
    if (e.picture) {
      const [pw] = pngSize(e.picture);
      const mm = e.mmPerPx ? pw * e.mmPerPx : 0;
      const style = mm && mm <= 45 ? ` style="width:${mm.toFixed(1)}mm"` : ` style="width:120px"`;
      pic = `<img alt="${escapeHtml(e.label)}"${style} src="data:image/png;base64,${e.picture.toString("base64")}">`;
    }
    return `<figure>${pic}<figcaption><b>${e.count}×</b>${e.item ? `(${escapeHtml(e.item)}) ` : ""}${escapeHtml(e.label)}</figcaption></figure>`;
  });
  return `<div class="kit" aria-label="Hardware for this step">${figs.join("")}</div>`;
}

/** One step: title, instruction, picture with call-outs, hardware kit, parts with their colour and item number. */
export function stepHtml(s: ManualStep, total = s.number): string {
  const items = s.items
    .map((it) => {
      const cls = it.spec && / – /.test(it.spec) ? ` – ${it.spec.split(" – ")[1]}` : "";
      const extra = `${cls}${it.subassembly ? " (sub-assembly)" : ""}${it.quantity !== it.perCopy ? ` (${it.perCopy} per ${s.plan.assembly ?? "unit"})` : ""}`;
      const no = it.item ? `<span class="item-no">(${escapeHtml(it.item)})</span>` : "";
      return `<li><span class="swatch" style="background:${it.colour}"></span>${no}${it.quantity} × ${escapeHtml(it.name)}${escapeHtml(extra)}</li>`;
    })
    .join("");
  const torques = [...new Set(s.items.flatMap((it) => (it.torque ? [it.torque] : [])))];
  const tool = [s.tools.length ? `Tools: ${s.tools.join(", ")}` : "", torques.length ? `Tighten to ${torques.join(" / ")}` : ""]
    .filter(Boolean)
    .join(" · ");
  const nav = [
    s.number > 1 ? `<a href="#step-${s.number - 1}">← Step ${s.number - 1}</a>` : "",
    s.number < total ? `<a href="#step-${s.number + 1}">Step ${s.number + 1} →</a>` : "",
  ].join("");
  return `<section class="step" id="step-${s.number}"><h3>${escapeHtml(s.title)}</h3><p class="sentence">${escapeHtml(
    s.sentence,
  )}</p>${calloutPicture(s)}${kitHtml(s)}<ul>${items}</ul>${tool ? `<p class="tool">${escapeHtml(tool)}</p>` : ""}${
    nav ? `<p class="prevnext">${nav}</p>` : ""
  }</section>`;
}

/** Contents: chapters (sub-assemblies built once, then the main assembly) with their steps. */
function toc(m: ManualModel): string {
  const rows = m.chapters
    .map(
      (c) =>
        `<li><a href="#step-${c.firstStep}">${escapeHtml(c.title)}</a> — step${c.firstStep === c.lastStep ? ` ${c.firstStep}` : `s ${c.firstStep}–${c.lastStep}`}</li>`,
    )
    .join("");
  return `<h2>Contents</h2><ol class="toc"><li><a href="#parts">Parts list</a></li>${rows}${
    m.exploded ? `<li><a href="#exploded">Exploded view</a></li>` : ""
  }</ol>`;
}

function list(title: string, cls: string, entries: string[], empty: string): string {
  const inner = entries.length
    ? `<ul class="${cls}">${entries.map((e) => `<li>${escapeHtml(e)}</li>`).join("\n")}</ul>`
    : `<p class="empty">${escapeHtml(empty)}</p>`;
  return `<h2>${escapeHtml(title)}</h2>${inner}`;
}

/** Render the whole manual; `onStep` fires after each step is written (progress). */
export function renderHtmlManual(m: ManualModel, onStep?: (n: number, total: number) => void): string {
  const steps: string[] = [];
  for (const s of m.steps) {
    const ch = m.chapters.find((c) => c.firstStep === s.number);
    if (ch && m.chapters.length > 1) steps.push(`<h3 class="chapter">${escapeHtml(ch.title)}</h3>`);
    steps.push(stepHtml(s, m.steps.length));
    onStep?.(s.number, m.steps.length);
  }
  const nav = m.steps.length
    ? `<nav class="steps-nav" aria-label="Steps">${m.steps.map((s) => `<a href="#step-${s.number}">${s.number}</a>`).join("")}</nav>`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(m.cover.title)} — assembly instructions</title>
<style>${CSS}</style>
</head>
<body>
<main>
${cover(m)}
${toc(m)}
${partsList(m)}
<h2>Assembly steps</h2>
${nav}
${steps.length ? `<div class="steps">${steps.join("\n")}</div>` : `<p class="empty">No parts to place, so no assembly steps.</p>`}
${m.exploded ? `<h2 id="exploded">Exploded view</h2><section class="exploded">${img(m.exploded, "Exploded view")}</section>` : ""}
${list("Notes", "notes", m.notes, "No notes on the drawing.")}
${list("Warnings", "warnings", m.warnings, "None.")}
</main>
</body>
</html>
`;
}
