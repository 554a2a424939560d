// Opening a PDF with pdfjs-dist inside a worker thread (no DOM, no network, no eval).
import fs from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import * as pdfjs from "./pdfjs.js";
import { StageError } from "../types.js";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "./pdf-limits.js";
import { precheckPdf } from "./pdf-precheck.js";
import { guardPages } from "./pdfjs-guard.js";

export type PdfDocument = Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
export type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

// pdfjs needs the standard font metrics for the base-14 fonts (Helvetica etc.); without them
// it warns and guesses widths, which breaks column geometry.
const standardFontDataUrl = path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;

/**
 * Opens the PDF, hands it to `fn` and always releases pdfjs resources afterwards.
 * Refuses, with a code, what no stage can use: unreadable or encrypted files, no pages, more
 * than `maxPages` pages.
 */
export async function withPdf<T>(
  pdfPath: string,
  fn: (doc: PdfDocument, bytes: Uint8Array) => Promise<T>,
  opts: { maxPages?: number; limits?: PdfLimits } = {},
): Promise<T> {
  let data: Uint8Array;
  try {
    data = new Uint8Array(await fs.readFile(pdfPath));
  } catch (err) {
    throw new StageError("PDF_READ_FAILED", `Cannot read PDF file ${pdfPath}: ${(err as Error).message}`);
  }
  const counted = precheckPdf(data, opts.limits);
  let doc: PdfDocument;
  try {
    doc = await pdfjs.getDocument({
      // A copy: pdfjs may detach the buffer it is given, and callers get the original bytes.
      data: data.slice(),
      standardFontDataUrl,
      isEvalSupported: false,
      useSystemFonts: false,
      // Errors only: font warnings from CAD exports would flood the worker's stderr.
      verbosity: 0,
    }).promise;
  } catch (err) {
    if ((err as Error)?.name === "PasswordException") {
      throw new StageError("PDF_ENCRYPTED", "The PDF is password-protected; upload a copy without a password");
    }
    throw new StageError("PDF_INVALID", `The file is not a readable PDF: ${(err as Error).message}`);
  }
  try {
    if (doc.numPages === 0) throw new StageError("PDF_NO_PAGES", "The PDF has no pages");
    if (opts.maxPages !== undefined && doc.numPages > opts.maxPages) {
      throw new StageError("PDF_TOO_MANY_PAGES", `The PDF has ${doc.numPages} pages; at most ${opts.maxPages} are read (MAX_PDF_PAGES)`);
    }
    // Operators the raw reader could not count: pdfjs is budgeted itself, page by page.
    if (!counted) await guardPages(doc, opts.limits ?? DEFAULT_PDF_LIMITS);
    return await fn(doc, data);
  } finally {
    await doc.destroy();
  }
}
