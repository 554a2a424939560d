// PDF_BOM on the layouts real exports use: the real-world development set row by row (skipped
// when ../shared is absent), and small generated tables for each edge rule.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPdfBom } from "../../src/stages/pdf-bom/index.js";
import type { BomResult, Reporter } from "../../src/stages/types.js";
import { normText, realDocs, REALWORLD_DIR, type RealDoc } from "../support/realworld.js";
import { sheetTablePdf, type SheetOptions } from "../support/sheet-table-pdf.js";

const quiet: Reporter = { stage() {}, log() {} };
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-bom-layouts-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(name: string, opts: SheetOptions): Promise<BomResult> {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, await sheetTablePdf(opts));
  return runPdfBom({ pdfPath: file }, quiet);
}

const { docs, missing } = realDocs();
// The outlined-text drawing needs OCR: its rows are checked with the OCR path.
const textDocs = docs.filter((d) => !d.stem.startsWith("freecad-"));

/** Every truth row exactly: typed fields, printed extra columns, section. */
function expectRows(result: BomResult, doc: RealDoc) {
  const got = result.rows.map((r) => ({
    item: r.item,
    partNumber: normText(r.partNumber),
    name: normText(r.name),
    quantity: r.quantity,
  }));
  const want = doc.rows.map((t) => ({ item: t.item, partNumber: normText(t.partNumber), name: normText(t.name), quantity: t.quantity }));
  expect(got).toEqual(want);
  doc.rows.forEach((t, i) => {
    for (const [header, value] of Object.entries(t.extra ?? {})) {
      const cell = result.rows[i].columns?.find((c) => normText(c.header) === normText(header));
      expect(normText(cell?.text || null), `row ${i + 1} ${header}`).toBe(normText(value));
    }
  });
  for (const s of doc.sections ?? []) for (const i of s.rowIndexes) expect(result.rows[i - 1].section).toBe(s.heading);
}

// Word and Calc tables exported by LibreOffice (committed: see the folder's README).
const office = realDocs(path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/office-exports")).docs;

describe("PDF_BOM on office exports (LibreOffice as the producer)", () => {
  it.each(office.map((d) => [d.stem, d] as const))("%s: every row, printed column and section", async (_stem, doc) => {
    const result = await runPdfBom({ pdfPath: doc.file }, quiet);
    expectRows(result, doc);
  });

  it("links indented children, with or without item numbers, to the row above them", async () => {
    const doc = office.find((d) => d.stem === "word-indented-bom-en")!;
    const { rows } = await runPdfBom({ pdfPath: doc.file }, quiet);
    const truth = JSON.parse(fs.readFileSync(doc.file.replace(/\.pdf$/, ".truth.json"), "utf8")) as { levels: number[] };
    expect(rows.map((r) => r.level)).toEqual(truth.levels);
    const parentOf = (pn: string) => {
      const r = rows.find((x) => x.partNumber === pn)!;
      return r.parentIndex == null ? null : rows[r.parentIndex].partNumber;
    };
    expect([parentOf("LT-101"), parentOf("LT-211"), parentOf("LT-220"), parentOf("LT-300")]).toEqual(["LT-100", "LT-210", "LT-200", null]);
  });

  it("keeps lists without indentation or dotted numbers flat", async () => {
    for (const doc of office.filter(
      (d) => d.stem.startsWith("word-gost") || d.stem.startsWith("word-wrapped") || d.stem.startsWith("word-noborder"),
    )) {
      const { rows } = await runPdfBom({ pdfPath: doc.file }, quiet);
      expect(
        rows.every((r) => r.level == null && r.parentIndex == null),
        doc.stem,
      ).toBe(true);
    }
  });

  it("links dotted item numbers into a hierarchy", async () => {
    const doc = office.find((d) => d.stem === "calc-indented-bom-en")!;
    const { rows } = await runPdfBom({ pdfPath: doc.file }, quiet);
    const parentOf = (item: string) => {
      const r = rows.find((x) => x.item === item)!;
      return r.parentIndex === null || r.parentIndex === undefined ? null : rows[r.parentIndex].item;
    };
    expect([parentOf("1"), parentOf("1.2"), parentOf("2.2.1"), parentOf("3")]).toEqual([null, "1", "2.2", null]);
    expect(rows.find((x) => x.item === "2.2.2")!.level).toBe(2);
  });
});

describe.skipIf(!textDocs.length)(`PDF_BOM on the real-world development set${missing ? ` (skipped: ${missing})` : ""}`, () => {
  it.each(textDocs.map((d) => [d.stem, d] as const))("%s: every row, printed column and section", async (_stem, doc) => {
    const result = await runPdfBom({ pdfPath: doc.file }, quiet);
    expectRows(result, doc);
  });

  it("reads the ruling lines of every real export itself, object streams included (no operator-list fallback)", async () => {
    for (const doc of docs) {
      const debug: string[] = [];
      await runPdfBom({ pdfPath: doc.file }, { stage() {}, log: (level, message) => void (level === "DEBUG" && debug.push(message)) });
      expect(
        debug.filter((m) => m.includes("operator list")),
        doc.stem,
      ).toEqual([]);
    }
  });

  it("keeps a non-numeric quantity as printed, with a row warning and a notice (Google Sheets export)", async () => {
    const result = await runPdfBom({ pdfPath: path.join(REALWORLD_DIR, "gsheets-tesseract-printer-bom.pdf") }, quiet);
    const approx = result.rows.filter((r) => r.columns?.some((c) => c.field === "quantity" && c.text === "~150"));
    expect(approx).toHaveLength(2);
    for (const r of approx) {
      expect(r.quantity).toBeNull();
      expect(r.warnings).toEqual(['Quantity "~150" is not a number; kept as printed']);
    }
    const notice = result.notices?.find((n) => n.code === "NON_NUMERIC_QUANTITY");
    expect(notice?.rows).toEqual(result.rows.flatMap((r, i) => (r.warnings?.length ? [i] : [])));
    expect(result.columns).toEqual([
      { header: "Mechanical parts", field: "name" },
      { header: "Quantity", field: "quantity" },
    ]);
  });

  it("maps our reference to the part number and keeps the supplier's reference and supplier as printed (Excel export)", async () => {
    const result = await runPdfBom({ pdfPath: path.join(REALWORLD_DIR, "bcn3d-sigma-escandall-ca.pdf") }, quiet);
    expect(result.columns?.map((c) => [c.header, c.field])).toEqual([
      ["#", "item"],
      ["N/referencia", "partNumber"],
      ["S/referencia", null],
      ["Descripció", "name"],
      ["Unitats/kit", "quantity"],
      ["Proveïdor", null],
    ]);
  });
});

describe("PDF_BOM edge rules on generated tables", () => {
  it("splits an item number set right against the next column into item and part number", async () => {
    // One text run per row, "16 hex_m3_custom", starting inside the item column.
    const result = await read("glued", {
      columns: [
        { title: "Item", width: 30 },
        { title: "Part Number", width: 150 },
        { title: "Qty", width: 40 },
      ],
      pages: [
        [
          ["9", "hex_m3_custom", "2"],
          ["16", "hex_m3_custom", "4"],
          ["17", "nut_M5-DIN934", "4"],
        ],
      ],
      glued: true,
      grid: true,
    });
    expect(result.rows.map((r) => [r.item, r.partNumber, r.quantity])).toEqual([
      ["9", "hex_m3_custom", 2],
      ["16", "hex_m3_custom", 4],
      ["17", "nut_M5-DIN934", 4],
    ]);
  });

  it("does the same without ruling lines", async () => {
    const result = await read("glued-stream", {
      columns: [
        { title: "Item", width: 30 },
        { title: "Part Number", width: 150 },
        { title: "Qty", width: 40 },
      ],
      pages: [
        [
          ["9", "hex_m3_custom", "2"],
          ["16", "hex_m3_custom", "4"],
          ["17", "nut_M5-DIN934", "4"],
        ],
      ],
      glued: true,
    });
    expect(result.rows.map((r) => [r.item, r.partNumber, r.quantity])).toEqual([
      ["9", "hex_m3_custom", 2],
      ["16", "hex_m3_custom", 4],
      ["17", "nut_M5-DIN934", 4],
    ]);
  });

  it("reads section headings set apart by blank rows as sections, carried over a page break", async () => {
    const result = await read("sections", {
      columns: [
        { title: "Component", width: 200 },
        { title: "Qty", width: 40 },
      ],
      pages: [
        ["Frame parts", ["Extrusion 540mm", "8"], ["Corner bracket", "4"], null, "Z Axis", ["Lead screw", "2"]],
        [["Coupler", "2"], ["Bearing", "A/R"], null, "Electronics", ["PSU 24V", "1"], ["Cable kit", "1"]],
      ],
    });
    expect(result.rows.map((r) => [r.name, r.quantity, r.section])).toEqual([
      ["Extrusion 540mm", 8, "Frame parts"],
      ["Corner bracket", 4, "Frame parts"],
      ["Lead screw", 2, "Z Axis"],
      ["Coupler", 2, "Z Axis"],
      ["Bearing", null, "Z Axis"],
      ["PSU 24V", 1, "Electronics"],
      ["Cable kit", 1, "Electronics"],
    ]);
    expect(result.notices?.map((n) => n.code)).toEqual(["NON_NUMERIC_QUANTITY"]);
  });

  it("links hierarchical numbering (1, 1.1, 1.2, 2) as parent and level", async () => {
    const result = await read("hierarchy", {
      columns: [
        { title: "Pos.", width: 40 },
        { title: "Bezeichnung", width: 160 },
        { title: "Menge", width: 50 },
      ],
      pages: [
        [
          ["1", "Gearbox", "1"],
          ["1.1", "Housing", "1"],
          ["1.2", "Shaft", "2"],
          ["1.2.1", "Key", "2"],
          ["2", "Motor", "1"],
        ],
      ],
      grid: true,
    });
    expect(result.rows.map((r) => [r.item, r.level, r.parentIndex])).toEqual([
      ["1", 0, null],
      ["1.1", 1, 0],
      ["1.2", 1, 0],
      ["1.2.1", 2, 2],
      ["2", 0, null],
    ]);
  });

  it("gives a sheet printed twice one list, with a DUPLICATE_PAGES notice", async () => {
    const page = [
      ["1", "ABC-1", "Default", "Bracket", "2"],
      ["2", "ABC-2", "M3x12", "Screw", "8"],
    ];
    const result = await read("twice", {
      columns: [
        { title: "ITEM NO.", width: 50 },
        { title: "PART NUMBER", width: 90 },
        { title: "Configuration", width: 80 },
        { title: "DESCRIPTION", width: 120 },
        { title: "QTY.", width: 40 },
      ],
      pages: [page, page],
      repeatHeader: true,
      grid: true,
    });
    expect(result.rows.map((r) => [r.item, r.partNumber, r.configuration, r.name, r.quantity])).toEqual([
      ["1", "ABC-1", "Default", "Bracket", 2],
      ["2", "ABC-2", "M3x12", "Screw", 8],
    ]);
    expect(result.notices?.map((n) => n.code)).toEqual(["DUPLICATE_PAGES"]);
  });

  it("reads Spanish titles, keeps unknown columns, and joins a title wrapped at a hyphen inside its cell", async () => {
    const result = await read("es-wrapped", {
      columns: [
        { title: "Nº", width: 30 },
        { title: "DENOMINACIÓN", width: 140 },
        { title: "Cantidad", width: 60 },
        { title: "Proveedor", width: 90 },
        { title: "Precio", width: 50 },
      ],
      pages: [
        [
          ["1", "Placa base", "1", "ACME", "12,50"],
          ["2", "Tornillo M4", "6", "Würth", "0,10"],
        ],
      ],
      grid: true,
      wrapTitlesAt: 5,
    });
    expect(result.columns?.map((c) => c.field)).toEqual(["item", "name", "quantity", null, null]);
    expect(result.rows.map((r) => r.columns?.map((c) => c.text))).toEqual([
      ["1", "Placa base", "1", "ACME", "12,50"],
      ["2", "Tornillo M4", "6", "Würth", "0,10"],
    ]);
  });
});
