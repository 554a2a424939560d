// Scanner grain and dust cost tesseract most of its time (every speck is a blob it tries to
// read) and make it guess letters in empty cells. Pixels are set to pure black or white, and
// dark pixels with at most one dark neighbour (specks) are dropped.
import type { GrayImage } from "./gray-image.js";

export function binarize(img: GrayImage, threshold = 160): GrayImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  for (let i = 0; i < data.length; i++) out[i] = data[i] < threshold ? 0 : 255;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (out[i]) continue;
      let n = 0;
      if (!out[i - w - 1]) n++;
      if (!out[i - w]) n++;
      if (!out[i - w + 1]) n++;
      if (!out[i - 1]) n++;
      if (!out[i + 1]) n++;
      if (!out[i + w - 1]) n++;
      if (!out[i + w]) n++;
      if (!out[i + w + 1]) n++;
      if (n <= 1) out[i] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

/** An inverted band: rows y0..y1, columns a..b (exclusive). */
export interface Band {
  y0: number;
  y1: number;
  a: number;
  b: number;
}

/**
 * Spreadsheet exports print the header row as light text in a dark filled band. Rows that are
 * mostly dark across a wide stretch are such a band; rows crossing its text lines are not, so
 * band rows up to `maxGap` apart are one band, and the whole rectangle (median stretch) is
 * inverted so its text reads dark on light like the rest (and the band is not taken for rules).
 */
export function invertBands(img: GrayImage, minWidth: number, maxGap: number, threshold = 160): Band[] {
  const { width: w, height: h, data } = img;
  const win = 32;
  const spans: { y: number; a: number; b: number }[] = [];
  for (let y = 0; y < h; y++) {
    const row = y * w;
    // Longest stretch whose every 32 px window is at least 70% dark.
    let bestA = -1;
    let bestB = -1;
    let a = -1;
    let dark = 0;
    for (let x = 0; x < w; x++) {
      if (data[row + x] < threshold) dark++;
      if (x >= win && data[row + x - win] < threshold) dark--;
      const full = x >= win - 1 && dark >= 0.7 * win;
      if (full && a < 0) a = x - win + 1;
      if ((!full || x === w - 1) && a >= 0) {
        const b = full ? x + 1 : x;
        if (b - a > bestB - bestA) {
          bestA = a;
          bestB = b;
        }
        a = -1;
      }
    }
    if (bestB - bestA >= minWidth) spans.push({ y, a: bestA, b: bestB });
  }
  // Runs of adjacent flagged rows thinner than a text line are rules: a ruled table right under
  // the band would otherwise join it (its rules are closer than maxGap) and dilute it.
  const thick = Math.max(6, Math.round(maxGap / 4));
  const solid: typeof spans = [];
  for (let i = 0; i < spans.length;) {
    let j = i;
    while (j + 1 < spans.length && spans[j + 1].y - spans[j].y <= 2) j++;
    if (spans[j].y - spans[i].y + 1 >= thick) solid.push(...spans.slice(i, j + 1));
    i = j + 1;
  }
  spans.splice(0, spans.length, ...solid);
  const inverted: Band[] = [];
  for (let i = 0; i < spans.length;) {
    let j = i;
    while (j + 1 < spans.length && spans[j + 1].y - spans[j].y <= maxGap) j++;
    const group = spans.slice(i, j + 1);
    i = j + 1;
    // A thick rule is a band of a few rows: it stays (it is found and erased as a rule). The
    // rules of a dense grid are many flagged rows too, but far apart: a band is mostly flagged.
    if (group.length < 6 || group.length < 0.6 * (group.at(-1)!.y - group[0].y + 1)) continue;
    const mid = (xs: number[]) => xs.sort((p, q) => p - q)[Math.floor(xs.length / 2)];
    const a = mid(group.map((g) => g.a));
    const b = mid(group.map((g) => g.b));
    // Inverted, the band is mid-gray with grain: its median (the background) is stretched to
    // white, or the grain would read as specks and its text lines as rules.
    const hist = new Uint32Array(256);
    for (let y = group[0].y; y <= group.at(-1)!.y; y++) {
      for (let x = a; x < b; x++) hist[(data[y * w + x] = 255 - data[y * w + x])]++;
    }
    const total = (group.at(-1)!.y - group[0].y + 1) * (b - a);
    let bg = 0;
    for (let seen = 0; bg < 255 && (seen += hist[bg]) < total / 2;) bg++;
    const k = 255 / Math.max(1, bg);
    for (let y = group[0].y; y <= group.at(-1)!.y; y++) {
      for (let x = a; x < b; x++) data[y * w + x] = Math.min(255, data[y * w + x] * k);
    }
    inverted.push({ y0: group[0].y, y1: group.at(-1)!.y, a, b });
  }
  return inverted;
}

/**
 * Scanned pages have grain on their white paper; a rendered vector page has none (only the
 * anti-aliased edges of strokes are gray). Binarizing a clean render thins its glyphs, so only
 * grainy pages are binarized.
 */
export function isGrainy(img: GrayImage): boolean {
  let gray = 0;
  let n = 0;
  for (let i = 0; i < img.data.length; i += 7) {
    const v = img.data[i];
    n++;
    if (v >= 200 && v <= 245) gray++;
  }
  return n > 0 && gray / n > 0.1;
}
