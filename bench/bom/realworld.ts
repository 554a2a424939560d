// The real-world section of `npm run bench:bom`: documents written by others
// (../shared/fixtures/realworld, truth beside each), scored with the rules of that folder's README
// (server/test/support/realworld.ts) and timed against raw pdfjs getTextContent in the same run.
// One document failing prints its error and the others still run.
import { loadConfig } from "../../server/src/config.js";
import { runPdfBom } from "../../server/src/stages/pdf-bom/index.js";
import type { OcrSettings, Reporter } from "../../server/src/stages/types.js";
import { realDocs, realMetrics, scoreReal, type RealScore } from "#test-support/realworld.js";
import { timeDoc, type Timing } from "./timing.js";

const silent: Reporter = { stage() {}, log() {} };
// As the server runs the stage: OCR on for pages whose text layer holds no parts list.
const config = loadConfig({});
const ocr: OcrSettings = {
  languages: config.ocrLanguages,
  maxPages: config.ocrMaxPages,
  maxPixels: config.ocrMaxPixels,
  timeoutMs: config.stageTimeoutMs,
};
const f3 = (x: number) => x.toFixed(3);
const pad = (s: string | number, n: number) => String(s).padStart(n);

export async function realWorldSection(reps: number, dir?: string, title = "Real-world documents (../shared/fixtures/realworld)"): Promise<void> {
  const { docs, missing } = realDocs(dir);
  console.log(`\n${title}:`);
  if (missing) return void console.log(`SKIPPED: ${missing}`);
  const w = Math.max(...docs.map((d) => d.stem.length), 8);
  const head = `${"document".padEnd(w)} ${pad("pg", 2)} ${pad("truth", 5)} ${pad("got", 4)} ${pad("P", 5)} ${pad("R", 5)} ${pad("F1", 5)} ${pad("cell", 5)} ${pad("extra", 5)} ${pad("sect", 5)} ${pad("ms/pg", 7)} ${pad("raw", 6)} ${pad("ratio", 5)}`;
  console.log(head);
  console.log("-".repeat(head.length));
  const f1s: number[] = [];
  for (const d of docs) {
    try {
      const result = await runPdfBom({ pdfPath: d.file, ocr }, silent);
      const s: RealScore = scoreReal(result.rows, d);
      const m = realMetrics(s);
      const t: Timing = await timeDoc(d.file, reps);
      f1s.push(m.f1);
      const notes = (result.notices ?? []).map((n) => n.code).join(",");
      console.log(
        `${d.stem.padEnd(w)} ${pad(t.pages, 2)} ${pad(s.truth, 5)} ${pad(s.got, 4)} ${pad(f3(m.precision), 5)} ${pad(f3(m.recall), 5)} ${pad(f3(m.f1), 5)} ${pad(f3(m.cellAccuracy), 5)} ${pad(f3(m.extrasKept), 5)} ${pad(f3(m.sections), 5)} ${pad((t.oursMs / t.pages).toFixed(1), 7)} ${pad((t.rawMs / t.pages).toFixed(1), 6)} ${pad((t.oursMs / t.rawMs).toFixed(2), 5)}${notes ? `  ${notes}` : ""}`,
      );
    } catch (e) {
      f1s.push(0);
      console.log(`${d.stem.padEnd(w)} ERROR ${(e as Error).message}`);
    }
  }
  const mean = f1s.reduce((a, b) => a + b, 0) / Math.max(f1s.length, 1);
  console.log("-".repeat(head.length));
  console.log(
    `${docs.length} documents; mean row F1 ${f3(mean)}. extra = printed cells outside the typed fields kept in BomRow.columns; ` +
      `sect = rows given the right section. Rows are read as the server reads them (OCR for pages whose text layer holds no parts list); ` +
      `times are the text-layer path only (OCR times: npm run bench:ocr).`,
  );
}
