// Text items of one page, normalised into "display space": the page as a viewer shows it
// (after /Rotate), x to the right, y up, origin bottom-left. Working in display space means a
// landscape sheet stored as a rotated portrait page still has horizontal text lines.
import * as pdfjs from "./pdfjs.js";
import type { PdfPage } from "./load.js";
import { collapseSpaces } from "./spaces.js";

export interface PageText {
  /** 1-based page number. */
  page: number;
  /** Displayed width/height in points (rotation applied). */
  width: number;
  height: number;
  rotation: number;
  items: TextPiece[];
  /** Maps a display-space point back to PDF user space (what BomRow.bbox uses). */
  toUser(x: number, y: number): [number, number];
}

export interface TextPiece {
  str: string;
  /** Left end of the baseline, display space. */
  x: number;
  y: number;
  /** Advance width along the text direction. */
  w: number;
  /** Font height (size of the em square). */
  h: number;
  /** True when the text runs left-to-right horizontally on the displayed page. */
  horizontal: boolean;
  /** Text direction on the displayed page in degrees, counter-clockwise (0, 90, 180, 270), or -1 when skewed. */
  dir: number;
  /** OCR word confidence 0..1; absent for text from the PDF's text layer. */
  conf?: number;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
}

export async function readPageText(page: PdfPage, pageNumber: number): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: TextPiece[] = [];
  for (const raw of content.items as unknown[]) {
    // TextMarkedContent entries carry no "str".
    if (!raw || typeof raw !== "object" || !("str" in raw)) continue;
    const it = raw as RawItem;
    const str = collapseSpaces(it.str);
    if (!str) continue;
    const m = pdfjs.Util.transform(viewport.transform, it.transform) as number[];
    const h = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
    if (!(h > 0)) continue;
    // viewport.transform flips y (top-left origin); flip back so "up" is larger y.
    const horizontal = Math.abs(m[1]) < 0.05 * Math.abs(m[0]) && m[0] > 0;
    const w = it.width > 0 ? it.width : str.length * 0.5 * h;
    items.push({ str, x: m[4], y: viewport.height - m[5], w, h, horizontal, dir: direction(m) });
  }
  return {
    page: pageNumber,
    width: viewport.width,
    height: viewport.height,
    rotation: ((page.rotate % 360) + 360) % 360,
    items,
    toUser(x, y) {
      const p = viewport.convertToPdfPoint(x, viewport.height - y) as number[];
      return [p[0], p[1]];
    },
  };
}

/** Quadrant of the text direction; the viewport matrix has y pointing down, hence -m[1]. */
function direction(m: number[]): number {
  const deg = (Math.atan2(-m[1], m[0]) * 180) / Math.PI;
  const q = Math.round(deg / 90) * 90;
  if (Math.abs(deg - q) > 3) return -1;
  return ((q % 360) + 360) % 360;
}
