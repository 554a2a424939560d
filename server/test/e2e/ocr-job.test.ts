// End to end through the API: a drawing with no text layer (a generated parts-list drawing,
// "scanned": rendered at 200 dpi, rotated 0.5°, noise added) is read by OCR in PDF_BOM and the
// job runs to the end; its rows say they came from OCR, with per-cell confidences.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, uploadJob } from "../support/graphql-client.js";
import { followJob } from "../support/subscriptions.js";
import { makeBomPdf } from "../support/make-bom-pdf.js";
import { makeScan } from "../support/make-scan.js";
import { makeStepAssembly } from "../support/make-step.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { hasOcrTools } from "../support/ocr-tools.js";

const hasTools = hasOcrTools;
if (!hasTools) console.warn("[skip] tesseract or pdftoppm not installed: the OCR job test is skipped");

const ROWS = [
  { item: "1", partNumber: "PL-100", name: "Plate", quantity: 1, material: "Steel" },
  { item: "2", partNumber: "BR-200", name: "Bracket", quantity: 2, material: "Aluminium" },
  { item: "3", partNumber: "BO-300", name: "Bolt", quantity: 6, material: "Steel" },
];

describe.skipIf(!hasTools)("OCR job end to end", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("reads a scanned drawing's parts list by OCR and finishes the job", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ocr-job-"));
    try {
      const src = path.join(dir, "drawing.pdf");
      fs.writeFileSync(src, await makeBomPdf({ title: "Scanned bracket", rows: ROWS }));
      const scan = makeScan(src, { dpi: 200, degrees: 0.5, seed: 7 });
      const step = makeStepAssembly({
        name: "scanned",
        parts: [
          { name: "Plate", size: [100, 60, 5], placements: [[0, 0, 0]] },
          {
            name: "Bracket",
            size: [10, 60, 30],
            placements: [
              [0, 0, 5],
              [90, 0, 5],
            ],
          },
        ],
      });
      const up = await uploadJob(server.url, { name: "scan.pdf", content: scan }, { name: "scanned.step", content: step });
      expect(up.body.errors).toBeUndefined();
      const jobId = up.body.data!.createJob.id;
      const events = await followJob(server.wsUrl, jobId, { timeoutMs: 120_000 });
      expect(events.at(-1)!.kind).toBe("JOB_SUCCEEDED");
      expect(events.some((e) => e.stage === "PDF_BOM" && /^OCR page 1\/1/.test(e.message))).toBe(true);

      const { data } = await gql(
        server.url,
        `query ($id: ID!) { job(id: $id) {
          bom { item partNumber name quantity material source columns { field confidence } }
          bomTable { ocr { pages meanConfidence } }
        } }`,
        { id: jobId },
      );
      const bom = data.job.bom as {
        item: string;
        partNumber: string;
        name: string;
        quantity: number;
        material: string;
        source: string;
        columns: { confidence: number | null }[];
      }[];
      expect(bom.map((r) => [r.item, r.partNumber, r.name, r.quantity, r.material])).toEqual(
        ROWS.map((r) => [r.item, r.partNumber, r.name, r.quantity, r.material]),
      );
      expect(bom.every((r) => r.source === "OCR")).toBe(true);
      expect(bom.every((r) => r.columns.every((c) => c.confidence === null || (c.confidence > 0 && c.confidence <= 1)))).toBe(true);
      expect(data.job.bomTable.ocr.pages).toEqual([1]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
