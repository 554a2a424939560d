// npm run bench:match — precision / recall of MATCHING on labelled BOMs against the real
// STEP_EXTRACT output of the CAx-IF fixtures. Exit code 1 when a target is missed.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runMatching } from "../../server/src/stages/matching/index.js";
import { runStepExtract } from "../../server/src/stages/step-extract/index.js";
import type { BomResult, BomRow, Reporter, StepResult } from "../../server/src/stages/types.js";
import { cadPairs, type PairScore } from "./cad-pairs.js";
import { corpus, type LabelledBom } from "./corpus.js";
import { bomRow } from "#test-support/bom-row.js";

const TARGET_PRECISION = 0.98;
const TARGET_RECALL = 0.95;

const here = path.dirname(fileURLToPath(import.meta.url));
const stepDir = path.resolve(here, "../../../shared/fixtures/step");
const quiet: Reporter = { stage: () => {}, log: () => {} };

function toBom(doc: LabelledBom): BomResult {
  const rows: BomRow[] = doc.rows.map(({ row }, i) => bomRow(null, null, { item: String(i + 1), ...row }));
  return { rows, headerMap: {}, page: 1, warnings: [] };
}

interface Score {
  doc: string;
  rows: number;
  tp: number;
  fp: number;
  fn: number;
  qtyMismatches: number;
  errors: string[];
}

async function scoreDoc(doc: LabelledBom, step: StepResult): Promise<Score> {
  const result = await runMatching({ bom: toBom(doc), step }, quiet);
  const s: Score = { doc: doc.doc, rows: doc.rows.length, tp: 0, fp: 0, fn: 0, qtyMismatches: result.quantityMismatches?.length ?? 0, errors: [] };
  doc.rows.forEach(({ row, truth }, i) => {
    const m = result.matches[i]!;
    const got = (m.partIndices ?? (m.partIndex === null ? [] : [m.partIndex])).map((j) => step.parts[j]!.name);
    const label = row.name ?? row.partNumber ?? "?";
    for (const name of got) {
      if (name === truth) s.tp++;
      else {
        s.fp++;
        s.errors.push(`"${label}" → ${name} (${m.reason}), expected ${truth ?? "nothing"}`);
      }
    }
    if (truth !== null && !got.includes(truth)) {
      s.fn++;
      if (!got.length) s.errors.push(`"${label}" unmatched (${m.reason}), expected ${truth}`);
    }
  });
  return s;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const pad = (v: string | number, n: number) => String(v).padEnd(n);

/** `--cad=<text>`: only the CAD pairs whose name contains <text> (profiling one pair). */
const cadOnly = process.argv.find((a) => a.startsWith("--cad="))?.slice("--cad=".length);

async function main() {
  if (cadOnly !== undefined) {
    const cad = await cadPairs(cadOnly);
    printCadPairs(cad);
    return;
  }
  if (!fs.existsSync(stepDir)) {
    console.log(`bench:match: ${stepDir} not found; every document needs a fixture, nothing to measure.`);
    return;
  }
  const steps = new Map<string, StepResult>();
  const scores: Score[] = [];
  for (const doc of corpus()) {
    const file = path.join(stepDir, doc.step);
    if (!fs.existsSync(file)) {
      console.log(`skip ${doc.doc}: fixture ${doc.step} not found`);
      continue;
    }
    if (!steps.has(doc.step)) {
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-match-"));
      steps.set(doc.step, await runStepExtract({ stepPaths: [file], workDir }, quiet));
      fs.rmSync(workDir, { recursive: true, force: true });
    }
    scores.push(await scoreDoc(doc, steps.get(doc.step)!));
  }

  console.log(`${pad("document", 30)}${pad("rows", 6)}${pad("TP", 5)}${pad("FP", 5)}${pad("FN", 5)}${pad("precision", 11)}${pad("recall", 8)}`);
  for (const s of scores) {
    console.log(
      `${pad(s.doc, 30)}${pad(s.rows, 6)}${pad(s.tp, 5)}${pad(s.fp, 5)}${pad(s.fn, 5)}` +
        `${pad(ratio(s.tp, s.tp + s.fp).toFixed(3), 11)}${pad(ratio(s.tp, s.tp + s.fn).toFixed(3), 8)}`,
    );
    for (const e of s.errors) console.log(`    ${e}`);
  }
  const tp = scores.reduce((a, s) => a + s.tp, 0);
  const fp = scores.reduce((a, s) => a + s.fp, 0);
  const fn = scores.reduce((a, s) => a + s.fn, 0);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  console.log(
    `${pad("TOTAL", 30)}${pad(
      scores.reduce((a, s) => a + s.rows, 0),
      6,
    )}${pad(tp, 5)}${pad(fp, 5)}${pad(fn, 5)}` + `${pad(precision.toFixed(3), 11)}${pad(recall.toFixed(3), 8)}`,
  );
  const cad = await cadPairs();
  printCadPairs(cad);
  // Targets hold on every CAD pair, not only in total; quantities on every correct match.
  const cadOk = cad.every((s) => ratio(s.tp, s.tp + s.fp) >= TARGET_PRECISION && ratio(s.tp, s.tp + s.fn) >= TARGET_RECALL && s.quantityOk === s.tp);
  if (!cadOk) console.log("CAD pairs: a pair misses precision, recall or quantityOk");
  const ok = precision >= TARGET_PRECISION && recall >= TARGET_RECALL && cadOk;
  console.log(
    `targets: precision ≥ ${TARGET_PRECISION} ${precision >= TARGET_PRECISION ? "met" : "MISSED"}, ` +
      `recall ≥ ${TARGET_RECALL} ${recall >= TARGET_RECALL ? "met" : "MISSED"}`,
  );
  if (!ok) process.exitCode = 1;
}

function printCadPairs(cad: PairScore[]): void {
  console.log(
    `\n${pad("CAD pair", 36)}${pad("rows", 6)}${pad("TP", 5)}${pad("FP", 5)}${pad("FN", 5)}${pad("P", 7)}${pad("R", 7)}` +
      `${pad("qtyOk", 9)}${pad("files", 7)}${pad("MB", 7)}${pad("extract", 10)}${pad("raw occt", 10)}${pad("ratio", 7)}peak RSS`,
  );
  for (const s of cad) {
    const r = Number.isNaN(s.rawOcctMs) ? "-" : (s.extractMs / s.rawOcctMs).toFixed(2);
    console.log(
      `${pad(s.pair, 36)}${pad(s.rows, 6)}${pad(s.tp, 5)}${pad(s.fp, 5)}${pad(s.fn, 5)}` +
        `${pad(ratio(s.tp, s.tp + s.fp).toFixed(3), 7)}${pad(ratio(s.tp, s.tp + s.fn).toFixed(3), 7)}${pad(`${s.quantityOk}/${s.tp}`, 9)}` +
        `${pad(s.files, 7)}${pad(s.megabytes.toFixed(1), 7)}${pad(`${(s.extractMs / 1000).toFixed(1)} s`, 10)}` +
        `${pad(Number.isNaN(s.rawOcctMs) ? "-" : `${(s.rawOcctMs / 1000).toFixed(1)} s`, 10)}${pad(r, 7)}${s.peakRssMb.toFixed(0)} MB`,
    );
    const ph = s.phases;
    const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`    STEP_EXTRACT phases: unzip ${sec(ph.unzip)}, read+hash+parse ${sec(ph.parse)}, occt ${sec(ph.occt)}, rest ${sec(ph.rest)}`);
    if (s.pdf) {
      console.log(
        `    BOM PDF (PDF_BOM → MATCHING): ${s.pdf.read} rows read of ${s.pdf.printed} printed, ` +
          `${s.pdf.wrong.length} read wrong, ${s.pdf.missing} printed rows with a part not read`,
      );
      for (const w of s.pdf.wrong) console.log(`      ${w}`);
    }
    for (const e of s.errors) console.log(`    ${e}`);
  }
}

await main();
