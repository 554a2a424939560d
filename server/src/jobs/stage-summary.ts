// The few figures each stage's done event carries (what a stage card shows).
import type { StageName, StageOutputs } from "../stages/types.js";

export function summarise<S extends StageName>(stage: S, result: StageOutputs[S]): Record<string, unknown> {
  switch (stage) {
    case "PDF_BOM": {
      const r = result as StageOutputs["PDF_BOM"];
      return { rows: r.rows.length, page: r.page, columns: Object.values(r.headerMap), warnings: r.warnings.length };
    }
    case "PDF_DEEP": {
      const r = result as StageOutputs["PDF_DEEP"];
      return { pages: r.pageCount, title: r.titleBlock.title, drawingNumber: r.titleBlock.drawingNumber, notes: r.notes.length };
    }
    case "STEP_EXTRACT": {
      const r = result as StageOutputs["STEP_EXTRACT"];
      return {
        parts: r.parts.length,
        instances: r.instanceCount,
        triangles: r.parts.reduce((n, p) => n + p.triangleCount * p.instanceCount, 0),
      };
    }
    case "MATCHING": {
      const r = result as StageOutputs["MATCHING"];
      return {
        matched: r.matches.filter((m) => m.partIndex !== null).length,
        matchRate: r.matchRate,
        quantityMismatches: r.matches.filter((m) => m.partIndex !== null && !m.quantityOk).length,
        unmatchedBomRows: r.unmatchedBomRows.length,
        unmatchedParts: r.unmatchedParts.length,
      };
    }
    case "GENERATE": {
      const r = result as StageOutputs["GENERATE"];
      return { steps: r.stepCount, artifacts: r.artifacts.map((a) => a.name) };
    }
  }
  return {};
}
