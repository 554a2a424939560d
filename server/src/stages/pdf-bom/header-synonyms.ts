// Printed column titles of parts lists and the BomRow field each maps to. Vocabularies:
// EN / DE / FR / ES / CA / IT / PT / NL / PL / RU (GOST/ESKD) / ZH, as CAD tools, spreadsheets
// and word processors print them.
import type { BomField } from "../types.js";

export type { BomField };

/** Fields that identify a parts list: a header needs at least one of them. */
export const KEY_FIELDS: readonly BomField[] = ["item", "quantity", "partNumber"];

// Written as printed; normalizeLabel() makes matching case/spacing/punctuation/width blind.
const SYNONYMS: Record<BomField, string[]> = {
  item: [
    "ITEM",
    "ITEM NO",
    "ITEM NUMBER",
    "ITEM #",
    "POS",
    "POS NR",
    "POS NO",
    "POSITION",
    "NO.",
    "NO",
    "N°",
    "NR",
    "Nr.",
    "FIND NO",
    "LINE",
    "S.NO",
    "SR NO",
    "SL NO",
    "ELEMENT",
    "ELEMENTO",
    "Núm.",
    "NUM",
    "Número",
    "REP",
    "Rep.",
    "Repère",
    "Posizione",
    "Lp.",
    "Pos.-Nr.",
    "Positionsnummer",
    "Lfd. Nr.",
    "Поз.",
    "Позиция",
    "№ п/п",
    "序号",
    "件号",
  ],
  quantity: [
    "QTY",
    "QTY.",
    "QUANTITY",
    "QUAN",
    "QTE",
    "QTÉ",
    "QUANTITÉ",
    "Menge",
    "Anzahl",
    "Anz.",
    "Stückzahl",
    "Stk.",
    "CANTIDAD",
    "CANT.",
    "Cant",
    "Quantitat",
    "Unitats",
    "Unidades",
    "Uds.",
    "Quantità",
    "Q.tà",
    "Quantidade",
    "Qtd",
    "Qtde",
    "Aantal",
    "Ilość",
    "Szt.",
    "PCS",
    "Кол.",
    "Кол-во",
    "Количество",
    "数量",
    "件数",
  ],
  partNumber: [
    "PART NUMBER",
    "PART NO",
    "PART NUM",
    "PART #",
    "P/N",
    "PN",
    "DWG NO",
    "DRAWING NO",
    "DRAWING NUMBER",
    "REFERENCE",
    "REF",
    "Référence",
    "Réf.",
    "Referencia",
    "Referència",
    "N/referencia",
    "Código",
    "Codi",
    "Codice",
    "Código peça",
    "ARTICLE NO",
    "Sachnummer",
    "Sach-Nr.",
    "Teilenummer",
    "Teile-Nr.",
    "Artikelnummer",
    "Artikel-Nr.",
    "Art.-Nr.",
    "Ident-Nr.",
    "Identnummer",
    "Zeichnungsnummer",
    "Zeichnungs-Nr.",
    "Обозначение",
    "代号",
    "图号",
    "零件代号",
    "物料编码",
  ],
  configuration: ["CONFIGURATION", "CONFIG", "SW-Configuration Name", "Configuration Name", "Konfiguration", "Configuración"],
  name: [
    "NAME",
    "PART NAME",
    "TITLE",
    "PART",
    "PARTS",
    "COMPONENT",
    "Benennung",
    "Bezeichnung",
    "DÉSIGNATION",
    "Nom",
    "NOMBRE",
    "Nome",
    "DENOMINACIÓN",
    "Denominació",
    "Denominazione",
    "Designação",
    "Designación",
    "Наименование",
    "名称",
    "零件名称",
  ],
  description: [
    "DESCRIPTION",
    "DESC",
    "Beschreibung",
    "Descripción",
    "Descripció",
    "Descrizione",
    "Descrição",
    "Omschrijving",
    "Opis",
    "Описание",
    "描述",
    "说明",
  ],
  material: ["MATERIAL", "MATL", "MAT'L", "MAT", "Werkstoff", "MATÉRIAU", "Materiale", "Materiał", "Материал", "材料", "材质"],
  unit: ["UNIT", "UOM", "U/M", "Einheit", "ME", "Unidad", "Unité", "Unità", "Ед. изм.", "单位"],
  note: [
    "NOTE",
    "NOTES",
    "REMARK",
    "REMARKS",
    "COMMENT",
    "COMMENTS",
    "Bemerkung",
    "Bemerkungen",
    "Anmerkung",
    "Observaciones",
    "Observacions",
    "Remarques",
    "Note",
    "Notas",
    "Osservazioni",
    "Uwagi",
    "Примечание",
    "备注",
  ],
};

/**
 * Titles that name a field only when no column of the table has it under a stronger title:
 * a supplier's or manufacturer's reference is the part number only in a table without our own.
 */
const WEAK: Partial<Record<BomField, string[]>> = {
  partNumber: [
    "S/referencia",
    "Supplier reference",
    "Supplier part number",
    "Vendor part number",
    "MPN",
    "Manufacturer part number",
    "Mfr. part number",
    "Order number",
    "Bestellnummer",
    "Referencia proveedor",
  ],
  name: ["ITEM DESCRIPTION", "ARTICLE", "Artículo", "Artikel", "Bauteil", "Teil", "Pieza", "Peça", "Pièce", "Component name"],
};

/**
 * Titles of columns kept only as printed cells (no BomField): known so that a title wrapped over
 * lines inside its cell is joined back as printed ("Фо" / "рм" / "ат" → "Формат").
 */
const UNMAPPED_TITLES = [
  "Формат",
  "Зона",
  "Масса",
  "Supplier",
  "Vendor",
  "Manufacturer",
  "Price",
  "Unit price",
  "Cost",
  "Mass",
  "Weight",
  "Source",
  "Revision",
  "Lieferant",
  "Hersteller",
  "Gewicht",
  "Preis",
  "Proveedor",
  "Precio",
  "Peso",
  "Fabricante",
  "Fournisseur",
  "Fabricant",
  "Prix",
  "Masse",
  "Poids",
  "Fornitore",
  "Prezzo",
  "供应商",
  "重量",
  "价格",
  "Поставщик",
  "Цена",
];

/** NFKC folds full-width forms; then drop case, spaces and punctuation (keeps CJK letters). */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "") // accents: "Qté" == "QTE"
    .replace(/[^\p{L}\p{N}]/gu, "");
}

interface Title {
  field: BomField;
  weak: boolean;
}

/** Like normalizeLabel, but word breaks stay (one space): "Part No." and "PART NO" agree, "Ite m" and "Item" do not. */
const wordKey = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
const WORD_KEYS = new Set<string>();

/** True when the text is a title exactly as some vocabulary prints it, word breaks included. */
export function isPrintedTitle(text: string): boolean {
  return WORD_KEYS.has(wordKey(text));
}

const LOOKUP = new Map<string, Title>();
for (const [field, words] of Object.entries(WEAK) as [BomField, string[]][]) {
  for (const w of words) LOOKUP.set(normalizeLabel(w), { field, weak: true });
}
for (const [field, words] of Object.entries(SYNONYMS) as [BomField, string[]][]) {
  for (const w of words) LOOKUP.set(normalizeLabel(w), { field, weak: false });
}
for (const words of [...Object.values(SYNONYMS), ...Object.values(WEAK), UNMAPPED_TITLES]) for (const w of words!) WORD_KEYS.add(wordKey(w));
// Titles made only of a sign: "#" is an item column in spreadsheet exports.
const SIGNS = new Map<string, Title>([["#", { field: "item", weak: false }]]);

// First two characters of every key that plain ASCII text can have (a key of ASCII text is
// its letters and digits, lower-cased: the Unicode folding leaves ASCII alone).
const ASCII_STARTS = new Set<number>();
for (const key of LOOKUP.keys()) if (/^[a-z0-9]{2}/.test(key)) ASCII_STARTS.add(key.charCodeAt(0) | (key.charCodeAt(1) << 8));

function exact(text: string): Title | null {
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
  return key ? (LOOKUP.get(key) ?? null) : (SIGNS.get(text.trim()) ?? null);
}

const PARTS_WORDS = new Set(["parts", "part", "components", "component", "items", "articles", "pieces"]);

/**
 * The field a printed header cell stands for, or null when it is not a known title. Besides
 * exact titles: a title whose first word is a quantity title ("Unitats/kit", "Qty per assy"),
 * and a title ending in "parts" / "components" ("Mechanical parts") names the rows (weak name).
 */
export function matchTitle(text: string): Title | null {
  const t = exact(text);
  if (t) return t;
  if (text.length > 40 || !/[\s/]/.test(text.trim())) return null;
  const words = text
    .trim()
    .split(/[\s/]+/)
    .filter(Boolean);
  if (words.length < 2 || words.length > 4) return null;
  const first = exact(words[0]);
  if (first?.field === "quantity") return { field: "quantity", weak: true };
  if (PARTS_WORDS.has(words[words.length - 1].toLowerCase()) && /^\p{L}/u.test(words[0])) return { field: "name", weak: true };
  return null;
}

export function matchHeaderField(text: string): BomField | null {
  return matchTitle(text)?.field ?? null;
}

/**
 * Fields for a header's titles, in printed order: strong titles first, weak ones only where no
 * other column has the field, each field once (a second "Referencia" is kept, unmapped), and a
 * description is the rows' name when the table has no name column.
 */
export function assignFields(titles: (Title | null)[]): (BomField | null)[] {
  const out: (BomField | null)[] = titles.map(() => null);
  const taken = new Set<BomField>();
  for (const pass of [false, true]) {
    titles.forEach((t, i) => {
      if (!t || t.weak !== pass || taken.has(t.field)) return;
      out[i] = t.field;
      taken.add(t.field);
    });
  }
  if (!taken.has("name")) {
    const d = out.indexOf("description");
    if (d >= 0) out[d] = "name";
  }
  return out;
}
