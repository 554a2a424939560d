// Shared PDF text access for the PDF_BOM and PDF_DEEP stages.
export { withPdf, type PdfPage, type PdfDocument } from "./load.js";
export { readPageText, type PageText, type TextPiece } from "./items.js";
export { readPagesAhead, type LoadedPage } from "./pages.js";
export { groupLines, joinPieces, splitRuns, median, type TextLine } from "./lines.js";
export { readRulings, normalizeRulings, type Rulings, type HRule, type VRule, type RawSource } from "./rules.js";
export { orientPage, orientRulings, textDirections } from "./frames.js";
export { openRaw } from "./raw-source.js";
export { unreadableContent } from "./content-filters.js";
export { collapseSpaces } from "./spaces.js";
export { splitWords, splitAtBoundaries } from "./words.js";
