// Word boxes from the tesseract CLI's TSV output (level 5 rows: one word each, with its line).
import { run, type RunLimits } from "./child.js";
import { toPgm, type GrayImage } from "./gray-image.js";

export interface OcrWord {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** 0..1 */
  conf: number;
  /** Tesseract's block/paragraph/line, so words of one text line can share a baseline. */
  line: string;
}

/**
 * OCRs the image. psm 11 ("sparse text") finds isolated words such as item numbers alone in a
 * cell, which the page-layout modes drop once the rules are erased.
 */
export async function ocrImage(img: GrayImage, dpi: number, languages: string[], limits: RunLimits, psm = 11): Promise<OcrWord[]> {
  const args = ["stdin", "stdout", "-l", languages.join("+"), "--psm", String(psm), "--dpi", String(Math.round(dpi)), "tsv"];
  const out = await run("tesseract", args, limits, "OCR_FAILED", toPgm(img));
  return parseTsv(out.toString("utf8"));
}

export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const line of tsv.split("\n").slice(1)) {
    const f = line.split("\t");
    if (f.length < 12 || f[0] !== "5") continue;
    const text = f.slice(11).join(" ").trim();
    const conf = Number(f[10]);
    if (!text || !(conf >= 0)) continue;
    words.push({
      text,
      left: Number(f[6]),
      top: Number(f[7]),
      width: Number(f[8]),
      height: Number(f[9]),
      conf: Math.round(conf) / 100,
      line: `${f[1]}.${f[2]}.${f[3]}.${f[4]}`,
    });
  }
  return words;
}
