// One page without usable text → the text pieces and ruling lines the table finders read,
// in the same display space as a text layer (points, y up). Render → deskew → find rules →
// erase them → quick OCR pass of the whole sheet at half resolution (finds header words) →
// OCR of the table regions at full resolution → words placed back on the page.
import type { PageText, Rulings, TextPiece } from "../pdf-text/index.js";
import { normalizeRulings } from "../pdf-text/index.js";
import type { RunLimits } from "./child.js";
import { estimateSkew, rotate } from "./deskew.js";
import { crop, halve, type GrayImage } from "./gray-image.js";
import { binarize, invertBands, isGrainy } from "./clean-image.js";
import { eraseRules, findRules } from "./image-rules.js";
import { area, contains, grids, mergeBoxes, type Box } from "./regions.js";
import { renderPage } from "./render.js";
import { ocrSplit } from "./ocr-split.js";
import type { OcrWord } from "./tesseract.js";

export interface OcrPageOptions {
  languages: string[];
  /** Most pixels one page may be rendered with; the resolution is lowered to fit. */
  maxPixels: number;
  /** Resolution wanted (small print reads best at 300). */
  dpi?: number;
  /** Languages for the table regions, from what the quick pass read (e.g. Catalan headers). */
  refine?: (quickText: string) => string[];
}

/** A header row found on the quick pass, display space: columns from x0 to x1, baselines yTop..yBottom. */
export interface HeaderBox {
  x0: number;
  x1: number;
  yTop: number;
  yBottom: number;
  h: number;
}

export interface OcrPage {
  page: PageText;
  rulings: Rulings;
  dpi: number;
  skew: number;
  /** Languages the table regions were read with. */
  languages: string[];
  /** Regions read at full resolution, display space [x0, y0, x1, y1]. */
  regions: [number, number, number, number][];
  meanConfidence: number;
  ms: { render: number; prepare: number; quick: number; regions: number };
}

export async function ocrPage(
  pdfPath: string,
  base: PageText,
  opts: OcrPageOptions,
  limits: RunLimits,
  headersOf: (items: TextPiece[]) => HeaderBox[],
  onRegion?: (done: number, total: number) => void,
): Promise<OcrPage> {
  const inches = (base.width / 72) * (base.height / 72);
  const dpi = Math.max(50, Math.floor(Math.min(opts.dpi ?? 300, Math.sqrt(opts.maxPixels / inches))));
  const t0 = Date.now();
  const raw = await renderPage(pdfPath, base.page, dpi, limits);
  const t1 = Date.now();
  const skew = estimateSkew(raw);
  const img = rotate(raw, skew);
  const bands = invertBands(img, dpi * 1.5, dpi * 0.15);
  const found = findRules(img, Math.round(dpi * 0.3), Math.max(3, Math.round(dpi * 0.025)), 1, Math.round(dpi * 0.1));
  // A filled band bounds its row like rules do (the rule under it was filled over).
  for (const b of bands) found.h.push({ c: b.y0, a: b.a, b: b.b, t: 1 }, { c: b.y1, a: b.a, b: b.b, t: 1 });
  const clean = eraseRules(img, found);
  const grainy = isGrainy(raw);
  const prepared = (part: GrayImage) => (grainy ? binarize(part) : part);
  const t2 = Date.now();

  // Pixel ↔ display space (y up from the bottom).
  const kx = base.width / img.width;
  const ky = base.height / img.height;
  const X = (px: number) => px * kx;
  const Y = (py: number) => base.height - py * ky;
  const PX = (x: number) => x / kx;
  const PY = (y: number) => (base.height - y) / ky;

  const quickScale = dpi >= 250 ? 2 : 1;
  const quick = (await ocrSplit(quickScale === 2 ? halve(prepared(clean)) : prepared(clean), dpi / quickScale, opts.languages, limits, 11)).map((w) =>
    scaleWord(w, quickScale),
  );
  const quickPieces = toPieces(quick, X, Y, kx);
  const tq = Date.now();

  const tables = grids(found, img.width, img.height, dpi * 0.03);
  const boxes: Box[] = [];
  const pad = dpi * 0.04;
  for (const hd of headersOf(quickPieces)) {
    const cx = PX((hd.x0 + hd.x1) / 2);
    const cy = PY((hd.yTop + hd.yBottom) / 2 + hd.h * 0.3);
    // Spreadsheet headers sit in a filled band right above the grid's first rule.
    const hPx = hd.h / ky;
    const above = (g: Box) => cx >= g[0] - pad && cx <= g[2] + pad && cy < g[1] && g[1] - cy < 3 * hPx;
    const grid = tables.find((g) => contains(g.box, cx, cy, pad) || above(g.box));
    const top = grid ? Math.min(grid.box[1], PY(hd.yTop + hd.h)) : 0;
    if (grid) boxes.push([grid.box[0] - pad, top - pad, grid.box[2] + pad, grid.box[3] + pad]);
    else {
      // A text-aligned table: the band of the header's columns (the last one may hold long
      // text) from the top of the sheet to the bottom; rows may be below or above the header.
      const w = hd.x1 - hd.x0;
      boxes.push([PX(hd.x0 - 0.15 * w), 0, Math.min(img.width, PX(hd.x1 + 0.5 * w)), img.height]);
    }
  }
  if (!boxes.length && tables.length) {
    // No header on this sheet: its largest grid may continue the list of the previous one.
    const big = tables.reduce((a, b) => (area(b.box) > area(a.box) ? b : a));
    if (big.box[2] - big.box[0] > dpi * 2) boxes.push([big.box[0] - pad, big.box[1] - pad, big.box[2] + pad, big.box[3] + pad]);
  }
  const regions = mergeBoxes(boxes).slice(0, 4);
  const regionLanguages = opts.refine?.(quick.map((w) => w.text).join(" ")) ?? opts.languages;
  const words: OcrWord[] = quick.filter((w) => !regions.some((b) => contains(b, w.left + w.width / 2, w.top + w.height / 2)));
  let n = 0;
  for (const b of regions) {
    onRegion?.(n, regions.length);
    // Scans: pure black and white without specks; grain makes tesseract misread lone digits (3 → 5).
    const part = prepared(crop(clean, b[0], b[1], b[2] - b[0], b[3] - b[1]));
    const x0 = Math.max(0, Math.floor(b[0]));
    const y0 = Math.max(0, Math.floor(b[1]));
    // psm 6 ("one uniform block") reads every cell of a cleaned table, lone digits included.
    for (const w of await ocrSplit(part, dpi, regionLanguages, limits, 6)) {
      words.push({ ...w, left: w.left + x0, top: w.top + y0, line: `r${n}.${w.line}` });
    }
    n++;
  }
  const t3 = Date.now();
  const quickMs = tq - t2;

  const segs: [number, number, number, number][] = [];
  for (const r of found.h) segs.push([X(r.a), Y(r.c), X(r.b), Y(r.c)]);
  for (const r of found.v) segs.push([X(r.c), Y(r.a), X(r.c), Y(r.b)]);
  const items = toPieces(
    words.filter((w) => !ruleRemnant(w, found.v)),
    X,
    Y,
    kx,
  );
  const meanConfidence = items.length ? items.reduce((s, w) => s + (w.conf ?? 0), 0) / items.length : 0;
  return {
    page: { ...base, items },
    rulings: normalizeRulings(segs),
    dpi,
    skew,
    languages: regionLanguages,
    regions: regions.map((b) => [X(b[0]), Y(b[3]), X(b[2]), Y(b[1])]),
    meanConfidence: Math.round(meanConfidence * 100) / 100,
    ms: { render: t1 - t0, prepare: t2 - t1, quick: quickMs, regions: t3 - tq },
  };
}

/** A stroke left of an erased column rule reads as "I", "l" or "[": a thin word on the rule's line. */
function ruleRemnant(w: OcrWord, v: { c: number; a: number; b: number; t: number }[]): boolean {
  if (!/^[Il|[\]J!]{1,2}$/.test(w.text) || w.width > w.height * 0.6) return false;
  const cx = w.left + w.width / 2;
  const cy = w.top + w.height / 2;
  return v.some((r) => Math.abs(r.c - cx) <= r.t / 2 + w.width && cy >= r.a - 3 * w.height && cy <= r.b + 3 * w.height);
}

function scaleWord(w: OcrWord, s: number): OcrWord {
  return s === 1 ? w : { ...w, left: w.left * s, top: w.top * s, width: w.width * s, height: w.height * s };
}

/**
 * Words of one OCR line share a baseline (the median bottom of their boxes) and a font size,
 * so descenders ("Qty.") do not push a word onto a line of its own.
 */
function toPieces(words: OcrWord[], X: (px: number) => number, Y: (py: number) => number, k: number): TextPiece[] {
  const byLine = new Map<string, OcrWord[]>();
  for (const w of words) {
    // Specks read as punctuation, and remnants of erased rules read as "|".
    if ((!/[\p{L}\p{N}]/u.test(w.text) && w.conf < 0.5) || /^[|_[\]{}!]+$/.test(w.text)) continue;
    const l = byLine.get(w.line);
    if (l) l.push(w);
    else byLine.set(w.line, [w]);
  }
  const out: TextPiece[] = [];
  for (const raw of byLine.values()) {
    const line = dropDrawingStrokes(raw);
    if (!line.length) continue;
    const bottom = median(line.map((w) => w.top + w.height));
    const height = median(line.map((w) => w.height));
    for (const w of line) {
      // Words far from the line's baseline (psm 11 lines can be loose) keep their own.
      const own = w.top + w.height;
      const base = Math.abs(own - bottom) <= 0.35 * height ? bottom : own;
      out.push({
        str: w.text,
        x: X(w.left),
        y: Y(base),
        w: w.width * k,
        h: Math.max(w.height, height) * k * 1.15,
        horizontal: true,
        dir: 0,
        conf: w.conf,
      });
    }
  }
  return out;
}

const STROKES = /^[/\\|!lI]+$/;
const GLUED_STROKE = /^([\p{L}\p{N}].*?)\s*[/\\|!]+$/u;

/**
 * A line of the drawing crossing a table cell (a part's edge drawn over the parts list) reads as
 * "/", "|" or "!" taller than the text of its line, alone or glued to the cell's value ("4!").
 * Alone it is dropped; glued, the stroke is cut off and the word's confidence lowered so the
 * cell is flagged for checking.
 */
export function dropDrawingStrokes(line: OcrWord[]): OcrWord[] {
  // Text height: words with a capital or digit and nothing reaching below the baseline.
  const text = line.filter((w) => /[\p{Lu}\p{N}]/u.test(w.text) && !/[gjpqy_,;()[\]{}|/\\!]/.test(w.text) && !STROKES.test(w.text));
  if (!text.length) return line;
  const h = median(text.map((w) => w.height));
  const out: OcrWord[] = [];
  for (const w of line) {
    if (STROKES.test(w.text) && w.height >= 1.4 * h) continue;
    const glued = GLUED_STROKE.exec(w.text);
    if (glued && w.height >= 1.2 * h) {
      // The stroke's share of the box is cut off in proportion to its characters.
      const keep = glued[1].length / w.text.length;
      out.push({ ...w, text: glued[1], width: Math.round(w.width * keep), conf: Math.min(w.conf, LOW_CONF_STROKE) });
    } else out.push(w);
  }
  return out;
}

/** Below PDF_BOM's LOW_CONF (0.6): a value read next to a cut-off stroke is flagged. */
const LOW_CONF_STROKE = 0.5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
