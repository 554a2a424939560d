// Labelled BOMs for the matching bench. Every row names the CAD part it should match
// (`truth`, the part name STEP_EXTRACT reports) or null for rows with no CAD part (grease,
// packaging...), which must stay unmatched. Variants rename, abbreviate, misspell and translate
// the names the way real drawings do.

import type { BomRow } from "../../server/src/stages/types.js";

export interface LabelledRow {
  row: Partial<BomRow>;
  truth: string | null;
}
export interface LabelledBom {
  doc: string;
  /** Fixture file under shared/fixtures/step. */
  step: string;
  rows: LabelledRow[];
}

type Canon = "plate" | "l-bracket" | "bolt" | "nut" | "rod";
type Variant = Record<Canon, Partial<BomRow>>;

const VARIANTS: Record<string, Variant> = {
  exact: {
    plate: { name: "plate" },
    "l-bracket": { name: "l-bracket" },
    bolt: { name: "bolt" },
    nut: { name: "nut" },
    rod: { name: "rod" },
  },
  renamed: {
    plate: { name: "Base Plate", description: "Steel S235, 10 mm" },
    "l-bracket": { name: "L Bracket", description: "Bent sheet 5 mm" },
    bolt: { name: "Hex Bolt", description: "ISO 4017 M6x20" },
    nut: { name: "Hex Nut", description: "ISO 4032 M6" },
    rod: { name: "Threaded Rod", description: "M10, zinc plated" },
  },
  partNumbers: {
    plate: { partNumber: "PLATE", name: "Mounting plate" },
    "l-bracket": { partNumber: "L-BRACKET", name: "Angle" },
    bolt: { partNumber: "BOLT", name: "Screw" },
    nut: { partNumber: "NUT", name: "Fastener" },
    rod: { partNumber: "ROD", name: "Shaft" },
  },
  abbreviated: {
    plate: { name: "PLT" },
    "l-bracket": { name: "L-BRKT" },
    bolt: { name: "BLT" },
    nut: { name: "NT" },
    rod: { name: "ROD" },
  },
  misspelt: {
    plate: { name: "Plaet" },
    "l-bracket": { name: "L-Brakcet" },
    bolt: { name: "Bollt" },
    nut: { name: "Nutt" },
    rod: { name: "Rodd" },
  },
  germanWithNote: {
    plate: { name: "Grundplatte", note: "base plate" },
    "l-bracket": { name: "Befestigungswinkel", note: "L-bracket" },
    bolt: { name: "Sechskantschraube M6", note: "hex bolt" },
    nut: { name: "Sechskantmutter M6", note: "hex nut" },
    rod: { name: "Gewindestange M10", note: "rod" },
  },
  chineseWithDescription: {
    plate: { name: "底板", description: "Plate" },
    "l-bracket": { name: "L形支架", description: "L-Bracket" },
    bolt: { name: "六角头螺栓", description: "Bolt" },
    nut: { name: "六角螺母", description: "Nut" },
    rod: { name: "连杆", description: "Rod" },
  },
  chineseOnly: {
    plate: { name: "底板" },
    "l-bracket": { name: "L形支架" },
    bolt: { name: "螺栓 GB/T 5782 M6×20" },
    nut: { name: "螺母 GB/T 6170 M6" },
    rod: { name: "拉杆" },
  },
  germanOnly: {
    plate: { name: "Platte" },
    "l-bracket": { name: "L-Winkel" },
    bolt: { name: "Sechskantschraube" },
    nut: { name: "Mutter" },
    rod: { name: "Stange" },
  },
};

/** Rows no CAD part answers: they must not steal a part. */
const DISTRACTORS: Array<Partial<BomRow>> = [
  { name: "Loctite 243", description: "Threadlocker, medium strength" },
  { name: "Spring washer", description: "DIN 127 B6" },
  { name: "Packaging box", note: "cardboard" },
  { name: "润滑脂", note: "grease" },
  { name: "Typenschild", note: "name plate label" },
];

const ASSEMBLIES: Array<{ id: string; step: string; parts: Array<[Canon, number]> }> = [
  {
    id: "as1",
    step: "as1-oc-214.stp",
    parts: [
      ["plate", 1],
      ["l-bracket", 2],
      ["bolt", 6],
      ["nut", 8],
      ["rod", 1],
    ],
  },
  {
    id: "dm1",
    step: "dm1-id-214.stp",
    parts: [
      ["l-bracket", 1],
      ["bolt", 3],
      ["nut", 3],
    ],
  },
];

/** Deterministic shuffle so row order never helps the matcher. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function corpus(): LabelledBom[] {
  const docs: LabelledBom[] = [];
  let seed = 7;
  for (const asm of ASSEMBLIES) {
    for (const [variant, names] of Object.entries(VARIANTS)) {
      const rows: LabelledRow[] = asm.parts.map(([canon, qty]) => ({ row: { ...names[canon], quantity: qty }, truth: canon }));
      // Two distractors per document, different ones each time.
      for (let k = 0; k < 2; k++) rows.push({ row: { ...DISTRACTORS[(seed + k) % DISTRACTORS.length]!, quantity: 1 }, truth: null });
      docs.push({ doc: `${asm.id}/${variant}`, step: asm.step, rows: shuffle(rows, seed++) });
    }
  }
  return docs;
}
