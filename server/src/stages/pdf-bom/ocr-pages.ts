// PDF_BOM's OCR step: when the text layer gives no parts list, pages are rendered and OCR'd
// (pdf-ocr) and scanned again by the same table finders. Rows read from OCR carry per-cell
// confidences; cells below LOW_CONF get a row warning and an OCR_LOW_CONFIDENCE notice, their
// text is kept exactly as read.
import { groupLines, type PdfPage } from "../pdf-text/index.js";
import { languagesFromText, normalizeLanguages, ocrPage, type HeaderBox } from "../pdf-ocr/index.js";
import type { BomResult, OcrSettings, Reporter } from "../types.js";
import { StageError } from "../types.js";
import { findHeaders } from "./find-header.js";
import { scanPage, type PageScan } from "./scan.js";

/** Cells read with less confidence than this are flagged. */
export const LOW_CONF = 0.6;

/** True when the text layer gave no table with rows anywhere: then OCR is worth its time. */
export function needsOcr(pages: PageScan[]): boolean {
  return !pages.some((p) => p.tables.some((t) => t.parsed.rows.length > 0));
}

export interface OcrOutcome {
  pages: number[];
  meanConfidence: number;
}

export async function ocrPages(
  pdfPath: string,
  pages: PageScan[],
  pdfPages: PdfPage[],
  settings: OcrSettings,
  started: number,
  reporter: Reporter,
): Promise<OcrOutcome> {
  const asked = settings.languages?.length ? normalizeLanguages(settings.languages) : null;
  if (asked?.missing.length) reporter.log("WARN", `OCR languages not installed, ignored: ${asked.missing.join(", ")}`);
  const languages = asked?.ok.length ? asked.ok : languagesFromText(pages.flatMap((p) => p.page.items.map((i) => i.str)).join(" "));
  const todo = pages.slice(0, settings.maxPages);
  if (pages.length > todo.length) {
    reporter.log("WARN", `Only the first ${todo.length} of ${pages.length} pages are OCR'd (OCR_MAX_PAGES)`);
  }
  const limits = { deadline: started + settings.timeoutMs };
  const headersOf = (items: Parameters<typeof groupLines>[0]): HeaderBox[] =>
    findHeaders(groupLines(items)).map((h) => ({
      x0: Math.min(...h.columns.map((c) => c.x0)),
      x1: Math.max(...h.columns.map((c) => c.x1)),
      yTop: h.yTop,
      yBottom: h.yBottom,
      h: h.h,
    }));
  const read: number[] = [];
  let failure: StageError | null = null;
  let confSum = 0;
  let confN = 0;
  for (const [i, scan] of todo.entries()) {
    const n = scan.page.page;
    reporter.stage(Math.round(10 + (i / todo.length) * 80), `OCR page ${n}/${todo.length} (${languages.join("+")})`);
    let o: Awaited<ReturnType<typeof ocrPage>>;
    try {
      // Without asked languages, the quick pass's words may add the table's language.
      const refine = asked?.ok.length ? undefined : (text: string) => [...new Set([...languages, ...languagesFromText(text)])];
      o = await ocrPage(pdfPath, scan.page, { languages, maxPixels: settings.maxPixels, refine }, limits, headersOf, (done, total) =>
        reporter.stage(Math.round(10 + ((i + (done + 1) / (total + 1)) / todo.length) * 80), `OCR page ${n}: table region ${done + 1}/${total}`),
      );
    } catch (e) {
      // One unreadable page (poppler cannot draw it) does not lose the others; time and cancel do stop.
      if (!(e instanceof StageError) || (e.code !== "PDF_RENDER_FAILED" && e.code !== "OCR_FAILED")) throw e;
      failure = e;
      reporter.log("WARN", `OCR of page ${n} failed: ${e.message}`, { code: e.code, page: n });
      continue;
    }
    reporter.log(
      "INFO",
      `OCR page ${n}: ${o.dpi} dpi, ${o.languages.join("+")}, skew ${o.skew}°, ${o.page.items.length} words, mean confidence ${o.meanConfidence}, ` +
        `${o.regions.length} table region(s); render ${o.ms.render} ms, prepare ${o.ms.prepare} ms, quick OCR ${o.ms.quick} ms, table OCR ${o.ms.regions} ms`,
      { page: n, dpi: o.dpi, skew: o.skew, regions: o.regions, ms: o.ms },
    );
    if (!o.page.items.length) continue;
    read.push(n);
    confSum += o.meanConfidence * o.page.items.length;
    confN += o.page.items.length;
    pages[n - 1] = await scanPage(pdfPages[n - 1], o.page, null, o.rulings);
  }
  if (!read.length && failure) throw failure;
  return { pages: read, meanConfidence: confN ? Math.round((confSum / confN) * 100) / 100 : 0 };
}

/** Flags OCR cells read with low confidence: a row warning each, one notice for all. */
export function flagLowConfidence(result: BomResult): void {
  const rows: number[] = [];
  result.rows.forEach((r, i) => {
    if (r.source !== "OCR") return;
    const low = (r.columns ?? []).filter((c) => c.text && c.confidence !== undefined && c.confidence < LOW_CONF);
    if (!low.length) return;
    rows.push(i);
    for (const c of low) {
      (r.warnings ??= []).push(
        `"${c.text}" (${c.header || "cell"}) was read by OCR with low confidence (${Math.round(c.confidence! * 100)}%); check it`,
      );
    }
  });
  if (!rows.length) return;
  const message = `${rows.length} OCR row(s) have cells read with low confidence; they are kept as read and flagged`;
  (result.notices ??= []).push({ code: "OCR_LOW_CONFIDENCE", message, rows });
  result.warnings.push(message);
}

export function noTextLayer(): StageError {
  return new StageError(
    "NO_TEXT_LAYER",
    "The PDF has no text layer and OCR of its pages found no text (blank pages, or a resolution too low to read)",
  );
}
