// Ground truth of a spec: its parts projected onto the columns the drawing prints, with the
// page each row is printed on. Values are the typed data, never the printed text.
import type { DocSpec, Field, Part, Truth, TruthRow } from "./types.js";

const oneLine = (s: string | undefined) => (s ? s.replace(/\s*\n\s*/g, " ") : null);

export function truthOf(spec: DocSpec): Truth {
  const has = new Set<Field>(spec.columns.flatMap((c) => (c.field ? [c.field] : [])));
  const per = spec.rowsPerPage ?? spec.parts.length;
  const pick = (f: Field, p: Part) => (has.has(f) ? oneLine(p[f as keyof Part] as string | undefined) : null);
  // A description column is the rows' name when the table has no name column (the rule of
  // ../shared/fixtures/realworld/README.md: the short name where a table has both).
  const descIsName = !has.has("name") && has.has("description");
  const rows: TruthRow[] = spec.parts.map((p, i) => ({
    item: pick("item", p),
    partNumber: pick("partNumber", p),
    name: descIsName ? pick("description", p) : pick("name", p),
    description: descIsName ? null : pick("description", p),
    quantity: has.has("quantity") ? p.quantity : null,
    // A unit printed in the quantity cell ("2 pcs") counts even without a unit column.
    unit: has.has("unit") || (has.has("quantity") && p.qtyText && /\p{L}/u.test(p.qtyText)) ? (p.unit ?? null) : null,
    material: pick("material", p),
    note: pick("note", p),
    page: 1 + Math.floor(i / per),
  }));
  return { rows, page: 1 };
}

/** Printed text of one cell. */
export function cellText(p: Part, field: Field | null): string {
  if (!field) return field === null ? "" : "";
  if (field === "quantity") return p.qtyText ?? String(p.quantity);
  return (p[field] as string | undefined) ?? "";
}
