// A ~100k-triangle assembly (a plate with 50 finely tessellated studs): the renderer's heavy
// input, for render.test.ts and `npm run bench:render`.

import { boxMesh, meshFromArrays, type Mesh, type V3 } from "../../src/render/mesh.js";

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
