// A first column without a known title that counts 1, 2, 3… is the item column. OCR often
// misreads a lone "#" title (as "a", "H", "tt"), and some sheets print the numbers untitled.
import type { TableColumn } from "./rows.js";

/** `firstCells`: the text of the first column, line by line or band by band, top to bottom. */
export function withNumbering(columns: TableColumn[], firstCells: (string | null)[]): TableColumn[] {
  if (!columns.length || columns[0].field || columns.some((c) => c.field === "item")) return columns;
  const filled = firstCells.filter((c): c is string => !!c && c.trim() !== "");
  if (filled.length < 3) return columns;
  const nums = filled.map((c) => (/^\d{1,4}$/.test(c.trim()) ? Number(c.trim()) : NaN));
  if (nums.filter((n) => !Number.isNaN(n)).length < 0.8 * filled.length) return columns;
  let steps = 0;
  for (let i = 1; i < nums.length; i++) if (nums[i] === nums[i - 1] + 1) steps++;
  if (steps < 0.7 * (nums.length - 1)) return columns;
  return [{ ...columns[0], field: "item" }, ...columns.slice(1)];
}
