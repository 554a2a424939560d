// Placement of each NEXT_ASSEMBLY_USAGE_OCCURRENCE (CONTEXT_DEPENDENT_SHAPE_REPRESENTATION →
// ITEM_DEFINED_TRANSFORMATION between two AXIS2_PLACEMENT_3D). Gives every instance its 4×4
// transform, and places the meshes of part files that a top assembly pulls from other uploaded
// files (occt cannot follow those). Matrices are 4x4 column-major, translation in mm.

import { part, refOf, refsOf, type StepEntity, type StepFileData, type StepValue } from "./step-entities.js";

export type Mat4 = number[];

/** Types the first pass must keep (merged into the product-structure pass). */
export const PLACEMENT_TYPES: ReadonlySet<string> = new Set([
  "CONTEXT_DEPENDENT_SHAPE_REPRESENTATION",
  "PRODUCT_DEFINITION_SHAPE",
  "REPRESENTATION_RELATIONSHIP_WITH_TRANSFORMATION",
  "ITEM_DEFINED_TRANSFORMATION",
  "LENGTH_UNIT",
]);

export const IDENTITY: Mat4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

export function multiply(a: Mat4, b: Mat4): Mat4 {
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) out[c * 4 + r]! += a[k * 4 + r]! * b[c * 4 + k]!;
  return out;
}

/** Inverse of a rigid transform (orthonormal rotation + translation). */
export function invertRigid(m: Mat4): Mat4 {
  const out = [...IDENTITY];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[c * 4 + r] = m[r * 4 + c]!;
  for (let r = 0; r < 3; r++) out[12 + r] = -(out[r]! * m[12]! + out[4 + r]! * m[13]! + out[8 + r]! * m[14]!);
  return out;
}

export function transformPositions(m: Mat4, p: ArrayLike<number>): number[] {
  const out = new Array<number>(p.length);
  for (let i = 0; i + 2 < p.length; i += 3) {
    const x = p[i]!;
    const y = p[i + 1]!;
    const z = p[i + 2]!;
    for (let r = 0; r < 3; r++) out[i + r] = m[r]! * x + m[4 + r]! * y + m[8 + r]! * z + m[12 + r]!;
  }
  return out;
}

/** Millimetres per model length unit (first LENGTH_UNIT of the file). */
function unitScale(entities: Map<number, StepEntity>): number {
  for (const e of entities.values()) if (part(e, "LENGTH_UNIT")) return lengthUnitMm(e);
  return 1;
}

/** Millimetres per unit of one LENGTH_UNIT entity. */
function lengthUnitMm(e: StepEntity): number {
  {
    const conv = part(e, "CONVERSION_BASED_UNIT");
    if (conv) {
      const name = String(conv.args[0] ?? "").toUpperCase();
      return name.includes("INCH") ? 25.4 : name.includes("FOOT") || name.includes("FEET") ? 304.8 : 1;
    }
    const si = part(e, "SI_UNIT");
    const prefix = si?.args[0];
    const p = prefix && typeof prefix === "object" && "enum" in prefix ? prefix.enum : "";
    return { MILLI: 1, CENTI: 10, DECI: 100, "": 1000, KILO: 1e6, MICRO: 1e-3 }[p] ?? 1;
  }
}

/**
 * NAUO entity number → placement of the child in the parent's coordinates (mm). `first` holds
 * PLACEMENT_TYPES; the axes and their points are then parsed by id from the record index (not
 * every CARTESIAN_POINT of a big file, and no further scan of the text).
 */
export function readPlacements(first: StepFileData): Map<number, Mat4> {
  const entities = new Map(first.entities);
  const fetch = (ids: number[]) => {
    const want = new Set(ids.filter((id) => !entities.has(id)));
    if (want.size) for (const [id, e] of first.records.parse(want)) entities.set(id, e);
  };
  const idts = [...entities.values()].map((e) => part(e, "ITEM_DEFINED_TRANSFORMATION")).filter((p) => !!p);
  if (idts.length === 0) return new Map();
  fetch(idts.flatMap((p) => [refOf(p.args[2]), refOf(p.args[3])]).filter((r): r is number => r !== null));
  const axes = [...entities.values()].map((e) => part(e, "AXIS2_PLACEMENT_3D")).filter((p) => !!p);
  const rels = [...entities.values()].map((e) => part(e, "REPRESENTATION_RELATIONSHIP")).filter((p) => !!p);
  // Parent representations name the context whose units the placement is written in.
  const contextOf = (rep: number | null) => refOf(entities.get(rep ?? -1)?.parts.find((p) => p.args.length >= 3)?.args[2]);
  fetch(
    [...axes.flatMap((a) => [refOf(a.args[1]), refOf(a.args[2]), refOf(a.args[3])]), ...rels.map((r) => contextOf(refOf(r.args[3])))].filter(
      (r): r is number => r !== null,
    ),
  );
  const fileScale = unitScale(entities);
  const contextScale = (ctx: number | null): number => {
    const units = part(entities.get(ctx ?? -1), "GLOBAL_UNIT_ASSIGNED_CONTEXT")?.args[0];
    const unit = refsOf(units)
      .map((u) => entities.get(u))
      .find((u) => part(u, "LENGTH_UNIT"));
    return unit ? lengthUnitMm(unit) : fileScale;
  };
  let scale = fileScale;
  const numbers = (v: StepValue | undefined): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : []);
  const vec = (id: number | null, fallback: number[]): number[] => {
    const e = entities.get(id ?? -1);
    const p = part(e, "DIRECTION") ?? part(e, "CARTESIAN_POINT");
    const v = numbers(p?.args[1]);
    return v.length >= 3 ? v.slice(0, 3) : fallback;
  };
  const axis = (id: number | null): Mat4 => {
    const a = part(entities.get(id ?? -1), "AXIS2_PLACEMENT_3D");
    if (!a) return IDENTITY;
    const o = vec(refOf(a.args[1]), [0, 0, 0]).map((x) => x * scale);
    const z = normalize(vec(refOf(a.args[2]), [0, 0, 1]));
    const xr = vec(refOf(a.args[3]), Math.abs(z[0]!) < 0.9 ? [1, 0, 0] : [0, 1, 0]);
    const dot = xr[0]! * z[0]! + xr[1]! * z[1]! + xr[2]! * z[2]!;
    const x = normalize(xr.map((v, k) => v - dot * z[k]!));
    const y = [z[1]! * x[2]! - z[2]! * x[1]!, z[2]! * x[0]! - z[0]! * x[2]!, z[0]! * x[1]! - z[1]! * x[0]!];
    return [...x, 0, ...y, 0, ...z, 0, ...o, 1];
  };

  const out = new Map<number, Mat4>();
  for (const e of entities.values()) {
    const cdsr = part(e, "CONTEXT_DEPENDENT_SHAPE_REPRESENTATION");
    if (!cdsr) continue;
    const pds = part(entities.get(refOf(cdsr.args[1]) ?? -1), "PRODUCT_DEFINITION_SHAPE");
    const nauo = refOf(pds?.args[2]);
    const relE = entities.get(refOf(cdsr.args[0]) ?? -1);
    const rel = part(relE, "REPRESENTATION_RELATIONSHIP_WITH_TRANSFORMATION");
    const idt = part(entities.get(refOf(rel?.args[0]) ?? -1), "ITEM_DEFINED_TRANSFORMATION");
    if (nauo === null || !idt) continue;
    scale = contextScale(contextOf(refOf(part(relE, "REPRESENTATION_RELATIONSHIP")?.args[3])));
    // transform_item_1 sits in the child's representation, transform_item_2 in the parent's.
    out.set(nauo, multiply(axis(refOf(idt.args[3])), invertRigid(axis(refOf(idt.args[2])))));
  }
  return out;
}

function normalize(v: number[]): number[] {
  const l = Math.hypot(v[0]!, v[1]!, v[2]!) || 1;
  return v.map((x) => x / l);
}
