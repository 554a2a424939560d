// What a job says about how far its result can be trusted: typed figures (JobQuality) and
// coded doubts (JobWarning). Stored on the job row as JSON; plain data, no classes.
import type { StageName } from "../../stages/types.js";

export const WARNING_CODES = [
  "BOM_NOT_FOUND",
  "LOW_MATCH_RATE",
  "QUANTITY_MISMATCH",
  "DOCUMENTS_DISAGREE",
  "DUPLICATE_PAGES",
  "OCR_LOW_CONFIDENCE",
  "NON_NUMERIC_QUANTITY",
  "LOW_CONFIDENCE_ROWS",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** REVIEW: a person should check the manual before use (sets Job.needsReview). INFO: worth knowing. */
export type WarningSeverity = "INFO" | "REVIEW";

export interface JobWarning {
  code: WarningCode;
  severity: WarningSeverity;
  /** Stage whose result raised it. */
  stage: StageName;
  message: string;
  /** Figures behind the warning (rows, parts, rates); shape depends on the code. */
  data: Record<string, unknown> | null;
}

export interface JobQuality {
  /** False when PDF_BOM found no parts list. */
  bomFound: boolean;
  bomRows: number;
  /** Null until MATCHING is done. */
  matchedRows: number | null;
  matchRate: number | null;
  cadParts: number | null;
  unmatchedParts: number | null;
  quantityMismatches: number | null;
  /** Pages read by OCR and their mean word confidence; null when no page needed OCR. */
  ocr: { pages: number[]; meanConfidence: number } | null;
}

/** Identity of a warning: raised once per job, whatever the number of attempts. */
export function warningKey(w: Pick<JobWarning, "code" | "stage">): string {
  return `${w.stage}:${w.code}`;
}

export function needsReview(warnings: readonly JobWarning[]): boolean {
  return warnings.some((w) => w.severity === "REVIEW");
}
