// The sheet both renderers draw on (render.ts: frame and title block; render-table.ts: the
// parts list): its size, margins and the one text helper, in a leaf module so neither
// renderer imports the other back.

export type Doc = PDFKit.PDFDocument;
export const SHEET_W = 1190.55;
export const SHEET_H = 841.89;
export const MARGIN = 20;
export const TB_W = 420;
export const TB_H = 100;

export interface Fonts {
  regular: string;
  bold: string;
}

export function text(doc: Doc, font: string, str: string, x: number, y: number, size = 9): void {
  doc.font(font).fontSize(size).fillColor("black").text(str, x, y, { lineBreak: false });
}
