// Hostile and broken input files, generated (nothing downloaded, nothing committed).
import PDFDocument from "pdfkit";

/** A syntactically complete PDF from object bodies (1-based), with a correct xref table. */
export function rawPdf(objects: string[]): Buffer {
  let out = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

export function zeroPagePdf(): Buffer {
  return rawPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"]);
}

/** `pages` empty pages, written directly (pdfkit would take seconds for thousands). */
export function manyPagePdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(" ");
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`];
  for (let i = 0; i < pages; i++) objects.push("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
  return rawPdf(objects);
}

/** A "PDF bomb": an object nested 100,000 arrays deep in the catalog. */
export function deepNestingPdf(depth = 100_000): Buffer {
  return rawPdf([
    `<< /Type /Catalog /Pages 2 0 R /Bomb ${"[".repeat(depth)}${"]".repeat(depth)} >>`,
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
  ]);
}

export async function encryptedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ userPassword: "secret", ownerPassword: "owner" });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.text("ITEM  PART NUMBER  NAME  QTY");
  doc.end();
  return done;
}

/** A STEP file of `n` CARTESIAN_POINT entities and no geometry to mesh. */
export function manyEntityStep(n: number): string {
  const head =
    "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('big','2024-01-01T00:00:00',(''),(''),'','','');\nFILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 1 1 1 1 }'));\nENDSEC;\nDATA;\n";
  const body: string[] = [];
  for (let i = 1; i <= n; i++) body.push(`#${i}=CARTESIAN_POINT('',(${i}.,0.,0.));`);
  return `${head}${body.join("\n")}\nENDSEC;\nEND-ISO-10303-21;\n`;
}
