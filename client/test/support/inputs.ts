// Generated inputs for client tests: a drawing PDF with a BOM and a matching STEP assembly.
import PDFDocument from "pdfkit";
import { makeBomPdf } from "#test-support/make-bom-pdf.js";
import { makeStepAssembly } from "#test-support/make-step.js";

export const ROWS = [
  { item: "1", partNumber: "BP-100", name: "base plate", quantity: 1, material: "S235" },
  { item: "2", partNumber: "BR-200", name: "bracket", quantity: 2, material: "AlMg3" },
  { item: "3", partNumber: "PN-300", name: "pin", quantity: 4, material: "Steel" },
];

export const PART_NAMES = ROWS.map((r) => r.name);

export async function makeInputs(opts: { extraPages?: number } = {}): Promise<{ pdf: Buffer; step: string }> {
  const pdf = await makeBomPdf({ title: "Client test assembly", drawingNumber: "CT-1", rows: ROWS, extraPages: opts.extraPages });
  const step = makeStepAssembly({
    name: "client-test",
    parts: [
      { name: "base plate", size: [100, 60, 5], placements: [[0, 0, 0]] },
      {
        name: "bracket",
        size: [10, 60, 30],
        placements: [
          [0, 0, 5],
          [90, 0, 5],
        ],
      },
      {
        name: "pin",
        size: [4, 4, 12],
        placements: [
          [3, 10, 35],
          [3, 50, 35],
          [93, 10, 35],
          [93, 50, 35],
        ],
      },
    ],
  });
  return { pdf, step };
}

/** A drawing with text but no parts list: the job succeeds with BOM_NOT_FOUND and needs review. */
export function notesOnlyPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 0, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  doc.fontSize(12).text("NOTES: 1. Break all sharp edges.", 50, 50);
  doc.end();
  return new Promise((r) => doc.on("end", () => r(Buffer.concat(chunks))));
}
