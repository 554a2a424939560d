// A generated ~100-part product (frame, ribs, feet, handles and their fixings): the manual must
// stay a size a person can hold (issue 18: ≤ 40 pages at robot-arm size), pass the manual
// check, and its HTML must fit a 390 px phone.

import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGeometry, planAssembly, runGenerate, type AssemblyPlan } from "../../src/stages/generate/index.js";
import { runMatching } from "../../src/stages/matching/index.js";
import { runStepExtract } from "../../src/stages/step-extract/index.js";
import type { BomResult, BomRow, MatchingResult, PdfDeepResult, StepResult } from "../../src/stages/types.js";
import { makeStepAssembly } from "../support/make-step.js";
import { checkManual, readPdf } from "../render/manual-checks.js";

type P = [number, number, number];
const posts: P[] = [
  [20, 20, 10],
  [560, 20, 10],
  [20, 360, 10],
  [560, 360, 10],
];
const ribs: P[] = Array.from({ length: 12 }, (_, i) => [60 + 40 * i, 150, 10]);
const feet: P[] = [
  [20, 20, -30],
  [540, 20, -30],
  [20, 340, -30],
  [540, 340, -30],
];
const handles: P[] = [
  [100, 10, 220],
  [420, 10, 220],
  [100, 370, 220],
  [420, 370, 220],
];
const SPEC = {
  name: "FRAME-106",
  parts: [
    { name: "base plate", size: [600, 400, 10] as P, placements: [[0, 0, 0]] as P[] },
    { name: "post", size: [20, 20, 200] as P, placements: posts },
    { name: "top plate", size: [600, 400, 10] as P, placements: [[0, 0, 210]] as P[] },
    {
      name: "cap screw",
      size: [8, 8, 30] as P,
      placements: posts.flatMap(
        ([x, y]) =>
          [
            [x + 1, y + 6, 200],
            [x + 11, y + 6, 200],
          ] as P[],
      ),
    },
    {
      name: "washer",
      size: [12, 12, 2] as P,
      placements: posts.flatMap(
        ([x, y]) =>
          [
            [x - 1, y + 4, 220],
            [x + 9, y + 4, 220],
          ] as P[],
      ),
    },
    { name: "rib", size: [10, 100, 50] as P, placements: ribs },
    {
      name: "hex bolt",
      size: [8, 8, 30] as P,
      placements: ribs.flatMap(
        ([x, y]) =>
          [
            [x + 1, y + 20, -15],
            [x + 1, y + 70, -15],
          ] as P[],
      ),
    },
    {
      name: "nut",
      size: [12, 12, 6] as P,
      placements: ribs.flatMap(
        ([x, y]) =>
          [
            [x - 1, y + 18, -6],
            [x - 1, y + 68, -6],
          ] as P[],
      ),
    },
    { name: "foot", size: [40, 40, 30] as P, placements: feet },
    {
      name: "foot screw",
      size: [6, 6, 40] as P,
      placements: feet.flatMap(
        ([x, y]) =>
          [
            [x + 5, y + 17, -35],
            [x + 29, y + 17, -35],
          ] as P[],
      ),
    },
    { name: "handle", size: [80, 20, 30] as P, placements: handles },
    {
      name: "pan screw",
      size: [4, 4, 40] as P,
      placements: handles.flatMap(
        ([x, y]) =>
          [
            [x + 10, y + 8, 215],
            [x + 66, y + 8, 215],
          ] as P[],
      ),
    },
  ],
};
const DESC: Record<string, string> = {
  "cap screw": "ISO 4762 M8x30 – 10.9",
  washer: "ISO 7089 8",
  "hex bolt": "ISO 4017 M8x30",
  nut: "ISO 4032 M8",
  "foot screw": "ISO 4762 M6x40",
  "pan screw": "ISO 7045 M4x40",
};
const bom: BomResult = {
  rows: SPEC.parts.map((p, i): BomRow => ({
    item: String(i + 1),
    partNumber: `F-${100 + i}`,
    name: p.name,
    description: DESC[p.name] ?? null,
    quantity: p.placements.length,
    unit: null,
    material: p.name === "hex bolt" ? "8.8" : "S235",
    note: null,
    page: 1,
    bbox: [0, 0, 0, 0],
    confidence: 1,
  })),
  headerMap: {},
  page: 1,
  warnings: [],
};
const deep: PdfDeepResult = {
  pageCount: 1,
  pages: [],
  notes: [],
  titleBlock: { title: "Frame 106", drawingNumber: "F-100", revision: "A", date: null, fields: {} },
};
const CHROMIUM = "/usr/bin/chromium";

describe("GENERATE on a generated 106-part product", () => {
  let dir: string;
  let step: StepResult;
  let matching: MatchingResult;
  let plan: AssemblyPlan;
  let html: string;
  let pages: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "generate-large-"));
    const stp = path.join(dir, "frame.stp");
    await writeFile(stp, makeStepAssembly(SPEC));
    const nop = { stage: () => {}, log: () => {} };
    step = await runStepExtract({ stepPaths: [stp], workDir: dir }, nop);
    matching = await runMatching({ bom, step }, nop);
    plan = planAssembly(bom, step, matching, await loadGeometry(step, () => {}));
    const t0 = performance.now();
    await runGenerate({ workDir: dir, bom, deep, step, matching }, nop);
    const pdf = await readPdf(path.join(dir, "manual.pdf"));
    pages = pdf.pages;
    html = await readFile(path.join(dir, "manual.html"), "utf8");
    console.log(
      `generate-large: ${step.instanceCount} instances, ${plan.steps.length} steps, ${pages.length} pages, GENERATE ${Math.round(performance.now() - t0)} ms`,
    );
  });

  afterAll(async () => {
    // MANUAL_KEEP=1 keeps the manual to look at (the path is printed).
    if (process.env.MANUAL_KEEP) console.log(`generate-large: kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  });

  it("passes the manual check within 40 pages", () => {
    expect(step.instanceCount).toBeGreaterThanOrEqual(100);
    checkManual({ plan, step, bom, matching, html, pdfPages: pages.length }, { maxPages: 40, minCallouts: plan.steps.length });
  });

  it("lists the tools the fixings need on the cover", () => {
    for (const t of ["13 mm spanner", "5 mm hex key", "6 mm hex key", "Phillips screwdriver PH2"]) expect(pages[0]).toContain(t);
    expect(pages[0]).toContain("ISO 4762 M8×30 – 10.9: 36 N·m (reference value)");
  });

  it.skipIf(!existsSync(CHROMIUM))("fits a 390 px phone without horizontal scrolling, with a step navigator", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(`file://${path.join(dir, "manual.html")}`);
      // Run in the page; a string because the server's tsconfig has no DOM typings.
      const [scroll, client] = await page.evaluate<[number, number]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
      expect(scroll).toBeLessThanOrEqual(client);
      const links = await page.locator("nav.steps-nav a").count();
      expect(links).toBe(plan.steps.length);
      await page.locator(`nav.steps-nav a[href="#step-${plan.steps.length}"]`).click();
      await expect.poll(() => new URL(page.url()).hash).toBe(`#step-${plan.steps.length}`);
    } finally {
      await browser.close();
    }
  });
});
