// Pages in order with their text, the next ones already requested. In Node pdfjs runs on
// this thread (its "fake" worker) and waits on the thread pool for each content stream's
// inflate; with the next pages queued, those waits are filled by its work on them and by the
// caller's work on the current page, instead of this thread idling page after page.
import type { PdfDocument, PdfPage } from "./load.js";
import { readPageText, type PageText } from "./items.js";

export interface LoadedPage {
  pdfPage: PdfPage;
  page: PageText;
}

/** Two pages ahead measured best on 50 pages; more only adds pdfjs work in flight. */
const AHEAD = 2;

/** Yields pages 1..numPages in order; up to `ahead` later pages are in flight meanwhile. */
export async function* readPagesAhead(doc: PdfDocument, ahead = AHEAD): AsyncGenerator<LoadedPage> {
  const pending: Promise<LoadedPage>[] = [];
  let next = 1;
  const load = (n: number) => {
    const p = doc.getPage(n).then(async (pdfPage) => ({ pdfPage, page: await readPageText(pdfPage, n) }));
    // A page still in flight when the caller stops (an error, destroy()) must not surface as an
    // unhandled rejection; a page that is awaited still throws.
    p.catch(() => {});
    return p;
  };
  for (let n = 1; n <= doc.numPages; n++) {
    while (next <= Math.min(doc.numPages, n + ahead)) pending.push(load(next++));
    yield await pending.shift()!;
  }
}
