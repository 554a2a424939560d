// Software z-buffer rasteriser: flat-shaded triangles into typed-array buffers. Besides the
// colour it keeps depth, an object id and the facet normal per pixel, which edges.ts uses
// to find silhouettes and creases. No allocation per triangle or pixel.

import { dot, type Frame, type View } from "./camera.js";
import type { Mesh, V3 } from "./mesh.js";

export type Rgb = [number, number, number];

export interface Raster {
  width: number;
  height: number;
  colour: Uint8Array;
  depth: Float32Array;
  /** Object id per pixel, -1 for background. */
  id: Int32Array;
  /** Facet normal per pixel, ×127. */
  normal: Int8Array;
}

// One set of buffers per thread, grown on demand: fresh 30 MB allocations (page faults and
// zeroing) cost more than drawing a small assembly. Pictures are rendered one at a time.
let pool: { colour: Uint8Array; depth: Float32Array; id: Int32Array; normal: Int8Array } | null = null;

/** A cleared raster of width × height; valid until the next call. */
export function newRaster(width: number, height: number, background: Rgb = [255, 255, 255]): Raster {
  const n = width * height;
  if (!pool || pool.depth.length < n) {
    pool = { colour: new Uint8Array(n * 3), depth: new Float32Array(n), id: new Int32Array(n), normal: new Int8Array(n * 3) };
  }
  const r: Raster = {
    width,
    height,
    colour: pool.colour.subarray(0, n * 3),
    depth: pool.depth.subarray(0, n).fill(-Infinity),
    id: pool.id.subarray(0, n).fill(-1),
    normal: pool.normal.subarray(0, n * 3),
  };
  // Fill the background by doubling copies rather than pixel by pixel.
  const c = r.colour;
  c.set(background);
  for (let len = 3; len < c.length; len *= 2) c.copyWithin(len, 0, Math.min(len, c.length - len));
  return r;
}

/** Fixed key light from the upper left, in front of the model, relative to the camera. */
export function keyLight(v: View): V3 {
  const l: V3 = [0, 0, 0];
  for (let k = 0; k < 3; k++) l[k] = 0.55 * v.toEye[k] + 0.7 * v.up[k] - 0.45 * v.right[k];
  const n = Math.hypot(...l);
  return [l[0] / n, l[1] / n, l[2] / n];
}

let scratch = new Float32Array(3 * 4096);

/** Draw one mesh moved by `offset`, flat shaded in `rgb` (0..255), tagged with `id` (≥ 0). */
export function drawMesh(r: Raster, f: Frame, mesh: Mesh, offset: V3 | null | undefined, rgb: Rgb, id: number): void {
  const pos = mesh.positions;
  const idx = mesh.indices;
  const nv = pos.length / 3;
  if (scratch.length < nv * 3) scratch = new Float32Array(Math.ceil(nv * 1.5) * 3);
  const s = scratch;
  const { right: R, up: U, toEye: E } = f.view;
  const [dx, dy, dz] = offset ?? [0, 0, 0];
  for (let i = 0; i < nv; i++) {
    const x = pos[i * 3] + dx, y = pos[i * 3 + 1] + dy, z = pos[i * 3 + 2] + dz;
    s[i * 3] = f.ox + f.scale * (x * R[0] + y * R[1] + z * R[2]);
    s[i * 3 + 1] = f.oy - f.scale * (x * U[0] + y * U[1] + z * U[2]);
    s[i * 3 + 2] = x * E[0] + y * E[1] + z * E[2];
  }
  const L = keyLight(f.view);
  const W = r.width, H = r.height;
  const { colour, depth, id: ids, normal } = r;

  for (let t = 0; t + 2 < idx.length; t += 3) {
    const a = idx[t], b = idx[t + 1], c = idx[t + 2];
    // Facet normal in world space, turned towards the viewer (meshes are not always consistently wound).
    const ax = pos[a * 3], ay = pos[a * 3 + 1], az = pos[a * 3 + 2];
    const ux = pos[b * 3] - ax, uy = pos[b * 3 + 1] - ay, uz = pos[b * 3 + 2] - az;
    const vx = pos[c * 3] - ax, vy = pos[c * 3 + 1] - ay, vz = pos[c * 3 + 2] - az;
    let nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const nl = Math.hypot(nx, ny, nz);
    if (nl === 0) continue;
    nx /= nl; ny /= nl; nz /= nl;
    if (nx * E[0] + ny * E[1] + nz * E[2] < 0) { nx = -nx; ny = -ny; nz = -nz; }
    const shade = 0.42 + 0.58 * Math.max(0, nx * L[0] + ny * L[1] + nz * L[2]);
    const cr = Math.min(255, rgb[0] * shade), cg = Math.min(255, rgb[1] * shade), cb = Math.min(255, rgb[2] * shade);
    const qx = Math.round(nx * 127), qy = Math.round(ny * 127), qz = Math.round(nz * 127);

    let x0 = s[a * 3], y0 = s[a * 3 + 1];
    const z0 = s[a * 3 + 2];
    let x1 = s[b * 3], y1 = s[b * 3 + 1], z1 = s[b * 3 + 2];
    let x2 = s[c * 3], y2 = s[c * 3 + 1], z2 = s[c * 3 + 2];
    let area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (area === 0) continue;
    if (area < 0) {
      // Make the winding counter-clockwise in pixel space so all edge functions are ≥ 0 inside.
      let tmp = x1; x1 = x2; x2 = tmp;
      tmp = y1; y1 = y2; y2 = tmp;
      tmp = z1; z1 = z2; z2 = tmp;
      area = -area;
    }
    const minX = Math.max(0, Math.floor(Math.min(x0, x1, x2)));
    const maxX = Math.min(W - 1, Math.ceil(Math.max(x0, x1, x2)));
    const minY = Math.max(0, Math.floor(Math.min(y0, y1, y2)));
    const maxY = Math.min(H - 1, Math.ceil(Math.max(y0, y1, y2)));
    if (minX > maxX || minY > maxY) continue;
    // Edge functions e_k(x, y) = A_k x + B_k y + C_k, sampled at pixel centres.
    const A0 = y1 - y2, B0 = x2 - x1, A1 = y2 - y0, B1 = x0 - x2, A2 = y0 - y1, B2 = x1 - x0;
    const px = minX + 0.5, py = minY + 0.5;
    let r0 = (px - x1) * A0 + (py - y1) * B0;
    let r1 = (px - x2) * A1 + (py - y2) * B1;
    let r2 = (px - x0) * A2 + (py - y0) * B2;
    const inv = 1 / area;
    for (let y = minY; y <= maxY; y++) {
      // Clip the row to where all three edge functions are ≥ 0 (one pixel of slack for
      // rounding; the per-pixel test below stays exact), so big triangles skip their empty corners.
      let xs = minX, xe = maxX;
      if (A0 > 0) xs = Math.max(xs, minX + Math.ceil(-r0 / A0) - 1); else if (A0 < 0) xe = Math.min(xe, minX + Math.floor(r0 / -A0) + 1); else if (r0 < 0) xe = -1;
      if (A1 > 0) xs = Math.max(xs, minX + Math.ceil(-r1 / A1) - 1); else if (A1 < 0) xe = Math.min(xe, minX + Math.floor(r1 / -A1) + 1); else if (r1 < 0) xe = -1;
      if (A2 > 0) xs = Math.max(xs, minX + Math.ceil(-r2 / A2) - 1); else if (A2 < 0) xe = Math.min(xe, minX + Math.floor(r2 / -A2) + 1); else if (r2 < 0) xe = -1;
      const k = xs - minX;
      let w0 = r0 + A0 * k, w1 = r1 + A1 * k, w2 = r2 + A2 * k;
      let i = y * W + xs;
      for (let x = xs; x <= xe; x++, i++) {
        if (w0 >= 0 && w1 >= 0 && w2 >= 0) {
          const z = (w0 * z0 + w1 * z1 + w2 * z2) * inv;
          if (z > depth[i]) {
            depth[i] = z;
            ids[i] = id;
            colour[i * 3] = cr;
            colour[i * 3 + 1] = cg;
            colour[i * 3 + 2] = cb;
            normal[i * 3] = qx;
            normal[i * 3 + 1] = qy;
            normal[i * 3 + 2] = qz;
          }
        }
        w0 += A0; w1 += A1; w2 += A2;
      }
      r0 += B0; r1 += B1; r2 += B2;
    }
  }
}

export { dot };
