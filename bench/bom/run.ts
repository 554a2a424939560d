// npm run bench:bom — PDF_BOM accuracy and speed over the generated corpus plus the real
// gearbox drawing, then over the real-world development set (bench/bom/realworld.ts): per-document and overall row precision/recall/F1, cell accuracy, and time
// per page next to raw pdfjs getTextContent; then the OCR section (bench/ocr/run.ts). BENCH_REPS sets the repetitions (default 7).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPdfBom } from "../../server/src/stages/pdf-bom/index.js";
import type { Reporter } from "../../server/src/stages/types.js";
import { availableSpecs, CJK_FONT_PATH, writeDoc, type TruthRow } from "#test-support/bom-corpus/index.js";
import { metrics, scoreDoc, sumScores, type Score } from "./score.js";
import { timeDoc, type Timing } from "./timing.js";
import { realWorldSection } from "./realworld.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const gearbox = path.resolve(here, "../../../shared/fixtures/pdf/gearbox-assembly-drawing.pdf");
const reps = Number(process.env.BENCH_REPS ?? 7);
const silent: Reporter = { stage() {}, log() {} };

interface Entry {
  id: string;
  file: string;
  truth: TruthRow[];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bom-"));
  try {
    const entries: Entry[] = [];
    if (fs.existsSync(gearbox)) {
      const truth = JSON.parse(fs.readFileSync(path.join(here, "gearbox.truth.json"), "utf8")) as { rows: TruthRow[] };
      entries.push({ id: "gearbox (real, Inventor)", file: gearbox, truth: truth.rows });
    } else console.log(`SKIPPED gearbox drawing: ${gearbox} not found`);
    const { ok, skipped } = availableSpecs();
    for (const s of skipped) console.log(`SKIPPED ${s.id}: CJK font ${CJK_FONT_PATH} not installed`);
    for (const spec of ok) {
      const d = await writeDoc(spec, dir);
      entries.push({ id: spec.id, file: d.file, truth: d.truth.rows });
    }

    const rows: { id: string; score: Score; time: Timing }[] = [];
    for (const e of entries) {
      const result = await runPdfBom({ pdfPath: e.file }, silent);
      const score = scoreDoc(result.rows, e.truth);
      const time = await timeDoc(e.file, reps);
      rows.push({ id: e.id, score, time });
    }
    print(rows);
    await realWorldSection(reps);
    await realWorldSection(
      reps,
      path.resolve(here, "../../server/test/fixtures/office-exports"),
      "Office exports (LibreOffice-written Word/Calc tables, server/test/fixtures/office-exports)",
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x: number) => x.toFixed(3);
const pad = (s: string | number, n: number) => String(s).padStart(n);

function print(rows: { id: string; score: Score; time: Timing }[]) {
  const w = Math.max(...rows.map((r) => r.id.length), 8);
  const head = `${"document".padEnd(w)} ${pad("pg", 2)} ${pad("truth", 5)} ${pad("got", 4)} ${pad("exact", 5)} ${pad("P", 5)} ${pad("R", 5)} ${pad("F1", 5)} ${pad("cell", 5)} ${pad("ms/pg", 6)} ${pad("raw", 6)} ${pad("ratio", 5)}`;
  console.log(head);
  console.log("-".repeat(head.length));
  for (const r of rows) {
    const m = metrics(r.score);
    const t = r.time;
    console.log(
      `${r.id.padEnd(w)} ${pad(t.pages, 2)} ${pad(r.score.truth, 5)} ${pad(r.score.got, 4)} ${pad(r.score.exact, 5)} ${pad(pct(m.precision), 5)} ${pad(pct(m.recall), 5)} ${pad(pct(m.f1), 5)} ${pad(pct(m.cellAccuracy), 5)} ${pad((t.oursMs / t.pages).toFixed(1), 6)} ${pad((t.rawMs / t.pages).toFixed(1), 6)} ${pad((t.oursMs / t.rawMs).toFixed(2), 5)}`,
    );
  }
  console.log("-".repeat(head.length));
  const all = sumScores(rows.map((r) => r.score));
  const m = metrics(all);
  const pages = rows.reduce((a, r) => a + r.time.pages, 0);
  const ours = rows.reduce((a, r) => a + r.time.oursMs, 0);
  const raw = rows.reduce((a, r) => a + r.time.rawMs, 0);
  console.log(
    `${"OVERALL".padEnd(w)} ${pad(pages, 2)} ${pad(all.truth, 5)} ${pad(all.got, 4)} ${pad(all.exact, 5)} ${pad(pct(m.precision), 5)} ${pad(pct(m.recall), 5)} ${pad(pct(m.f1), 5)} ${pad(pct(m.cellAccuracy), 5)} ${pad((ours / pages).toFixed(1), 6)} ${pad((raw / pages).toFixed(1), 6)} ${pad((ours / raw).toFixed(2), 5)}`,
  );
  console.log(
    `\n${rows.length} documents, ${pages} pages; times are medians of ${reps} runs (open + all pages), same process. ` +
      `Targets: F1 >= 0.98 ${m.f1 >= 0.98 ? "MET" : "MISSED"}, cell accuracy >= 0.97 ${m.cellAccuracy >= 0.97 ? "MET" : "MISSED"}, ` +
      `time ratio <= 1.5 ${ours / raw <= 1.5 ? "MET" : "MISSED"}.`,
  );
}

await main();

// The OCR section (drawings without a text layer: the outlined FreeCAD drawing and scans of every
// real document): the same run as `npm run bench:ocr`, about a minute more. BENCH_BOM_OCR=0 skips it.
if (process.env.BENCH_BOM_OCR !== "0") {
  console.log("\nOCR section (npm run bench:ocr):");
  await import("../ocr/run.js");
}
