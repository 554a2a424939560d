// Per-mesh data that depends only on the mesh and the view direction, computed once and
// reused by every picture: a manual draws the same placed meshes in every step picture, and
// all pictures share one isometric view. Only the frame (scale, origin) differs per picture.
// The arithmetic is exactly the renderer's own, so cached and fresh values are bit-identical.

import type { View } from "./view.js";
import type { Mesh, V3 } from "./mesh.js";

export interface MeshView {
  /** View-space x, y, depth per vertex: p·right, p·up, p·toEye. */
  proj: Float64Array;
  /** Projected bounds [x0, x1, y0, y1] of all vertices (unscaled). */
  bounds: [number, number, number, number];
  /** Flat shade per triangle; NaN for a degenerate one (not drawn). */
  shade: Float64Array;
  /** Facet normal ×127 per triangle, packed by packNormal. */
  normal: Int32Array;
}

/** Three signed bytes in one int, so one compare tells whether two normals are equal. */
export const packNormal = (qx: number, qy: number, qz: number) => (qx & 255) | ((qy & 255) << 8) | ((qz & 255) << 16);

/** Fixed key light from the upper left, in front of the model, relative to the camera. */
export function keyLight(v: View): V3 {
  const l: V3 = [0, 0, 0];
  for (let k = 0; k < 3; k++) l[k] = 0.55 * v.toEye[k] + 0.7 * v.up[k] - 0.45 * v.right[k];
  const n = Math.hypot(...l);
  return [l[0] / n, l[1] / n, l[2] / n];
}

const sameView = (a: View, b: View) =>
  a === b || (["right", "up", "toEye"] as const).every((k) => a[k][0] === b[k][0] && a[k][1] === b[k][1] && a[k][2] === b[k][2]);

// Weak: the cache lives exactly as long as the job's meshes. Two views per mesh: the
// manual's own, and the one a step turned to so a hidden part shows (no thrashing).
const cache = new WeakMap<Mesh, { view: View; data: MeshView }[]>();

export function meshView(mesh: Mesh, view: View): MeshView {
  const hits = cache.get(mesh);
  const hit = hits?.find((h) => sameView(h.view, view));
  if (hit) return hit.data;
  const data = compute(mesh, view);
  if (!hits) cache.set(mesh, [{ view, data }]);
  else hits[Math.min(1, hits.length)] = { view, data };
  return data;
}

function compute(mesh: Mesh, view: View): MeshView {
  const pos = mesh.positions,
    idx = mesh.indices;
  const { right: R, up: U, toEye: E } = view;
  const nv = pos.length / 3;
  const proj = new Float64Array(nv * 3);
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  for (let i = 0; i < nv; i++) {
    // "+ 0" as in the uncached path (an offset of zero), so even signed zeros match.
    const x = pos[i * 3] + 0,
      y = pos[i * 3 + 1] + 0,
      z = pos[i * 3 + 2] + 0;
    const px = x * R[0] + y * R[1] + z * R[2];
    const py = x * U[0] + y * U[1] + z * U[2];
    proj[i * 3] = px;
    proj[i * 3 + 1] = py;
    proj[i * 3 + 2] = x * E[0] + y * E[1] + z * E[2];
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
  }
  const L = keyLight(view);
  const nt = Math.floor(idx.length / 3);
  const shade = new Float64Array(nt);
  const normal = new Int32Array(nt);
  for (let t = 0; t < nt; t++) {
    const a = idx[t * 3],
      b = idx[t * 3 + 1],
      c = idx[t * 3 + 2];
    // Facet normal in world space, turned towards the viewer (meshes are not always consistently wound).
    const ax = pos[a * 3],
      ay = pos[a * 3 + 1],
      az = pos[a * 3 + 2];
    const ux = pos[b * 3] - ax,
      uy = pos[b * 3 + 1] - ay,
      uz = pos[b * 3 + 2] - az;
    const vx = pos[c * 3] - ax,
      vy = pos[c * 3 + 1] - ay,
      vz = pos[c * 3 + 2] - az;
    let nx = uy * vz - uz * vy,
      ny = uz * vx - ux * vz,
      nz = ux * vy - uy * vx;
    const nl = Math.hypot(nx, ny, nz);
    if (nl === 0) {
      shade[t] = NaN;
      continue;
    }
    nx /= nl;
    ny /= nl;
    nz /= nl;
    if (nx * E[0] + ny * E[1] + nz * E[2] < 0) {
      nx = -nx;
      ny = -ny;
      nz = -nz;
    }
    shade[t] = 0.42 + 0.58 * Math.max(0, nx * L[0] + ny * L[1] + nz * L[2]);
    normal[t] = packNormal(Math.round(nx * 127), Math.round(ny * 127), Math.round(nz * 127));
  }
  const bounds: MeshView["bounds"] = x0 === Infinity ? [Infinity, -Infinity, Infinity, -Infinity] : [x0, x1, y0, y1];
  return { proj, bounds, shade, normal };
}
