// GENERATE on a real product: the CubeFactory cutting unit's STEP assembly with the parts list of
// its drawing (truth file of the shared realworld corpus). DIN 912 screws and DIN 934 nuts written
// in SolidWorks file-name style; a ball bearing modelled as 14 bodies that is bought, not built.

import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGeometry, planAssembly, runGenerate, type AssemblyPlan } from "../../src/stages/generate/index.js";
import { runMatching } from "../../src/stages/matching/index.js";
import { runStepExtract } from "../../src/stages/step-extract/index.js";
import type { BomResult, BomRow, MatchingResult, PdfDeepResult, StepResult } from "../../src/stages/types.js";
import { checkManual, readPdf } from "../render/manual-checks.js";
import { REALWORLD_DIR } from "../support/realworld.js";
import { bomRow } from "../support/bom-row.js";

const TRUTH = path.join(REALWORLD_DIR, "sw-cubefactory-cutting-unit.truth.json");
const STP = path.join(REALWORLD_DIR, "step/sw-cubefactory-cutting-unit/01_02_00-cutting_unit.STEP");
const present = existsSync(TRUTH) && existsSync(STP);
if (!present) console.warn(`generate-realworld: skipped, ${STP} not found`);

describe.skipIf(!present)("GENERATE on the real CubeFactory cutting unit", () => {
  let dir: string;
  let step: StepResult;
  let bom: BomResult;
  let matching: MatchingResult;
  let plan: AssemblyPlan;
  let html: string;
  let pages: string[];

  beforeAll(async () => {
    const truth = JSON.parse(readFileSync(TRUTH, "utf8")) as { bom: Partial<BomRow>[] };
    bom = {
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
    dir = await mkdtemp(path.join(tmpdir(), "generate-realworld-"));
    const nop = { stage: () => {}, log: () => {} };
    step = await runStepExtract({ stepPaths: [STP], workDir: dir }, nop);
    matching = await runMatching({ bom, step }, nop);
    plan = planAssembly(bom, step, matching, await loadGeometry(step, () => {}));
    const t0 = performance.now();
    await runGenerate({ workDir: dir, bom, deep, step, matching }, nop);
    pages = (await readPdf(path.join(dir, "manual.pdf"))).pages;
    html = await readFile(path.join(dir, "manual.html"), "utf8");
    console.log(
      `generate-realworld: ${step.instanceCount} instances, ${plan.steps.length} steps, ${pages.length} pages, GENERATE ${Math.round(performance.now() - t0)} ms`,
    );
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("passes the manual check, with the bearing placed whole", () => {
    checkManual({ plan, step, bom, matching, html, pdfPages: pages.length }, { maxPages: 14, minCallouts: plan.steps.length });
    expect(plan.bought.size).toBe(1);
    expect(plan.steps.some((s) => s.assembly !== null)).toBe(false);
  });

  it("matches the bearing row to the bearing sub-assembly ×2, placed as that row's bought unit", () => {
    const m = matching.matches[4]!;
    expect(m.cadAssembly).toBe("01_02_05-deep_groove_ball_bearing_FAG6005_2Z-DIN625-1");
    expect(m.cadQuantity).toBe(2);
    expect(m.quantityOk).toBe(true);
    expect(matching.unmatchedBomRows).toEqual([]);
    const unit = plan.steps.flatMap((s) => s.items).find((it) => it.name === m.cadAssembly);
    expect(unit?.bomIndex).toBe(4);
  });

  it("derives the tools from the DIN 912 screws and DIN 934 nuts", () => {
    for (const t of ["8 mm spanner", "3 mm hex key", "4 mm hex key"]) expect(pages[0]).toContain(t);
    expect(pages.join(" ")).toContain("DIN 912 M5×10");
  });
});
