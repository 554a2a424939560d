// The PdfLimits shape, in a leaf module: stages/types.ts carries it in stage inputs, and
// pdf-limits.ts (defaults, and the error raised past a limit, a StageError from types.ts)
// re-exports it; with the type here types.ts does not import pdf-limits.ts back.

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
