// Pairs occt's meshes with the STEP product structure. occt lists solids in the order of a
// depth-first walk over the assembly whose components come in NEXT_ASSEMBLY_USAGE_OCCURRENCE
// entity order (checked on the CAx-IF files and on generated files with shuffled NAUOs), so
// the k-th leaf occurrence owns the next `solidCount` meshes. The pairing is checked against
// occt's own names and against the tessellation (every placement of one part has the same
// triangle count); when it does not hold we fall back to occt's names and tree.

import type { OcctMesh, OcctNode } from "./occt.js";
import { IDENTITY, multiply, type Mat4 } from "./placements.js";
import { productLabel, type Occurrence } from "./product-structure.js";

/** One node of the assembly with its meshes; leaves carry a part key. */
export interface ResolvedNode {
  name: string;
  /** Identity of the part for leaves (same key = same part). */
  key: string;
  children: ResolvedNode[];
  meshes: OcctMesh[];
  /** Occurrence this node came from (product-structure mode), to graft external files. */
  occurrence: Occurrence | null;
  /** World placement from the STEP placements; null when unknown (occt fallback). */
  transform: Mat4 | null;
  instanceName: string | null;
  /** PRODUCT id and description when they say something. */
  partNumber: string | null;
  description: string | null;
  /** Base name of the STEP file the node comes from. */
  fileName: string;
}

const meaningful = (s: string | null | undefined) => (s && !isGenericName(s) ? s.trim() : null);

const GENERIC = [
  /^$/,
  /^(none|null|unknown|unnamed|default|noname|-)$/,
  /^open cascade step translator/,
  /^(solid|body|part|shape|brep|mesh|component|item|product|manifold_solid_brep)[\s_\-#.:]*\d*$/,
  /^nauo\d*$/,
];

/** True for names that say nothing about the part ("SOLID", "", "Open CASCADE STEP translator 7.7 3"). */
export function isGenericName(name: string | null | undefined): boolean {
  const n = (name ?? "").trim().toLowerCase();
  return GENERIC.some((re) => re.test(n));
}

/** Best human name: product name, id, description, instance name without its _N suffix, occt name. */
export function occurrenceName(o: Occurrence, meshes: OcctMesh[] = []): string {
  const candidates = [
    o.product.name,
    o.product.id,
    o.product.description,
    (o.instanceName ?? "").replace(/[\s_:\-#]*\d+$/, ""),
    ...meshes.map((m) => m.name),
  ];
  return candidates.find((c) => !isGenericName(c))?.trim() ?? productLabel(o.product);
}

const triangles = (m: OcctMesh) => m.index.array.length / 3;

/**
 * Maps meshes onto the occurrence tree; null when the counts or the checks do not agree.
 * `keyPrefix` (the file's base name) keeps parts of different files apart; `placements` (NAUO
 * → matrix) gives every node its world transform.
 */
export function resolveByStructure(
  root: Occurrence,
  meshes: OcctMesh[],
  keyPrefix: string,
  placements: ReadonlyMap<number, Mat4> = new Map(),
): ResolvedNode | null {
  const leaves: Occurrence[] = [];
  const walk = (o: Occurrence) => (o.children.length ? o.children.forEach(walk) : leaves.push(o));
  walk(root);

  const bySolids = leaves.map((l) => l.solidCount);
  const strategies = [bySolids];
  // Our solid count can miss exotic geometry items; one solid per placement is the usual case.
  if (leaves.length === meshes.length && bySolids.some((n) => n !== 1)) strategies.push(leaves.map(() => 1));

  for (const counts of strategies) {
    // Zero meshes with zero expected still yields the tree (parts kept in other files).
    if (counts.reduce((a, b) => a + b, 0) !== meshes.length) continue;
    const owned = new Map<Occurrence, OcctMesh[]>();
    let next = 0;
    leaves.forEach((leaf, k) => {
      owned.set(leaf, meshes.slice(next, next + counts[k]!));
      next += counts[k]!;
    });
    if (!consistent(leaves, owned)) continue;
    const build = (o: Occurrence, parent: Mat4): ResolvedNode => {
      const own = owned.get(o) ?? [];
      const here = o.nauo === null ? parent : multiply(parent, placements.get(o.nauo) ?? IDENTITY);
      const name = occurrenceName(o, own);
      const description = meaningful(o.product.description);
      return {
        name,
        key: `${keyPrefix}#${o.product.entityId}`,
        children: o.children.map((c) => build(c, here)),
        meshes: own,
        occurrence: o,
        transform: here,
        instanceName: o.instanceName,
        partNumber: meaningful(o.product.id),
        description: description === name ? null : description,
        fileName: keyPrefix,
      };
    };
    return build(root, IDENTITY);
  }
  return null;
}

function consistent(leaves: Occurrence[], owned: Map<Occurrence, OcctMesh[]>): boolean {
  const signature = new Map<number, string>();
  let named = 0;
  let mismatched = 0;
  for (const leaf of leaves) {
    const meshes = owned.get(leaf)!;
    const sig = meshes.map(triangles).join(",");
    const seen = signature.get(leaf.product.entityId);
    if (seen !== undefined && seen !== sig) return false;
    signature.set(leaf.product.entityId, sig);
    const accepted = [leaf.product.name, leaf.product.id, leaf.product.description, leaf.instanceName ?? ""]
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    for (const m of meshes) {
      if (isGenericName(m.name)) continue;
      named++;
      if (!accepted.includes(m.name.trim().toLowerCase())) mismatched++;
    }
  }
  // occt may name solids after their B-rep items, so a few differences are tolerated.
  return mismatched * 2 <= named;
}

/** Fallback: occt's own tree and names; parts keyed by name, or by tessellation when generic. */
export function resolveByOcct(root: OcctNode, meshes: OcctMesh[], keyPrefix: string): ResolvedNode {
  const meshKey = (m: OcctMesh, owner: string) =>
    isGenericName(m.name)
      ? `${keyPrefix}~${owner}~${triangles(m)}~${m.attributes.position.array.length}`
      : `${keyPrefix}~${m.name.trim().toLowerCase()}`;
  const none = { occurrence: null, transform: null, instanceName: null, partNumber: null, description: null, fileName: keyPrefix };
  const leaf = (m: OcctMesh, owner: string): ResolvedNode => ({
    name: isGenericName(m.name) ? (isGenericName(owner) ? "Part" : owner) : m.name.trim(),
    key: meshKey(m, owner),
    children: [],
    meshes: [m],
    ...none,
  });
  const build = (n: OcctNode): ResolvedNode => {
    const own = n.meshes.map((i) => meshes[i]).filter((m): m is OcctMesh => !!m);
    const name = isGenericName(n.name) ? "" : n.name.trim();
    if (n.children.length === 0 && own.length === 1) return leaf(own[0]!, name);
    return {
      name: name || "Assembly",
      key: `${keyPrefix}~node~${name}`,
      children: [...own.map((m) => leaf(m, name)), ...n.children.map(build)],
      meshes: [],
      ...none,
    };
  };
  // occt's root is an unnamed wrapper around the free shapes.
  const top = root.children.length === 1 && root.meshes.length === 0 ? root.children[0]! : root;
  return build(top);
}
