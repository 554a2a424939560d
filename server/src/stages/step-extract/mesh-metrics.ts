// Geometry read off the placed meshes: volume, area, and the rigid motion between two
// instances of one part. occt gives every instance the same triangulation (same vertex order)
// moved to its place, which is what lets us recover a motion from three vertices.

import type { OcctMesh } from "./occt.js";
import { invertRigid, multiply, transformPositions, type Mat4 } from "./placements.js";

/** Enclosed volume (mm³): sum of signed tetrahedra against the origin, per closed mesh. */
export function meshVolume(meshes: OcctMesh[]): number {
  let total = 0;
  for (const m of meshes) {
    const p = m.attributes.position.array;
    const idx = m.index.array;
    let v = 0;
    for (let t = 0; t + 2 < idx.length; t += 3) {
      const a = idx[t]! * 3;
      const b = idx[t + 1]! * 3;
      const c = idx[t + 2]! * 3;
      // a · (b × c)
      v +=
        p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!) -
        p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!) +
        p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!);
    }
    // Inward-wound solids give a negative sum; each solid counts once.
    total += Math.abs(v) / 6;
  }
  return total;
}

/** Surface area (mm²): sum of triangle areas. */
export function meshArea(meshes: OcctMesh[]): number {
  let total = 0;
  for (const m of meshes) {
    const p = m.attributes.position.array;
    const idx = m.index.array;
    for (let t = 0; t + 2 < idx.length; t += 3) {
      const a = idx[t]! * 3;
      const b = idx[t + 1]! * 3;
      const c = idx[t + 2]! * 3;
      const u0 = p[b]! - p[a]!,
        u1 = p[b + 1]! - p[a + 1]!,
        u2 = p[b + 2]! - p[a + 2]!;
      const w0 = p[c]! - p[a]!,
        w1 = p[c + 1]! - p[a + 1]!,
        w2 = p[c + 2]! - p[a + 2]!;
      total += Math.hypot(u1 * w2 - u2 * w1, u2 * w0 - u0 * w2, u0 * w1 - u1 * w0) / 2;
    }
  }
  return total;
}

/** All vertices of an instance; a single mesh (the usual case) is used in place, not copied. */
const concat = (meshes: OcctMesh[]): number[] =>
  meshes.length === 1 ? meshes[0]!.attributes.position.array : meshes.flatMap((m) => Array.from(m.attributes.position.array));
const sub = (a: number[], b: number[]) => [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
const norm = (a: number[]) => Math.hypot(a[0]!, a[1]!, a[2]!);
const unit = (a: number[]) => a.map((x) => x / (norm(a) || 1));
const at = (p: number[], i: number) => [p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!];

/** Orthonormal frame (column-major 4×4) from three vertices, origin at the first. */
function frame(p0: number[], p1: number[], p2: number[]): Mat4 {
  const x = unit(sub(p1, p0));
  const z = unit(cross(x, sub(p2, p0)));
  const y = cross(z, x);
  return [...x, 0, ...y, 0, ...z, 0, ...p0, 1];
}

/** Largest vertex distance error of `m` mapping `from` onto `to`, relative to the part size. */
export function fitError(m: Mat4, from: OcctMesh[], to: OcctMesh[]): number {
  const a = concat(from);
  const b = concat(to);
  if (a.length !== b.length || a.length === 0) return Infinity;
  const n = a.length / 3;
  const step = Math.max(1, Math.floor(n / 64));
  let worst = 0;
  let size = 0;
  for (let i = 0; i < n; i += step) {
    const moved = transformPositions(m, at(a, i));
    worst = Math.max(worst, norm(sub(moved, at(b, i))));
    size = Math.max(size, norm(sub(at(a, i), at(a, 0))));
  }
  return worst / (size || 1);
}

/** Rigid motion taking instance `from` onto instance `to` (same triangulation), or null. */
export function rigidMotion(from: OcctMesh[], to: OcctMesh[]): Mat4 | null {
  const a = concat(from);
  const b = concat(to);
  const n = a.length / 3;
  if (a.length !== b.length || n < 3) return null;
  // Three well spread vertices: the first, the farthest from it, the farthest from that line.
  // Scalar loops (no small arrays per vertex); same arithmetic as norm/sub/cross.
  const p0 = at(a, 0);
  const [x0, y0, z0] = p0 as [number, number, number];
  let i1 = 0;
  let far = Math.hypot(a[0]! - x0, a[1]! - y0, a[2]! - z0);
  for (let i = 1; i < n; i++) {
    const d = Math.hypot(a[i * 3]! - x0, a[i * 3 + 1]! - y0, a[i * 3 + 2]! - z0);
    if (d > far) [far, i1] = [d, i];
  }
  const [dx, dy, dz] = unit(sub(at(a, i1), p0)) as [number, number, number];
  let i2 = 0;
  let best = 0;
  for (let i = 1; i < n; i++) {
    const vx = a[i * 3]! - x0,
      vy = a[i * 3 + 1]! - y0,
      vz = a[i * 3 + 2]! - z0;
    const d = Math.hypot(dy * vz - dz * vy, dz * vx - dx * vz, dx * vy - dy * vx);
    if (d > best) [best, i2] = [d, i];
  }
  if (i1 === 0 || best === 0) return null;
  const m = multiply(frame(at(b, 0), at(b, i1), at(b, i2)), invertRigid(frame(p0, at(a, i1), at(a, i2))));
  return fitError(m, from, to) < 1e-4 ? m : null;
}
