// OCR of pages without a usable text layer (scans, glyphs drawn as outlines) for PDF_BOM.
export { ocrPage, type OcrPage, type OcrPageOptions, type HeaderBox } from "./ocr-page.js";
export type { RunLimits } from "./child.js";
export { installedLanguages, languagesFromText, normalizeLanguages } from "./languages.js";
