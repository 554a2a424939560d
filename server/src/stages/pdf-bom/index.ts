// PDF_BOM stage: finds the parts list of a drawing PDF and returns its rows as typed values.
// Pages whose text layer holds no parts list (scans, glyphs drawn as outlines) are OCR'd.
import { StageError, type StageFn } from "../types.js";
import { openRaw, readPagesAhead, unreadableContent, withPdf, type PdfPage } from "../pdf-text/index.js";
import { flagLowConfidence, needsOcr, noTextLayer, ocrPages, type OcrOutcome } from "./ocr-pages.js";
import { scanPage, type PageScan } from "./scan.js";
import { assemble } from "./select.js";

export const runPdfBom: StageFn<"PDF_BOM"> = async ({ pdfPath, maxPages, pdfLimits, ocr }, reporter) => {
  const started = Date.now();
  reporter.stage(0, "Opening PDF");
  return withPdf(
    pdfPath,
    async (doc, bytes) => {
      const raw = openRaw(bytes, doc.numPages, pdfLimits);
      if (!raw) reporter.log("DEBUG", "Ruling lines will be read through pdfjs' operator list (slower path)");
      const pages: PageScan[] = [];
      const pdfPages: PdfPage[] = [];
      let anyText = false;
      const share = ocr ? 10 : 90;
      for await (const { pdfPage, page } of readPagesAhead(doc)) {
        const n = page.page;
        if (page.items.length) anyText = true;
        const scan = await scanPage(pdfPage, page, raw);
        pdfPage.cleanup();
        pages.push(scan);
        pdfPages.push(pdfPage);
        reporter.stage(
          Math.round((n / doc.numPages) * share),
          `Scanned page ${n}/${doc.numPages}: ${page.items.length} text items, ${scan.tables.length} header candidate(s)`,
        );
      }
      let read: OcrOutcome | null = null;
      if (needsOcr(pages)) {
        // No text because the page content cannot be decoded is not a scan: OCR would see blank pages too.
        const unreadable = anyText ? null : unreadableContent(bytes, pdfLimits);
        if (unreadable) throw unreadable;
        if (!ocr) {
          if (!anyText)
            throw new StageError("NO_TEXT_LAYER", "The PDF has no text layer (a scanned drawing?) and OCR is off, so no parts list can be read.");
        } else {
          reporter.log(
            "INFO",
            anyText ? "The text layer holds no parts list: reading the pages by OCR" : "The PDF has no text layer: reading the pages by OCR",
          );
          read = await ocrPages(pdfPath, pages, pdfPages, ocr, started, reporter);
          if (!anyText && !read.pages.length) throw noTextLayer();
        }
      }
      const result = await assemble(pages, reporter);
      if (read?.pages.length) {
        result.ocr = read;
        flagLowConfidence(result);
      }
      reporter.stage(100, `Parts list: ${result.rows.length} row(s)`);
      return result;
    },
    { maxPages, limits: pdfLimits },
  );
};
