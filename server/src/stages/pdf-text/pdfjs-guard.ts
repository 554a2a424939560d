// When the raw reader could not count a page's operators (precheckPdf returned false: an
// encrypted file, a structure or data it cannot walk), pdfjs is budgeted itself before any
// stage reads the pages: each page's operator list, which pdfjs hands over in chunks of 1000
// operators, is counted (not kept) against PDF_MAX_OPS_PER_PAGE and timed against
// PDF_MAX_PAGE_MS; past either the file is PDF_TOO_COMPLEX and withPdf's doc.destroy() ends
// pdfjs' work. A timer cannot do this: pdfjs runs in this thread and continues in microtasks,
// so no timer fires until the page is done; the chunk hand-over is the one place to stop it.
// Relies on PDFPageProxy._renderPageChunk (pdfjs-dist 5, pinned; pdfjs-guard.test checks it).
import { pdfTooComplex, type PdfLimits } from "./pdf-limits.js";
import type * as pdfjs from "./pdfjs.js";

type PdfDocument = Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

interface OpListChunk {
  length: number;
  fnArray: unknown[];
  argsArray: unknown[];
  lastChunk: boolean;
  separateAnnots: unknown;
}
type ChunkSink = (this: PdfPage, chunk: OpListChunk, intentState: unknown) => void;

/** Throws PDF_TOO_COMPLEX when one page's operator list passes the operator or time budget. */
export async function guardPage(page: PdfPage, limits: PdfLimits): Promise<void> {
  const proxy = page as unknown as { _renderPageChunk: ChunkSink };
  const original = proxy._renderPageChunk;
  if (typeof original !== "function") throw new Error("pdfjs-dist changed: PDFPageProxy._renderPageChunk is gone (pdfjs-guard.ts)");
  const started = Date.now();
  const n = page.pageNumber;
  let ops = 0;
  let stop!: (err: Error) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  proxy._renderPageChunk = function (chunk, intentState) {
    ops += chunk.length;
    if (ops > limits.maxOpsPerPage) stop(pdfTooComplex(`page ${n} runs more than ${limits.maxOpsPerPage} operators (PDF_MAX_OPS_PER_PAGE)`));
    else if (Date.now() - started > limits.maxPageMs)
      stop(pdfTooComplex(`page ${n} takes longer than ${limits.maxPageMs} ms to read (PDF_MAX_PAGE_MS)`));
    // Counted, not kept: a list of millions of operators would cost hundreds of MB.
    original.call(this, { ...chunk, length: 0, fnArray: [], argsArray: [] }, intentState);
  };
  try {
    await Promise.race([page.getOperatorList(), stopped]);
  } finally {
    delete (proxy as { _renderPageChunk?: ChunkSink })._renderPageChunk; // the prototype's again
    // Drops the (empty) cached list, so a stage asking for the operator list gets the real one.
    page.cleanup();
  }
}

/** Every page of the document through guardPage. */
export async function guardPages(doc: PdfDocument, limits: PdfLimits, maxPages = doc.numPages): Promise<void> {
  for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) await guardPage(await doc.getPage(n), limits);
}
