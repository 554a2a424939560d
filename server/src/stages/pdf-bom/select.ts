// Chooses the parts list among all header candidates (revision tables, title blocks and notes
// also have titled columns) and joins its continuations on the same and following pages.
import type { BomResult, BomRow, Reporter } from "../types.js";
import { continueOnPage } from "./continuation.js";
import type { ParsedTable } from "./rows.js";
import type { FoundTable, PageScan } from "./scan.js";

/** Parts lists have many mapped columns, a quantity column and complete rows. */
function tableScore(t: FoundTable): number {
  const fields = t.parsed.columns.filter((c) => c.field).map((c) => c.field);
  const rows = t.parsed.rows.reduce((s, r) => s + r.confidence, 0);
  return rows + 2 * fields.length + (fields.includes("quantity") ? 3 : 0);
}

const signature = (t: ParsedTable) => t.columns.map((c) => c.field ?? "-").join("|");

export async function assemble(pages: PageScan[], reporter: Reporter): Promise<BomResult> {
  const all = pages.flatMap((p) => p.tables);
  const withRows = all.filter((t) => t.parsed.rows.length > 0);
  const pool = withRows.length ? withRows : all;
  if (!pool.length) {
    reporter.log("WARN", "No BOM table header found");
    return { rows: [], headerMap: {}, page: null, warnings: ["No BOM table header found"] };
  }
  // Best score; on a tie the earliest page wins.
  const primary = pool.reduce((a, b) => (tableScore(b) > tableScore(a) ? b : a));
  const pageNo = primary.view.page.page;
  const headerMap: Record<string, string> = {};
  for (const c of primary.parsed.columns) if (c.field) headerMap[c.label] = c.field;
  const where = primary.parsed.direction === "up" ? "at the bottom, rows above" : "at the top, rows below";
  reporter.log(
    "INFO",
    `BOM header found on page ${pageNo} (${where}; ${primary.parsed.method === "lattice" ? "ruled table" : "text-aligned table"}) with columns ${primary.parsed.columns.map((c) => `${c.label}→${c.field ?? "ignored"}`).join(", ")}`,
  );

  // The same header again (a second block on the sheet, later sheets) continues the list;
  // a following sheet without any header may continue it too.
  const sig = signature(primary.parsed);
  const parts: { page: number; table: ParsedTable }[] = [{ page: pageNo, table: primary.parsed }];
  for (const t of withRows) {
    const p = t.view.page.page;
    if (t !== primary && p >= pageNo && t.view.angle === primary.view.angle && signature(t.parsed) === sig) {
      parts.push({ page: p, table: t.parsed });
    }
  }
  for (let p = pageNo + 1; p <= pages.length; p++) {
    if (parts.some((x) => x.page === p)) continue;
    if (!parts.some((x) => x.page === p - 1)) break;
    const cont = await continueOnPage(pages[p - 1], primary);
    if (!cont) break;
    parts.push({ page: p, table: cont });
  }
  parts.sort((a, b) => a.page - b.page || a.table.columns[0].left - b.table.columns[0].left);
  for (const x of parts) {
    if (x.table !== primary.parsed) reporter.log("INFO", `Parts list continues on page ${x.page}: ${x.table.rows.length} row(s)`);
  }
  carrySections(parts.map((x) => x.table));
  const rows = parts.flatMap((x) => x.table.rows);

  const warnings: string[] = [];
  if (!rows.length) warnings.push(`BOM header found on page ${pageNo} but no rows could be read`);
  const weak = rows.filter((r) => r.confidence < 0.7).length;
  if (weak) warnings.push(`${weak} row(s) have missing or non-numeric item/quantity values`);
  for (const w of warnings) reporter.log("WARN", w);
  return { rows, headerMap, page: pageNo, warnings };
}

/** A section broken across pages goes on at the top of the next page until a new heading. */
function carrySections(parts: ParsedTable[]): void {
  let last: string | null = null;
  for (const t of parts) {
    for (const r of t.rows) {
      if (r.section) break;
      if (last) r.section = last;
    }
    last = t.openSection ?? t.rows.findLast((r) => r.section)?.section ?? last;
  }
}
