// The target size: a ~100-part robot arm (99 distinct parts, 9 sub-assemblies, bolts
// joining the modules) gives a manual a person can hold: ≤ 40 pages, every part placed exactly
// once (checkManual), sub-assemblies built once, the main assembly in several chapters, the
// drawing's supplier column in the parts list, bearings outside the hardware kits.
// One generation serves every assertion (server/scripts/manual-robot-arm.ts writes the same manual to look at).

import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGeometry, planAssembly, runGenerate, type AssemblyPlan } from "../../src/stages/generate/index.js";
import { runMatching } from "../../src/stages/matching/index.js";
import { runStepExtract } from "../../src/stages/step-extract/index.js";
import type { MatchingResult, PdfDeepResult, StepResult } from "../../src/stages/types.js";
import { makeRobotArm } from "../support/make-robot-arm.js";
import { makeStepAssembly } from "../support/make-step.js";
import { checkManual, readPdf } from "../render/manual-checks.js";

const arm = makeRobotArm();
const deep: PdfDeepResult = {
  pageCount: 1,
  pages: [],
  notes: [],
  titleBlock: { title: "Robot arm RA1", drawingNumber: "RA-1000", revision: "B", date: null, fields: {} },
};

describe("GENERATE on a generated 99-part robot arm", () => {
  let dir: string;
  let step: StepResult;
  let matching: MatchingResult;
  let plan: AssemblyPlan;
  let html: string;
  let pages: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "generate-robot-arm-"));
    const stp = path.join(dir, "robot-arm.stp");
    await writeFile(stp, makeStepAssembly(arm.spec));
    const nop = { stage: () => {}, log: () => {} };
    step = await runStepExtract({ stepPaths: [stp], workDir: dir }, nop);
    matching = await runMatching({ bom: arm.bom, step }, nop);
    plan = planAssembly(arm.bom, step, matching, await loadGeometry(step, () => {}));
    const t0 = performance.now();
    await runGenerate({ workDir: dir, bom: arm.bom, deep, step, matching }, nop);
    pages = (await readPdf(path.join(dir, "manual.pdf"))).pages;
    html = await readFile(path.join(dir, "manual.html"), "utf8");
    console.log(
      `generate-robot-arm: ${step.parts.length} parts, ${step.instanceCount} instances, ${plan.steps.length} steps, ${pages.length} pages, GENERATE ${Math.round(performance.now() - t0)} ms`,
    );
  }, 60_000);

  afterAll(async () => {
    if (process.env.MANUAL_KEEP) console.log(`generate-robot-arm: kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  });

  it("is a robot-arm-sized product: ≥ 90 distinct parts, all matched, 6–10 sub-assemblies", () => {
    expect(arm.distinctParts).toBeGreaterThanOrEqual(90);
    expect(step.parts.length).toBe(arm.distinctParts);
    expect(matching.matches.filter((m) => m.partIndex !== null && m.quantityOk).length).toBe(arm.distinctParts);
    const built = new Set(plan.steps.flatMap((s) => (s.assembly ? [s.assembly] : [])));
    expect(built.size).toBeGreaterThanOrEqual(6);
    expect(built.size).toBeLessThanOrEqual(10);
    // The two fingers are one build, "make 2".
    expect(plan.steps.filter((s) => s.assembly === "gripper finger").every((s) => s.copies === 2)).toBe(true);
  });

  it("passes the manual check within 40 pages", () => {
    checkManual({ plan, step, bom: arm.bom, matching, html, pdfPages: pages.length }, { maxPages: 40, minCallouts: plan.steps.length });
  });

  it("splits the long main assembly into chapters and keeps the drawing's supplier column", () => {
    expect(html).toMatch(/Main assembly 2\/\d+/);
    expect(html).toContain("<th>Supplier</th>");
    expect(html).toContain("<td>SKF</td>");
    expect(pages.join(" ")).toContain("Supplier");
  });

  it("places bearings as parts, not in the hardware kit, and gives stainless screws a torque", () => {
    const bearings = plan.steps.flatMap((s) => s.items.filter((it) => /bearing/.test(it.name)));
    expect(bearings.length).toBe(8);
    expect(bearings.every((b) => !b.fastener)).toBe(true);
    const kits = [...html.matchAll(/<div class="kit"[^>]*>(.*?)<\/div>/g)].map((m) => m[1]!).join(" ");
    expect(kits).toContain("ISO 4762");
    expect(kits).not.toMatch(/bearing|DIN 625/);
    expect(pages[0]).toContain("ISO 4762 M5×14 – A4-80: 4.6 N·m (reference value)");
  });
});
