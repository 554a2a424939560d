// Triangle meshes as typed arrays: the only geometry the renderer and the planner touch.

export type V3 = [number, number, number];

export interface Mesh {
  /** x y z per vertex, world millimetres. */
  positions: Float32Array;
  /** Three vertex indices per triangle. */
  indices: Uint32Array;
  min: V3;
  max: V3;
}

export function meshFromArrays(positions: ArrayLike<number>, indices: ArrayLike<number>): Mesh {
  const p = Float32Array.from(positions);
  const min: V3 = [Infinity, Infinity, Infinity];
  const max: V3 = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 2 < p.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = p[i + k];
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
    }
  }
  if (min[0] === Infinity) return { positions: p, indices: new Uint32Array(0), min: [0, 0, 0], max: [0, 0, 0] };
  // Drop triangles that point past the vertex array rather than read garbage later.
  const n = p.length / 3;
  const idx = Uint32Array.from(indices);
  let ok = idx.length - (idx.length % 3);
  for (let i = 0; i < ok; i++) if (idx[i] >= n) ok = 0;
  return { positions: p, indices: ok === idx.length ? idx : idx.subarray(0, ok), min, max };
}

/** Axis-aligned box mesh [min, max] (tests, benchmarks, fallbacks without a mesh file). */
export function boxMesh(min: V3, max: V3): Mesh {
  const pos: number[] = [];
  for (let i = 0; i < 8; i++) pos.push(i & 1 ? max[0] : min[0], i & 2 ? max[1] : min[1], i & 4 ? max[2] : min[2]);
  const quads = [
    [0, 2, 3, 1],
    [4, 5, 7, 6],
    [0, 1, 5, 4],
    [2, 6, 7, 3],
    [0, 4, 6, 2],
    [1, 3, 7, 5],
  ];
  const idx = quads.flatMap(([a, b, c, d]) => [a!, b!, c!, a!, c!, d!]);
  return meshFromArrays(pos, idx);
}

export const centreOf = (b: { min: V3; max: V3 }): V3 => [(b.min[0] + b.max[0]) / 2, (b.min[1] + b.max[1]) / 2, (b.min[2] + b.max[2]) / 2];
