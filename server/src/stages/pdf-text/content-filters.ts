// When pages yield no text, say why if their content streams use a filter no reader decodes
// for page content (an image filter such as DCTDecode, or a name PDF does not define): pdfjs
// then draws nothing and the file would otherwise be reported as a scan (NO_TEXT_LAYER).
import { StageError } from "../types.js";
import type { PdfLimits } from "./pdf-limits.js";
import { RawPdf } from "./raw-pdf.js";

/** Filters pdfjs decodes for any stream (with their abbreviations). */
const CONTENT_FILTERS = new Set([
  "FlateDecode",
  "Fl",
  "LZWDecode",
  "LZW",
  "ASCII85Decode",
  "A85",
  "ASCIIHexDecode",
  "AHx",
  "RunLengthDecode",
  "RL",
  "Crypt",
]);
/** Filters for image data only: their output is pixels, never content operators. */
const IMAGE_FILTERS = new Set(["DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF"]);

/** A PDF_UNSUPPORTED_FILTER error naming the first page whose content cannot be decoded, or null. */
export function unreadableContent(bytes: Uint8Array, limits?: PdfLimits): StageError | null {
  let pages: string[][];
  try {
    pages = new RawPdf(bytes, limits).contentFilters();
  } catch (err) {
    if (err instanceof StageError) throw err;
    return null; // a structure this reader cannot walk: no better reason than the caller's
  }
  for (const [i, names] of pages.entries()) {
    const bad = names.find((n) => !CONTENT_FILTERS.has(n));
    if (bad === undefined) continue;
    const why = IMAGE_FILTERS.has(bad) ? "an image filter, not one for page content" : "a filter that is not part of PDF";
    return new StageError(
      "PDF_UNSUPPORTED_FILTER",
      `The content of page ${i + 1} is encoded with /${bad.slice(0, 40)}, ${why}, so its text and lines cannot be read (a damaged or non-standard PDF; re-export or print it to PDF again)`,
    );
  }
  return null;
}
