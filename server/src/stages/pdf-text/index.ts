// Shared PDF text access for the PDF_BOM and PDF_DEEP stages.
export { withPdf, type PdfPage } from "./load.js";
export { readPageText, type PageText, type TextPiece } from "./items.js";
export { groupLines, joinPieces, splitRuns, median, type TextLine } from "./lines.js";
