// Tesseract runs one thread per process; a large image is cut in two at the emptiest row near
// its middle (so no text line is cut) and both halves are read at once, one per core.
import os from "node:os";
import type { RunLimits } from "./child.js";
import { crop, type GrayImage } from "./gray-image.js";
import { ocrImage, type OcrWord } from "./tesseract.js";

const SPLIT_PIXELS = 2_000_000;

export async function ocrSplit(img: GrayImage, dpi: number, languages: string[], limits: RunLimits, psm: number): Promise<OcrWord[]> {
  if (img.width * img.height < SPLIT_PIXELS || os.availableParallelism() < 2) return ocrImage(img, dpi, languages, limits, psm);
  const cut = emptiestRow(img, Math.floor(img.height * 0.35), Math.ceil(img.height * 0.65));
  const top = crop(img, 0, 0, img.width, cut);
  const bottom = crop(img, 0, cut, img.width, img.height - cut);
  const [a, b] = await Promise.all([ocrImage(top, dpi, languages, limits, psm), ocrImage(bottom, dpi, languages, limits, psm)]);
  return [...a.map((w) => ({ ...w, line: `t${w.line}` })), ...b.map((w) => ({ ...w, top: w.top + cut, line: `b${w.line}` }))];
}

function emptiestRow(img: GrayImage, from: number, to: number): number {
  let best = from;
  let bestDark = Infinity;
  for (let y = from; y < to; y++) {
    let dark = 0;
    const row = y * img.width;
    for (let x = 0; x < img.width; x++) if (img.data[row + x] < 160) dark++;
    // Prefer the row nearest the middle among equally empty ones.
    if (dark < bestDark || (dark === bestDark && Math.abs(y - (from + to) / 2) < Math.abs(best - (from + to) / 2))) {
      best = y;
      bestDark = dark;
    }
  }
  return best;
}
