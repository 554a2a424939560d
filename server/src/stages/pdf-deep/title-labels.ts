// Title-block labels (EN / DE / ZH, ISO 7200 and common CAD templates). The four headline
// fields go to TitleBlock.title/drawingNumber/revision/date; every other label is kept as
// printed in TitleBlock.fields.
export type TitleKey = "title" | "drawingNumber" | "revision" | "date" | "other";

const LABELS: Record<TitleKey, string[]> = {
  title: ["TITLE", "DRAWING TITLE", "NAME", "Benennung", "Titel", "名称", "图名"],
  drawingNumber: [
    "DWG NO",
    "DWG NO.",
    "DWG. NO.",
    "DRAWING NO",
    "DRAWING NUMBER",
    "DOCUMENT NUMBER",
    "DOC NO",
    "Zeichnungsnummer",
    "Zeichnungs-Nr.",
    "Zeichn.-Nr.",
    "Sachnummer",
    "图号",
    "图样代号",
  ],
  revision: ["REV", "REV.", "REVISION", "Rev", "Index", "Änderungsindex", "版本", "版次"],
  date: ["DATE", "Datum", "日期"],
  other: [
    "SCALE",
    "Maßstab",
    "比例",
    "SHEET",
    "Blatt",
    "SIZE",
    "Format",
    "WEIGHT",
    "MASS",
    "Gewicht",
    "重量",
    "MATERIAL",
    "Werkstoff",
    "材料",
    "DRAWN",
    "DRAWN BY",
    "DESIGNED BY",
    "Designer",
    "CHECKED",
    "CHECKED BY",
    "APPROVED",
    "APPROVED BY",
    "Gezeichnet",
    "Bearbeitet",
    "Geprüft",
    "Freigegeben",
    "Norm",
    "设计",
    "制图",
    "审核",
    "校对",
    "批准",
    "EDITION",
    "PROJECTION",
    "UNITS",
    "TOLERANCE",
    "GENERAL TOLERANCE",
    "Allgemeintoleranz",
    "FINISH",
    "SURFACE FINISH",
    "COMPANY",
    "PROJECT",
    "Projekt",
    "CUSTOMER",
    "Kunde",
  ],
};

export function normalizeTitleLabel(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const LOOKUP = new Map<string, TitleKey>();
for (const [key, words] of Object.entries(LABELS) as [TitleKey, string[]][]) {
  for (const w of words) LOOKUP.set(normalizeTitleLabel(w), key);
}
// "1:2" must not make "SCALE 1:2" look like a label-only cell, so prefixes are tried by words.
const PREFIXES = [...LOOKUP.keys()];

export function titleKey(label: string): TitleKey | null {
  const k = normalizeTitleLabel(label);
  return k ? (LOOKUP.get(k) ?? null) : null;
}

/**
 * Splits "DWG NO: 123", "SCALE 1:2" or "SHEET 1 OF 2" into label and value. Returns null when
 * the text does not start with a known label or has nothing after it.
 */
export function splitInlineLabel(text: string): { label: string; value: string } | null {
  const colon = /^([^:：]{1,30})[:：]\s*(.+)$/.exec(text);
  if (colon && titleKey(colon[1])) return { label: colon[1].trim(), value: colon[2].trim() };
  const words = text.trim().split(/\s+/);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const label = words.slice(0, n).join(" ");
    const key = normalizeTitleLabel(label);
    if (PREFIXES.includes(key) && LOOKUP.get(key) !== "title") {
      return { label, value: words.slice(n).join(" ") };
    }
  }
  return null;
}

/** Printed label without trailing colon, used as the key in TitleBlock.fields. */
export function cleanLabel(label: string): string {
  return label
    .replace(/[:：]\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
}
