// Printed column titles of parts lists (EN / DE / FR / ZH) and the BomRow field each maps to.
import type { BomField } from "../types.js";

export type { BomField };

/** Fields that identify a parts list: a header needs at least one of them. */
export const KEY_FIELDS: readonly BomField[] = ["item", "quantity", "partNumber"];

// Written as printed; normalizeLabel() makes matching case/spacing/punctuation/width blind.
const SYNONYMS: Record<BomField, string[]> = {
  item: [
    "ITEM", "ITEM NO", "ITEM NUMBER", "ITEM #", "POS", "POS NR", "POS NO", "POSITION", "NO.", "NO", "FIND NO",
    "Pos.-Nr.", "Positionsnummer", "Lfd. Nr.", "序号", "件号",
  ],
  quantity: [
    "QTY", "QTY.", "QUANTITY", "QUAN", "QTE", "QTÉ", "QUANTITÉ", "Menge", "Anzahl", "Anz.", "Stückzahl", "Stk.",
    "数量", "件数",
  ],
  partNumber: [
    "PART NUMBER", "PART NO", "PART NUM", "PART #", "P/N", "PN", "Sachnummer", "Sach-Nr.", "Teilenummer", "Teile-Nr.",
    "Artikelnummer", "Artikel-Nr.", "Ident-Nr.", "Identnummer", "Zeichnungsnummer", "Zeichnungs-Nr.", "代号", "图号",
    "零件代号", "物料编码",
  ],
  configuration: ["CONFIGURATION", "CONFIG", "SW-Configuration Name", "Configuration Name", "Konfiguration"],
  name: ["NAME", "PART NAME", "Benennung", "Bezeichnung", "DÉSIGNATION", "名称", "零件名称"],
  description: ["DESCRIPTION", "DESC", "Beschreibung", "描述", "说明"],
  material: ["MATERIAL", "MATL", "MAT'L", "MAT", "Werkstoff", "MATÉRIAU", "材料", "材质"],
  unit: ["UNIT", "UOM", "U/M", "Einheit", "ME", "单位"],
  note: ["NOTE", "NOTES", "REMARK", "REMARKS", "COMMENT", "COMMENTS", "Bemerkung", "Bemerkungen", "Anmerkung", "备注"],
};

/** NFKC folds full-width forms; then drop case, spaces and punctuation (keeps CJK letters). */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "") // accents: "Qté" == "QTE"
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const LOOKUP = new Map<string, BomField>();
for (const [field, words] of Object.entries(SYNONYMS) as [BomField, string[]][]) {
  for (const w of words) LOOKUP.set(normalizeLabel(w), field);
}

// First two characters of every key that plain ASCII text can have (a key of ASCII text is
// its letters and digits, lower-cased: the Unicode folding leaves ASCII alone).
const ASCII_STARTS = new Set<number>();
for (const key of LOOKUP.keys()) if (/^[a-z0-9]{2}/.test(key)) ASCII_STARTS.add(key.charCodeAt(0) | (key.charCodeAt(1) << 8));

/** The field a printed header cell stands for, or null when it is not a known title. */
export function matchHeaderField(text: string): BomField | null {
  // Every run and piece of every line is tried, and nearly all are data ("MF-00012", "12"):
  // ASCII text whose key cannot start like a title is refused before any Unicode folding.
  let first = 0;
  let second = 0;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    const lower = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (!((lower >= 0x61 && lower <= 0x7a) || (lower >= 0x30 && lower <= 0x39))) continue;
    if (!first) first = lower;
    else if (!second) second = lower;
  }
  if (ascii && second && !ASCII_STARTS.has(first | (second << 8))) return null;
  const key = normalizeLabel(text);
  return key ? (LOOKUP.get(key) ?? null) : null;
}
