import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGeometry, planAssembly, runGenerate, type AssemblyPlan } from "../../src/stages/generate/index.js";
import { renderPdfManual, pdfSafe } from "../../src/stages/generate/pdf-manual.js";
import { runMatching } from "../../src/stages/matching/index.js";
import { runStepExtract } from "../../src/stages/step-extract/index.js";
import type { BomResult, BomRow, GenerateResult, MatchingResult, PdfDeepResult, Reporter, StepResult } from "../../src/stages/types.js";
import { makeStepAssembly } from "../support/make-step.js";
import { boxMesh } from "../../src/render/mesh.js";
import { renderPicture } from "../../src/render/picture.js";
import { checkManual, expectBomSums, expectFixingsAfterHosts, expectNoFloating, readPdf } from "../render/manual-checks.js";

// A generated box assembly (mm): plate, two brackets bolted through into the plate with nuts
// underneath, and a rod through both brackets.
const SPEC = {
  name: "BRACKET-RIG",
  parts: [
    { name: "rod", size: [180, 10, 10] as [number, number, number], placements: [[10, 45, 30]] as [number, number, number][] },
    {
      name: "hex bolt",
      size: [8, 8, 30] as [number, number, number],
      placements: [
        [28, 38, -8],
        [48, 38, -8],
        [148, 38, -8],
        [168, 38, -8],
      ] as [number, number, number][],
    },
    { name: "plate", size: [200, 100, 10] as [number, number, number], placements: [[0, 0, 0]] as [number, number, number][] },
    {
      name: "nut",
      size: [12, 12, 6] as [number, number, number],
      placements: [
        [26, 36, -6],
        [46, 36, -6],
        [146, 36, -6],
        [166, 36, -6],
      ] as [number, number, number][],
    },
    {
      name: "bracket",
      size: [40, 30, 40] as [number, number, number],
      placements: [
        [20, 35, 10],
        [140, 35, 10],
      ] as [number, number, number][],
    },
  ],
};

const SCRIPT = "<script>alert('x')</script>";
function row(item: string, name: string, quantity: number, extra: Partial<BomRow> = {}): BomRow {
  return {
    item,
    partNumber: `BR-0${item}`,
    name,
    description: null,
    quantity,
    unit: "pcs",
    material: "S235",
    note: null,
    page: 1,
    bbox: [0, 0, 0, 0],
    confidence: 1,
    ...extra,
  };
}
const bom: BomResult = {
  rows: [
    row("1", "Plate", 1),
    row("2", "Bracket", 2),
    row("3", "Hex bolt", 4, { description: "ISO 4017 M8x30", material: "8.8" }),
    row("4", "Nut", 4, { description: "ISO 4032 M8", material: "8" }),
    row("5", "Rod", 1, { note: SCRIPT }),
    row("6", `Spring washer ${SCRIPT}`, 4), // not in the CAD
  ],
  headerMap: {},
  page: 1,
  warnings: [],
};
const deep: PdfDeepResult = {
  pageCount: 1,
  pages: [],
  titleBlock: { title: "Bracket rig", drawingNumber: "BR-000", revision: "B", date: "2024-05-01", fields: { Scale: "1:2" } },
  notes: ["Tighten M8 bolts to 25 N·m.", "Deburr all edges & break sharp corners."],
};

const messages: string[] = [];
const reporter: Reporter = { stage: (_p, m) => messages.push(m), log: () => {} };

let dir: string;
let step: StepResult;
let matching: MatchingResult;
let plan: AssemblyPlan;
let result: GenerateResult;
let pdf: { pages: string[]; text: string };
let html: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "generate-test-"));
  const stp = path.join(dir, "rig.stp");
  await writeFile(stp, makeStepAssembly(SPEC));
  const workDir = path.join(dir, "job", "work");
  step = await runStepExtract({ stepPaths: [stp], workDir }, { stage: () => {}, log: () => {} });
  matching = await runMatching({ bom, step }, { stage: () => {}, log: () => {} });
  plan = planAssembly(bom, step, matching, await loadGeometry(step, () => {}));
  result = await runGenerate({ workDir, bom, deep, step, matching }, reporter);
  pdf = await readPdf(path.join(workDir, "manual.pdf"));
  html = await readFile(path.join(workDir, "manual.html"), "utf8");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const names = (p: AssemblyPlan) => p.steps.map((s) => s.items.map((i) => `${i.quantity}×${i.name}`).join("+"));

describe("assembly order on a generated STEP assembly", () => {
  it("plans plate, then brackets with their bolts and nuts, then the rod", () => {
    expect(names(plan)).toEqual(["1×Plate", "2×Bracket+4×ISO 4017 M8×30 Hex bolt+4×ISO 4032 M8 Nut", "1×Rod"]);
    expect(plan.steps[0]).toMatchObject({ kind: "base", assembly: null });
    expect(result.stepCount).toBe(3);
  });

  it("uses every part as often as the BOM says, floats nothing, fixes bolts after their parts", () => {
    expectBomSums(plan, bom, matching);
    expectNoFloating(plan);
    expectFixingsAfterHosts(plan, /bolt|nut/i);
  });
});

describe("runGenerate", () => {
  it("passes the manual check: parts placed once, base first, fixings after their parts, call-outs in the parts list", () => {
    checkManual({ plan, step, bom, matching, html, pdfPages: pdf.pages.length }, { maxPages: 8, minCallouts: 5 });
  });

  it("spells out the hardware: spec names, kit strip, tools on the cover and per step, reference torque", () => {
    // ISO 4017 M8 hex bolt and ISO 4032 M8 nut: 13 mm spanner; class 8.8 → 25 N·m.
    expect(pdf.pages[0]).toContain("13 mm spanner");
    expect(pdf.pages[0]).toContain("ISO 4017 M8×30 – 8.8: 25 N·m (reference value)");
    expect(pdf.text).toContain("(3) 4 × ISO 4017 M8×30 Hex bolt – 8.8");
    expect(pdf.text).toMatch(/Tools: 13 mm spanner · Tighten to 25 N·m \(reference value\)/);
    expect(html).toContain('aria-label="Hardware for this step"');
    expect(html).toMatch(/<b>4×<\/b>\(3\) ISO 4017 M8×30 – 8.8/);
    expect(html).toContain('<nav class="steps-nav"');
    expect(pdf.pages[1]).toContain("Contents");
  });

  it("returns both artifacts with correct size and sha256, reporting each picture", async () => {
    expect(result.artifacts.map((a) => [a.name, a.contentType])).toEqual([
      ["manual.pdf", "application/pdf"],
      ["manual.html", "text/html; charset=utf-8"],
    ]);
    for (const a of result.artifacts) {
      const file = path.join(dir, "job", "work", a.name);
      expect((await stat(file)).size).toBe(a.size);
      expect(
        createHash("sha256")
          .update(await readFile(file))
          .digest("hex"),
      ).toBe(a.sha256);
    }
    for (const n of [1, 2, 3]) expect(messages.some((m) => m.startsWith(`Rendered step ${n} (`))).toBe(true);
    expect(messages.filter((m) => /PDF: wrote step/.test(m))).toHaveLength(3);
  });

  it("writes a PDF with cover, parts list, every step, exploded view, notes and warnings", () => {
    for (const s of ["Bracket rig", "BR-000", "Parts list", "not in the CAD", "Exploded view", "Deburr all edges"]) {
      expect(pdf.text).toContain(s);
    }
    for (const n of [1, 2, 3]) expect(pdf.text).toContain(`Step ${n}`);
    expect(pdf.text).toContain("Place the Plate on the work surface as the base part.");
    expect(pdf.text).toContain("Fasten the 2 Brackets to the Plate with 4 ISO 4017 M8×30 Hex bolts and 4 ISO 4032 M8 Nuts.");
    expect(pdf.text).toContain("Attach the Rod to the 2 Brackets.");
    expect(pdf.text).toMatch(/BOM item 6 "Spring washer .*" has no matching part/);
  });

  it("writes self-contained, escaped HTML with the same steps and inline pictures", () => {
    for (const s of plan.steps) expect(html).toContain(`id="step-${s.number}"`);
    expect(html.match(/class="step"/g)).toHaveLength(plan.steps.length);
    expect(html).toContain("Fasten the 2 Brackets to the Plate with 4 ISO 4017 M8×30 Hex bolts and 4 ISO 4032 M8 Nuts.");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("Deburr all edges &amp; break sharp corners.");
    expect(html).not.toMatch(/src="(?!data:image\/png;base64,)|href="(?!#)|@import|url\(/);
    // Cover, 5 thumbnails, 3 steps, exploded view, kit pictures of the bolt and the nut.
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(12);
  });
});

describe("edge cases", () => {
  it("writes a manual without pictures when the mesh file is gone, titled from the STEP root", async () => {
    const empty: BomResult = { rows: [], headerMap: {}, page: null, warnings: ["No BOM table found"] };
    const noTitle: PdfDeepResult = { ...deep, titleBlock: { title: null, drawingNumber: null, revision: null, date: null, fields: {} }, notes: [] };
    const noMeshes = { ...step, meshFile: path.join(dir, "missing.json") };
    const m = await runMatching({ bom: empty, step: noMeshes }, { stage: () => {}, log: () => {} });
    const workDir = path.join(dir, "empty");
    const logs: string[] = [];
    const r = await runGenerate(
      { workDir, bom: empty, deep: noTitle, step: noMeshes, matching: m },
      { stage: () => {}, log: (_l, msg) => logs.push(msg) },
    );
    // Unmatched CAD parts are still assembled, under their CAD names.
    expect(r.stepCount).toBeGreaterThan(0);
    expect(logs.some((l) => /missing or unreadable/.test(l))).toBe(true);
    const out = await readFile(path.join(workDir, "manual.html"), "utf8");
    expect(out).toContain("<h1>BRACKET-RIG</h1>");
    expect(out).not.toContain("data:image");
    expect(out).toContain("Parts list: No BOM table found");
  });

  it("prints Chinese names with the embedded CJK font, and falls back to Helvetica with a warning", async () => {
    const model = {
      cover: {
        title: "支架 Bracket",
        drawingNumber: "图号-1",
        revision: null,
        date: null,
        fields: [],
        picture: null,
        tools: [],
        torques: [],
        review: [],
      },
      chapters: [],
      partColumns: [],
      parts: [],
      steps: [],
      exploded: null,
      notes: ["螺栓拧紧力矩 25 N·m"],
      warnings: [],
    };
    const warns: string[] = [];
    const withFont = await renderPdfManual(model, undefined, (_l, msg) => warns.push(msg));
    const file = path.join(dir, "cjk.pdf");
    await writeFile(file, withFont);
    const text = (await readPdf(file)).text;
    expect(text).toContain("支架 Bracket");
    expect(text).toContain("螺栓拧紧力矩");
    expect(warns).toEqual([]);

    const fallback = await renderPdfManual(model, undefined, (_l, msg) => warns.push(msg), path.join(dir, "no-font.ttc"));
    await writeFile(file, fallback);
    expect((await readPdf(file)).text).toContain("?? Bracket");
    expect(warns.some((w) => /not found; using Helvetica/.test(w))).toBe(true);
  });

  it("embeds a picture placed several times in the PDF once, and the PDF still reads", async () => {
    const png = renderPicture([{ mesh: boxMesh([0, 0, 0], [40, 30, 20]), rgb: [230, 120, 40] }], [], { width: 120, height: 90 });
    const part = { item: "1", partNumber: "P-1", name: "Box", quantity: "2", material: "—", status: "matched" as const, extra: [], picture: png };
    const model = {
      cover: { title: "Box", drawingNumber: null, revision: null, date: null, fields: [], picture: png, tools: [], torques: [], review: [] },
      chapters: [],
      partColumns: [],
      parts: [part, { ...part, item: "2" }],
      steps: [],
      exploded: png,
      notes: [],
      warnings: [],
    };
    const out = await renderPdfManual(model);
    expect(out.toString("latin1").match(/\/Subtype \/Image/g)).toHaveLength(1);
    const file = path.join(dir, "images.pdf");
    await writeFile(file, out);
    expect((await readPdf(file)).text).toContain("Exploded view");
  });

  it("keeps Helvetica text inside the standard font's character set", () => {
    expect(pdfSafe("Ｍ１２ × 45 – ok")).toBe("M12 × 45 – ok");
    expect(pdfSafe("底板 plate")).toBe("?? plate");
  });
});
