// Chooses the parts list among all header candidates (revision tables, title blocks and notes
// also have titled columns) and joins its continuations on the same and following pages.
import type { BomNotice, BomResult, BomRow, Reporter } from "../types.js";
import { continueOnPage } from "./continuation.js";
import { isHeading, resolveHeadings } from "./row-builder.js";
import type { ParsedTable } from "./rows.js";
import type { FoundTable, PageScan } from "./scan.js";
import { linkByIndent } from "./indent.js";

/** Parts lists have many mapped columns, a quantity column and complete rows. */
function tableScore(t: FoundTable): number {
  const fields = t.parsed.columns.filter((c) => c.field).map((c) => c.field);
  const rows = t.parsed.rows.reduce((s, r) => s + (isHeading(r) ? 0 : r.confidence), 0);
  return rows + 2 * fields.length + (fields.includes("quantity") ? 3 : 0);
}

const signature = (t: ParsedTable) => t.columns.map((c) => c.field ?? "-").join("|");

export async function assemble(pages: PageScan[], reporter: Reporter): Promise<BomResult> {
  const all = pages.flatMap((p) => p.tables);
  const withRows = all.filter((t) => t.parsed.rows.length > 0);
  const pool = withRows.length ? withRows : all;
  if (!pool.length) return notFound(pages.length, reporter);
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
  const notices: BomNotice[] = [];
  const kept = dropDuplicatePages(parts, notices);
  const rows = resolveHeadings(kept.flatMap((x) => x.table.rows));
  linkHierarchy(rows);

  if (!rows.length) {
    const where = `page ${pageNo} (${primary.parsed.columns.map((c) => c.label).join(" | ")})`;
    notices.push({ code: "BOM_NOT_FOUND", message: `A parts-list header was found on ${where} but no rows could be read below or above it` });
  }
  const odd = rows.flatMap((r, i) => (r.quantity === null && quantityText(r) ? [i] : []));
  if (odd.length) {
    const shown = odd
      .slice(0, 5)
      .map((i) => `"${quantityText(rows[i])}"`)
      .join(", ");
    notices.push({
      code: "NON_NUMERIC_QUANTITY",
      message: `${odd.length} row(s) have a quantity that is not a number (${shown}); kept as printed, quantity null`,
      rows: odd,
    });
  }
  const weak = rows.flatMap((r, i) => (r.confidence < 0.7 ? [i] : []));
  if (weak.length)
    notices.push({ code: "LOW_CONFIDENCE_ROWS", message: `${weak.length} row(s) have missing or non-numeric item/quantity values`, rows: weak });
  for (const n of notices) reporter.log("WARN", n.message, { code: n.code, rows: n.rows });
  const columns = primary.parsed.columns.map((c) => ({ header: c.label, field: c.field }));
  return { rows, headerMap, page: pageNo, warnings: notices.map((n) => n.message), columns, notices };
}

const quantityText = (r: BomRow) => r.columns?.find((c) => c.field === "quantity")?.text || null;

/** No header anywhere: say what was looked for, so the user knows why the list is empty. */
function notFound(pageCount: number, reporter: Reporter): BomResult {
  const message =
    `No parts list found on ${pageCount} page(s): looked for a header row with a quantity, item or part-number title ` +
    `(QTY, ITEM, POS, PART NUMBER, Menge, Cantidad, Кол., 数量 …) next to a second known title`;
  reporter.log("WARN", message, { code: "BOM_NOT_FOUND" });
  return { rows: [], headerMap: {}, page: null, warnings: [message], columns: [], notices: [{ code: "BOM_NOT_FOUND", message }] };
}

/** The same sheet printed twice in one PDF gives its rows once. */
function dropDuplicatePages<T extends { page: number; table: ParsedTable }>(parts: T[], notices: BomNotice[]): T[] {
  const seen = new Map<string, number>();
  const dropped: number[] = [];
  const kept = parts.filter((x) => {
    if (!x.table.rows.length) return true;
    const key = x.table.rows.map((r) => (r.columns ?? []).map((c) => c.text).join("\t")).join("\n");
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, x.page);
      return true;
    }
    dropped.push(x.page);
    return false;
  });
  if (dropped.length) {
    notices.push({
      code: "DUPLICATE_PAGES",
      message: `Page(s) ${dropped.join(", ")} repeat a parts list already read on an earlier page; their rows were counted once`,
    });
  }
  return kept;
}

/**
 * Hierarchical numbering (1, 1.1, 1.2, 2): a row whose item extends an earlier row's item by
 * ".n" is that row's child; without such numbers, names set further right are children
 * (indent.ts). Other lists stay flat (level null).
 */
function linkHierarchy(rows: BomRow[]): void {
  const last = new Map<string, number>();
  let nested = false;
  rows.forEach((r, i) => {
    const item = r.item?.replace(/\.$/, "");
    if (!item) return;
    const cut = item.lastIndexOf(".");
    const parent = cut > 0 ? last.get(item.slice(0, cut)) : undefined;
    if (parent !== undefined && /^\d+(\.\d+)+$/.test(item)) {
      r.parentIndex = parent;
      nested = true;
    }
    last.set(item, i);
  });
  if (!nested) {
    linkByIndent(rows);
    return;
  }
  rows.forEach((r) => {
    r.parentIndex ??= null;
    r.level = r.parentIndex === null ? 0 : rows[r.parentIndex].level! + 1;
  });
}
