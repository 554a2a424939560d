// Typed cell values: quantities with decimal commas and unit suffixes, item numbers.
import { collapseSpaces } from "../pdf-text/index.js";

const PIECE_UNITS = new Set(["pcs", "pc", "pce", "pces", "piece", "pieces", "stk", "stck", "stück", "st", "ea", "each", "x", "件", "个", "只"]);

export interface Quantity {
  value: number | null;
  /** Unit printed after the number ("2 pcs"), piece words normalised to "pcs". */
  unit: string | null;
}

/** "2" → 2, "0,5" → 0.5, "2 pcs" / "2 Stk." → 2 pcs, "1.5 m" → 1.5 m, "A/R" → null. */
export function parseQuantity(text: string | null): Quantity {
  if (!text) return { value: null, unit: null };
  const s = text.normalize("NFKC").trim();
  const m = /^(\d+(?:[.,]\d+)?)\s*([\p{L}.]{1,8})?\.?$/u.exec(s);
  if (!m) return { value: null, unit: null };
  const value = Number(m[1].replace(",", "."));
  if (!Number.isFinite(value)) return { value: null, unit: null };
  const rawUnit = m[2]?.replace(/\.$/, "") ?? "";
  if (!rawUnit) return { value, unit: null };
  return { value, unit: PIECE_UNITS.has(rawUnit.toLowerCase()) ? "pcs" : rawUnit };
}

/** Item numbers as printed on parts lists: "1", "12", "1.2", "3a", "A", "A-1". */
export function isItemLike(text: string): boolean {
  const s = text.normalize("NFKC").trim();
  return /^(?:[A-Za-z]?\d{1,4}(?:[.\-/]\d{1,3})*[A-Za-z]?|[A-Z])\.?$/.test(s);
}

/** Whether a quantity cell could hold a quantity (used when a table has no item column). */
export function isQuantityLike(text: string): boolean {
  return parseQuantity(text).value !== null || /^(a\/?r|as req.*|n\/?a|-+)$/i.test(text.trim());
}

export function cleanText(text: string | null | undefined): string | null {
  const s = collapseSpaces(text ?? "");
  return s ? s : null;
}

/**
 * Whether a quantity cell's text can stand in a parts list: a number, or a short non-numeric
 * quantity as people print them ("~150", "A/R", "//", "0-1", "as req."). Longer wording means
 * the line belongs to something else (a title block, a note).
 */
export function isQuantityText(text: string): boolean {
  if (isQuantityLike(text)) return true;
  const s = text.trim();
  return s.length <= 12 && !/\p{L}{5,}/u.test(s) && !/\s\S+\s/.test(s);
}
