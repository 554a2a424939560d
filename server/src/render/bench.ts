// Timing figure for the renderer: a ~100k-triangle assembly (a plate with 50 tessellated
// studs), rendered like a manual step picture. Run:
//   node --import @swc-node/register/esm-register server/src/render/bench.ts

import { boxMesh, meshFromArrays, type Mesh, type V3 } from "./mesh.js";
import { renderPicture, type SceneItem } from "./picture.js";

/** Closed cylinder along z with `seg` segments and `rings` height rings (many thin facets). */
export function cylinderMesh(c: V3, radius: number, height: number, seg: number, rings: number): Mesh {
  const pos: number[] = [];
  const idx: number[] = [];
  for (let r = 0; r <= rings; r++) {
    for (let s = 0; s < seg; s++) {
      const a = (2 * Math.PI * s) / seg;
      pos.push(c[0] + radius * Math.cos(a), c[1] + radius * Math.sin(a), c[2] + (height * r) / rings);
    }
  }
  for (let r = 0; r < rings; r++) {
    for (let s = 0; s < seg; s++) {
      const a = r * seg + s,
        b = r * seg + ((s + 1) % seg);
      idx.push(a, b, b + seg, a, b + seg, a + seg);
    }
  }
  const bottom = pos.length / 3;
  pos.push(c[0], c[1], c[2]);
  const top = pos.length / 3;
  pos.push(c[0], c[1], c[2] + height);
  for (let s = 0; s < seg; s++) {
    idx.push(bottom, (s + 1) % seg, s);
    idx.push(top, rings * seg + s, rings * seg + ((s + 1) % seg));
  }
  return meshFromArrays(pos, idx);
}

export function benchAssembly(targetTriangles = 100_000): Mesh[] {
  const meshes: Mesh[] = [boxMesh([0, 0, 0], [400, 400, 20])];
  const perStud = Math.ceil(targetTriangles / 50);
  const seg = 64,
    rings = Math.max(1, Math.round((perStud - 2 * seg) / (2 * seg)));
  for (let i = 0; i < 50; i++) {
    meshes.push(cylinderMesh([40 + (i % 10) * 36, 40 + Math.floor(i / 10) * 80, 20], 12, 60, seg, rings));
  }
  return meshes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const meshes = benchAssembly();
  const tris = meshes.reduce((s, m) => s + m.indices.length / 3, 0);
  const items: SceneItem[] = meshes.map((mesh, k) => ({
    mesh,
    rgb: k % 7 === 0 ? [232, 131, 58] : [205, 208, 214],
    offset: k % 7 === 0 ? [0, 0, 80] : null,
  }));
  for (const [w, h] of [
    [900, 540],
    [1800, 1080],
  ] as const) {
    renderPicture(items, [], { width: w, height: h }); // warm up the JIT
    const t0 = performance.now();
    const runs = 5;
    let bytes = 0;
    for (let i = 0; i < runs; i++) bytes = renderPicture(items, [], { width: w, height: h }).length;
    const ms = (performance.now() - t0) / runs;
    console.log(`${tris} triangles → ${w}×${h} PNG (2× supersampled): ${ms.toFixed(0)} ms per picture, ${(bytes / 1024).toFixed(0)} KB`);
  }
}
