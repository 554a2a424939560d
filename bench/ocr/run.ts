// npm run bench:ocr — PDF_BOM on drawings without a text layer: the outlined-text FreeCAD
// drawing as it is, plus deterministic scans (server/test/support/make-scan.ts: 200 dpi,
// 0.5° rotation, light noise; one at 150 dpi) of the shared gearbox drawing and of every
// real-world document. Per document: row F1, cell accuracy, OCR time per page.
// BENCH_OCR_ONLY=<substring> runs only matching documents.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runPdfBom } from "../../server/src/stages/pdf-bom/index.js";
import type { BomResult, Reporter } from "../../server/src/stages/types.js";
import { canRender, makeScan, pageCount } from "#test-support/make-scan.js";
import { realDocs, realMetrics, scoreReal, type RealDoc } from "#test-support/realworld.js";
import type { TruthRow } from "#test-support/bom-corpus/index.js";
import { metrics, scoreDoc } from "../bom/score.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const gearbox = path.resolve(here, "../../../shared/fixtures/pdf/gearbox-assembly-drawing.pdf");
const only = process.env.BENCH_OCR_ONLY;

interface Entry {
  id: string;
  file: string;
  score: (r: BomResult) => { f1: number; cell: number; truth: number };
}

const ocrSettings = { maxPages: 10, maxPixels: 36_000_000, timeoutMs: 10 * 60_000 };

async function main() {
  if (!canRender()) {
    console.log("SKIPPED: pdftoppm is not installed");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ocr-"));
  const entries: Entry[] = [];
  const scan = (src: string, name: string, dpi: number) => {
    const out = path.join(dir, `${name}-scan${dpi}.pdf`);
    fs.writeFileSync(out, makeScan(src, { dpi, degrees: 0.5, seed: 17 }));
    return out;
  };
  const real = (doc: RealDoc) => (r: BomResult) => {
    const m = realMetrics(scoreReal(r.rows, doc));
    return { f1: m.f1, cell: m.cellAccuracy, truth: doc.rows.length };
  };
  try {
    const { docs, missing } = realDocs();
    if (missing) console.log(`SKIPPED real-world documents: ${missing}`);
    const add = (id: string, make: () => string, score: Entry["score"]) => {
      if (only && !id.includes(only)) return;
      try {
        entries.push({ id, file: make(), score });
      } catch (e) {
        console.log(`${id}: could not make the scan: ${(e as Error).message}`);
      }
    };
    for (const doc of docs) {
      if (doc.stem === "freecad-spool-holder-assembly") add(`${doc.stem} (outlined text)`, () => doc.file, real(doc));
      add(`${doc.stem} scan 200dpi`, () => scan(doc.file, doc.stem, 200), real(doc));
    }
    const cube = docs.find((d) => d.stem === "sw-cubefactory-cutting-unit");
    if (cube) add(`${cube.stem} scan 150dpi`, () => scan(cube.file, cube.stem, 150), real(cube));
    if (fs.existsSync(gearbox)) {
      const truth = (JSON.parse(fs.readFileSync(path.join(here, "../bom/gearbox.truth.json"), "utf8")) as { rows: TruthRow[] }).rows;
      add(
        "gearbox scan 200dpi",
        () => scan(gearbox, "gearbox", 200),
        (r) => {
          const m = metrics(scoreDoc(r.rows, truth));
          return { f1: m.f1, cell: m.cellAccuracy, truth: truth.length };
        },
      );
    } else console.log(`SKIPPED gearbox drawing: ${gearbox} not found`);

    const w = Math.max(...entries.map((e) => e.id.length), 8);
    const head = `${"document".padEnd(w)} ${"pg".padStart(3)} ${"truth".padStart(5)} ${"got".padStart(4)} ${"F1".padStart(5)} ${"cell".padStart(5)} ${"conf".padStart(5)} ${"s/page".padStart(7)}  result`;
    console.log(head);
    console.log("-".repeat(head.length + 10));
    let worst = { f1: 1, cell: 1, sPerPage: 0 };
    for (const e of entries) {
      const pages = pageCount(e.file);
      const t0 = Date.now();
      try {
        const r = await runPdfBom({ pdfPath: e.file, ocr: ocrSettings }, silent);
        const ms = Date.now() - t0;
        const s = e.score(r);
        const ocrPages = r.ocr?.pages.length ?? 0;
        const perPage = ocrPages ? ms / 1000 / ocrPages : NaN;
        worst = { f1: Math.min(worst.f1, s.f1), cell: Math.min(worst.cell, s.cell), sPerPage: Math.max(worst.sPerPage, perPage || 0) };
        console.log(
          `${e.id.padEnd(w)} ${String(pages).padStart(3)} ${String(s.truth).padStart(5)} ${String(r.rows.length).padStart(4)} ${s.f1.toFixed(3)} ${s.cell.toFixed(3)} ${(r.ocr?.meanConfidence ?? 0).toFixed(2).padStart(5)} ${perPage.toFixed(1).padStart(7)}  ${ocrPages} page(s) OCR'd, ${r.notices?.length ?? 0} notice(s)`,
        );
      } catch (err) {
        worst = { ...worst, f1: 0, cell: 0 };
        console.log(`${e.id.padEnd(w)} ${String(pages).padStart(3)}  FAILED: ${(err as { code?: string }).code ?? ""} ${(err as Error).message}`);
      }
    }
    console.log(
      `\nWorst document: F1 ${worst.f1.toFixed(3)} (target >= 0.9 ${worst.f1 >= 0.9 ? "MET" : "MISSED"}), cell accuracy ${worst.cell.toFixed(3)} ` +
        `(target >= 0.9 ${worst.cell >= 0.9 ? "MET" : "MISSED"}), slowest ${worst.sPerPage.toFixed(1)} s per OCR'd page (target <= 15 s per A3 page; ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)}).`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const silent: Reporter = { stage() {}, log() {} };

await main();
