// Opens the small raw reader for a document, or null when it cannot walk this file (the
// ruling reader then falls back to pdfjs' operator list).
import { RawPdf } from "./raw-pdf.js";
import type { RawSource } from "./rules.js";

export function openRaw(bytes: Uint8Array, pageCount: number): RawSource | null {
  try {
    const pdf = new RawPdf(bytes);
    const pages = pdf.pages();
    return pages.length === pageCount ? { pdf, pages } : null;
  } catch {
    return null;
  }
}
