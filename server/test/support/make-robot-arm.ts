// A generated robot-arm-sized product for the manual tests (issue 18: "a 109-row robot arm"):
// a base with feet and eight stacked joint modules, each a sub-assembly of its own distinct
// parts (housing, cover, side plates, shaft, bearing, screws), two gripper fingers built once
// with "make 2", and the bolts that join each module to the one below at the main level.
// 99 distinct parts, 185 instances, boxes only (cheap to mesh and draw).

import type { BomResult, BomRow } from "../../src/stages/types.js";
import type { StepAssemblySpec, StepPartSpec } from "./make-step.js";

type P = [number, number, number];
const add = (a: P, b: P): P => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];

interface Row {
  name: string;
  description: string | null;
  material: string;
  supplier?: string;
}

export interface RobotArm {
  spec: StepAssemblySpec;
  bom: BomResult;
  /** Distinct parts (= BOM rows) and sub-assemblies, for the test's sanity checks. */
  distinctParts: number;
  subassemblies: number;
}

export function makeRobotArm(modules = 8): RobotArm {
  const rows = new Map<string, Row & { quantity: number }>();
  /** A part with its BOM row; quantity counts every placement times the copies of its sub-assembly. */
  const part = (
    name: string,
    size: P,
    placements: P[],
    row: Omit<Row, "name"> = { description: null, material: "AlMgSi1" },
    copies = 1,
  ): StepPartSpec => {
    const r = rows.get(name) ?? { name, ...row, quantity: 0 };
    r.quantity += placements.length * copies;
    rows.set(name, r);
    return { name, size, placements };
  };
  const screw = (spec: string, cls = "8.8") => ({ description: spec, material: cls });

  const BASE = 20;
  const top: StepPartSpec[] = [];
  const W0 = 260;
  const SHRINK = 24; // each module narrower, so its cover screws stay clear of the module above
  top.push(part("base plate", [W0 + 80, W0 + 80, BASE], [[0, 0, 0]], { description: null, material: "S235", supplier: "in-house" }));
  const feet: P[] = [
    [0, 0, -25],
    [W0 + 40, 0, -25],
    [0, W0 + 40, -25],
    [W0 + 40, W0 + 40, -25],
  ];
  top.push(part("levelling foot", [40, 40, 25], feet, { description: "GN 343.4-40", material: "PA", supplier: "Ganter" }));
  top.push(
    part(
      "foot screw",
      [6, 6, 30],
      feet.map((f) => add(f, [17, 17, 0])),
      screw("ISO 4762 M6x30", "A2-70"),
    ),
  );

  let z = BASE;
  for (let k = 0; k < modules; k++) {
    const W = W0 - SHRINK * k;
    const o: P = [40 + (W0 - W) / 2, 40 + (W0 - W) / 2, z];
    const m = `J${k + 1}`;
    const t = 4 + (k % 3); // thread of this module's screws: M4..M6
    const parts: StepPartSpec[] = [
      part(`${m} housing`, [W, W, 60], [[0, 0, 0]], { description: null, material: "EN AC-42100", supplier: "Foundry Meier" }),
      part(`${m} cover`, [W, W, 6], [[0, 0, 60]]),
      part(`${m} left plate`, [4, W - 20, 40], [[-4, 10, 10]]),
      part(`${m} right plate`, [4, W - 20, 40], [[W, 10, 10]]),
      part(`${m} front plate`, [W - 20, 4, 40], [[10, -4, 10]]),
      part(`${m} rear plate`, [W - 20, 4, 40], [[10, W, 10]]),
      part(`${m} shaft`, [12, 12, 50], [[W / 2 - 6, W / 2 - 6, 5]], { description: null, material: "C45" }),
      part(`${m} ball bearing`, [32, 32, 10], [[W / 2 - 16, W / 2 - 16, 40]], {
        description: `DIN 625 - 62${String(k).padStart(2, "0")}-2RS`,
        material: "100Cr6",
        supplier: "SKF",
      }),
      // Heads sunk 3 mm into the cover: clear of the module above.
      part(
        `${m} cover screw`,
        [t, t, 10 + 2 * k],
        [
          [4, 4, 53 - 2 * k],
          [W - 4 - t, 4, 53 - 2 * k],
          [4, W - 4 - t, 53 - 2 * k],
          [W - 4 - t, W - 4 - t, 53 - 2 * k],
        ],
        screw(`ISO 4762 M${t}x${10 + 2 * k}`, "10.9"),
      ),
      part(
        `${m} plate screw`,
        [8, 3, 3],
        [
          [-6, W / 2, 30],
          [W - 2, W / 2, 30],
          [W / 2, -2, 30],
          [W / 2, W - 1, 30],
        ] as P[],
        screw(`ISO 7045 M3x${6 + k}`, "4.8"),
      ),
    ];
    top.push({ name: `${m} joint module`, size: [0, 0, 0], placements: [o], parts });
    // Joint bolts: this module's housing to what is below (the base plate or the module below's cover).
    const d = 6 + 2 * (k % 2);
    const bolts: P[] = [
      [20, 20, -6],
      [W - 20 - d, 20, -6],
      [20, W - 20 - d, -6],
      [W - 20 - d, W - 20 - d, -6],
    ].map((p) => add(o, p as P));
    top.push(part(`${m} mounting bolt`, [d, d, 12 + k], bolts, screw(`ISO 4017 M${d}x${12 + k}`, "8.8")));
    z += 66;
  }
  // Two gripper fingers on the last module's cover: one sub-assembly, built once, "make 2".
  const Wl = W0 - SHRINK * (modules - 1);
  const fo = (x: number): P => [40 + (W0 - Wl) / 2 + x, 40 + (W0 - Wl) / 2 + Wl / 2 - 10, z];
  const fingerAt = [fo(10), fo(Wl - 30)];
  const finger: StepPartSpec[] = [
    part("finger body", [20, 20, 60], [[0, 0, 0]], { description: null, material: "AlMgSi1" }, 2),
    part("finger pad", [20, 4, 40], [[0, -4, 20]], { description: null, material: "PU 90 Shore A" }, 2),
    part("finger tip", [20, 20, 8], [[0, 0, 60]], { description: null, material: "POM" }, 2),
    part(
      "pad screw",
      [3, 8, 3],
      [
        [8, -6, 30],
        [8, -6, 50],
      ],
      screw("ISO 7045 M3x8", "4.8"),
      2,
    ),
    part("tip pin", [4, 4, 16], [[8, 8, 56]], { description: "ISO 2338 4m6x16", material: "St" }, 2),
  ];
  top.push({ name: "gripper finger", size: [0, 0, 0], placements: fingerAt, parts: finger });
  top.push(
    part(
      "finger screw",
      [5, 5, 14],
      fingerAt.map((f) => add(f, [7, 7, -6])),
      screw("ISO 4762 M5x14", "A4-80"),
    ),
  );
  // Cable guide along the column, held by clips to every other housing.
  top.push(part("cable duct", [10, 20, z - BASE], [[30, 100, BASE]], { description: null, material: "PA6", supplier: "igus" }));
  top.push(part("nameplate", [60, 1, 30], [[120, 39, 2]], { description: null, material: "Al" }));

  const bomRows: BomRow[] = [...rows.values()].map((r, i) => ({
    item: String(i + 1),
    partNumber: `RA-${1000 + i}`,
    name: r.name,
    description: r.description,
    quantity: r.quantity,
    unit: null,
    material: r.material,
    note: null,
    page: 1,
    bbox: [0, 0, 0, 0],
    confidence: 1,
    columns: [
      { header: "Item", field: "item", text: String(i + 1) },
      { header: "Part number", field: "partNumber", text: `RA-${1000 + i}` },
      { header: "Name", field: "name", text: r.name },
      { header: "Qty", field: "quantity", text: String(r.quantity) },
      { header: "Material", field: "material", text: r.material },
      { header: "Supplier", field: null, text: r.supplier ?? "" },
    ],
  }));
  return {
    spec: { name: "ROBOT-ARM-RA1", parts: top },
    bom: { rows: bomRows, headerMap: {}, page: 1, warnings: [] },
    distinctParts: bomRows.length,
    subassemblies: modules + 1,
  };
}
