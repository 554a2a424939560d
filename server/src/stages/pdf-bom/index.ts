// PDF_BOM stage: finds the parts list of a drawing PDF and returns its rows as typed values.
import { StageError, type BomResult, type StageFn } from "../types.js";
import { groupLines, readPageText, withPdf, type PageText, type TextLine } from "../pdf-text/index.js";
import { findHeaders, type HeaderCandidate } from "./find-header.js";
import { parseTable, type ParsedTable } from "./parse-rows.js";

interface PageTables {
  page: PageText;
  lines: TextLine[];
  /** Each header with its better reading direction. */
  tables: { header: HeaderCandidate; parsed: ParsedTable }[];
}

/** Reads the table in both directions and keeps the one with more rows (tie: rows below). */
function bestDirection(page: PageText, lines: TextLine[], header: HeaderCandidate): ParsedTable {
  const down = parseTable(page, lines, header, "down");
  const up = parseTable(page, lines, header, "up");
  return up.rows.length > down.rows.length ? up : down;
}

export const runPdfBom: StageFn<"PDF_BOM"> = async ({ pdfPath }, reporter) => {
  reporter.stage(0, "Opening PDF");
  return withPdf(pdfPath, async (doc) => {
    const pages: PageTables[] = [];
    let anyText = false;
    for (let n = 1; n <= doc.numPages; n++) {
      const pdfPage = await doc.getPage(n);
      const page = await readPageText(pdfPage, n);
      pdfPage.cleanup();
      if (page.items.length) anyText = true;
      const lines = groupLines(page.items);
      const tables = findHeaders(lines).map((header) => ({ header, parsed: bestDirection(page, lines, header) }));
      pages.push({ page, lines, tables });
      reporter.stage(
        Math.round((n / doc.numPages) * 90),
        `Scanned page ${n}/${doc.numPages}: ${page.items.length} text items, ${tables.length} header candidate(s)`,
      );
    }
    if (!anyText) {
      throw new StageError("NO_TEXT_LAYER", "The PDF has no text layer (scanned drawing?); OCR is not supported yet");
    }
    const result = assemble(pages, reporter);
    reporter.stage(100, `Parts list: ${result.rows.length} row(s)`);
    return result;
  });
};

function assemble(pages: PageTables[], reporter: Parameters<StageFn<"PDF_BOM">>[1]): BomResult {
  // The parts list is the first header that has rows under (or over) it; a lone header
  // without rows only counts when nothing better exists.
  const all = pages.flatMap((p) => p.tables.map((t) => ({ ...t, page: p.page.page })));
  const withRows = all.filter((t) => t.parsed.rows.length > 0);
  const pool = withRows.length ? withRows : all;
  if (!pool.length) {
    reporter.log("WARN", "No BOM table header found");
    return { rows: [], headerMap: {}, page: null, warnings: ["No BOM table header found"] };
  }
  const firstPage = pool[0].page;
  const primary = pool
    .filter((t) => t.page === firstPage)
    .sort((a, b) => fieldCount(b.header) - fieldCount(a.header) || b.parsed.rows.length - a.parsed.rows.length)[0];

  const headerMap: Record<string, string> = {};
  for (const c of primary.header.columns) if (c.field) headerMap[c.label] = c.field;
  reporter.log(
    "INFO",
    `BOM header found on page ${primary.page} (${primary.parsed.direction === "up" ? "at the bottom, rows above" : "at the top, rows below"}) with columns ${primary.header.columns.map((c) => `${c.label}→${c.field ?? "ignored"}`).join(", ")}`,
  );

  // The same header again (later pages, or a second block on the same page) continues the list.
  const parts = all.filter(
    (t) => t === primary || (t.page >= primary.page && t.header.signature === primary.header.signature && t.parsed.rows.length),
  );
  parts.sort((a, b) => a.page - b.page || a.header.columns[0].x0 - b.header.columns[0].x0);
  const rows = parts.flatMap((t) => t.parsed.rows);
  for (const t of parts) {
    if (t !== primary) reporter.log("INFO", `Parts list continues on page ${t.page}: ${t.parsed.rows.length} row(s)`);
  }

  const warnings: string[] = [];
  if (!rows.length) warnings.push(`BOM header found on page ${primary.page} but no rows could be read`);
  const weak = rows.filter((r) => r.confidence < 0.7).length;
  if (weak) warnings.push(`${weak} row(s) have missing or non-numeric item/quantity values`);
  for (const w of warnings) reporter.log("WARN", w);
  return { rows, headerMap, page: primary.page, warnings };
}

function fieldCount(h: HeaderCandidate): number {
  return h.columns.filter((c) => c.field).length;
}
