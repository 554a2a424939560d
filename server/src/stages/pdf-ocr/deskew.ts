// Small rotations of scanned sheets (a few tenths of a degree) shift a table row by several
// pixels from one end to the other, enough to merge or split rows. The angle is found by the
// projection profile: dark pixels projected on rows are sharpest (largest sum of squares)
// when the text lines and rules are horizontal. Then the image is rotated back.
import type { GrayImage } from "./gray-image.js";

const MAX_DEG = 3;
const STEP_DEG = 0.05;

/** Skew of the page content in degrees (counter-clockwise positive, image y down), 0 when none is found. */
export function estimateSkew(img: GrayImage): number {
  // Dark pixels of a subsampled image: (x, y) pairs.
  const s = Math.max(1, Math.round(Math.max(img.width, img.height) / 1600));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += s) {
    const row = y * img.width;
    for (let x = 0; x < img.width; x += s) {
      if (img.data[row + x] < 128) {
        xs.push(x / s);
        ys.push(y / s);
      }
    }
  }
  if (xs.length < 100) return 0;
  const h = Math.ceil(img.height / s);
  const w = Math.ceil(img.width / s);
  const pad = Math.ceil(w * Math.tan((MAX_DEG * Math.PI) / 180)) + 2;
  const bins = new Float64Array(h + 2 * pad);
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i] - xs[i] * t) + pad]++;
    let sum = 0;
    for (let i = 0; i < bins.length; i++) sum += bins[i] * bins[i];
    return sum;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -MAX_DEG; d <= MAX_DEG + 1e-9; d += STEP_DEG) {
    const sc = score(d);
    if (sc > bestScore * 1.0001) {
      best = d;
      bestScore = sc;
    }
  }
  return Math.abs(best) < STEP_DEG / 2 ? 0 : Math.round(best * 100) / 100;
}

/**
 * The image rotated so content skewed by `deg` (as estimateSkew reports it) is level; same
 * size, white outside. Bilinear, so thin rules stay connected.
 */
export function rotate(img: GrayImage, deg: number): GrayImage {
  if (!deg) return img;
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(w * h);
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t);
  const sn = Math.sin(t);
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Source of output pixel (x, y): content at slope tan(t) maps to level.
      const sx = cx + dx * c - dy * sn;
      const sy = cy + dx * sn + dy * c;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bot = data[i + w] + (data[i + w + 1] - data[i + w]) * fx;
      out[y * w + x] = top + (bot - top) * fy;
    }
  }
  return { width: w, height: h, data: out };
}
