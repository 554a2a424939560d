// Deterministic "scans" of a PDF for OCR tests and benchmarks: every page rendered by pdftoppm
// at `dpi`, rotated by `degrees`, with light noise (grain and specks from a seeded generator),
// wrapped as one grayscale image per page in a PDF with no text layer, page sizes unchanged.
import { execFileSync } from "node:child_process";
import { deflateSync } from "node:zlib";
import { parsePgm, type GrayImage } from "../../src/stages/pdf-ocr/gray-image.js";
import { rotate } from "../../src/stages/pdf-ocr/deskew.js";

export interface ScanOptions {
  dpi?: number;
  degrees?: number;
  /** Grain amplitude in gray levels (±). */
  noise?: number;
  seed?: number;
}

/** True when pdftoppm is installed (tests skip otherwise). */
export function canRender(): boolean {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function pageCount(pdfPath: string): number {
  const info = execFileSync("pdfinfo", [pdfPath], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 1);
}

export function makeScan(pdfPath: string, opts: ScanOptions = {}): Buffer {
  const dpi = opts.dpi ?? 200;
  const degrees = opts.degrees ?? 0.5;
  const rand = mulberry32(opts.seed ?? 17);
  const pages: { img: GrayImage; wPt: number; hPt: number }[] = [];
  const n = pageCount(pdfPath);
  for (let p = 1; p <= n; p++) {
    const pgm = execFileSync("pdftoppm", ["-f", String(p), "-l", String(p), "-r", String(dpi), "-gray", "-singlefile", pdfPath], {
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "ignore"],
    });
    // rotate() levels content skewed by +deg; rotating by -deg skews level content by +deg.
    const img = rotate(parsePgm(pgm), -degrees);
    addNoise(img, opts.noise ?? 24, rand);
    pages.push({ img, wPt: (img.width * 72) / dpi, hPt: (img.height * 72) / dpi });
  }
  return imagesToPdf(pages);
}

function addNoise(img: GrayImage, amp: number, rand: () => number): void {
  const d = img.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] + (rand() * 2 - 1) * amp;
    d[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  // Specks: a few dark dots per square inch-ish, as dust on a scanner glass leaves.
  const specks = Math.round(d.length / 40000);
  for (let k = 0; k < specks; k++) d[Math.floor(rand() * d.length)] = Math.floor(rand() * 100);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A minimal PDF: one page per image, each a Flate-compressed DeviceGray XObject filling the page. */
function imagesToPdf(pages: { img: GrayImage; wPt: number; hPt: number }[]): Buffer {
  const objs: Buffer[] = [];
  const add = (b: Buffer | string) => objs.push(typeof b === "string" ? Buffer.from(b, "latin1") : b) + 2; // ids from 3
  const kids: number[] = [];
  for (const { img, wPt, hPt } of pages) {
    const data = deflateSync(img.data, { level: 1 });
    const imgId = add(
      Buffer.concat([
        Buffer.from(
          `<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
          "latin1",
        ),
        data,
        Buffer.from("\nendstream", "latin1"),
      ]),
    );
    const content = `q ${wPt.toFixed(3)} 0 0 ${hPt.toFixed(3)} 0 0 cm /Im0 Do Q`;
    const cId = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${wPt.toFixed(3)} ${hPt.toFixed(3)}] /Resources << /XObject << /Im0 ${imgId} 0 R >> >> /Contents ${cId} 0 R >>`,
      ),
    );
  }
  const all = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>", "latin1"),
    Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`, "latin1"),
    ...objs,
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let off = parts[0].length;
  const offsets: number[] = [];
  all.forEach((body, i) => {
    offsets.push(off);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), body, Buffer.from("\nendobj\n", "latin1")]);
    parts.push(b);
    off += b.length;
  });
  const xref = `xref\n0 ${all.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${all.length + 1} /Root 1 0 R >>\nstartxref\n${off}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}
