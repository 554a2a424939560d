// manual.html: one self-contained file (inline CSS, pictures as data: URIs, no scripts, no
// external resources) so it can be mailed or opened offline.

import type { ManualModel, ManualStep } from "./manual-model.js";

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
@media print { body { background: #fff; } main { padding: 0; } .cover { break-after: page; } }
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
  return `<section class="cover"><p>Assembly instructions</p><h1>${escapeHtml(m.cover.title)}</h1>${
    dl ? `<dl>${dl}</dl>` : ""
  }${img(m.cover.picture, `${m.cover.title}, isometric view`)}</section>`;
}

function partsList(m: ManualModel): string {
  if (!m.parts.length) return `<h2>Parts list</h2><p class="empty">No parts list was found in the drawing.</p>`;
  const pics = m.parts.some((p) => p.picture);
  const body = m.parts
    .map(
      (p) =>
        `<tr>${pics ? `<td class="pic">${img(p.picture, p.name)}</td>` : ""}<td>${escapeHtml(p.item)}</td><td>${escapeHtml(p.partNumber)}</td><td>${escapeHtml(p.name)}</td>` +
        `<td class="num">${escapeHtml(p.quantity)}</td><td>${escapeHtml(p.material)}</td>` +
        `<td class="status status-${p.status.replace(/\s+/g, "-")}">${escapeHtml(p.status)}</td></tr>`,
    )
    .join("\n");
  return `<h2>Parts list</h2><table><thead><tr>${pics ? "<th></th>" : ""}<th>Item</th><th>Part number</th><th>Name</th><th>Qty</th><th>Material</th><th>Status</th></tr></thead><tbody>
${body}
</tbody></table>`;
}

/** One step: title, instruction, picture, parts with their highlight colour. */
export function stepHtml(s: ManualStep): string {
  const items = s.items
    .map((it) => {
      const extra = `${it.subassembly ? " (sub-assembly)" : ""}${it.quantity !== it.perCopy ? ` (${it.perCopy} per ${s.plan.assembly ?? "unit"})` : ""}`;
      return `<li><span class="swatch" style="background:${it.colour}"></span>${it.quantity} × ${escapeHtml(it.name)}${escapeHtml(extra)}</li>`;
    })
    .join("");
  return `<section class="step" id="step-${s.number}"><h3>${escapeHtml(s.title)}</h3><p class="sentence">${escapeHtml(
    s.sentence,
  )}</p>${img(s.picture, `Step ${s.number}`)}<ul>${items}</ul></section>`;
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
    steps.push(stepHtml(s));
    onStep?.(s.number, m.steps.length);
  }
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
${partsList(m)}
<h2>Assembly steps</h2>
${steps.length ? steps.join("\n") : `<p class="empty">No parts to place, so no assembly steps.</p>`}
${m.exploded ? `<h2>Exploded view</h2><section class="exploded">${img(m.exploded, "Exploded view")}</section>` : ""}
${list("Notes", "notes", m.notes, "No notes on the drawing.")}
${list("Warnings", "warnings", m.warnings, "None.")}
</main>
</body>
</html>
`;
}
