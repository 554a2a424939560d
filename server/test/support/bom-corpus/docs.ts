// The generated corpus: every case of the BOM issue at least once (EN/DE/ZH, header top and
// bottom, ruled and unruled, multi-line, multi-page, rotated, decoys).
import { DE, EN, ZH, numbered } from "./catalog.js";
import type { ColumnSpec, Decoy, DocSpec } from "./types.js";

const c = (field: ColumnSpec["field"], title: ColumnSpec["title"], width: number, center = false): ColumnSpec => ({
  field,
  title,
  width,
  align: center ? "center" : "left",
});

const EN_FULL = [
  c("item", "ITEM", 40, true),
  c("partNumber", "PART NUMBER", 115),
  c("name", "NAME", 90),
  c("description", "DESCRIPTION", 130),
  c("quantity", "QTY", 45, true),
  c("material", "MATERIAL", 85),
];
const EN_SHORT = [
  c("item", "ITEM NO.", 50, true),
  c("quantity", "QTY.", 45, true),
  c("partNumber", "PART NO.", 120),
  c("description", "DESC.", 150),
  c("note", "REMARKS", 80),
];
const EN_POS = [
  c("item", "POS", 35, true),
  c("partNumber", "P/N", 115),
  c("name", "Part Name", 100),
  c("quantity", "Qty", 50),
  c("material", "Mat'l", 80),
  c(null, "WEIGHT", 50),
];
const DE_FULL = [
  c("item", "Pos.", 35, true),
  c("quantity", "Menge", 45, true),
  c("unit", "Einheit", 45, true),
  c("name", "Benennung", 120),
  c("partNumber", "Sachnummer", 110),
  c("material", "Werkstoff", 80),
  c("note", "Bemerkung", 80),
];
const DE_SHORT = [
  c("item", "Pos.-Nr.", 45, true),
  c("name", "Bezeichnung", 120),
  c("partNumber", "Zeichnungs-Nr.", 110),
  c("quantity", "Anzahl", 45, true),
  c("material", "Werkstoff", 80),
  c(null, "Gewicht", 50),
];
const ZH_FULL = [
  c("item", "序号", 35, true),
  c("partNumber", "代号", 125),
  c("name", "名称", 90),
  c("quantity", "数量", 40, true),
  c("material", "材料", 70),
  c("note", "备注", 60),
];
const ZH_TWO = [
  c("item", ["序号", "NO."], 40, true),
  c("partNumber", ["代号", "CODE"], 125),
  c("name", ["名称", "NAME"], 90),
  c("quantity", ["数量", "QTY"], 40, true),
  c("material", ["材料", "MATERIAL"], 70),
  c("note", ["备注", "REMARK"], 60),
];
const ZH_UNIT = [
  c("item", "序 号", 35, true),
  c("partNumber", "图号", 125),
  c("name", "名称", 90),
  c("quantity", "数量", 40, true),
  c("unit", "单位", 40, true),
  c("note", "备注", 60),
];

const ALL: Decoy[] = ["revision", "notes", "balloons", "dimensions"];

export const CORPUS: DocSpec[] = [
  { id: "en-top-ruled", about: "EN, header on top, ruled, all decoys", lang: "en", columns: EN_FULL, parts: numbered(EN, 8), rules: "grid", decoys: ALL },
  { id: "en-bottom-ruled", about: "EN, ISO header at the bottom on the title block", lang: "en", columns: EN_FULL, parts: numbered(EN, 9), rules: "grid", headerAtBottom: true, decoys: ALL },
  { id: "en-top-unruled", about: "EN, unruled (stream), short titles, units in QTY", lang: "en", columns: EN_SHORT, parts: numbered(EN, 10), rules: "none", decoys: ALL },
  { id: "en-bottom-unruled", about: "EN, unruled, header at the bottom", lang: "en", columns: EN_POS, parts: numbered(EN, 7), rules: "none", headerAtBottom: true, decoys: ALL },
  { id: "en-centred-ruled", about: "EN, tall multi-line rows, item and qty vertically centred", lang: "en", columns: EN_FULL, parts: numbered(EN, 8), rules: "grid", centreCells: true, decoys: ["revision", "balloons"] },
  { id: "en-topleft-ruled", about: "EN, table at the top left of the sheet, item numbers 10, 20, ...", lang: "en", columns: EN_POS, parts: numbered(EN, 6, (i) => String((i + 1) * 10)), rules: "grid", placement: "topLeft", decoys: ["notes", "dimensions"] },
  { id: "en-multipage-repeat", about: "EN, 3 sheets, header repeated, page headers/footers", lang: "en", columns: EN_FULL, parts: numbered(EN, 14), rules: "grid", rowsPerPage: 5, pageFooters: true, decoys: ALL },
  { id: "en-multipage-ruled-nohdr", about: "EN, 2 sheets, header only on the first, ruled", lang: "en", columns: EN_FULL, parts: numbered(EN, 10), rules: "grid", rowsPerPage: 6, repeatHeader: false, pageFooters: true, decoys: ["revision"] },
  { id: "en-multipage-unruled-nohdr", about: "EN, 2 sheets, header only on the first, unruled", lang: "en", columns: EN_SHORT, parts: numbered(EN, 9), rules: "none", rowsPerPage: 5, repeatHeader: false, pageFooters: true, decoys: ["notes"] },
  { id: "en-rotate90", about: "EN, landscape sheet stored portrait with /Rotate 90, ruled", lang: "en", columns: EN_FULL, parts: numbered(EN, 8), rules: "grid", pageRotate: true, decoys: ALL },
  { id: "en-content270-unruled", about: "EN, content drawn rotated (text runs down), no /Rotate, unruled", lang: "en", columns: EN_SHORT, parts: numbered(EN, 7), rules: "none", contentRotate: 270, decoys: ALL },
  { id: "en-sparse", about: "EN, many empty cells (null, not shifted), unruled", lang: "en", columns: EN_FULL, parts: numbered(EN, 12).map((p, i) => (i % 3 === 1 ? { ...p, partNumber: undefined, material: undefined } : i % 3 === 2 ? { ...p, description: undefined } : p)), rules: "none", decoys: ["revision", "balloons"] },
  { id: "de-top-ruled", about: "DE, header on top, ruled, Einheit column, decimal commas", lang: "de", columns: DE_FULL, parts: numbered(DE, 10), rules: "grid", decoys: ALL },
  { id: "de-bottom-ruled", about: "DE, DIN/ISO header at the bottom, ruled", lang: "de", columns: DE_FULL, parts: numbered(DE, 9), rules: "grid", headerAtBottom: true, decoys: ALL },
  { id: "de-bottom-unruled", about: "DE, header at the bottom, unruled, unmapped Gewicht column", lang: "de", columns: DE_SHORT, parts: numbered(DE, 8), rules: "none", headerAtBottom: true, decoys: ALL },
  { id: "de-rotate90-bottom", about: "DE, /Rotate 90 sheet, header at the bottom, ruled", lang: "de", columns: DE_FULL, parts: numbered(DE, 7), rules: "grid", headerAtBottom: true, pageRotate: true, decoys: ALL },
  { id: "de-multipage-bottom", about: "DE, 2 sheets, header at the bottom on both (ISO continuation sheet)", lang: "de", columns: DE_FULL, parts: numbered(DE, 10), rules: "grid", headerAtBottom: true, rowsPerPage: 6, pageFooters: true, decoys: ["revision"] },
  { id: "de-content90-ruled", about: "DE, content drawn rotated (text runs up), no /Rotate, ruled", lang: "de", columns: DE_SHORT, parts: numbered(DE, 6), rules: "grid", contentRotate: 90, decoys: ALL },
  { id: "zh-bottom-ruled", about: "ZH, GB parts list above the title block, header at the bottom", lang: "zh", columns: ZH_FULL, parts: numbered(ZH, 10), rules: "grid", headerAtBottom: true, decoys: ALL },
  { id: "zh-twoline-bottom", about: "ZH, two-line titles (序号 over NO.), header at the bottom, ruled", lang: "zh", columns: ZH_TWO, parts: numbered(ZH, 8), rules: "grid", headerAtBottom: true, decoys: ALL },
  { id: "zh-top-unruled", about: "ZH, header on top, unruled, spaced title 序 号, 单位 column", lang: "zh", columns: ZH_UNIT, parts: numbered(ZH, 9), rules: "none", decoys: ALL },
  { id: "zh-centred-ruled", about: "ZH, multi-line names, vertically centred cells, header on top", lang: "zh", columns: ZH_TWO, parts: numbered(ZH, 9), rules: "grid", centreCells: true, decoys: ["notes", "balloons"] },
  { id: "zh-multipage-rotate", about: "ZH, /Rotate 90, 2 sheets, header at the bottom repeated", lang: "zh", columns: ZH_FULL, parts: numbered(ZH, 10), rules: "grid", headerAtBottom: true, rowsPerPage: 5, pageRotate: true, decoys: ["revision", "notes"] },
];
