// PDF_DEEP stage: page geometry, page text, title block and notes of a drawing PDF.
import type { PdfDeepResult, PdfPageInfo, StageFn, TitleBlock } from "../types.js";
import { readPageText, withPdf } from "../pdf-text/index.js";
import { readNotes } from "./notes.js";
import { pageToText } from "./page-text.js";
import { readTitleBlock } from "./title-block.js";

export const runPdfDeep: StageFn<"PDF_DEEP"> = async ({ pdfPath, maxPages, pdfLimits }, reporter) => {
  reporter.stage(0, "Opening PDF");
  return withPdf(
    pdfPath,
    async (doc) => {
      const pages: PdfPageInfo[] = [];
      const notes: string[] = [];
      let titleBlock: TitleBlock | null = null;
      for (let n = 1; n <= doc.numPages; n++) {
        const pdfPage = await doc.getPage(n);
        const page = await readPageText(pdfPage, n);
        pdfPage.cleanup();
        // page.view is [x0, y0, x1, y1] in user space; a 90/270 rotation swaps what is shown.
        const [x0, y0, x1, y1] = pdfPage.view;
        const rotated = page.rotation === 90 || page.rotation === 270;
        const w = Math.abs(x1 - x0);
        const h = Math.abs(y1 - y0);
        pages.push({ number: n, width: rotated ? h : w, height: rotated ? w : h, rotation: page.rotation, text: pageToText(page) });

        const block = safely(() => readTitleBlock(page), null);
        titleBlock = mergeTitleBlocks(titleBlock, block);
        const pageNotes = safely(() => readNotes(page), []);
        notes.push(...pageNotes.filter((t) => !notes.includes(t)));
        reporter.stage(
          Math.round((n / doc.numPages) * 95),
          `Read page ${n}/${doc.numPages}: ${page.items.length} text items${block ? ", title block" : ""}${pageNotes.length ? `, ${pageNotes.length} note(s)` : ""}`,
        );
      }

      const result: PdfDeepResult = {
        pageCount: doc.numPages,
        pages,
        titleBlock: titleBlock ?? { title: null, drawingNumber: null, revision: null, date: null, fields: {} },
        notes,
      };
      if (!result.titleBlock.title) {
        // Fall back to the document title some CAD exporters write into the PDF metadata.
        const meta = await doc.getMetadata().catch(() => null);
        const info = (meta?.info ?? {}) as { Title?: unknown };
        if (typeof info.Title === "string" && info.Title.trim()) result.titleBlock.title = info.Title.trim();
      }
      const tb = result.titleBlock;
      reporter.log(
        "INFO",
        `Title block: title=${tb.title ?? "-"}, drawing number=${tb.drawingNumber ?? "-"}, revision=${tb.revision ?? "-"}, date=${tb.date ?? "-"}, ${Object.keys(tb.fields).length} other field(s); ${notes.length} note(s)`,
      );
      reporter.stage(100, `Read ${doc.numPages} page(s)`);
      return result;
    },
    { maxPages, limits: pdfLimits },
  );
};

/** Earlier pages win; later sheets only fill what is still missing. */
function mergeTitleBlocks(a: TitleBlock | null, b: TitleBlock | null): TitleBlock | null {
  if (!a || !b) return a ?? b;
  return {
    title: a.title ?? b.title,
    drawingNumber: a.drawingNumber ?? b.drawingNumber,
    revision: a.revision ?? b.revision,
    date: a.date ?? b.date,
    fields: { ...b.fields, ...a.fields },
  };
}

/** Layout heuristics must never fail the stage: an odd sheet just yields empty values. */
function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
