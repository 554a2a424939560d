// STEP_EXTRACT: STEP file(s) in; distinct parts, assembly tree and placed meshes out.
// Names and structure come from the STEP product entities, geometry from occt-import-js.

import fs from "node:fs";
import path from "node:path";
import { StageError, type StageFn } from "../types.js";
import { assemble } from "./assemble.js";
import { writeMeshFile } from "./mesh-file.js";
import { readStepWithOcct, type OcctMesh, type OcctResult } from "./occt.js";
import { IDENTITY, multiply, readPlacements, transformPositions, type Mat4 } from "./placements.js";
import { baseName, readProductStructure, type Occurrence, type ProductStructure } from "./product-structure.js";
import { resolveByOcct, resolveByStructure, type ResolvedNode } from "./resolve-meshes.js";
import { looksLikeStep, StepSyntaxError } from "./step-entities.js";

interface LoadedFile {
  path: string;
  base: string;
  bytes: Uint8Array;
  text: string;
  structure: ProductStructure;
}

const lower = (s: string) => s.toLowerCase();
const stem = (s: string) => lower(s).replace(/\.[^.]+$/, "");

async function loadFile(file: string): Promise<LoadedFile> {
  const bytes = await fs.promises.readFile(file);
  const base = path.basename(file);
  if (!looksLikeStep(bytes.subarray(0, 256).toString("latin1"))) {
    throw new StageError("STEP_INVALID", `${base} is not a STEP file (it does not start with ISO-10303-21;)`, {
      file: base,
    });
  }
  const text = bytes.toString("utf8");
  try {
    return { path: file, base, bytes: new Uint8Array(bytes), text, structure: readProductStructure(text) };
  } catch (err) {
    if (err instanceof StepSyntaxError) {
      const what = err.truncated ? "is truncated or incomplete" : "is malformed";
      throw new StageError("STEP_INVALID", `${base} ${what}: ${err.message}`, {
        file: base,
        offset: err.offset,
        truncated: err.truncated,
      });
    }
    throw err;
  }
}

/** The uploaded file an external reference points to, matched by base name (case-insensitive). */
function findUploaded(files: LoadedFile[], ref: string, self: LoadedFile): LoadedFile | undefined {
  return (
    files.find((f) => f !== self && lower(f.base) === lower(ref)) ??
    files.find((f) => f !== self && stem(f.base) === stem(ref))
  );
}

/** One root per file: the product nobody uses, or a wrapper when the file has several. */
function fileRoot(f: LoadedFile): Occurrence | null {
  const roots = f.structure.roots;
  if (roots.length === 1) return roots[0]!;
  if (roots.length === 0) return null;
  const name = f.base.replace(/\.[^.]+$/, "");
  return {
    pd: -1,
    product: { entityId: -1, id: name, name, description: "" },
    instanceName: null,
    nauo: null,
    children: roots,
    solidCount: 0,
    documents: [],
  };
}

export const runStepExtract: StageFn<"STEP_EXTRACT"> = async (input, reporter) => {
  const started = Date.now();
  if (input.stepPaths.length === 0) throw new StageError("STEP_INVALID", "no STEP file given");

  // 1. Read and parse the product structure of every file.
  const files: LoadedFile[] = [];
  for (const [i, p] of input.stepPaths.entries()) {
    reporter.stage(2 + (13 * i) / input.stepPaths.length, `Reading ${path.basename(p)}`);
    const f = await loadFile(p);
    reporter.stage(2 + (13 * (i + 1)) / input.stepPaths.length, `Parsed STEP entities of ${f.base}`);
    reporter.log("INFO", `${f.base}: ${f.structure.recordCount} entities, ${f.structure.products.size} product definitions`, {
      file: f.base,
      bytes: f.bytes.length,
      externalFiles: f.structure.externalFiles,
    });
    files.push(f);
  }

  // 2. External references must point at uploaded files.
  const missing = new Map<string, string>();
  for (const f of files) {
    for (const ref of f.structure.externalFiles) if (!findUploaded(files, ref, f)) missing.set(lower(ref), ref);
  }
  if (missing.size) {
    const list = [...missing.values()];
    throw new StageError(
      "STEP_EXTERNAL_REFERENCES_MISSING",
      `The STEP assembly keeps its parts in other files; upload them too. ${list.length} missing: ${list.join(", ")}`,
      { missing: list },
    );
  }

  // 3. Top files: those no other file refers to.
  const referenced = new Set<LoadedFile>();
  for (const f of files) {
    for (const ref of f.structure.externalFiles) referenced.add(findUploaded(files, ref, f)!);
  }
  const tops = files.filter((f) => !referenced.has(f));
  if (tops.length === 0) tops.push(files[0]!); // reference cycle: start somewhere

  // 4. Mesh every file with occt.
  const meshed = new Map<LoadedFile, OcctResult>();
  for (const [i, f] of files.entries()) {
    reporter.stage(20 + (55 * i) / files.length, `Meshing ${f.base} with Open CASCADE`);
    const t0 = Date.now();
    const result = await readStepWithOcct(f.bytes);
    if (!result.success) {
      throw new StageError("STEP_PARSE_FAILED", `Open CASCADE could not read ${f.base}`, { file: f.base });
    }
    reporter.log("INFO", `${f.base}: occt meshed ${result.meshes.length} solids in ${Date.now() - t0} ms`);
    meshed.set(f, result);
  }

  // 5. Pair meshes with products, graft referenced part files in place.
  reporter.stage(80, "Collecting parts");
  const resolvedCache = new Map<LoadedFile, ResolvedNode>();
  const resolveFile = (f: LoadedFile): ResolvedNode => {
    const cachedNode = resolvedCache.get(f);
    if (cachedNode) return cachedNode;
    let r: ResolvedNode | null;
    const occt = meshed.get(f)!;
    const root = fileRoot(f);
    r = (root && resolveByStructure(root, occt.meshes, f.base)) ?? null;
    if (!r) {
      if (root && occt.meshes.length) {
        reporter.log("WARN", `${f.base}: occt solids do not line up with the STEP products; using occt names`);
      }
      r = resolveByOcct(occt.root, occt.meshes, f.base);
    }
    resolvedCache.set(f, r);
    return r;
  };
  const graft = (n: ResolvedNode, f: LoadedFile, world: Mat4, placements: () => Map<number, Mat4>, depth: number): ResolvedNode => {
    const here = n.occurrence?.nauo != null ? multiply(world, placements().get(n.occurrence.nauo) ?? IDENTITY) : world;
    if (n.children.length === 0 && n.meshes.length === 0 && depth < 16) {
      const sub = (n.occurrence?.documents ?? []).map((d) => findUploaded(files, d, f)).find(Boolean);
      if (sub) {
        const subRoot = placeTree(resolveFile(sub), sub, here, depth + 1);
        return subRoot.children.length
          ? { ...n, children: subRoot.children }
          : { ...n, key: subRoot.key, meshes: subRoot.meshes };
      }
    }
    return { ...n, children: n.children.map((c) => graft(c, f, here, placements, depth)) };
  };
  const placeTree = (root: ResolvedNode, f: LoadedFile, world: Mat4, depth: number): ResolvedNode => {
    let cached: Map<number, Mat4> | null = null;
    const placements = () => (cached ??= f.structure.externalFiles.length ? readPlacements(f.text) : new Map());
    const moved = world === IDENTITY ? root : transformTree(root, world);
    return f.structure.externalFiles.length ? graft(moved, f, world, placements, depth) : moved;
  };
  const topNodes = tops.map((f) => placeTree(resolveFile(f), f, IDENTITY, 0));
  const root: ResolvedNode =
    topNodes.length === 1
      ? topNodes[0]!
      : { name: "Assembly", key: "~root", children: topNodes, meshes: [], occurrence: null };
  const { tree, parts, solids } = assemble(root);

  if (solids.length === 0) {
    throw new StageError("STEP_NO_SOLIDS", `No solid found in ${files.map((f) => f.base).join(", ")}`, {
      files: files.map((f) => f.base),
    });
  }

  // 6. Meshes for GENERATE.
  reporter.stage(90, `Writing ${solids.length} meshes`);
  const meshFile = await writeMeshFile(input.workDir, parts.map((p) => p.name), solids);
  const triangles = solids.reduce((s, m) => s + m.indices.length / 3, 0);
  reporter.log("INFO", `STEP: ${parts.length} distinct parts, ${solids.length} solids, ${triangles} triangles`, {
    parts: parts.map((p) => `${p.name} ×${p.instanceCount}`),
    files: files.length,
    ms: Date.now() - started,
  });
  reporter.stage(100, `Found ${parts.length} parts, ${solids.length} solids`);
  return { tree, parts, instanceCount: solids.length, meshFile };
};

/** Copies a resolved tree with every mesh moved by `m` (part files placed in their assembly). */
function transformTree(n: ResolvedNode, m: Mat4): ResolvedNode {
  const move = (mesh: OcctMesh): OcctMesh => ({
    ...mesh,
    attributes: { ...mesh.attributes, position: { array: transformPositions(m, mesh.attributes.position.array) } },
  });
  return { ...n, meshes: n.meshes.map(move), children: n.children.map((c) => transformTree(c, m)) };
}

