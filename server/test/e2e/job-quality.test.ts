// Job quality end to end: real server, real stages. A drawing paired with another product's
// model, a drawing without a parts list, and a matched pair: the figures, the warnings (also
// as WARN events, once each), needsReview and the jobs(needsReview:) filter.
import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "../support/graphql-client.js";
import { type JobEventResult, runJobToEnd } from "../support/subscriptions.js";
import { AS1_BOM } from "../support/inputs.js";
import { makeBomPdf } from "../support/make-bom-pdf.js";
import { makeStepAssembly } from "../support/make-step.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../shared/fixtures");
const AS1 = path.join(FIXTURES, "step/as1-oc-214.stp");
const GEARBOX = path.join(FIXTURES, "pdf/gearbox-assembly-drawing.pdf");
const hasFixtures = fs.existsSync(AS1) && fs.existsSync(GEARBOX);
if (!hasFixtures) console.warn(`[skip] ${FIXTURES} not found: the gearbox/AS1 quality tests are skipped`);

const QUALITY_QUERY = `query ($id: ID!) { job(id: $id) {
  id status needsReview
  quality { bomFound bomRows matchedRows matchRate cadParts unmatchedParts quantityMismatches ocr { pages meanConfidence } }
  warnings { code severity stage message data }
} }`;

/** A drawing with text but no parts list: title block words and notes only. */
function drawingWithoutBom(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "A4", layout: "landscape", info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.fontSize(12).text("TECHNICAL REQUIREMENTS: 1. Break all sharp edges. 2. Paint RAL 7035.", 50, 50);
    doc.text("Bracket assembly, sheet 1 of 1", 50, 500);
    doc.end();
  });
}

describe("job quality", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function runToEnd(pdf: Buffer, step: { name: string; content: Buffer | string }) {
    const { jobId, events } = await runJobToEnd(server, { name: "drawing.pdf", content: pdf }, step);
    const { data } = await gql(server.url, QUALITY_QUERY, { id: jobId });
    return { jobId, events, job: data.job };
  }

  /** The warning events: one per stored warning, same code, WARN, raised by the same stage. */
  function expectWarningEvents(events: JobEventResult[], warnings: { code: string; stage: string }[]) {
    const raised = events.filter((e) => e.kind === "LOG" && e.data?.warning);
    expect(raised.map((e) => [e.data.code, e.stage, e.level])).toEqual(warnings.map((w) => [w.code, w.stage, "WARN"]));
    // Raised before the manual is made, so the job's end comes after every warning.
    expect(events.at(-1)!.kind).toBe("JOB_SUCCEEDED");
  }

  it.skipIf(!hasFixtures)("gearbox drawing + AS1 model: DOCUMENTS_DISAGREE, needs review, status stays SUCCEEDED", async () => {
    const { events, job } = await runToEnd(fs.readFileSync(GEARBOX), { name: "as1-oc-214.stp", content: fs.readFileSync(AS1) });
    expect(job.status).toBe("SUCCEEDED");
    expect(job.needsReview).toBe(true);
    const q = job.quality;
    console.log("[figures] gearbox + AS1 quality:", JSON.stringify(q), "warnings:", job.warnings.map((w: { code: string }) => w.code).join());
    expect(q.bomFound).toBe(true);
    expect(q.bomRows).toBeGreaterThan(5);
    expect(q.cadParts).toBe(5);
    expect(q.matchRate).toBeLessThan(0.5);
    expect(q.unmatchedParts / q.cadParts).toBeGreaterThan(0.5);
    const disagree = job.warnings.find((w: { code: string }) => w.code === "DOCUMENTS_DISAGREE");
    expect(disagree).toMatchObject({ severity: "REVIEW", stage: "MATCHING", data: { bomRows: q.bomRows, matchedRows: q.matchedRows, cadParts: 5 } });
    expect(job.warnings.map((w: { code: string }) => w.code)).not.toContain("LOW_MATCH_RATE");
    expectWarningEvents(events, job.warnings);
  });

  it("a drawing without a parts list: BOM_NOT_FOUND, bomFound false, needs review", async () => {
    const step = makeStepAssembly({ name: "bracket", parts: [{ name: "plate", size: [100, 60, 5], placements: [[0, 0, 0]] }] });
    const { events, job } = await runToEnd(await drawingWithoutBom(), { name: "bracket.step", content: step });
    expect(job.status).toBe("SUCCEEDED");
    expect(job.needsReview).toBe(true);
    // The text layer holds no parts list, so its page is also OCR'd (found nothing there either);
    // without tesseract on the machine there is no OCR reading at all.
    const { ocr, ...figures } = job.quality;
    expect(figures).toEqual({ bomFound: false, bomRows: 0, matchedRows: 0, matchRate: 0, cadParts: 1, unmatchedParts: 1, quantityMismatches: 0 });
    if (ocr !== null) expect(ocr.pages).toEqual([1]);
    expect(job.warnings.map((w: { code: string; severity: string; stage: string }) => [w.code, w.severity, w.stage])).toEqual([
      ["BOM_NOT_FOUND", "REVIEW", "PDF_BOM"],
    ]);
    expect(job.warnings[0].message).toMatch(/No parts list found/);
    expectWarningEvents(events, job.warnings);

    // The filter: this job is among those needing review, not among the others.
    const list = async (needsReview: boolean) =>
      (
        await gql(server.url, `query ($r: Boolean) { jobs(needsReview: $r, first: 100) { edges { node { id needsReview } } } }`, { r: needsReview })
      ).data.jobs.edges.map((e: { node: { id: string; needsReview: boolean } }) => e.node);
    expect((await list(true)).map((n: { id: string }) => n.id)).toContain(job.id);
    expect((await list(false)).map((n: { id: string }) => n.id)).not.toContain(job.id);
    expect((await list(false)).every((n: { needsReview: boolean }) => !n.needsReview)).toBe(true);
  });

  it.skipIf(!hasFixtures)("AS1 drawing + AS1 model (matched): no warning, no review", async () => {
    const pdf = await makeBomPdf({ title: "AS1 bracket assembly", drawingNumber: "AS1-000", rows: AS1_BOM });
    const { events, job } = await runToEnd(pdf, { name: "as1-oc-214.stp", content: fs.readFileSync(AS1) });
    expect(job.status).toBe("SUCCEEDED");
    expect(job.needsReview).toBe(false);
    expect(job.warnings).toEqual([]);
    expect(job.quality).toEqual({
      bomFound: true,
      bomRows: 5,
      matchedRows: 5,
      matchRate: 1,
      cadParts: 5,
      unmatchedParts: 0,
      quantityMismatches: 0,
      ocr: null,
    });
    expectWarningEvents(events, []);
  });
});
