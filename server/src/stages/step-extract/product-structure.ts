// The product structure of one STEP file: PRODUCT → PRODUCT_DEFINITION_FORMATION →
// PRODUCT_DEFINITION, assembled by NEXT_ASSEMBLY_USAGE_OCCURRENCE. occt flattens some levels
// and may give generic names, so the names and the tree come from here.

import path from "node:path";
import { StageError } from "../types.js";
import { parseStepEntities, part, refOf, refsOf, strOf, type StepEntity, type StepFileData } from "./step-entities.js";

export interface ProductInfo {
  /** Entity number of the PRODUCT. */
  entityId: number;
  id: string;
  name: string;
  description: string;
}

export interface Occurrence {
  /** Entity number of the PRODUCT_DEFINITION. */
  pd: number;
  product: ProductInfo;
  /** NAUO name ("nut_1"), null for a root. */
  instanceName: string | null;
  /** Entity number of the NAUO placing it, null for a root. */
  nauo: number | null;
  children: Occurrence[];
  /** Solids (and free shells) the PD's own shape holds: what occt meshes per placement. */
  solidCount: number;
  /** Files this PD's geometry is said to live in (DOCUMENT_FILE), base names. */
  documents: string[];
}

export interface ProductStructure {
  headerName: string | null;
  roots: Occurrence[];
  /** Every product that has a PRODUCT_DEFINITION, by PD entity number. */
  products: Map<number, ProductInfo>;
  /** Step-like file names this file refers to for geometry it does not hold. */
  externalFiles: string[];
  recordCount: number;
}

const PDF_TYPES = ["PRODUCT_DEFINITION_FORMATION", "PRODUCT_DEFINITION_FORMATION_WITH_SPECIFIED_SOURCE"];
const PD_TYPES = ["PRODUCT_DEFINITION", "PRODUCT_DEFINITION_WITH_ASSOCIATED_DOCUMENTS"];
const REP_TYPES = [
  "SHAPE_REPRESENTATION",
  "ADVANCED_BREP_SHAPE_REPRESENTATION",
  "FACETED_BREP_SHAPE_REPRESENTATION",
  "MANIFOLD_SURFACE_SHAPE_REPRESENTATION",
  "GEOMETRICALLY_BOUNDED_SURFACE_SHAPE_REPRESENTATION",
  "TESSELLATED_SHAPE_REPRESENTATION",
];
/** Items occt turns into one mesh each (SHELL_BASED_SURFACE_MODEL: one per shell). */
const SOLID_TYPES = ["MANIFOLD_SOLID_BREP", "BREP_WITH_VOIDS", "FACETED_BREP", "SHELL_BASED_SURFACE_MODEL"];

export const STRUCTURE_TYPES: ReadonlySet<string> = new Set([
  "PRODUCT",
  ...PDF_TYPES,
  ...PD_TYPES,
  "NEXT_ASSEMBLY_USAGE_OCCURRENCE",
  "PRODUCT_DEFINITION_SHAPE",
  "SHAPE_DEFINITION_REPRESENTATION",
  "SHAPE_REPRESENTATION_RELATIONSHIP",
  "REPRESENTATION_RELATIONSHIP_WITH_TRANSFORMATION",
  ...REP_TYPES,
  ...SOLID_TYPES,
  "MAPPED_ITEM",
  "REPRESENTATION_MAP",
  "DOCUMENT_FILE",
  "APPLIED_DOCUMENT_REFERENCE",
]);

/** Most placed occurrences one upload may expand to by default (setting STEP_MAX_OCCURRENCES). */
export const DEFAULT_MAX_OCCURRENCES = 200_000;
/** The limit in force in this worker: the stage sets it from its input (like stepNesting). */
export const occurrenceLimit = { max: DEFAULT_MAX_OCCURRENCES };

export function tooComplex(limit: number): StageError {
  return new StageError(
    "STEP_TOO_COMPLEX",
    `The assembly expands to more than ${limit} placed parts (sub-assemblies nested inside each other many times over)`,
    { maxOccurrences: limit },
  );
}

const STEP_EXT = /\.(stp|step|p21|stpz|stpx)$/i;

/** Appends to the list under `key` in place (copying it each time is quadratic on big assemblies). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Base name of a file name that may carry a Windows or POSIX directory. */
/** PRODUCT name, else its id (CAx-IF files often leave the name empty). */
export function productLabel(p: ProductInfo): string {
  return p.name.trim() || p.id.trim() || p.description.trim() || `#${p.entityId}`;
}

export function baseName(file: string): string {
  return path.win32.basename(path.posix.basename(file));
}

export function readProductStructure(text: string): ProductStructure {
  return buildProductStructure(parseStepEntities(text, STRUCTURE_TYPES));
}

export function buildProductStructure(data: StepFileData): ProductStructure {
  const { entities } = data;
  const byType = new Map<string, StepEntity[]>();
  for (const e of entities.values()) {
    for (const p of e.parts) {
      let list = byType.get(p.type);
      if (!list) byType.set(p.type, (list = []));
      list.push(e);
    }
  }
  const all = (types: string[]) => types.flatMap((t) => byType.get(t) ?? []);
  const firstPart = (e: StepEntity | undefined) => e?.parts[0];

  // PD → product
  const products = new Map<number, ProductInfo>();
  const productPds = new Map<number, number[]>();
  for (const pdE of all(PD_TYPES)) {
    const pdf = firstPart(entities.get(refOf(pdE.parts[0]!.args[2]) ?? -1));
    const prodE = entities.get(refOf(pdf?.args[2]) ?? -1);
    const prod = part(prodE, "PRODUCT");
    if (!prod || !prodE) continue;
    const info: ProductInfo = {
      entityId: prodE.id,
      id: strOf(prod.args[0]),
      name: strOf(prod.args[1]),
      description: strOf(prod.args[2]),
    };
    products.set(pdE.id, info);
    pushTo(productPds, prodE.id, pdE.id);
  }

  // Assembly links, in entity order (the order occt lists components in).
  const nauos = (byType.get("NEXT_ASSEMBLY_USAGE_OCCURRENCE") ?? [])
    .map((e) => ({ id: e.id, args: e.parts[0]!.args }))
    .sort((a, b) => a.id - b.id)
    .map((n) => ({ nauo: n.id, name: strOf(n.args[1]).trim() || strOf(n.args[0]).trim(), parent: refOf(n.args[3]), child: refOf(n.args[4]) }))
    .filter((n): n is { nauo: number; name: string; parent: number; child: number } => products.has(n.parent!) && products.has(n.child!));

  const solidCount = countSolids(entities, byType);

  // DOCUMENT_FILE references attached to PDs (or their products).
  const docsOfPd = new Map<number, string[]>();
  const attach = (pd: number, file: string) => {
    const list = docsOfPd.get(pd) ?? [];
    if (!list.includes(file)) list.push(file);
    docsOfPd.set(pd, list);
  };
  const docName = (e: StepEntity | undefined) => {
    const df = part(e, "DOCUMENT_FILE");
    return df ? baseName(strOf(df.args[0]) || strOf(df.args[1])) : "";
  };
  for (const adr of byType.get("APPLIED_DOCUMENT_REFERENCE") ?? []) {
    const args = part(adr, "APPLIED_DOCUMENT_REFERENCE")!.args;
    const file = docName(entities.get(refOf(args[0]) ?? -1));
    if (!file) continue;
    for (const item of refsOf(args[2])) {
      if (products.has(item)) attach(item, file);
      for (const pd of productPds.get(item) ?? []) attach(pd, file);
    }
  }
  for (const pdwad of byType.get("PRODUCT_DEFINITION_WITH_ASSOCIATED_DOCUMENTS") ?? []) {
    for (const d of refsOf(pdwad.parts[0]!.args[4])) {
      const file = docName(entities.get(d));
      if (file) attach(pdwad.id, file);
    }
  }

  const childrenOf = new Map<number, typeof nauos>();
  const usedAsChild = new Set<number>();
  for (const n of nauos) {
    pushTo(childrenOf, n.parent, n);
    usedAsChild.add(n.child);
  }

  // A sub-assembly used n times is expanded n times: a file where each assembly holds the next
  // one twice doubles per level. Count the expansion on the DAG (and find cycles) first.
  checkExpansion(childrenOf, products);
  const build = (pd: number, instanceName: string | null, nauo: number | null): Occurrence => {
    const kids = childrenOf.get(pd) ?? [];
    return {
      pd,
      product: products.get(pd)!,
      instanceName,
      nauo,
      children: kids.map((k) => build(k.child, k.name, k.nauo)),
      solidCount: solidCount.get(pd) ?? 0,
      documents: (docsOfPd.get(pd) ?? []).filter((f) => STEP_EXT.test(f) || !f.includes(".")),
    };
  };
  // Roots: PDs nobody uses that are assemblies or carry geometry (skips e.g. material "products").
  const roots = [...products.keys()]
    .filter((pd) => !usedAsChild.has(pd) && (childrenOf.has(pd) || (solidCount.get(pd) ?? 0) > 0 || docsOfPd.has(pd)))
    .sort((a, b) => a - b)
    .map((pd) => build(pd, null, null));

  // External: documents of leaves that have no geometry here.
  const own = data.headerName ? baseName(data.headerName).toLowerCase() : "";
  const external = new Map<string, string>();
  const visit = (o: Occurrence) => {
    if (o.children.length === 0 && o.solidCount === 0) {
      for (const f of o.documents) if (f.toLowerCase() !== own) external.set(f.toLowerCase(), f);
    }
    o.children.forEach(visit);
  };
  roots.forEach(visit);

  return {
    headerName: data.headerName,
    roots,
    products,
    externalFiles: [...external.values()],
    recordCount: data.recordCount,
  };
}

/**
 * Throws STEP_TOO_COMPLEX when the assembly graph has a cycle or expands to more than
 * occurrenceLimit.max placed occurrences. Linear in the graph: counts are memoised per PD.
 */
function checkExpansion(childrenOf: Map<number, Array<{ child: number }>>, products: Map<number, ProductInfo>): void {
  const size = new Map<number, number>();
  const onPath = new Set<number>();
  const count = (pd: number): number => {
    const known = size.get(pd);
    if (known !== undefined) return known;
    if (onPath.has(pd)) {
      const label = productLabel(products.get(pd)!);
      throw new StageError("STEP_TOO_COMPLEX", `The assembly ${label} contains itself`, { product: label });
    }
    onPath.add(pd);
    let total = 1;
    for (const k of childrenOf.get(pd) ?? []) total = Math.min(total + count(k.child), occurrenceLimit.max + 1);
    onPath.delete(pd);
    size.set(pd, total);
    return total;
  };
  let all = 0;
  for (const pd of childrenOf.keys()) {
    all = Math.max(all, count(pd));
    if (all > occurrenceLimit.max) throw tooComplex(occurrenceLimit.max);
  }
}

/** Per PD: solids reachable from its shape representation without crossing a placement. */
function countSolids(entities: Map<number, StepEntity>, byType: Map<string, StepEntity[]>): Map<number, number> {
  // Representation neighbours through non-placement SHAPE_REPRESENTATION_RELATIONSHIPs.
  const linked = new Map<number, number[]>();
  for (const e of byType.get("SHAPE_REPRESENTATION_RELATIONSHIP") ?? []) {
    if (part(e, "REPRESENTATION_RELATIONSHIP_WITH_TRANSFORMATION")) continue;
    const p = part(e, "REPRESENTATION_RELATIONSHIP") ?? part(e, "SHAPE_REPRESENTATION_RELATIONSHIP")!;
    const a = refOf(p.args[2]);
    const b = refOf(p.args[3]);
    if (a === null || b === null) continue;
    pushTo(linked, a, b);
    pushTo(linked, b, a);
  }
  const isRep = (e: StepEntity | undefined) => !!e && e.parts.some((p) => REP_TYPES.includes(p.type));

  const itemSolids = (id: number, depth: number): number => {
    const e = entities.get(id);
    if (!e || depth > 16) return 0;
    const p = e.parts[0]!;
    if (p.type === "SHELL_BASED_SURFACE_MODEL") return Math.max(1, refsOf(p.args[1]).length);
    if (SOLID_TYPES.includes(p.type)) return 1;
    if (p.type === "MAPPED_ITEM") {
      const map = part(entities.get(refOf(p.args[1]) ?? -1), "REPRESENTATION_MAP");
      const rep = refOf(map?.args[1]);
      return rep === null ? 0 : repSolids(rep, new Set(), depth + 1);
    }
    return 0;
  };
  const repSolids = (rep: number, seen: Set<number>, depth: number): number => {
    if (seen.has(rep)) return 0;
    seen.add(rep);
    const e = entities.get(rep);
    if (!isRep(e)) return 0;
    const items = refsOf(e!.parts.find((p) => REP_TYPES.includes(p.type))!.args[1]);
    let n = items.reduce((s, i) => s + itemSolids(i, depth), 0);
    for (const other of linked.get(rep) ?? []) n += repSolids(other, seen, depth);
    return n;
  };

  const out = new Map<number, number>();
  for (const sdr of byType.get("SHAPE_DEFINITION_REPRESENTATION") ?? []) {
    const args = sdr.parts[0]!.args;
    const pds = part(entities.get(refOf(args[0]) ?? -1), "PRODUCT_DEFINITION_SHAPE");
    const pd = refOf(pds?.args[2]);
    const rep = refOf(args[1]);
    if (pd === null || rep === null) continue;
    out.set(pd, (out.get(pd) ?? 0) + repSolids(rep, new Set(), 0));
  }
  return out;
}
