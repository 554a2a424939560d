// A generated SolidWorks-style Pack-and-Go package for bench:match: one STEP file per
// part and configuration named "<part number>_<configuration>.STEP" (one with an accented
// name), a top assembly that references them (quantities = placements), and the BOM rows a
// SolidWorks BOM prints for it (part number and configuration in separate columns, many rows
// sharing a part number, two rows of bought-in hardware that have no file).

import type { BomRow } from "../../server/src/stages/types.js";
import { makeStepAssembly } from "#test-support/make-step.js";
import { makeZip, type ZipSpec } from "#test-support/make-zip.js";

export interface PackageRow {
  row: Partial<BomRow>;
  /** Name of the CAD part this row is, or null when it has no file. */
  truth: string | null;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const FAMILIES: Array<{ pn: string; name: string; configs: string[] }> = [
  { pn: "hex_m3_custom", name: "Socket head screw", configs: [6, 8, 10, 12, 16, 20, 25, 30, 35, 40, 45, 50].map((l) => `M3x${l}`) },
  { pn: "hex_m4_custom", name: "Socket head screw", configs: [8, 10, 12, 16, 20, 25, 30, 35, 40, 50].map((l) => `M4x${l}`) },
  { pn: "washer_din125", name: "Washer", configs: ["M3", "M4", "M5", "M6", "M8"] },
  { pn: "spacer_round", name: "Spacer", configs: range(10).map((i) => `L${5 * (i + 1)}`) },
  ...range(40).map((i) => ({ pn: `plate_${String(i + 1).padStart(2, "0")}`, name: `Plate ${i + 1}`, configs: ["Default"] })),
  ...range(10).map((i) => ({ pn: `bracket_${String.fromCharCode(97 + i)}`, name: "Bracket", configs: ["Left", "Right"] })),
  { pn: "profile_2020", name: "Aluminium profile 20x20", configs: range(10).map((i) => `L${100 * (i + 1)}`) },
  { pn: "bügel_halter", name: "Halter", configs: ["Default"] },
];

export function cadPackage(): { rows: PackageRow[]; zips: Record<string, Uint8Array> } {
  const parts: Array<{ file: string; name: string; qty: number }> = [];
  const rows: PackageRow[] = [];
  let k = 0;
  for (const f of FAMILIES) {
    for (const cfg of f.configs) {
      const name = `${f.pn}_${cfg}`;
      const qty = 1 + (k++ % 4);
      parts.push({ file: `${name}.STEP`, name, qty });
      rows.push({ row: { item: String(rows.length + 1), partNumber: f.pn, configuration: cfg, name: f.name, quantity: qty }, truth: name });
    }
  }
  rows.push({ row: { item: String(rows.length + 1), partNumber: "ISO 7380 M3x8", name: "Button head screw", quantity: 8 }, truth: null });
  rows.push({ row: { item: String(rows.length + 1), partNumber: "CT-100", name: "Cable tie 100 mm", quantity: 20 }, truth: null });

  const top = makeStepAssembly({
    name: "machine_asm",
    parts: parts.map((p, i) => ({
      name: p.name,
      size: [1, 1, 1],
      file: p.file,
      placements: range(p.qty).map((q) => [(i % 20) * 40, Math.floor(i / 20) * 40, q * 10] as [number, number, number]),
    })),
  });
  const entries = (utf8Flag: boolean): ZipSpec[] => [
    { name: "machine/machine_asm.STEP", data: top, utf8Flag },
    ...parts.map((p, i) => ({
      name: `machine/${p.file}`,
      utf8Flag,
      data: makeStepAssembly({ name: p.name, parts: [{ name: p.name, size: [10 + (i % 7), 8, 3 + (i % 5)], placements: [[0, 0, 0]] }] }),
    })),
    { name: "__MACOSX/machine/._machine_asm.STEP", data: "junk" },
    { name: "machine/.DS_Store", data: "junk" },
  ];
  return { rows, zips: { "package-utf8-flag.zip": makeZip(entries(true)), "package-no-flag.zip": makeZip(entries(false)) } };
}
