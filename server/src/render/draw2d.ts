// Flat 2D overlays on the colour buffer (arrows, guide lines), drawn after the 3D pass.

import { packRgb, type Raster, type Rgb } from "./rasterise.js";

/** Fill a 2D triangle (pixel coordinates), no depth test. */
export function fillTriangle(r: Raster, ax: number, ay: number, bx: number, by: number, cx: number, cy: number, c: Rgb): void {
  const area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
  if (area === 0) return;
  const sgn = area > 0 ? 1 : -1;
  const minX = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
  const maxX = Math.min(r.width - 1, Math.ceil(Math.max(ax, bx, cx)));
  const minY = Math.max(0, Math.floor(Math.min(ay, by, cy)));
  const maxY = Math.min(r.height - 1, Math.ceil(Math.max(ay, by, cy)));
  const col = r.colour;
  const packed = packRgb(c[0], c[1], c[2]);
  for (let y = minY; y <= maxY; y++) {
    const py = y + 0.5;
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      const e0 = ((bx - ax) * (py - ay) - (by - ay) * (px - ax)) * sgn;
      const e1 = ((cx - bx) * (py - by) - (cy - by) * (px - bx)) * sgn;
      const e2 = ((ax - cx) * (py - cy) - (ay - cy) * (px - cx)) * sgn;
      if (e0 >= 0 && e1 >= 0 && e2 >= 0) {
        col[y * r.width + x] = packed;
      }
    }
  }
}

/** Thick segment as a quad. */
export function line(r: Raster, x0: number, y0: number, x1: number, y1: number, width: number, c: Rgb): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len === 0) return;
  const nx = (-(y1 - y0) / len) * (width / 2),
    ny = ((x1 - x0) / len) * (width / 2);
  fillTriangle(r, x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, c);
  fillTriangle(r, x0 + nx, y0 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny, c);
}

/** Dashed segment: `dash` pixels on, `dash` off. */
export function dashedLine(r: Raster, x0: number, y0: number, x1: number, y1: number, width: number, dash: number, c: Rgb): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  for (let t = 0; t < len; t += 2 * dash) {
    const t1 = Math.min(len, t + dash);
    line(r, x0 + ((x1 - x0) * t) / len, y0 + ((y1 - y0) * t) / len, x0 + ((x1 - x0) * t1) / len, y0 + ((y1 - y0) * t1) / len, width, c);
  }
}

/** Arrow from (x0, y0) with its head at (x1, y1). */
export function arrow(r: Raster, x0: number, y0: number, x1: number, y1: number, width: number, c: Rgb): void {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len < 1) return;
  const ux = (x1 - x0) / len,
    uy = (y1 - y0) / len;
  const head = Math.min(len * 0.6, width * 4.5);
  const bx = x1 - ux * head,
    by = y1 - uy * head;
  line(r, x0, y0, bx, by, width, c);
  const hw = head * 0.55;
  fillTriangle(r, x1, y1, bx - uy * hw, by + ux * hw, bx + uy * hw, by - ux * hw, c);
}
