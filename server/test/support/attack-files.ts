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
  return rawPdf([CATALOG, ONE_KID, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", streamObject(twice, "[/FlateDecode /FlateDecode]")]);
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

/** Form i draws form i+1 `fan` times, `levels` deep; the page draws form 0 `fan` times. */
export function fanOutFormsPdf(levels = 8, fan = 20): Buffer {
  const forms: string[] = [];
  for (let i = 0; i < levels; i++) {
    const body = i + 1 < levels ? "/F Do ".repeat(fan) : "0 0 m 100 0 l S";
    const res = i + 1 < levels ? ` /Resources << /XObject << /F ${6 + i} 0 R >> >>` : "";
    forms.push(streamObject(zlib.deflateSync(body), "/FlateDecode", ` /Type /XObject /Subtype /Form /BBox [0 0 600 800]${res}`));
  }
  const page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /F 5 0 R >> >> >>";
  return rawPdf([CATALOG, ONE_KID, page, streamObject(zlib.deflateSync("/F Do ".repeat(fan)), "/FlateDecode"), ...forms]);
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
    pdf("content-dctdecode.pdf", imageFilterContentPdf()),
    step("assembly-doubled-30.stp", doublingStep()),
    step("assembly-self.stp", doublingStep(3, true)),
    step("nesting-200k.stp", deepStep()),
    step("nesting-10k.stp", deepStep(10_000)),
  ];
}
