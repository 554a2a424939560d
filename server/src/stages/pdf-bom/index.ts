// PDF_BOM stage: finds the parts list of a drawing PDF and returns its rows as typed values.
import { StageError, type StageFn } from "../types.js";
import { openRaw, readPagesAhead, withPdf } from "../pdf-text/index.js";
import { scanPage, type PageScan } from "./scan.js";
import { assemble } from "./select.js";

export const runPdfBom: StageFn<"PDF_BOM"> = async ({ pdfPath, maxPages, pdfLimits }, reporter) => {
  reporter.stage(0, "Opening PDF");
  return withPdf(pdfPath, async (doc, bytes) => {
    const raw = openRaw(bytes, doc.numPages, pdfLimits);
    if (!raw) reporter.log("DEBUG", "Ruling lines will be read through pdfjs' operator list (slower path)");
    const pages: PageScan[] = [];
    let anyText = false;
    for await (const { pdfPage, page } of readPagesAhead(doc)) {
      const n = page.page;
      if (page.items.length) anyText = true;
      const scan = await scanPage(pdfPage, page, raw);
      pdfPage.cleanup();
      pages.push(scan);
      reporter.stage(
        Math.round((n / doc.numPages) * 90),
        `Scanned page ${n}/${doc.numPages}: ${page.items.length} text items, ${scan.tables.length} header candidate(s)`,
      );
    }
    if (!anyText) {
      throw new StageError(
        "NO_TEXT_LAYER",
        "The PDF has no text layer (a scanned drawing?), so no parts list can be read. OCR of scanned drawings is not supported yet; it is planned as a later step.",
      );
    }
    const result = await assemble(pages, reporter);
    reporter.stage(100, `Parts list: ${result.rows.length} row(s)`);
    return result;
  }, { maxPages, limits: pdfLimits });
};
