// Budgets of the raw PDF reader: what one hostile file may cost before its job fails with
// PDF_TOO_COMPLEX. Each is a setting (config.ts); the defaults leave real drawings far below.
import { StageError } from "../types.js";
import type { PdfLimits } from "./pdf-limits-type.js";

export type { PdfLimits } from "./pdf-limits-type.js";

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
