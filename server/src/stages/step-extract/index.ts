// STEP_EXTRACT: STEP file(s) in; distinct parts, assembly tree and placed meshes out.
// Names and structure come from the STEP product entities, geometry from occt-import-js.

import { DEFAULT_STEP_NESTING, stepNesting } from "./step-cursor.js";
import path from "node:path";
import { StageError, type StageFn } from "../types.js";
import { assemble } from "./assemble.js";
import { contentHash, expandZips, findUploaded, loadFile, missingReferences, readUpload, type LoadedFile } from "./load-files.js";
import { isLooseCopy } from "./loose-duplicates.js";
import { writeMeshFile } from "./mesh-file.js";
import { readStepWithOcct, type OcctMesh, type OcctResult } from "./occt.js";
import { IDENTITY, multiply, transformPositions, type Mat4 } from "./placements.js";
import { DEFAULT_MAX_OCCURRENCES, occurrenceLimit, tooComplex, type Occurrence } from "./product-structure.js";
import { resolveByOcct, resolveByStructure, type ResolvedNode } from "./resolve-meshes.js";

export { unzipStepFiles } from "./unzip-steps.js";

/** Lets the worker handle its messages between heavy synchronous steps. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  stepNesting.max = input.stepMaxNesting ?? DEFAULT_STEP_NESTING;
  occurrenceLimit.max = input.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;
  const { paths: stepPaths, ignored } = await expandZips(input.stepPaths, input.workDir, input.zipLimits);
  if (ignored.length) {
    const shown = ignored
      .slice(0, 10)
      .map((e) => `${e.name} (${e.reason})`)
      .join(", ");
    reporter.log("INFO", `Ignored ${ignored.length} zip entries that are not STEP files: ${shown}${ignored.length > 10 ? ", …" : ""}`, {
      ignored,
    });
  }

  // 1. Read and parse the product structure of every file (0..20 %). The same bytes uploaded
  // twice (the top assembly alone and inside the zip) are parsed and counted once.
  const files: LoadedFile[] = [];
  const byHash = new Map<string, LoadedFile>();
  const duplicates: Array<{ file: string; sameAs: string }> = [];
  let lastReport = 0;
  for (const [i, p] of stepPaths.entries()) {
    const name = path.basename(p);
    const at = (f: number) => 2 + (18 * (i + f)) / stepPaths.length;
    reporter.stage(at(0), `Reading ${name}`);
    const bytes = await readUpload(p);
    const hash = contentHash(bytes);
    const twin = byHash.get(hash);
    if (twin) {
      if (twin.base !== name && !twin.aliases.includes(name)) twin.aliases.push(name);
      duplicates.push({ file: name, sameAs: twin.base });
      continue;
    }
    const f = await loadFile(
      p,
      (fraction) => {
        // Parsing is synchronous: report at most twice a second.
        if (Date.now() - lastReport < 500) return;
        lastReport = Date.now();
        reporter.stage(at(fraction), `Parsing ${name}: ${Math.round(fraction * 100)} %`);
      },
      bytes,
    );
    byHash.set(hash, f);
    reporter.stage(at(1), `Parsed STEP entities of ${f.base}`);
    reporter.log("INFO", `${f.base}: ${f.structure.recordCount} entities, ${f.structure.products.size} product definitions`, {
      file: f.base,
      bytes: f.bytes.length,
      externalFiles: f.structure.externalFiles,
    });
    files.push(f);
    await breathe();
  }

  if (duplicates.length) {
    reporter.log(
      "INFO",
      `${duplicates.length} uploaded file(s) repeat another upload byte for byte and are counted once: ${duplicates
        .slice(0, 10)
        .map((d) => `${d.file} = ${d.sameAs}`)
        .join(", ")}`,
      { duplicates },
    );
  }

  // 2. External references must point at uploaded files.
  const missing = missingReferences(files);
  if (missing.length) {
    throw new StageError(
      "STEP_EXTERNAL_REFERENCES_MISSING",
      `The STEP assembly keeps its parts in other files; upload them too. ${missing.length} missing: ${missing.join(", ")}`,
      { missing },
    );
  }

  // 3. Top files: those no other file refers to.
  const referenced = new Set<LoadedFile>();
  for (const f of files) {
    for (const ref of f.structure.externalFiles) referenced.add(findUploaded(files, ref, f)!);
  }
  let tops = files.filter((f) => !referenced.has(f));
  // Loose part files next to a self-contained assembly that already holds their part.
  const assemblies = tops.filter((f) => f.structure.roots.some((r) => r.children.length > 0)).map((f) => f.structure);
  if (assemblies.length && tops.length > 1) {
    const loose = tops.filter((f) => !assemblies.includes(f.structure) && isLooseCopy(f.structure, assemblies));
    if (loose.length) {
      tops = tops.filter((f) => !loose.includes(f));
      reporter.log(
        "INFO",
        `${loose.length} uploaded part file(s) hold a part the assembly already contains and are not counted again: ${loose
          .slice(0, 10)
          .map((f) => f.base)
          .join(", ")}${loose.length > 10 ? ", …" : ""}`,
        { files: loose.map((f) => f.base) },
      );
    }
  }
  if (tops.length === 0) {
    throw new StageError("STEP_TOO_COMPLEX", `The STEP files refer to each other in a circle: ${files.map((f) => f.base).join(", ")}`, {
      files: files.map((f) => f.base),
    });
  }

  // 4. Mesh every file with occt (20..80 %), biggest share to the biggest files.
  // Only files the tops reach are meshed (loose copies left out above are not).
  const used = new Set<LoadedFile>();
  const reach = (f: LoadedFile) => {
    if (used.has(f)) return;
    used.add(f);
    for (const ref of f.structure.externalFiles) reach(findUploaded(files, ref, f)!);
  };
  tops.forEach(reach);
  const toMesh = files.filter((f) => used.has(f));
  const meshed = new Map<LoadedFile, OcctResult>();
  const totalBytes = toMesh.reduce((s, f) => s + f.bytes.length, 0) || 1;
  let doneBytes = 0;
  for (const f of toMesh) {
    const pct = (b: number) => 20 + (60 * b) / totalBytes;
    reporter.stage(pct(doneBytes), `Meshing ${f.base} (${(f.bytes.length / 1e6).toFixed(1)} MB) with Open CASCADE`);
    const t0 = Date.now();
    let result: OcctResult;
    try {
      result = await readStepWithOcct(f.bytes, input.meshQuality);
    } catch (err) {
      if (err instanceof StageError) throw err;
      throw new StageError("STEP_PARSE_FAILED", `Open CASCADE failed on ${f.base}: ${(err as Error).message}`, { file: f.base });
    }
    if (!result.success) {
      throw new StageError("STEP_PARSE_FAILED", `Open CASCADE could not read ${f.base}`, { file: f.base });
    }
    doneBytes += f.bytes.length;
    reporter.stage(pct(doneBytes), `Meshed ${f.base}: ${result.meshes.length} solids`);
    reporter.log("INFO", `${f.base}: occt meshed ${result.meshes.length} solids in ${Date.now() - t0} ms`);
    meshed.set(f, result);
    await breathe();
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
    r = (root && resolveByStructure(root, occt.meshes, f.base, f.placements)) ?? null;
    if (!r) {
      if (root && occt.meshes.length) {
        reporter.log("WARN", `${f.base}: occt solids do not line up with the STEP products; using occt names`);
      }
      r = resolveByOcct(occt.root, occt.meshes, f.base);
    }
    resolvedCache.set(f, r);
    return r;
  };
  // A leaf of a top assembly whose geometry lives in another uploaded file: graft that file's
  // tree in place, moved by the leaf's placement.
  let grafted = 0;
  const graft = (n: ResolvedNode, f: LoadedFile, chain: LoadedFile[]): ResolvedNode => {
    if (++grafted > occurrenceLimit.max) throw tooComplex(occurrenceLimit.max);
    if (n.children.length === 0 && n.meshes.length === 0) {
      const sub = (n.occurrence?.documents ?? []).map((d) => findUploaded(files, d, f)).find(Boolean);
      if (sub && chain.includes(sub)) {
        throw new StageError("STEP_TOO_COMPLEX", `${sub.base} contains itself (through ${chain.map((c) => c.base).join(" → ")})`, {
          file: sub.base,
        });
      }
      if (sub) {
        const subRoot = placeTree(resolveFile(sub), sub, n.transform ?? IDENTITY, [...chain, sub]);
        if (subRoot.children.length) return { ...n, children: subRoot.children };
        return {
          ...n,
          key: subRoot.key,
          meshes: subRoot.meshes,
          fileName: subRoot.fileName,
          partNumber: n.partNumber ?? subRoot.partNumber,
          description: n.description ?? subRoot.description,
        };
      }
    }
    return { ...n, children: n.children.map((c) => graft(c, f, chain)) };
  };
  const placeTree = (root: ResolvedNode, f: LoadedFile, world: Mat4, chain: LoadedFile[]): ResolvedNode => {
    const moved = world === IDENTITY ? root : transformTree(root, world);
    return f.structure.externalFiles.length ? graft(moved, f, chain) : moved;
  };
  const topNodes = tops.map((f) => placeTree(resolveFile(f), f, IDENTITY, [f]));
  const root: ResolvedNode =
    topNodes.length === 1
      ? topNodes[0]!
      : {
          name: "Assembly",
          key: "~root",
          children: topNodes,
          meshes: [],
          occurrence: null,
          transform: IDENTITY,
          instanceName: null,
          partNumber: null,
          description: null,
          fileName: "",
        };
  const { tree, parts, solids } = assemble(root);

  if (solids.length === 0) {
    throw new StageError("STEP_NO_SOLIDS", `No solid found in ${files.map((f) => f.base).join(", ")}`, {
      files: files.map((f) => f.base),
    });
  }

  // 6. Meshes for GENERATE.
  reporter.stage(90, `Writing ${solids.length} meshes`);
  const meshFile = await writeMeshFile(
    input.workDir,
    parts.map((p) => p.name),
    solids,
  );
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
  return {
    ...n,
    transform: multiply(m, n.transform ?? IDENTITY),
    meshes: n.meshes.map(move),
    children: n.children.map((c) => transformTree(c, m)),
  };
}
