// Budgets of the raw PDF reader: what one hostile file may cost before its job fails with
// PDF_TOO_COMPLEX. Each is a setting (config.ts); the defaults leave real drawings far below.
import { StageError } from "../types.js";

export interface PdfLimits {
  /** PDF_MAX_STREAM_BYTES: decoded bytes of one stream (each inflate step is capped). */
  maxStreamBytes: number;
  /** PDF_MAX_DECODED_BYTES: decoded bytes of all streams of one document together. */
  maxDecodedBytes: number;
  /** PDF_MAX_OPS_PER_PAGE: content operators run for one page, Form XObjects included. */
  maxOpsPerPage: number;
  /** PDF_MAX_NESTING: arrays/dictionaries nested inside one another. */
  maxNesting: number;
  /** PDF_MAX_FORM_DEPTH: Form XObjects drawn inside one another. */
  maxFormDepth: number;
  /**
   * PDF_MAX_PAGE_MS: time pdfjs may take to list one page's operators, for files whose
   * operators the raw reader could not count first (encrypted, or a structure it cannot walk).
   */
  maxPageMs: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxStreamBytes: 256 * 1024 * 1024,
  maxDecodedBytes: 1024 * 1024 * 1024,
  maxOpsPerPage: 5_000_000,
  maxNesting: 256,
  maxFormDepth: 16,
  maxPageMs: 10_000,
};

export function pdfTooComplex(message: string, details?: Record<string, unknown>): StageError {
  return new StageError("PDF_TOO_COMPLEX", `The PDF is too complex to read within the server's limits: ${message}`, details);
}
