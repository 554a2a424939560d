// Writes the manual of the real CubeFactory cutting unit (shared realworld fixture: STEP +
// the drawing's parts list from its truth file) into a folder, to look at the pages:
//   node --import @swc-node/register/esm-register server/scripts/manual-realworld.ts /tmp/out

import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { runGenerate } from "../src/stages/generate/index.js";
import { runMatching } from "../src/stages/matching/index.js";
import { runStepExtract } from "../src/stages/step-extract/index.js";
import type { BomResult, BomRow, PdfDeepResult } from "../src/stages/types.js";
import { bomRow } from "../test/support/bom-row.js";

const DIR = fileURLToPath(new URL("../../../shared/fixtures/realworld", import.meta.url));
const out = process.argv[2] ?? "/tmp/manual-realworld";
const truth = JSON.parse(readFileSync(`${DIR}/sw-cubefactory-cutting-unit.truth.json`, "utf8")) as { bom: Partial<BomRow>[] };
const bom: BomResult = {
  rows: truth.bom.map((r) => bomRow(r.name ?? null, r.quantity ?? null, { item: r.item ?? null, partNumber: r.partNumber ?? null })),
  headerMap: {},
  page: 1,
  warnings: [],
};
const deep: PdfDeepResult = {
  pageCount: 1,
  pages: [],
  notes: [],
  titleBlock: { title: "Cutting unit", drawingNumber: "01_02_00", revision: null, date: null, fields: {} },
};
await mkdir(out, { recursive: true });
const nop = { stage: () => {}, log: () => {} };
const step = await runStepExtract({ stepPaths: [`${DIR}/step/sw-cubefactory-cutting-unit/01_02_00-cutting_unit.STEP`], workDir: out }, nop);
const matching = await runMatching({ bom, step }, nop);
const t0 = performance.now();
const r = await runGenerate({ workDir: out, bom, deep, step, matching }, nop);
console.log(`${step.instanceCount} instances, ${r.stepCount} steps, GENERATE ${Math.round(performance.now() - t0)} ms → ${out}/manual.pdf`);
