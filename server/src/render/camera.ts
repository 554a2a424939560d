// Orthographic isometric camera, framed so the content fills the picture.

import type { Mesh, V3 } from "./mesh.js";
import { meshView } from "./mesh-view.js";
import type { View } from "./view.js";

const norm = (v: V3): V3 => {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
};
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
export const isZero = (v: V3) => v[0] === 0 && v[1] === 0 && v[2] === 0;
export const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Isometric view with Z up (CAD convention), looking from `eye` (front-right-top by default). */
export function isoView(eye: V3 = [1, -1, 1]): View {
  const toEye = norm(eye);
  const right = norm(cross([0, 0, 1], toEye));
  const up = cross(toEye, right);
  return { right, up, toEye };
}

/** Maps world points to pixels: x = ox + s·(p·right), y = oy − s·(p·up); depth = p·toEye (larger = nearer). */
export interface Frame {
  view: View;
  scale: number;
  ox: number;
  oy: number;
  width: number;
  height: number;
}

export interface Placed {
  mesh: Mesh;
  offset?: V3 | null;
}

/** Projected bounds of every vertex (plus extra points) on the view plane, world units. */
export function contentBounds(view: View, items: Placed[], extra: V3[]): [number, number, number, number] {
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  const { right: r, up: u } = view;
  const add = (x: number, y: number, z: number) => {
    const px = x * r[0] + y * r[1] + z * r[2];
    const py = x * u[0] + y * u[1] + z * u[2];
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
  };
  for (const { mesh, offset } of items) {
    if (!offset || isZero(offset)) {
      // Unmoved meshes: bounds cached per mesh (same arithmetic, so the same framing).
      const [bx0, bx1, by0, by1] = meshView(mesh, view).bounds;
      if (bx0 < x0) x0 = bx0;
      if (bx1 > x1) x1 = bx1;
      if (by0 < y0) y0 = by0;
      if (by1 > y1) y1 = by1;
      continue;
    }
    const [dx, dy, dz] = offset;
    const p = mesh.positions;
    for (let i = 0; i < p.length; i += 3) add(p[i] + dx, p[i + 1] + dy, p[i + 2] + dz);
  }
  for (const e of extra) add(e[0], e[1], e[2]);
  return x0 === Infinity ? [0, 0, 0, 0] : [x0, x1, y0, y1];
}

/** Frame the content with `margin` pixels free around it. */
export function frameContent(view: View, bounds: [number, number, number, number], width: number, height: number, margin: number): Frame {
  const [x0, x1, y0, y1] = bounds;
  const span = Math.max((x1 - x0) / Math.max(1, width - 2 * margin), (y1 - y0) / Math.max(1, height - 2 * margin), 1e-9);
  const scale = 1 / span;
  return {
    view,
    scale,
    ox: width / 2 - scale * ((x0 + x1) / 2),
    oy: height / 2 + scale * ((y0 + y1) / 2),
    width,
    height,
  };
}

/** Pixel position of a world point. */
export function project(f: Frame, p: V3): [number, number] {
  return [f.ox + f.scale * dot(p, f.view.right), f.oy - f.scale * dot(p, f.view.up)];
}
