// A BOM row as PDF_BOM returns it, every field empty but the ones a test names.
import type { BomRow } from "../../src/stages/types.js";

export function bomRow(name: string | null, quantity: number | null, extra: Partial<BomRow> = {}): BomRow {
  return {
    item: null,
    partNumber: null,
    name,
    description: null,
    quantity,
    unit: null,
    material: null,
    note: null,
    page: 1,
    bbox: [0, 0, 0, 0],
    confidence: 1,
    ...extra,
  };
}
