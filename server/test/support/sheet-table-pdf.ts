// Small table-only PDFs in the layouts spreadsheet and word-processor exports use (no drawing
// around them): for the edge rules of the BOM reader that the drawing generator does not draw.
import PDFDocument from "pdfkit";

export interface SheetColumn {
  title: string;
  width: number;
  /** Right-aligned cells end at the column's right edge (item numbers set against the next column). */
  align?: "left" | "right";
}

/** A row of cell texts; null is a blank spreadsheet row. A string is a heading in the first cell. */
export type SheetRow = (string | null)[] | null | string;

export interface SheetOptions {
  columns: SheetColumn[];
  /** Rows per page; the header is printed on page 1 only unless repeatHeader. */
  pages: SheetRow[][];
  repeatHeader?: boolean;
  /** Light grid around every cell (Word tables); default none (Google Sheets without gridlines). */
  grid?: boolean;
  /** Colour of the grid's lines (default "#999"; spreadsheets print theirs light grey, "#d0d0d0"). */
  gridColor?: string;
  /** Header titles broken over two lines at a hyphen inside their cell ("Quan-" / "tity"). */
  wrapTitlesAt?: number;
  /**
   * The first two cells of every row written as one text run, the first right-aligned in its
   * column ("16 hex_m3_custom"), as some CAD exporters write them.
   */
  glued?: boolean;
}

const ROW = 16;
const LEFT = 50;

export function sheetTablePdf(opts: SheetOptions): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 0, autoFirstPage: false, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const width = opts.columns.reduce((s, c) => s + c.width, 0);
  opts.pages.forEach((rows, pageIndex) => {
    doc.addPage();
    doc.font("Helvetica").fontSize(9);
    let y = 60;
    const cell = (text: string, i: number, top: number) => {
      const x = LEFT + opts.columns.slice(0, i).reduce((s, c) => s + c.width, 0);
      const col = opts.columns[i];
      const w = doc.widthOfString(text);
      doc.text(text, col.align === "right" ? x + col.width - w - 1 : x + 3, top + 4, { lineBreak: false });
    };
    const hline = (at: number) =>
      opts.grid &&
      doc
        .moveTo(LEFT, at)
        .lineTo(LEFT + width, at)
        .lineWidth(0.5)
        .strokeColor(opts.gridColor ?? "#999")
        .stroke();
    if (pageIndex === 0 || opts.repeatHeader) {
      const wrap = opts.wrapTitlesAt;
      const tall = wrap ? 2 * ROW - 4 : ROW;
      hline(y);
      opts.columns.forEach((c, i) => {
        if (wrap && c.title.length > wrap) {
          cell(`${c.title.slice(0, wrap)}-`, i, y);
          cell(c.title.slice(wrap), i, y + 11);
        } else cell(c.title, i, y);
      });
      y += tall;
    }
    const top = y;
    hline(y);
    for (const row of rows) {
      if (typeof row === "string") cell(row, 0, y);
      else if (row && opts.glued) {
        const [a, b, ...rest] = row;
        doc.text(`${a} ${b}`, LEFT + opts.columns[0].width - doc.widthOfString(a ?? "") - 1, y + 4, { lineBreak: false });
        rest.forEach((t, i) => t && cell(t, i + 2, y));
      } else if (row) row.forEach((t, i) => t && cell(t, i, y));
      y += ROW;
      hline(y);
    }
    if (opts.grid) {
      let x = LEFT;
      const headTop = pageIndex === 0 || opts.repeatHeader ? 60 : top;
      for (const c of [...opts.columns, null]) {
        doc
          .moveTo(x, headTop)
          .lineTo(x, y)
          .lineWidth(0.5)
          .strokeColor(opts.gridColor ?? "#999")
          .stroke();
        if (c) x += c.width;
      }
    }
  });
  doc.end();
  return done;
}
