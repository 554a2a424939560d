// Section headings printed as rows of a parts list. GOST/ESKD specifications have a fixed set;
// CAD and ERP exports use a few common ones. Any other heading is recognised by its layout
// (row-builder.ts): text in one cell only, set apart by a blank row or first in the table.
import { normalizeLabel } from "./header-synonyms.js";

const WORDS = [
  // GOST 2.106 specification sections
  "Документация",
  "Комплексы",
  "Сборочные единицы",
  "Детали",
  "Стандартные изделия",
  "Прочие изделия",
  "Материалы",
  "Комплекты",
  // common in exports
  "Standard parts",
  "Purchased parts",
  "Bought out parts",
  "Hardware",
  "Fasteners",
  "Assemblies",
  "Sub-assemblies",
  "Parts",
  "Normteile",
  "Kaufteile",
  "Baugruppen",
  "Einzelteile",
  "标准件",
  "外购件",
];
const KEYS = new Set(WORDS.map(normalizeLabel));

export function isSectionWord(text: string): boolean {
  return KEYS.has(normalizeLabel(text.replace(/:$/, "")));
}
