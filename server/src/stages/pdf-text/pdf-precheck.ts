// Before pdfjs sees a document: its streams decoded once against the budgets (decoded bytes,
// nesting) and its page tree walked once (a node listed twice or containing itself). pdfjs has
// no such caps: a 5 KB file decoding to gigabytes, or a page tree expanding to 2^30 pages,
// would otherwise run until the stage timeout with memory outside the worker's heap limit.
// Then the operators each page would run, Form XObjects included (op-count.ts).
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "./pdf-limits.js";
import { checkPageOperators } from "./op-count.js";
import { RawPdf } from "./raw-pdf.js";
import { StageError } from "../types.js";

/**
 * Throws StageError PDF_TOO_COMPLEX when a budget breaks; anything else is pdfjs' to judge.
 * Returns false when the operators of some page could not be counted here (encrypted, a
 * structure or data this reader cannot walk): pdfjs must then be budgeted itself (pdfjs-guard.ts).
 */
export function precheckPdf(bytes: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS): boolean {
  let pdf: RawPdf;
  try {
    pdf = new RawPdf(bytes, limits);
  } catch (err) {
    if (err instanceof StageError) throw err;
    return false; // encrypted: pdfjs decrypts or refuses it
  }
  pdf.measureStreams(); // also checks the page tree for cycles and shared nodes
  // pdfjs' getTextContent has no operator budget: count for it (page contents decoded again,
  // counted against the per-document budget on their own).
  pdf.budget.decoded = 0;
  try {
    return checkPageOperators(pdf);
  } catch (err) {
    if (err instanceof StageError) throw err;
    return false; // a structure this reader cannot walk
  }
}
