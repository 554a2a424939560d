// Writes the manual of a generated ~100-part robot arm (server/test/support/make-robot-arm.ts)
// into a folder, to look at the pages and time GENERATE at the target size:
//   node --import @swc-node/register/esm-register server/scripts/manual-robot-arm.ts /tmp/out
//   pdftoppm -r 50 -png /tmp/out/manual.pdf /tmp/out/page

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { runGenerate } from "../src/stages/generate/index.js";
import { runMatching } from "../src/stages/matching/index.js";
import { runStepExtract } from "../src/stages/step-extract/index.js";
import type { PdfDeepResult } from "../src/stages/types.js";
import { makeRobotArm } from "../test/support/make-robot-arm.js";
import { makeStepAssembly } from "../test/support/make-step.js";

const out = process.argv[2] ?? "/tmp/manual-robot-arm";
await mkdir(out, { recursive: true });
const arm = makeRobotArm();
const stp = path.join(out, "robot-arm.stp");
await writeFile(stp, makeStepAssembly(arm.spec));
const deep: PdfDeepResult = {
  pageCount: 1,
  pages: [],
  notes: [],
  titleBlock: { title: "Robot arm RA1", drawingNumber: "RA-1000", revision: "B", date: null, fields: {} },
};
const nop = { stage: () => {}, log: () => {} };
const step = await runStepExtract({ stepPaths: [stp], workDir: out }, nop);
const matching = await runMatching({ bom: arm.bom, step }, nop);
const t0 = performance.now();
await runGenerate({ workDir: out, bom: arm.bom, deep, step, matching }, nop);
console.log(
  `${arm.distinctParts} BOM rows, ${step.parts.length} CAD parts, ${step.instanceCount} instances, ` +
    `${matching.matches.filter((m) => m.partIndex !== null).length} matched; GENERATE ${Math.round(performance.now() - t0)} ms → ${out}/manual.pdf`,
);
