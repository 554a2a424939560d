// The rules that turn stage results into quality figures and warnings. Pure functions, so the
// thresholds are unit-tested without running a job.
import type { BomResult, MatchingResult, StepResult } from "../../stages/types.js";
import type { JobQuality, JobWarning, WarningCode, WarningSeverity } from "./warning-types.js";

/** Below this share of BOM rows matched, the manual is missing parts: LOW_MATCH_RATE. */
export const LOW_MATCH_RATE = 0.8;
/**
 * Drawing and model look like different products when fewer than this share of rows matched
 * AND more than (1 - this) of the CAD parts are unmatched: DOCUMENTS_DISAGREE.
 */
export const DISAGREE_SHARE = 0.5;

const SEVERITY: Record<WarningCode, WarningSeverity> = {
  BOM_NOT_FOUND: "REVIEW",
  LOW_MATCH_RATE: "REVIEW",
  QUANTITY_MISMATCH: "REVIEW",
  DOCUMENTS_DISAGREE: "REVIEW",
  OCR_LOW_CONFIDENCE: "REVIEW",
  DUPLICATE_PAGES: "INFO",
  NON_NUMERIC_QUANTITY: "INFO",
  LOW_CONFIDENCE_ROWS: "INFO",
};

export function severityOf(code: WarningCode): WarningSeverity {
  return SEVERITY[code];
}

/** PDF_BOM's coded notices, as job warnings (same codes, same messages). */
export function bomWarnings(bom: BomResult): JobWarning[] {
  const notices = bom.notices ?? [];
  const out: JobWarning[] = notices.map((n) => ({
    code: n.code,
    severity: severityOf(n.code),
    stage: "PDF_BOM",
    message: n.message,
    data: n.rows?.length ? { rows: n.rows } : null,
  }));
  // A result without coded notices (stored before they existed) still says when nothing was found.
  if (!bom.rows.length && !out.some((w) => w.code === "BOM_NOT_FOUND")) {
    out.unshift({
      code: "BOM_NOT_FOUND",
      severity: "REVIEW",
      stage: "PDF_BOM",
      message: bom.warnings[0] ?? "No parts list found in the drawing",
      data: null,
    });
  }
  return dedupe(out);
}

/** Warnings about how BOM and CAD model agree. */
export function matchingWarnings(bom: BomResult, step: StepResult, matching: MatchingResult): JobWarning[] {
  const rows = bom.rows.length;
  if (!rows) return []; // BOM_NOT_FOUND already says it all.
  const parts = step.parts.length;
  const matched = rows - matching.unmatchedBomRows.length;
  const rate = matched / rows;
  const partsUnmatched = matching.unmatchedParts.length;
  const out: JobWarning[] = [];
  const figures = { bomRows: rows, matchedRows: matched, matchRate: round(rate), cadParts: parts, unmatchedParts: partsUnmatched };
  if (parts && rate < DISAGREE_SHARE && partsUnmatched / parts > 1 - DISAGREE_SHARE) {
    out.push(
      warn(
        "DOCUMENTS_DISAGREE",
        "MATCHING",
        `Drawing and model look like different products: ${matched}/${rows} BOM rows matched a CAD part and ${partsUnmatched}/${parts} CAD parts matched no row`,
        figures,
      ),
    );
  } else if (rate < LOW_MATCH_RATE) {
    // DOCUMENTS_DISAGREE already implies a low rate: one warning, the stronger one.
    out.push(warn("LOW_MATCH_RATE", "MATCHING", `Only ${matched}/${rows} BOM rows (${Math.round(rate * 100)} %) matched a CAD part`, figures));
  }
  const mismatches = quantityMismatches(matching);
  if (mismatches.length) {
    const shown = mismatches
      .slice(0, 5)
      .map((m) => `${label(bom, m.bomIndex)}: BOM ${m.bomQuantity ?? "?"}, CAD ${m.cadQuantity}`)
      .join("; ");
    out.push(
      warn(
        "QUANTITY_MISMATCH",
        "MATCHING",
        `${mismatches.length} matched row(s) have a BOM quantity that differs from the CAD count (${shown}${mismatches.length > 5 ? "; …" : ""})`,
        { rows: mismatches.map((m) => m.bomIndex), mismatches },
      ),
    );
  }
  return out;
}

/** Figures for Job.quality; matching/step are null until their stages are done. */
export function assessQuality(bom: BomResult, step: StepResult | null, matching: MatchingResult | null): JobQuality {
  const rows = bom.rows.length;
  const matched = matching ? rows - matching.unmatchedBomRows.length : null;
  return {
    bomFound: rows > 0,
    bomRows: rows,
    matchedRows: matched,
    matchRate: matching ? (rows ? matched! / rows : 0) : null,
    cadParts: step ? step.parts.length : null,
    unmatchedParts: matching ? matching.unmatchedParts.length : null,
    quantityMismatches: matching ? quantityMismatches(matching).length : null,
    ocr: bom.ocr ?? null,
  };
}

function quantityMismatches(matching: MatchingResult) {
  // Results stored before quantityMismatches existed: derive from the matches.
  return (
    matching.quantityMismatches ??
    matching.matches
      .filter((m) => m.partIndex !== null && !m.quantityOk)
      .map((m) => ({ bomIndex: m.bomIndex, partIndex: m.partIndex!, bomQuantity: m.bomQuantity, cadQuantity: m.cadQuantity ?? 0 }))
  );
}

function warn(code: WarningCode, stage: JobWarning["stage"], message: string, data: Record<string, unknown> | null): JobWarning {
  return { code, severity: severityOf(code), stage, message, data };
}

function label(bom: BomResult, i: number): string {
  const r = bom.rows[i];
  return `item ${r?.item ?? i + 1} "${r?.name ?? r?.partNumber ?? r?.description ?? "?"}"`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** One warning per code and stage: several notices of one code are joined. */
function dedupe(ws: JobWarning[]): JobWarning[] {
  const byCode = new Map<string, JobWarning>();
  for (const w of ws) {
    const seen = byCode.get(w.code);
    if (!seen) byCode.set(w.code, w);
    else {
      const rows = [...((seen.data?.rows as number[]) ?? []), ...((w.data?.rows as number[]) ?? [])];
      byCode.set(w.code, { ...seen, message: `${seen.message}; ${w.message}`, data: rows.length ? { rows } : seen.data });
    }
  }
  return [...byCode.values()];
}
