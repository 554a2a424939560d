// Gap 1 of issue 21: the operator budget before pdfjs must hold for content the raw reader
// once skipped (ASCIIHex, ASCII85, RunLength, LZW, Flate with a PNG/TIFF predictor): those
// filters are decoded against the byte budgets and counted; and for a file the raw reader
// cannot walk at all, pdfjs itself is budgeted (pdfjs-guard.ts), so a form bomb still ends
// PDF_TOO_COMPLEX in seconds instead of starving the worker until the stage timeout.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "../../src/stages/pdf-text/pdf-limits.js";
import { precheckPdf } from "../../src/stages/pdf-text/pdf-precheck.js";
import { RawPdf } from "../../src/stages/pdf-text/raw-pdf.js";
import { lzwDecode, unpredict } from "../../src/stages/pdf-text/stream-filters.js";
import { withPdf } from "../../src/stages/pdf-text/load.js";
import { StageError } from "../../src/stages/types.js";
import { encodedStream, fanOutFormsPdf, TEXT_LEAF, unwalkable, type ContentEncoding } from "../support/attack-files.js";
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

const onePage = (content: string) =>
  rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    content,
  ]);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-pdf-filters-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Opens `pdf` as a stage does (precheck, then pdfjs, guarded when needed) and reads its operator lists. */
async function open(pdf: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<{ code: string | null; ops: number; ms: number }> {
  const file = path.join(dir, `${files++}.pdf`);
  fs.writeFileSync(file, pdf);
  const t = performance.now();
  try {
    const ops = await withPdf(file, async (doc) => (await (await doc.getPage(1)).getOperatorList()).fnArray.length, { limits });
    return { code: null, ops, ms: performance.now() - t };
  } catch (err) {
    if (err instanceof StageError) return { code: err.code, ops: 0, ms: performance.now() - t };
    throw err;
  }
}

describe("content filters the raw reader decodes (stream-filters.ts)", () => {
  const body = "q 1 0 0 1 0 0 cm BT /F1 12 Tf 72 720 Td (Item Part Qty) Tj ET 0 0 m 100 0 l S Q ".repeat(7);
  it.each<ContentEncoding>(["flate", "flate-png", "asciihex", "ascii85", "runlength"])("%s: decoded to the same bytes", (enc) => {
    const pdf = new RawPdf(new Uint8Array(onePage(encodedStream(body, enc))));
    const [page] = pdf.pages();
    const text = Buffer.from(page!.contents[0]!.read()).toString("latin1");
    expect(text.trimEnd()).toBe(body.trimEnd()); // the predictor pads its last row with spaces
  });

  it("LZW: the example of the PDF reference, and the early-change rule", () => {
    // PDF 1.7 reference, 7.4.4.2: "-----A---B" encodes to 80 0B 60 50 22 0C 0C 85 01.
    const out = lzwDecode(new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]), 1000);
    expect(Buffer.from(out).toString("latin1")).toBe("-----A---B");
  });

  it("TIFF and PNG (Sub, Average, Paeth) predictors", () => {
    const tiff = unpredict(new Uint8Array([1, 1, 1, 5, 1, 1]), { predictor: 2, colors: 1, bitsPerComponent: 8, columns: 3 });
    expect([...tiff]).toEqual([1, 2, 3, 5, 6, 7]);
    // Row 0 "Sub", row 1 "Average", row 2 "Paeth", 2 columns.
    const png = unpredict(new Uint8Array([1, 10, 5, 3, 4, 2, 4, 1, 1]), { predictor: 15, colors: 1, bitsPerComponent: 8, columns: 2 });
    expect([...png]).toEqual([10, 15, 9, 14, 10, 15]);
  });

  it("a decoder stops at the stream budget: 1 KB of ASCIIHex run-length zeros refused at 64 KB", () => {
    // RunLength: 257 - 129 = 128 copies per 2 bytes; 1000 pairs = 128,000 bytes.
    const rl = Buffer.concat([Buffer.from(Array.from({ length: 1000 }, () => [129, 0]).flat()), Buffer.from([128])]);
    const pdf = onePage(`<< /Length ${rl.length} /Filter /RunLengthDecode >>\nstream\n${rl.toString("latin1")}\nendstream`);
    expect(failure(pdf, { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 64 * 1024 })?.message).toMatch(/PDF_MAX_STREAM_BYTES/);
    expect(failure(pdf)).toBeNull();
  });
});

describe("form bombs in every content encoding end PDF_TOO_COMPLEX before pdfjs", () => {
  it.each<ContentEncoding>(["asciihex", "ascii85", "runlength", "flate-png"])("%s: 20 draws per level, 8 levels", (enc) => {
    const t = performance.now();
    const err = failure(fanOutFormsPdf(8, 20, enc, TEXT_LEAF));
    expect(err?.code).toBe("PDF_TOO_COMPLEX");
    expect(err?.message).toMatch(/runs more than 5000000 operators/);
    expect(performance.now() - t).toBeLessThan(2_000); // a budget check, not a speed target
  });
});

describe("a file the raw reader cannot walk: pdfjs budgeted itself (pdfjs-guard.ts)", () => {
  it("the form bomb with text ends PDF_TOO_COMPLEX at PDF_MAX_PAGE_MS", async () => {
    const pdf = unwalkable(fanOutFormsPdf(8, 20, "asciihex", TEXT_LEAF));
    expect(precheckPdf(new Uint8Array(pdf))).toBe(false); // not counted before pdfjs
    const r = await open(pdf, { ...DEFAULT_PDF_LIMITS, maxPageMs: 500 });
    expect(r.code).toBe("PDF_TOO_COMPLEX");
    expect(r.ms).toBeLessThan(15_000); // without the guard: minutes, with no timer firing
  });

  it("counts pdfjs' operators against PDF_MAX_OPS_PER_PAGE", async () => {
    const pdf = unwalkable(fanOutFormsPdf(2, 10, "flate"));
    expect((await open(pdf, { ...DEFAULT_PDF_LIMITS, maxOpsPerPage: 100 })).code).toBe("PDF_TOO_COMPLEX");
    // Within budget the stage then gets the real operator list, not the guard's empty one.
    const ok = await open(pdf);
    expect(ok.code).toBeNull();
    expect(ok.ops).toBeGreaterThan(100);
  });

  it("an ordinary drawing the raw reader cannot walk still reads", async () => {
    const good = unwalkable((await smallJob("unwalkable")).pdf.content);
    expect(precheckPdf(new Uint8Array(good))).toBe(false);
    const r = await open(good);
    expect(r.code).toBeNull();
    expect(r.ops).toBeGreaterThan(0);
    expect(precheckPdf(new Uint8Array((await smallJob("walkable")).pdf.content))).toBe(true);
  });
});
