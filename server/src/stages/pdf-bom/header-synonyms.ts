// Printed column titles of parts lists (EN / DE / FR / ZH) and the BomRow field each maps to.
export type BomField = "item" | "quantity" | "partNumber" | "name" | "description" | "material" | "unit" | "note";

/** Fields that identify a parts list: a header needs at least one of them. */
export const KEY_FIELDS: readonly BomField[] = ["item", "quantity", "partNumber"];

// Written as printed; normalizeLabel() makes matching case/spacing/punctuation/width blind.
const SYNONYMS: Record<BomField, string[]> = {
  item: ["ITEM", "ITEM NO", "ITEM NUMBER", "POS", "POS.", "POS NR", "POSITION", "NO.", "NO", "FIND NO", "序号", "件号"],
  quantity: ["QTY", "QTY.", "QUANTITY", "QTE", "QTÉ", "QUANTITÉ", "Menge", "Anzahl", "Stückzahl", "数量"],
  partNumber: [
    "PART NUMBER",
    "PART NO",
    "PART NUM",
    "P/N",
    "PN",
    "Sachnummer",
    "Sach-Nr.",
    "Teilenummer",
    "Teile-Nr.",
    "Artikelnummer",
    "代号",
    "图号",
  ],
  name: ["NAME", "PART NAME", "Benennung", "Bezeichnung", "DÉSIGNATION", "名称"],
  description: ["DESCRIPTION", "DESC", "Beschreibung", "描述"],
  material: ["MATERIAL", "MATL", "MAT'L", "MAT", "Werkstoff", "MATÉRIAU", "材料"],
  unit: ["UNIT", "UOM", "Einheit", "单位"],
  note: ["NOTE", "NOTES", "REMARK", "REMARKS", "COMMENT", "Bemerkung", "备注"],
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

/** The field a printed header cell stands for, or null when it is not a known title. */
export function matchHeaderField(text: string): BomField | null {
  const key = normalizeLabel(text);
  return key ? (LOOKUP.get(key) ?? null) : null;
}
