// Fonts for manual.pdf: WenQuanYi Zen Hei (embedded, subset) covers Latin and CJK, so a
// Chinese parts list prints as text, not boxes. Without it: Helvetica, limited to WinAnsi.

import { existsSync } from "node:fs";

/** Debian's fonts-wqy-zenhei; the MANUALFORGE_CJK_FONT setting (config.ts) overrides it. */
export const DEFAULT_CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
/** PostScript name of the face inside the collection. */
const CJK_FACE = "WenQuanYiZenHei";

export interface PdfFonts {
  regular: string;
  bold: string;
  italic: string;
  /** True when the CJK font is embedded. */
  embedded: boolean;
  /** Make text printable in the chosen font. */
  safe: (text: string) => string;
}

/** Windows-1252 extras that the standard fonts can draw beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set("ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜");

/**
 * The standard fonts only encode WinAnsi; anything else would print as garbage bytes.
 * Fold compatibility forms first (full-width Ｍ１２ → M12), then replace the rest with "?".
 */
export function pdfSafe(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFKC")) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n" || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) {
      out += ch;
    } else if (code === 0x2212) out += "-";
    else if (/\s/.test(ch)) out += " ";
    else out += "?";
  }
  return out;
}

/** Register the fonts on `doc`; warns through `warn` when falling back to Helvetica. */
export function setupFonts(doc: PDFKit.PDFDocument, warn: (msg: string) => void, fontPath = DEFAULT_CJK_FONT): PdfFonts {
  if (fontPath && existsSync(fontPath)) {
    try {
      doc.registerFont("Body", fontPath, CJK_FACE);
      doc.font("Body"); // parse now, so a broken file falls back here rather than mid-layout
      return { regular: "Body", bold: "Body", italic: "Body", embedded: true, safe: (t) => t };
    } catch (err) {
      warn(`Cannot load the CJK font ${fontPath} (${(err as Error).message}); using Helvetica, non-Latin text prints as "?"`);
    }
  } else {
    warn(`CJK font ${fontPath} not found; using Helvetica, non-Latin text (e.g. Chinese) prints as "?"`);
  }
  return { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique", embedded: false, safe: pdfSafe };
}
