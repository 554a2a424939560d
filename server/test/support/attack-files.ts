// The crafted files of the issue-21 attack run, generated (a few KB each): PDF and STEP bombs
// that once cost gigabytes or crashed a stage. Each must end FAILED with a PDF_/STEP_ code.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { rawPdf } from "./bad-files.js";

export interface AttackFile {
  name: string;
  /** Which input it replaces in an otherwise good job. */
  role: "pdf" | "step";
  content: Buffer;
  /** The code prefix the job must fail with. */
  codePrefix: "PDF_" | "STEP_";
}

const MiB = 1024 * 1024;

/** Deflates `bytes` zero bytes without holding them: 1 MiB of zeros streamed over and over. */
async function deflateZeros(bytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(MiB);
  async function* zeros() {
    for (let left = bytes; left > 0; left -= MiB) yield left >= MiB ? chunk : chunk.subarray(0, left);
  }
  const parts: Buffer[] = [];
  const z = zlib.createDeflate({ level: 1 });
  z.on("data", (d: Buffer) => parts.push(d));
  await pipeline(Readable.from(zeros()), z);
  return Buffer.concat(parts);
}

function streamObject(data: Buffer, filters: string, extra = ""): string {
  return `<< /Length ${data.length} /Filter ${filters}${extra} >>\nstream\n${data.toString("latin1")}\nendstream`;
}

const CATALOG = "<< /Type /Catalog /Pages 2 0 R >>";
const ONE_KID = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";

/** A PDF whose one content stream is Flate over Flate over `decoded` zero bytes. */
export async function doubleFlatePdf(decoded = 3 * 1024 * MiB): Promise<Buffer> {
  const twice = zlib.deflateSync(await deflateZeros(decoded), { level: 9 });
  return rawPdf([
    CATALOG,
    ONE_KID,
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    streamObject(twice, "[/FlateDecode /FlateDecode]"),
  ]);
}

/** Each page-tree level lists the next one twice: 2^levels pages from a few KB. */
export function doubledTreePdf(levels = 30): Buffer {
  const objs = [CATALOG];
  for (let i = 0; i < levels; i++) objs.push(`<< /Type /Pages /Kids [${i + 3} 0 R ${i + 3} 0 R] /Count ${2 ** (levels - i)} >>`);
  objs.push("<< /Type /Page /MediaBox [0 0 595 842] >>");
  return rawPdf(objs);
}

/** The page tree's root lists itself. */
export function selfTreePdf(): Buffer {
  return rawPdf([CATALOG, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]);
}

/** Resources nested `depth` dictionaries deep. */
export function deepResourcesPdf(depth = 50_000): Buffer {
  const nested = "<< /A ".repeat(depth) + "1" + " >>".repeat(depth);
  return rawPdf([CATALOG, ONE_KID, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${nested} >>`]);
}

/** How crafted content streams are encoded: every filter pdfjs decodes must be budgeted before it. */
export type ContentEncoding = "flate" | "flate-png" | "asciihex" | "ascii85" | "runlength";

function ascii85(data: Buffer): string {
  let out = "";
  for (let i = 0; i < data.length; i += 4) {
    const n = Math.min(4, data.length - i);
    const v = [0, 1, 2, 3].reduce((acc, k) => acc * 256 + (k < n ? data[i + k]! : 0), 0);
    if (n === 4 && v === 0) {
      out += "z";
      continue;
    }
    const digits: string[] = [];
    for (let k = 0, x = v; k < 5; k++, x = Math.floor(x / 85)) digits.unshift(String.fromCharCode(33 + (x % 85)));
    out += digits.slice(0, n + 1).join("");
  }
  return out + "~>";
}

/** PNG "Up" predictor rows of `columns` bytes (row 0 unchanged, later rows minus the row above). */
function pngUp(data: Buffer, columns: number): Buffer {
  const rows: Buffer[] = [];
  for (let r = 0; r * columns < data.length; r++) {
    const row = Buffer.alloc(columns + 1);
    row[0] = 2;
    for (let i = 0; i < columns; i++) row[i + 1] = ((data[r * columns + i] ?? 0x20) - (r ? (data[(r - 1) * columns + i] ?? 0x20) : 0)) & 0xff;
    rows.push(row);
  }
  return Buffer.concat(rows);
}

/** A stream object holding `body` in the given encoding (the predictor pads the last row with spaces). */
export function encodedStream(body: string, enc: ContentEncoding, extra = ""): string {
  const raw = Buffer.from(body, "latin1");
  switch (enc) {
    case "flate":
      return streamObject(zlib.deflateSync(raw), "/FlateDecode", extra);
    case "flate-png":
      return streamObject(zlib.deflateSync(pngUp(raw, 16)), "/FlateDecode", ` /DecodeParms << /Predictor 12 /Columns 16 >>${extra}`);
    case "asciihex":
      return streamObject(Buffer.from(raw.toString("hex") + ">"), "/ASCIIHexDecode", extra);
    case "ascii85":
      return streamObject(Buffer.from(ascii85(raw)), "/ASCII85Decode", extra);
    case "runlength": {
      const parts: Buffer[] = [];
      for (let i = 0; i < raw.length; i += 128) {
        const chunk = raw.subarray(i, i + 128);
        parts.push(Buffer.from([chunk.length - 1]), chunk);
      }
      return streamObject(Buffer.concat([...parts, Buffer.from([128])]), "/RunLengthDecode", extra);
    }
  }
}

/**
 * Form i draws form i+1 `fan` times, `levels` deep; the page draws form 0 `fan` times. The
 * last form draws `leaf` (a line; text makes pdfjs' getTextContent expand the forms too).
 */
export function fanOutFormsPdf(levels = 8, fan = 20, enc: ContentEncoding = "flate", leaf = "0 0 m 100 0 l S"): Buffer {
  const forms: string[] = [];
  for (let i = 0; i < levels; i++) {
    const body = i + 1 < levels ? "/F Do ".repeat(fan) : leaf;
    const res = i + 1 < levels ? ` /Resources << /XObject << /F ${6 + i} 0 R >> >>` : "";
    forms.push(encodedStream(body, enc, ` /Type /XObject /Subtype /Form /BBox [0 0 600 800]${res}`));
  }
  const page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /F 5 0 R >> >> >>";
  return rawPdf([CATALOG, ONE_KID, page, encodedStream("/F Do ".repeat(fan), enc), ...forms]);
}

/** Text drawn by the innermost form of a fan-out: getTextContent then expands every level too. */
export const TEXT_LEAF = "BT /Helvetica 12 Tf 10 10 Td (ab) Tj ET";

/**
 * `pdf` with a second, dangling /Root after its end: pdfjs reads the trailer (startxref) and
 * opens the file, the raw reader takes the last /Root it finds and cannot walk the pages, so
 * only the budget around pdfjs (pdfjs-guard.ts) stands between pdfjs and the file.
 */
export function unwalkable(pdf: Buffer): Buffer {
  return Buffer.concat([pdf, Buffer.from("% /Root 999 0 R\n")]);
}

/** Page content labelled with an image filter. */
export function imageFilterContentPdf(): Buffer {
  const content = Buffer.from("BT /F1 12 Tf 72 720 Td (Item Part Qty) Tj ET");
  return rawPdf([CATALOG, ONE_KID, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", streamObject(content, "/DCTDecode")]);
}

function stepFile(lines: string[]): string {
  return `ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('x','',(''),(''),'','','');\nFILE_SCHEMA(('AUTOMOTIVE_DESIGN'));\nENDSEC;\nDATA;\n${lines.join("\n")}\nENDSEC;\nEND-ISO-10303-21;\n`;
}

/** Assembly a0 holds a1 twice, a1 holds a2 twice, …; `selfLoop` makes the last contain the first. */
export function doublingStep(levels = 30, selfLoop = false): string {
  const lines: string[] = [];
  let id = 1;
  const add = (body: string) => {
    lines.push(`#${id}=${body};`);
    return id++;
  };
  const ctx = add("APPLICATION_CONTEXT('')");
  const pc = add(`PRODUCT_CONTEXT('',#${ctx},'mechanical')`);
  const pdc = add(`PRODUCT_DEFINITION_CONTEXT('',#${ctx},'design')`);
  const pds: number[] = [];
  for (let i = 0; i <= levels; i++) {
    const p = add(`PRODUCT('a${i}','a${i}','',(#${pc}))`);
    const f = add(`PRODUCT_DEFINITION_FORMATION('','',#${p})`);
    pds.push(add(`PRODUCT_DEFINITION('design','',#${f},#${pdc})`));
  }
  for (let i = 0; i < levels; i++) {
    for (const k of [1, 2]) add(`NEXT_ASSEMBLY_USAGE_OCCURRENCE('${i}.${k}','a${i + 1}_${k}','',#${pds[i]},#${pds[i + 1]},$)`);
  }
  if (selfLoop) add(`NEXT_ASSEMBLY_USAGE_OCCURRENCE('loop','loop','',#${pds[levels]},#${pds[0]},$)`);
  return stepFile(lines);
}

/** A STEP entity whose argument list nests `depth` levels. */
export function deepStep(depth = 200_000): string {
  return stepFile([`#1=PRODUCT(${"(".repeat(depth)}${")".repeat(depth)});`]);
}

export async function attackFiles(): Promise<AttackFile[]> {
  const pdf = (name: string, content: Buffer): AttackFile => ({ name, role: "pdf", content, codePrefix: "PDF_" });
  const step = (name: string, text: string): AttackFile => ({ name, role: "step", content: Buffer.from(text), codePrefix: "STEP_" });
  return [
    pdf("double-flate-3g.pdf", await doubleFlatePdf()),
    pdf("page-tree-doubled-30.pdf", doubledTreePdf()),
    pdf("page-tree-self.pdf", selfTreePdf()),
    pdf("resources-50k-deep.pdf", deepResourcesPdf()),
    pdf("forms-fan-20x8.pdf", fanOutFormsPdf()),
    pdf("forms-fan-asciihex.pdf", fanOutFormsPdf(8, 20, "asciihex", TEXT_LEAF)),
    pdf("forms-fan-ascii85.pdf", fanOutFormsPdf(8, 20, "ascii85", TEXT_LEAF)),
    pdf("forms-fan-runlength.pdf", fanOutFormsPdf(8, 20, "runlength", TEXT_LEAF)),
    pdf("forms-fan-png-predictor.pdf", fanOutFormsPdf(8, 20, "flate-png", TEXT_LEAF)),
    pdf("forms-fan-unwalkable.pdf", unwalkable(fanOutFormsPdf(8, 20, "asciihex", TEXT_LEAF))),
    pdf("content-dctdecode.pdf", imageFilterContentPdf()),
    step("assembly-doubled-30.stp", doublingStep()),
    step("assembly-self.stp", doublingStep(3, true)),
    step("nesting-200k.stp", deepStep()),
    step("nesting-10k.stp", deepStep(10_000)),
  ];
}
