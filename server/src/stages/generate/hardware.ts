// Fasteners spelled out from the parts list: the standard designation ("ISO 4017 M8×30"),
// the tool that drives it (spanner / hex key / screwdriver size from the standard's head
// dimensions) and, when the property class is printed, a reference tightening torque.

import type { BomRow } from "../types.js";

export interface Hardware {
  /** "ISO 4017 M8×30 – 8.8", or null when the row names no standard or thread. */
  spec: string | null;
  standard: string | null;
  /** Nominal thread diameter in mm (8 for M8). */
  thread: number | null;
  length: number | null;
  /** Property class of a bolt or screw ("8.8", "10.9", "12.9"). */
  propertyClass: string | null;
  /** "13 mm spanner", "5 mm hex key", "Phillips screwdriver PH2"; null when none is needed or known. */
  tool: string | null;
  /** Reference tightening torque in N·m, when the class and size are in the table. */
  torque: number | null;
}

type Drive = "spanner" | "hexkey" | "phillips" | "slotted" | "none";

// Across flats (mm) of hex heads and nuts, ISO 4014/4017/4032 (M10 16, M12 18).
const HEX_AF: Record<number, number> = { 3: 5.5, 4: 7, 5: 8, 6: 10, 8: 13, 10: 16, 12: 18, 14: 21, 16: 24, 20: 30, 24: 36, 30: 46 };
// DIN 931/933/934 keep the older M10 17 and M12 19.
const HEX_AF_DIN: Record<number, number> = { ...HEX_AF, 10: 17, 12: 19, 14: 22 };
// Hex key sizes: socket head cap screws ISO 4762 / DIN 912.
const KEY_CAP: Record<number, number> = { 3: 2.5, 4: 3, 5: 4, 6: 5, 8: 6, 10: 8, 12: 10, 14: 12, 16: 14, 20: 17, 24: 19 };
// Countersunk ISO 10642 / DIN 7991 and button head ISO 7380.
const KEY_CSK: Record<number, number> = { 3: 2, 4: 2.5, 5: 3, 6: 4, 8: 5, 10: 6, 12: 8, 16: 10, 20: 12 };
// Set screws ISO 4026–4029 / DIN 913–916.
const KEY_SET: Record<number, number> = { 3: 1.5, 4: 2, 5: 2.5, 6: 3, 8: 4, 10: 5, 12: 6, 16: 8, 20: 10 };
// Head type by standard (ISO and the DIN it replaced) → tool and its size table.
const DRIVES: [RegExp, Drive, Record<number, number>?][] = [
  [/^(?:ISO 40(?:14|17|32|33|35)|ISO 4162|ISO 8765|ISO 8676|ISO 4161|ISO 7040|ISO 10511|EN 1662|EN 1665)$/, "spanner", HEX_AF],
  [/^DIN (?:931|933|934|936|439|985|982|6921|6923)$/, "spanner", HEX_AF_DIN],
  [/^(?:ISO 4762|DIN 912|DIN 6912|DIN 7984)$/, "hexkey", KEY_CAP],
  [/^(?:ISO 10642|DIN 7991|ISO 7380|ISO 7380-1|ISO 7380-2)$/, "hexkey", KEY_CSK],
  [/^(?:ISO 40(?:26|27|28|29)|DIN 91[3-6])$/, "hexkey", KEY_SET],
  [/^(?:ISO 704[5-9]|ISO 14583|DIN 7985|DIN 965|DIN 966|DIN 798[1-3])$/, "phillips"],
  [/^(?:ISO 1207|ISO 1580|ISO 2009|ISO 2010|DIN 84|DIN 85|DIN 963|DIN 964)$/, "slotted"],
  [/^(?:ISO 70(?:89|90|91|92|93)|ISO 7089|DIN 125|DIN 127|DIN 9021|DIN 433|ISO 2338|ISO 8734|ISO 8752|DIN 7|DIN 1481|DIN 471|DIN 472)$/, "none"],
];

const STAINLESS_70: Record<number, number> = { 3: 1, 4: 1.7, 5: 3.4, 6: 5.9, 8: 14.5, 10: 30, 12: 50, 14: 79, 16: 121, 20: 244 };
const STAINLESS_80: Record<number, number> = { 3: 1.3, 4: 2.3, 5: 4.6, 6: 8, 8: 19.3, 10: 39.4, 12: 67, 14: 106, 16: 161, 20: 325 };

/**
 * Reference tightening torques (N·m) for metric coarse-thread bolts, friction µ ≈ 0.12,
 * 90 % of yield (the common VDI 2230 table). Marked as a reference value in the manual.
 */
const TORQUE: Record<string, Record<number, number>> = {
  "8.8": { 3: 1.3, 4: 3, 5: 5.9, 6: 10, 8: 25, 10: 49, 12: 85, 14: 135, 16: 210, 20: 425, 24: 730 },
  "10.9": { 3: 1.8, 4: 4.4, 5: 8.7, 6: 15, 8: 36, 10: 72, 12: 125, 14: 200, 16: 310, 20: 610, 24: 1050 },
  "12.9": { 3: 2.1, 4: 5.1, 5: 10, 6: 18, 8: 43, 10: 84, 12: 145, 14: 235, 16: 365, 20: 710, 24: 1220 },
  // Austenitic stainless A2/A4 (ISO 3506-1), µ ≈ 0.10, 90 % of yield: stainless galls, so the
  // lower-friction column keeps the reference value on the safe side.
  "A2-70": STAINLESS_70,
  "A4-70": STAINLESS_70,
  "A2-80": STAINLESS_80,
  "A4-80": STAINLESS_80,
};

// Not preceded by a letter, so file-name styles match too ("cylinder_screw_M5x10-DIN912").
const STANDARD = /(?<![A-Za-z])(ISO|DIN|EN)\s*[-‑]?\s*(\d{1,5})(?:\s*-\s*(\d))?(?!\d)/i;
const THREAD = /(?<![A-Za-z])M\s?(\d{1,2}(?:[.,]\d)?)(?:\s*[x×X*]\s*(\d{1,3}(?:[.,]\d)?))?(?![\d.,])/;
const CLASS = /(?:^|[^\d.])(4\.6|5\.6|5\.8|6\.8|8\.8|10\.9|12\.9|A[24]-(?:50|70|80))(?![\d.])/i;
const SCREW_WORDS = /screw|schraube|vis\b|tornillo|vite|螺钉/i;
const NUT_WORDS = /\bnut|mutter|écrou|tuerca|dado|螺母/i;
const BOLT_WORDS = /bolt|hex|sechskant|螺栓/i;

const num = (s: string | undefined) => (s ? Number(s.replace(",", ".")) : null);

/** Every printed text of the row, the typed fields first. */
function texts(row: BomRow | undefined, cadName: string | null): string[] {
  if (!row) return cadName ? [cadName] : [];
  const cells = (row.columns ?? []).map((c) => c.text);
  return [row.description, row.name, row.partNumber, ...cells, row.note, cadName].filter((t): t is string => !!t?.trim());
}

/** Read a fastener row: standard, thread, length, property class → spec, tool and torque. */
export function readHardware(row: BomRow | undefined, cadName: string | null = null): Hardware {
  const all = texts(row, cadName);
  let standard: string | null = null;
  let thread: number | null = null;
  let length: number | null = null;
  for (const t of all) {
    const s = STANDARD.exec(t);
    if (!standard && s) standard = `${s[1]!.toUpperCase()} ${s[2]}${s[3] ? `-${s[3]}` : ""}`;
    const m = THREAD.exec(t);
    if (thread === null && m) {
      thread = num(m[1]);
      length = num(m[2]);
    }
  }
  // The class may sit in the material column ("8.8", "A2-70") or in the description.
  let propertyClass: string | null = null;
  for (const t of [row?.material ?? "", ...all]) {
    const c = CLASS.exec(t);
    if (c) {
      propertyClass = c[1]!.toUpperCase();
      break;
    }
  }
  const words = all.join(" ");
  const spec =
    standard || thread !== null
      ? [standard, thread !== null ? `M${thread}${length !== null ? `×${length}` : ""}` : null].filter(Boolean).join(" ") +
        (propertyClass ? ` – ${propertyClass}` : "")
      : null;
  const isNut = NUT_WORDS.test(words) && !SCREW_WORDS.test(words);
  const tool = toolFor(standard, thread, words);
  const torque = !isNut && propertyClass && thread !== null && Number.isInteger(thread) ? (TORQUE[propertyClass]?.[thread] ?? null) : null;
  return { spec, standard, thread, length, propertyClass, tool, torque };
}

function toolFor(standard: string | null, thread: number | null, words: string): string | null {
  if (standard) {
    for (const [re, drive, sizes] of DRIVES) {
      if (!re.test(standard)) continue;
      return driveTool(drive, thread, sizes);
    }
  }
  if (thread === null) return null;
  // No known standard: go by the name.
  if (NUT_WORDS.test(words) || (BOLT_WORDS.test(words) && !SCREW_WORDS.test(words))) return driveTool("spanner", thread, HEX_AF);
  if (/socket|cap screw|innensechskant|allen/i.test(words)) return driveTool("hexkey", thread, KEY_CAP);
  if (SCREW_WORDS.test(words) && thread <= 5) return driveTool("phillips", thread);
  return null;
}

function driveTool(drive: Drive, thread: number | null, sizes?: Record<number, number>): string | null {
  const size = thread !== null && sizes ? sizes[thread] : undefined;
  switch (drive) {
    case "spanner":
      return size ? `${size} mm spanner` : "spanner";
    case "hexkey":
      return size ? `${size} mm hex key` : "hex key";
    case "phillips":
      return `Phillips screwdriver PH${thread === null ? 2 : thread <= 2.5 ? 1 : thread <= 5 ? 2 : 3}`;
    case "slotted":
      return "slotted screwdriver";
    default:
      return null;
  }
}

/** "25 N·m (reference value, µ≈0.12)". */
export const torqueText = (nm: number) => `${nm} N·m (reference value)`;
