// Parts used by the corpus, per language. Numbering is per document (see numbered()).
import type { Part } from "./types.js";

type Base = Omit<Part, "item">;

export const EN: Base[] = [
  { partNumber: "GB-1001", name: "Housing", description: "Cast housing,\nmachined", quantity: 1, material: "EN-GJL-250" },
  { partNumber: "GB-1002", name: "Cover", description: "Bearing cover", quantity: 2, material: "S235JR" },
  { partNumber: "ISO 4017 M8x25", name: "Hex bolt", description: "Hexagon head screw", quantity: 12, material: "Steel 8.8" },
  { partNumber: "ISO 4032 M8", name: "Hex nut", quantity: 12, material: "Steel 8" },
  { partNumber: "SKF 6205-2RS", name: "Ball bearing", description: "Deep groove ball\nbearing, sealed", quantity: 2 },
  { partNumber: "GB-1006", name: "Input shaft", quantity: 1, material: "42CrMo4", note: "Hardened" },
  { partNumber: "DIN 6885 A8x7x40", name: "Key", quantity: 2, material: "C45" },
  { partNumber: "GB-1008", name: "Gasket", description: "Flat gasket,\ncut from sheet", quantity: 1, material: "Klingersil" },
  { partNumber: "GB-1009", name: "Oil", description: "Gear oil ISO VG 220", quantity: 0.5, qtyText: "0,5 l", unit: "l" },
  { partNumber: "ISO 7089 8", name: "Washer", quantity: 24, qtyText: "24 pcs", unit: "pcs", material: "Steel" },
  { partNumber: "GB-1011", name: "Breather plug", quantity: 1, material: "Brass", note: "Fit last" },
  { partNumber: "GB-1012", name: "Output shaft", quantity: 1, material: "42CrMo4" },
];

export const DE: Base[] = [
  { partNumber: "4711-001", name: "Grundplatte", quantity: 1, unit: "Stk", material: "S355J2", note: "verzinkt" },
  { partNumber: "4711-002", name: "Lagerbock", quantity: 2, unit: "Stk", material: "EN-GJS-400" },
  { partNumber: "ISO 4762 M10x30", name: "Zylinderschraube", quantity: 8, unit: "Stk", material: "8.8" },
  { partNumber: "4711-004", name: "Welle\ngeschliffen", quantity: 1, unit: "Stk", material: "C45E" },
  { partNumber: "DIN 471 30x1,5", name: "Sicherungsring", quantity: 2, unit: "Stk", material: "Federstahl" },
  { partNumber: "4711-006", name: "Schmierfett", quantity: 0.25, qtyText: "0,25", unit: "kg", note: "Lithiumseife" },
  { partNumber: "4711-007", name: "Rohr", quantity: 1.5, qtyText: "1,5", unit: "m", material: "E235" },
  { partNumber: "ISO 4032 M10", name: "Sechskantmutter", quantity: 8, unit: "Stk", material: "8" },
  { partNumber: "4711-009", name: "Abdeckblech", quantity: 1, unit: "Stk", material: "DC01" },
  { partNumber: "4711-010", name: "Typenschild", quantity: 1, unit: "Stk", material: "Alu", note: "gelasert" },
];

export const ZH: Base[] = [
  { partNumber: "JS-01-001", name: "箱体", quantity: 1, material: "HT200" },
  { partNumber: "JS-01-002", name: "箱盖", quantity: 1, material: "HT200" },
  { partNumber: "GB/T 5783 M10×35", name: "六角头螺栓", quantity: 6, material: "8.8级", note: "镀锌" },
  { partNumber: "JS-01-004", name: "输入轴", quantity: 1, material: "45钢", note: "调质" },
  { partNumber: "GB/T 276 6206", name: "深沟球轴承", quantity: 2, unit: "件" },
  { partNumber: "JS-01-006", name: "齿轮", quantity: 1, material: "40Cr" },
  { partNumber: "GB/T 1096 8×7×40", name: "平键", quantity: 1, material: "45钢" },
  { partNumber: "JS-01-008", name: "密封垫\n耐油橡胶", quantity: 1, material: "NBR" },
  { partNumber: "JS-01-009", name: "润滑油", quantity: 0.8, qtyText: "0,8", unit: "L" },
  { partNumber: "JS-01-010", name: "端盖", quantity: 2, material: "Q235" },
];

/** The first `n` parts (cycling), numbered 1..n, or with a custom item format. */
export function numbered(base: Base[], n: number, item: (i: number) => string = (i) => String(i + 1)): Part[] {
  return Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], item: item(i) }));
}
