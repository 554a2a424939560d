// Generates a drawing-like test PDF (landscape A3): frame, a view with dimensions and balloons
// (decoy numbers), a notes block, a ruled parts list and a title block in the bottom-right
// corner. Output is byte-for-byte deterministic so tests can compare and cache it.
import PDFDocument from "pdfkit";

export interface BomPdfRow {
  item: string;
  partNumber?: string;
  /** "\n" breaks the cell over several lines (multi-line cell). */
  name: string;
  quantity: number;
  material?: string;
}

export interface BomPdfOptions {
  title?: string;
  drawingNumber?: string;
  rows: BomPdfRow[];
  /** ISO/GB style: header row on top of the title block, item 1 nearest to it. */
  headerAtBottom?: boolean;
  /** Extra sheets after the first (views only, same title block). */
  extraPages?: number;
  /** Split the parts list over several sheets, repeating the header (default: all on page 1). */
  rowsPerPage?: number;
}

type Doc = PDFKit.PDFDocument;

const MARGIN = 20;
const TB_W = 400; // title block and parts list width
const TB_ROW = 20;
const ROW_H = 18;
const LINE_H = 11; // extra height per additional line in a multi-line cell
const COLS = [
  { title: "ITEM", width: 40, align: "center" as const },
  { title: "PART NUMBER", width: 110, align: "left" as const },
  { title: "NAME", width: 120, align: "left" as const },
  { title: "QTY", width: 40, align: "center" as const },
  { title: "MATERIAL", width: 90, align: "left" as const },
];

export async function makeBomPdf(opts: BomPdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A3",
    layout: "landscape",
    margin: 0,
    autoFirstPage: false,
    info: {
      CreationDate: new Date(Date.UTC(2024, 0, 1)),
      ModDate: new Date(Date.UTC(2024, 0, 1)),
      Title: opts.title ?? "Bracket assembly",
      Producer: "manualforge test support",
      Creator: "manualforge test support",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const perPage = opts.rowsPerPage && opts.rowsPerPage > 0 ? opts.rowsPerPage : Math.max(1, opts.rows.length);
  const bomChunks: BomPdfRow[][] = [];
  for (let i = 0; i < opts.rows.length; i += perPage) bomChunks.push(opts.rows.slice(i, i + perPage));
  if (!bomChunks.length) bomChunks.push([]);
  const sheets = bomChunks.length + (opts.extraPages ?? 0);

  for (let s = 0; s < sheets; s++) {
    doc.addPage();
    drawFrame(doc);
    drawTitleBlock(doc, opts, s + 1, sheets);
    if (s === 0) {
      drawNotes(doc);
      drawView(doc, opts.rows.length);
    } else {
      drawDetail(doc, s);
    }
    if (s < bomChunks.length) drawBom(doc, bomChunks[s], opts.headerAtBottom ?? false, s > 0);
  }
  doc.end();
  return done;
}

function text(doc: Doc, str: string, x: number, y: number, size = 9, font = "Helvetica"): void {
  doc.font(font).fontSize(size).fillColor("black").text(str, x, y, { lineBreak: false });
}

function drawFrame(doc: Doc): void {
  const { width, height } = doc.page;
  doc
    .lineWidth(1.5)
    .rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    .stroke();
}

function titleBlockTop(doc: Doc): number {
  return doc.page.height - MARGIN - 5 * TB_ROW;
}

function drawTitleBlock(doc: Doc, opts: BomPdfOptions, sheet: number, sheets: number): void {
  const x = doc.page.width - MARGIN - TB_W;
  const top = titleBlockTop(doc);
  const fields: [string, string][] = [
    ["TITLE", opts.title ?? "Bracket assembly"],
    ["DWG NO", opts.drawingNumber ?? "MF-0001"],
    ["REV", "B"],
    ["DATE", "2024-01-15"],
    ["SHEET", `${sheet} / ${sheets}`],
  ];
  doc.lineWidth(1);
  fields.forEach(([label, value], i) => {
    const y = top + i * TB_ROW;
    doc.rect(x, y, 80, TB_ROW).stroke();
    doc.rect(x + 80, y, TB_W - 80, TB_ROW).stroke();
    text(doc, label, x + 4, y + 6, 8);
    text(doc, value, x + 86, y + 5, 11, "Helvetica-Bold");
  });
}

function drawNotes(doc: Doc): void {
  text(doc, "NOTES:", 40, 40, 11, "Helvetica-Bold");
  text(doc, "1. Break all sharp edges.", 40, 56, 10);
  text(doc, "2. Remove all burrs.", 40, 70, 10);
}

/** A plate with holes, dimension figures and item balloons: numbers a parser must ignore. */
function drawView(doc: Doc, balloons: number): void {
  doc.lineWidth(1).rect(120, 200, 360, 220).stroke();
  doc.circle(200, 310, 25).stroke();
  doc.circle(400, 310, 25).stroke();
  // Dimension lines with their values.
  doc.lineWidth(0.5).moveTo(120, 170).lineTo(480, 170).stroke();
  text(doc, "360", 290, 158);
  doc.moveTo(510, 200).lineTo(510, 420).stroke();
  text(doc, "220", 515, 305);
  text(doc, "Ø50", 225, 280);
  text(doc, "4x M8", 390, 345);
  text(doc, "R5", 470, 430);
  // Balloons pointing at parts, numbered like BOM items.
  for (let i = 0; i < Math.min(balloons, 8); i++) {
    const cx = 160 + i * 45;
    doc.lineWidth(0.7).circle(cx, 520, 11).stroke();
    text(doc, String(i + 1), cx - 3, 516);
  }
  // Text at the height of typical table rows but far left of the table.
  text(doc, "SECTION A-A", 250, 600, 12, "Helvetica-Bold");
  text(doc, "120", 300, 640);
  text(doc, "45", 300, 700);
}

function drawDetail(doc: Doc, index: number): void {
  doc.lineWidth(1).circle(300, 300, 90).stroke();
  text(doc, `DETAIL ${String.fromCharCode(64 + index)}`, 260, 410, 12, "Helvetica-Bold");
  text(doc, "Ø12", 290, 250);
  text(doc, "SCALE 2:1", 270, 428, 9);
}

function rowHeight(r: BomPdfRow): number {
  const lines = Math.max(...[r.item, r.partNumber ?? "", r.name, r.material ?? ""].map((s) => s.split("\n").length));
  return ROW_H + (lines - 1) * LINE_H;
}

function drawCell(doc: Doc, value: string, x: number, width: number, top: number, align: "left" | "center", bold = false) {
  const font = bold ? "Helvetica-Bold" : "Helvetica";
  value.split("\n").forEach((line, i) => {
    doc.font(font).fontSize(9);
    const w = doc.widthOfString(line);
    const tx = align === "center" ? x + (width - w) / 2 : x + 4;
    text(doc, line, tx, top + 5 + i * LINE_H, 9, font);
  });
}

/** Header at the top (rows below) or ISO style at the bottom (rows above, item 1 lowest). */
function drawBom(doc: Doc, rows: BomPdfRow[], headerAtBottom: boolean, continued: boolean): void {
  const x = doc.page.width - MARGIN - TB_W;
  const heights = rows.map(rowHeight);
  const total = heights.reduce((a, b) => a + b, 0);
  // ISO: the header row sits directly on the title block; otherwise leave a gap and a caption.
  const tableBottom = titleBlockTop(doc) - (headerAtBottom ? 0 : 30);
  const headerTop = headerAtBottom ? tableBottom - ROW_H : tableBottom - total - ROW_H;

  const drawRow = (cells: string[], top: number, height: number, bold: boolean) => {
    let cx = x;
    doc.lineWidth(bold ? 1 : 0.6);
    COLS.forEach((c, i) => {
      doc.rect(cx, top, c.width, height).stroke();
      drawCell(doc, cells[i], cx, c.width, top, bold ? "center" : c.align, bold);
      cx += c.width;
    });
  };
  drawRow(
    COLS.map((c) => c.title),
    headerTop,
    ROW_H,
    true,
  );
  if (!headerAtBottom) {
    text(doc, continued ? "PARTS LIST (continued)" : "PARTS LIST", x, headerTop - 16, 11, "Helvetica-Bold");
  }
  let y = headerAtBottom ? headerTop : headerTop + ROW_H;
  rows.forEach((r, i) => {
    const cells = [r.item, r.partNumber ?? "", r.name, String(r.quantity), r.material ?? ""];
    if (headerAtBottom) {
      y -= heights[i];
      drawRow(cells, y, heights[i], false);
    } else {
      drawRow(cells, y, heights[i], false);
      y += heights[i];
    }
  });
}
