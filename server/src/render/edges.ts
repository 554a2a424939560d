// Image-space outlines: silhouettes (object id changes), creases (facet normals differ by more
// than ~35°) and self-occlusion (depth jumps on one object). Curved surfaces, tessellated into
// facets a few degrees apart, stay clean. Both pixels of a differing pair are marked, so lines
// are two samples wide: one output pixel after the 2× downsample.

import type { Frame } from "./camera.js";
import type { Raster, Rgb } from "./rasterise.js";

const CREASE_COS = Math.cos((35 * Math.PI) / 180) * 127 * 127;

let markPool = new Uint8Array(0);

/** Draw outlines; `edgeColour(id)` gives the line colour of each object (id ≥ 0). */
export function drawEdges(r: Raster, f: Frame, edgeColour: (id: number) => Rgb): void {
  const W = r.width, H = r.height;
  const { id, normal: n, depth, colour } = r;
  if (markPool.length < W * H) markPool = new Uint8Array(W * H);
  const mark = markPool.subarray(0, W * H).fill(0);
  const { right: R, up: U, toEye: E } = f.view;
  const px = 1 / f.scale; // world size of one pixel

  // Expected depth change to the next pixel on a plane with normal n, plus slack.
  const slack = (i: number) => {
    const nx = n[i * 3], ny = n[i * 3 + 1], nz = n[i * 3 + 2];
    const vz = Math.max(8, Math.abs(nx * E[0] + ny * E[1] + nz * E[2]));
    const vx = Math.abs(nx * R[0] + ny * R[1] + nz * R[2]);
    const vy = Math.abs(nx * U[0] + ny * U[1] + nz * U[2]);
    return (2.5 + (1.5 * (vx + vy)) / vz) * px;
  };
  const differs = (i: number, j: number): boolean => {
    const a = id[i];
    if (a !== id[j]) return true;
    if (a < 0) return false;
    const i3 = i * 3, j3 = j * 3;
    const same = n[i3] === n[j3] && n[i3 + 1] === n[j3 + 1] && n[i3 + 2] === n[j3 + 2];
    // Same facet plane: only a depth jump (a step seen edge-on) can make an edge. Cheap test first.
    if (same) return Math.abs(depth[i] - depth[j]) > 2.5 * px && Math.abs(depth[i] - depth[j]) > slack(i);
    const d = n[i3] * n[j3] + n[i3 + 1] * n[j3 + 1] + n[i3 + 2] * n[j3 + 2];
    if (d < CREASE_COS) return true;
    return Math.abs(depth[i] - depth[j]) > slack(i);
  };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if (x + 1 < W && differs(i, i + 1)) mark[i] = mark[i + 1] = 1;
      if (y + 1 < H && differs(i, i + W)) mark[i] = mark[i + W] = 1;
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if (!mark[i]) continue;
      // Background pixels on a silhouette take the colour of the object next to them.
      let o = id[i];
      if (o < 0) o = Math.max(x > 0 ? id[i - 1] : -1, x + 1 < W ? id[i + 1] : -1, y > 0 ? id[i - W] : -1, y + 1 < H ? id[i + W] : -1);
      if (o < 0) continue;
      const c = edgeColour(o);
      colour[i * 3] = c[0];
      colour[i * 3 + 1] = c[1];
      colour[i * 3 + 2] = c[2];
    }
  }
}
