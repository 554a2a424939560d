// Development aid: scans one real document (cached in /tmp/ocr3), runs PDF_BOM and prints every
// cell that differs from the truth (field, truth, got), and the log with V=1.
// node --import @swc-node/register/esm-register bench/dev/ocr-cells.ts <stem-substring> [dpi]
import fs from "node:fs";
import { runPdfBom } from "../../server/src/stages/pdf-bom/index.js";
import { makeScan } from "#test-support/make-scan.js";
import { normText, realDocs, realMetrics, scoreReal } from "#test-support/realworld.js";
const only = process.argv[2] ?? "";
const dpi = Number(process.argv[3] ?? 200);
for (const d of realDocs().docs) {
  if (!d.stem.includes(only)) continue;
  const file = `/tmp/ocr3/${d.stem}-${dpi}.pdf`;
  if (!fs.existsSync(file)) fs.writeFileSync(file, makeScan(d.file, { dpi, degrees: 0.5, seed: 17 }));
  const logs: string[] = [];
  const t0 = Date.now();
  const r = await runPdfBom(
    { pdfPath: file, ocr: { maxPages: 10, maxPixels: 36_000_000, timeoutMs: 600_000 } },
    { stage() {}, log: (l, m) => void logs.push(`${l} ${m}`) },
  );
  const m = realMetrics(scoreReal(r.rows, d));
  console.log(
    `== ${d.stem} ${dpi}: ${r.rows.length}/${d.rows.length} F1 ${m.f1.toFixed(3)} cells ${m.cellAccuracy.toFixed(3)} ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (process.env.V) for (const l of logs) console.log("   ", l);
  const fields = ["item", "partNumber", "name", "quantity"] as const;
  const used = new Set<number>();
  d.rows.forEach((t, j) => {
    let gi = r.rows.findIndex((g, i) => !used.has(i) && t.item !== null && normText(g.item) === normText(t.item));
    if (gi < 0) gi = r.rows.findIndex((g, i) => !used.has(i) && normText(g.name) === normText(t.name));
    if (gi < 0) return console.log(`  MISSING row ${j + 1}: ${JSON.stringify(t)}`);
    used.add(gi);
    const g = r.rows[gi];
    for (const f of fields) {
      if (t[f] === null) continue;
      const same = typeof t[f] === "number" || typeof g[f] === "number" ? g[f] === t[f] : normText(g[f]) === normText(t[f]);
      if (!same) console.log(`  row ${j + 1} ${f}: want ${JSON.stringify(t[f])} got ${JSON.stringify(g[f])}`);
    }
  });
  r.rows.forEach((g, i) => {
    if (!used.has(i)) console.log(`  EXTRA ${JSON.stringify({ i: g.item, pn: g.partNumber, n: g.name, q: g.quantity })}`);
  });
}
