import type { BomRow } from "../../../src/stages/types.js";
// Specs of the generated BOM corpus: what each drawing prints and how. Shared by the tests
// and by `npm run bench:bom`.
export type Field = "item" | "quantity" | "partNumber" | "name" | "description" | "material" | "unit" | "note";
export type Lang = "en" | "de" | "zh";

/** A part as data (the ground truth); "\n" in a text breaks the printed cell over lines. */
export interface Part {
  item: string;
  partNumber?: string;
  name?: string;
  description?: string;
  quantity: number;
  /** How the quantity is printed ("0,5", "2 pcs"); default String(quantity). */
  qtyText?: string;
  unit?: string;
  material?: string;
  note?: string;
}

export interface ColumnSpec {
  /** null: a titled column the extractor should ignore (e.g. WEIGHT). */
  field: Field | null;
  /** Printed title; two entries print a two-line title (序号 over NO.). */
  title: string | [string, string];
  width: number;
  align?: "left" | "center";
}

export type Decoy = "revision" | "notes" | "balloons" | "dimensions";

export interface DocSpec {
  id: string;
  about: string;
  lang: Lang;
  columns: ColumnSpec[];
  parts: Part[];
  /** ISO/GB: header row at the bottom, item 1 next to it. */
  headerAtBottom?: boolean;
  /** "grid": fully ruled; "none": unruled (one rule under the header). */
  rules: "grid" | "none";
  /** Rows per sheet; more parts continue on following sheets. */
  rowsPerPage?: number;
  /** Repeat the header on continuation sheets (default true). */
  repeatHeader?: boolean;
  /** Page stored portrait with /Rotate 90, content drawn so it displays landscape. */
  pageRotate?: boolean;
  /** Content drawn rotated on a portrait page without /Rotate (text runs up or down). */
  contentRotate?: 90 | 270;
  /** Vertically centre single-line cells in tall rows. */
  centreCells?: boolean;
  /** Where the table sits: above the title block (default) or top left of the sheet. */
  placement?: "titleBlock" | "topLeft";
  decoys: Decoy[];
  /** Running page header and footer on every sheet ("Sheet 1 of 3"). */
  pageFooters?: boolean;
}

/** Expected row, as the stage returns it minus bbox and confidence. */
export type TruthRow = Omit<BomRow, "bbox" | "confidence">;

export interface Truth {
  rows: TruthRow[];
  /** Header page of the list. */
  page: number;
}
