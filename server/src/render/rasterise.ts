// Software z-buffer rasteriser: flat-shaded triangles into typed-array buffers. Besides the
// colour it keeps depth, an object id and the facet normal per pixel, which edges.ts uses
// to find silhouettes and creases. No allocation per triangle or pixel.

import { dot, isZero, type Frame } from "./camera.js";
import type { Mesh, V3 } from "./mesh.js";
import { meshView } from "./mesh-view.js";

export type Rgb = [number, number, number];

export interface Raster {
  width: number;
  height: number;
  /** Colour per pixel, packed by packRgb. */
  colour: Uint32Array;
  depth: Float32Array;
  /** Object id per pixel, -1 for background. */
  id: Int32Array;
  /** Facet normal ×127 per pixel, packed by packNormal (one compare per neighbour in edges.ts). */
  normal: Int32Array;
}

/** 0x00BBGGRR; channels truncated like a Uint8Array store would. */
export const packRgb = (r: number, g: number, b: number) => (r & 255) | ((g & 255) << 8) | ((b & 255) << 16);

// One set of buffers per thread, grown on demand: fresh 30 MB allocations (page faults and
// zeroing) cost more than drawing a small assembly. Pictures are rendered one at a time.
let pool: { colour: Uint32Array; depth: Float32Array; id: Int32Array; normal: Int32Array } | null = null;

/** A cleared raster of width × height; valid until the next call. */
export function newRaster(width: number, height: number, background: Rgb = [255, 255, 255]): Raster {
  const n = width * height;
  if (!pool || pool.depth.length < n) {
    pool = null; // let the old buffers go before the bigger ones are allocated
    pool = { colour: new Uint32Array(n), depth: new Float32Array(n), id: new Int32Array(n), normal: new Int32Array(n) };
  }
  return {
    width,
    height,
    colour: pool.colour.subarray(0, n).fill(packRgb(background[0], background[1], background[2])),
    depth: pool.depth.subarray(0, n).fill(-Infinity),
    id: pool.id.subarray(0, n).fill(-1),
    normal: pool.normal.subarray(0, n),
  };
}

let scratch = new Float32Array(3 * 4096);

/** Draw one mesh moved by `offset`, flat shaded in `rgb` (0..255), tagged with `id` (≥ 0). */
export function drawMesh(r: Raster, f: Frame, mesh: Mesh, offset: V3 | null | undefined, rgb: Rgb, id: number): void {
  const pos = mesh.positions;
  const idx = mesh.indices;
  const nv = pos.length / 3;
  if (scratch.length < nv * 3) scratch = new Float32Array(Math.ceil(nv * 1.5) * 3);
  const s = scratch;
  const mv = meshView(mesh, f.view);
  const { ox, oy, scale } = f;
  if (!offset || isZero(offset)) {
    const p = mv.proj;
    for (let i = 0; i < nv * 3; i += 3) {
      s[i] = ox + scale * p[i];
      s[i + 1] = oy - scale * p[i + 1];
      s[i + 2] = p[i + 2];
    }
  } else {
    const { right: R, up: U, toEye: E } = f.view;
    const [dx, dy, dz] = offset;
    for (let i = 0; i < nv; i++) {
      const x = pos[i * 3] + dx,
        y = pos[i * 3 + 1] + dy,
        z = pos[i * 3 + 2] + dz;
      s[i * 3] = ox + scale * (x * R[0] + y * R[1] + z * R[2]);
      s[i * 3 + 1] = oy - scale * (x * U[0] + y * U[1] + z * U[2]);
      s[i * 3 + 2] = x * E[0] + y * E[1] + z * E[2];
    }
  }
  const W = r.width,
    H = r.height;
  const { colour, depth, id: ids, normal } = r;
  const shades = mv.shade,
    normals = mv.normal;

  for (let t = 0, tri = 0; t + 2 < idx.length; t += 3, tri++) {
    const shade = shades[tri];
    if (shade !== shade) continue; // degenerate facet (NaN)
    const a = idx[t],
      b = idx[t + 1],
      c = idx[t + 2];
    const col = packRgb(Math.min(255, rgb[0] * shade), Math.min(255, rgb[1] * shade), Math.min(255, rgb[2] * shade));
    const nq = normals[tri];

    let x0 = s[a * 3],
      y0 = s[a * 3 + 1];
    const z0 = s[a * 3 + 2];
    let x1 = s[b * 3],
      y1 = s[b * 3 + 1],
      z1 = s[b * 3 + 2];
    let x2 = s[c * 3],
      y2 = s[c * 3 + 1],
      z2 = s[c * 3 + 2];
    let area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
    if (area === 0) continue;
    if (area < 0) {
      // Make the winding counter-clockwise in pixel space so all edge functions are ≥ 0 inside.
      let tmp = x1;
      x1 = x2;
      x2 = tmp;
      tmp = y1;
      y1 = y2;
      y2 = tmp;
      tmp = z1;
      z1 = z2;
      z2 = tmp;
      area = -area;
    }
    const lx = Math.min(x0, x1, x2),
      hx = Math.max(x0, x1, x2);
    const ly = Math.min(y0, y1, y2),
      hy = Math.max(y0, y1, y2);
    // No pixel centre (k + 0.5) inside the box: the triangle covers no sample (most facets of
    // a big assembly in a step picture). Vertices are float32, so a centre outside the box is
    // ≥ 1e-4 px from it, far more than the per-pixel test's rounding: same pixels either way.
    if (Math.ceil(lx - 0.5) > Math.floor(hx - 0.5) || Math.ceil(ly - 0.5) > Math.floor(hy - 0.5)) continue;
    const minX = Math.max(0, Math.floor(lx));
    const maxX = Math.min(W - 1, Math.ceil(hx));
    const minY = Math.max(0, Math.floor(ly));
    const maxY = Math.min(H - 1, Math.ceil(hy));
    if (minX > maxX || minY > maxY) continue;
    // Edge functions e_k(x, y) = A_k x + B_k y + C_k, sampled at pixel centres.
    const A0 = y1 - y2,
      B0 = x2 - x1,
      A1 = y2 - y0,
      B1 = x0 - x2,
      A2 = y0 - y1,
      B2 = x1 - x0;
    const px = minX + 0.5,
      py = minY + 0.5;
    let r0 = (px - x1) * A0 + (py - y1) * B0;
    let r1 = (px - x2) * A1 + (py - y2) * B1;
    let r2 = (px - x0) * A2 + (py - y0) * B2;
    const inv = 1 / area;
    for (let y = minY; y <= maxY; y++) {
      // Clip the row to where all three edge functions are ≥ 0 (one pixel of slack for
      // rounding; the per-pixel test below stays exact), so big triangles skip their empty corners.
      let xs = minX,
        xe = maxX;
      if (A0 > 0) xs = Math.max(xs, minX + Math.ceil(-r0 / A0) - 1);
      else if (A0 < 0) xe = Math.min(xe, minX + Math.floor(r0 / -A0) + 1);
      else if (r0 < 0) xe = -1;
      if (A1 > 0) xs = Math.max(xs, minX + Math.ceil(-r1 / A1) - 1);
      else if (A1 < 0) xe = Math.min(xe, minX + Math.floor(r1 / -A1) + 1);
      else if (r1 < 0) xe = -1;
      if (A2 > 0) xs = Math.max(xs, minX + Math.ceil(-r2 / A2) - 1);
      else if (A2 < 0) xe = Math.min(xe, minX + Math.floor(r2 / -A2) + 1);
      else if (r2 < 0) xe = -1;
      const k = xs - minX;
      let w0 = r0 + A0 * k,
        w1 = r1 + A1 * k,
        w2 = r2 + A2 * k;
      let i = y * W + xs;
      for (let x = xs; x <= xe; x++, i++) {
        if (w0 >= 0 && w1 >= 0 && w2 >= 0) {
          const z = (w0 * z0 + w1 * z1 + w2 * z2) * inv;
          if (z > depth[i]) {
            depth[i] = z;
            ids[i] = id;
            colour[i] = col;
            normal[i] = nq;
          }
        }
        w0 += A0;
        w1 += A1;
        w2 += A2;
      }
      r0 += B0;
      r1 += B1;
      r2 += B2;
    }
  }
}

export { dot };
