// Image-space outlines: silhouettes (object id changes), creases (facet normals differ by more
// than ~35°) and self-occlusion (depth jumps on one object). Curved surfaces, tessellated into
// facets a few degrees apart, stay clean. Both pixels of a differing pair are painted, so lines
// are two samples wide: one output pixel after the 2× downsample.

import type { Frame } from "./camera.js";
import type { Raster } from "./rasterise.js";

const CREASE_COS = Math.cos((35 * Math.PI) / 180) * 127 * 127;

// Components of a packNormal()ed normal (sign-extended bytes).
const nX = (p: number) => (p << 24) >> 24;
const nY = (p: number) => (p << 16) >> 24;
const nZ = (p: number) => (p << 8) >> 24;

/** Draw outlines; `edgeColour(id)` gives the line colour of each object (id ≥ 0), as packRgb. */
export function drawEdges(r: Raster, f: Frame, edgeColour: (id: number) => number): void {
  const W = r.width,
    H = r.height;
  const { id, normal: n, depth, colour } = r;
  const { right: R, up: U, toEye: E } = f.view;
  const px = 1 / f.scale; // world size of one pixel
  const jump = 2.5 * px;

  // Expected depth change to the next pixel on a plane with normal n, plus slack.
  const slack = (p: number) => {
    const nx = nX(p),
      ny = nY(p),
      nz = nZ(p);
    const vz = Math.max(8, Math.abs(nx * E[0] + ny * E[1] + nz * E[2]));
    const vx = Math.abs(nx * R[0] + ny * R[1] + nz * R[2]);
    const vy = Math.abs(nx * U[0] + ny * U[1] + nz * U[2]);
    return (2.5 + (1.5 * (vx + vy)) / vz) * px;
  };
  // Pixels i and j (same object, not background) on different facets or at a depth jump.
  const differs = (i: number, j: number): boolean => {
    const pi = n[i],
      pj = n[j];
    const dz = Math.abs(depth[i] - depth[j]);
    // Same facet plane: only a depth jump (a step seen edge-on) can make an edge. Cheap test first.
    if (pi === pj) return dz > jump && dz > slack(pi);
    const d = nX(pi) * nX(pj) + nY(pi) * nY(pj) + nZ(pi) * nZ(pj);
    if (d < CREASE_COS) return true;
    return dz > slack(pi);
  };
  // Colour an edge pixel. The tests read only id, normal and depth, so painting as pairs are
  // found (rather than marking first) gives the same picture. Background pixels on a
  // silhouette take the colour of the object next to them.
  const paint = (i: number) => {
    let o = id[i];
    if (o < 0) {
      const x = i % W;
      o = Math.max(x > 0 ? id[i - 1] : -1, x + 1 < W ? id[i + 1] : -1, i >= W ? id[i - W] : -1, i + W < W * H ? id[i + W] : -1);
      if (o < 0) return;
    }
    colour[i] = edgeColour(o);
  };
  for (let y = 0; y < H; y++) {
    const row = y * W;
    for (let i = row, end = row + W - 1; i < end; i++) {
      const a = id[i];
      if (a !== id[i + 1] || (a >= 0 && differs(i, i + 1))) {
        paint(i);
        paint(i + 1);
      }
    }
    if (y + 1 === H) break;
    for (let i = row, end = row + W; i < end; i++) {
      const a = id[i];
      if (a !== id[i + W] || (a >= 0 && differs(i, i + W))) {
        paint(i);
        paint(i + W);
      }
    }
  }
}
