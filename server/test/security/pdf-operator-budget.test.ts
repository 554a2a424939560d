// The operator budget that pdfjs lacks, checked before pdfjs sees a page (op-count.ts): forms
// drawn many times count as often as they are drawn, each distinct form is read once, cycles
// and deep nesting are refused, all as PDF_TOO_COMPLEX; ordinary pages pass.
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "../../src/stages/pdf-text/pdf-limits.js";
import { precheckPdf } from "../../src/stages/pdf-text/pdf-precheck.js";
import { StageError } from "../../src/stages/types.js";
import { fanOutFormsPdf } from "../support/attack-files.js";
import { rawPdf } from "../support/bad-files.js";
import { smallJob } from "../support/inputs.js";

function failure(pdf: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): StageError | null {
  try {
    precheckPdf(new Uint8Array(pdf), limits);
    return null;
  } catch (err) {
    if (err instanceof StageError) return err;
    throw err;
  }
}

const stream = (body: string, extra = "") => {
  const data = zlib.deflateSync(body);
  return `<< /Length ${data.length} /Filter /FlateDecode${extra} >>\nstream\n${data.toString("latin1")}\nendstream`;
};

describe("operators per page, Form XObjects included", () => {
  it("counts a form as often as it is drawn: 20 draws per level, 8 levels, refused in well under a second", () => {
    const t = performance.now();
    const err = failure(fanOutFormsPdf(8, 20));
    expect(err?.code).toBe("PDF_TOO_COMPLEX");
    expect(err?.message).toMatch(/page 1 runs more than 5000000 operators/);
    expect(performance.now() - t).toBeLessThan(2_000); // a budget check, not a speed target: the expansion is 20^8
  });

  it("counts exactly: 10 + 10 × (10 + 10 × (10 + 10 × 3)) = 4110 operators", () => {
    const pdf = fanOutFormsPdf(3, 10);
    expect(failure(pdf, { ...DEFAULT_PDF_LIMITS, maxOpsPerPage: 4110 })).toBeNull();
    expect(failure(pdf, { ...DEFAULT_PDF_LIMITS, maxOpsPerPage: 4109 })?.code).toBe("PDF_TOO_COMPLEX");
  });

  it("refuses a form that draws itself and forms nested past PDF_MAX_FORM_DEPTH", () => {
    const self = rawPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /F 5 0 R >> >> >>",
      stream("/F Do"),
      stream("/F Do", " /Type /XObject /Subtype /Form /BBox [0 0 10 10]"),
    ]);
    expect(failure(self)?.message).toMatch(/draws itself/);
    expect(failure(fanOutFormsPdf(6, 1), { ...DEFAULT_PDF_LIMITS, maxFormDepth: 4 })?.message).toMatch(/PDF_MAX_FORM_DEPTH/);
  });

  it("skips strings, names, numbers and inline image data; ordinary drawings pass", async () => {
    const content = "q 1 0 0 1 0 0 cm BT /F1 12 Tf (Do Do Do) Tj ET BI /W 2 /H 1 /BPC 8 /CS /G ID \x01Do EI Q";
    const pdf = rawPdf([
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      stream(content),
    ]);
    // q cm BT Tf Tj ET BI ID EI Q = 10 operators.
    expect(failure(pdf, { ...DEFAULT_PDF_LIMITS, maxOpsPerPage: 10 })).toBeNull();
    expect(failure(pdf, { ...DEFAULT_PDF_LIMITS, maxOpsPerPage: 9 })?.code).toBe("PDF_TOO_COMPLEX");
    expect(failure((await smallJob("ops")).pdf.content)).toBeNull();
  });
});
