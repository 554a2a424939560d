// Opens the small raw reader for a document, or null when it cannot walk this file (the
// ruling reader then falls back to pdfjs' operator list). A broken budget is not a reason to
// fall back: its PDF_TOO_COMPLEX ends the stage.
import type { PdfLimits } from "./pdf-limits.js";
import { RawPdf } from "./raw-pdf.js";
import type { RawSource } from "./rules.js";
import { StageError } from "../types.js";

export function openRaw(bytes: Uint8Array, pageCount: number, limits?: PdfLimits): RawSource | null {
  try {
    const pdf = new RawPdf(bytes, limits);
    const pages = pdf.pages();
    return pages.length === pageCount ? { pdf, pages } : null;
  } catch (err) {
    if (err instanceof StageError) throw err;
    return null; // unsupported structure (object streams, other filters…): pdfjs reads it
  }
}
