// PDF_BOM and STEP_EXTRACT stage code (in this thread, reporter silenced) against the raw
// library call over the same input, interleaved in the same run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runPdfBom } from "../../server/src/stages/pdf-bom/index.js";
import { runStepExtract } from "../../server/src/stages/step-extract/index.js";
import type { Reporter } from "../../server/src/stages/types.js";
import { bomPdf50, CACHE_DIR, fixture } from "../inputs/make-inputs.js";
import { repeatStep } from "../inputs/repeat-step.js";
import { interleave, median, p99 } from "../lib/stats.js";
import type { Row } from "../lib/table.js";
import { rawOcct, rawPdfText } from "./raw.js";

const silent: Reporter = { stage() {}, log() {} };

function row(figure: string, r: { ours: number[]; raw: number[] }, baseline: string, limit: number, note = ""): Row {
  const ratio = median(r.ours) / median(r.raw);
  return { figure, unit: "ms", median: median(r.ours), p99: p99(r.ours), baseline, baseMedian: median(r.raw), baseP99: p99(r.raw), ratio, target: `≤ ${limit}×`, ok: ratio <= limit, note };
}

export async function pdfBomStage(quick: boolean): Promise<Row[]> {
  const file = await bomPdf50();
  const r = await interleave(quick ? 3 : 7, () => runPdfBom({ pdfPath: file }, silent), () => rawPdfText(file));
  const bom = await runPdfBom({ pdfPath: file }, silent);
  return [row("PDF_BOM, 50-page generated BOM PDF", r, "pdfjs getTextContent", 1.5, `${bom.rows.length} rows read`)];
}

/** ~20 MB: copies of as1-oc-214 placed on a grid by a new top assembly. */
export async function bigFixtureStep(): Promise<string | null> {
  const src = fixture("step/as1-oc-214.stp");
  if (!src) return null;
  const copies = Math.round(20e6 / fs.statSync(src).size);
  const file = path.join(CACHE_DIR, `as1-x${copies}.stp`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(file, repeatStep(src, copies));
  }
  return file;
}

async function stepRow(label: string, file: string, reps: number): Promise<Row> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-bench-step-"));
  try {
    const ours = () => runStepExtract({ stepPaths: [file], workDir: work }, silent);
    const r = reps > 1 ? await interleave(reps, ours, () => rawOcct(file)) : await once(ours, () => rawOcct(file));
    const mb = fs.statSync(file).size / 1e6;
    return row(`STEP_EXTRACT, ${label} (${mb.toFixed(1)} MB)`, r, "occt ReadStepFile", 1.15, reps > 1 ? "" : "1 run each (slow)");
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A single timed run of each (no separate warm-up: occt is loaded already). */
async function once(ours: () => Promise<unknown>, raw: () => Promise<unknown>) {
  let t = performance.now();
  await raw();
  const r = [performance.now() - t];
  t = performance.now();
  await ours();
  return { ours: [performance.now() - t], raw: r };
}

export async function stepExtractStage(quick: boolean): Promise<Row[]> {
  const as1 = fixture("step/as1-oc-214.stp");
  if (!as1) return [{ figure: "STEP_EXTRACT", unit: "ms", median: NaN, p99: NaN, target: "≤ 1.15×", note: "skipped: fixtures absent" }];
  const rows = [await stepRow("as1-oc-214", as1, quick ? 3 : 5)];
  const big = quick ? null : await bigFixtureStep();
  if (big) rows.push(await stepRow("as1-oc-214 ×46 placed", big, 1));
  return rows;
}
