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
  return {
    figure,
    unit: "ms",
    median: median(r.ours),
    p99: p99(r.ours),
    baseline,
    baseMedian: median(r.raw),
    baseP99: p99(r.raw),
    ratio,
    target: `≤ ${limit}×`,
    ok: ratio <= limit,
    note,
  };
}

export async function pdfBomStage(quick: boolean): Promise<Row[]> {
  const file = await bomPdf50();
  // Each call takes ~0.25 s; 7 pairs let one burst of a shared machine's load move the median ratio by 0.3.
  const r = await interleave(
    quick ? 5 : 15,
    () => runPdfBom({ pdfPath: file }, silent),
    () => rawPdfText(file),
  );
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
    const r = reps > 1 ? await interleave(reps, ours, () => rawOcct(file)) : await abba(ours, () => rawOcct(file));
    const mb = fs.statSync(file).size / 1e6;
    return row(
      `STEP_EXTRACT, ${label} (${mb.toFixed(1)} MB)`,
      r,
      "occt ReadStepFile",
      1.15,
      reps > 1 ? "" : "mean of 2 runs each, order raw·ours·ours·raw (slow)",
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Two timed runs of each in the order raw, ours, ours, raw, reported as the mean of each side
 * (no separate warm-up: occt is loaded already). With one run each, a shared machine's load
 * drifting over the ~90 s landed on one side only; this order cancels a linear drift, and each
 * side gets one run on a fresh occt heap (grown during the run) and one on a grown heap.
 */
async function abba(ours: () => Promise<unknown>, raw: () => Promise<unknown>) {
  const timed = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const r1 = await timed(raw);
  const o1 = await timed(ours);
  const o2 = await timed(ours);
  const r2 = await timed(raw);
  return { ours: [(o1 + o2) / 2], raw: [(r1 + r2) / 2] };
}

export async function stepExtractStage(quick: boolean): Promise<Row[]> {
  const as1 = fixture("step/as1-oc-214.stp");
  if (!as1) return [{ figure: "STEP_EXTRACT", unit: "ms", median: NaN, p99: NaN, target: "≤ 1.15×", note: "skipped: fixtures absent" }];
  // as1 calls take ~0.4 s: enough pairs for a median that a shared machine's noise does not swing.
  const rows = [await stepRow("as1-oc-214", as1, quick ? 7 : 11)];
  const big = quick ? null : await bigFixtureStep();
  if (big) rows.push(await stepRow("as1-oc-214 ×46 placed", big, 1));
  return rows;
}
