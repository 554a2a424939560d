// Writes the AS1 fixture's manual (PDF + HTML) into a folder, to look at the pages:
//   node --import @swc-node/register/esm-register server/scripts/manual-sample.ts /tmp/out
//   pdftoppm -r 60 -png /tmp/out/manual.pdf /tmp/out/page

import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { runGenerate } from "../src/stages/generate/index.js";
import { runMatching } from "../src/stages/matching/index.js";
import { runStepExtract } from "../src/stages/step-extract/index.js";
import type { BomResult, BomRow, PdfDeepResult } from "../src/stages/types.js";

const AS1 = "/work/shared/fixtures/step/as1-oc-214.stp";
const out = process.argv[2] ?? "/tmp/manual-sample";
if (!existsSync(AS1)) throw new Error(`${AS1} not found`);

const row = (item: string, name: string, quantity: number, description: string | null = null, material = "S235"): BomRow => ({
  item,
  partNumber: `AS1-00${item}`,
  name,
  description,
  quantity,
  unit: null,
  material,
  note: null,
  page: 1,
  bbox: [0, 0, 0, 0],
  confidence: 1,
});
const bom: BomResult = {
  rows: [
    row("1", "plate", 1),
    row("2", "l-bracket", 2),
    row("3", "bolt", 6, "ISO 4017 M10x40", "8.8"),
    row("4", "nut", 8, "ISO 4032 M10", "8"),
    row("5", "rod", 1),
  ],
  headerMap: {},
  page: 1,
  warnings: [],
};
const deep: PdfDeepResult = {
  pageCount: 1,
  pages: [],
  titleBlock: { title: "AS1 Assembly", drawingNumber: "AS1-OC-214", revision: "A", date: "2024-05-01", fields: {} },
  notes: [],
};
await mkdir(out, { recursive: true });
const nop = { stage: () => {}, log: () => {} };
const step = await runStepExtract({ stepPaths: [AS1], workDir: out }, nop);
const matching = await runMatching({ bom, step }, nop);
const t0 = performance.now();
await runGenerate({ workDir: out, bom, deep, step, matching }, nop);
console.log(`GENERATE ${Math.round(performance.now() - t0)} ms → ${out}/manual.pdf`);
