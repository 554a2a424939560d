// One picture: meshes (each with an offset and a colour), arrows and guide lines → PNG.
// Rendered at 2× and box-filtered down, which is the anti-aliasing.

import { contentBounds, frameContent, isoView, project } from "./camera.js";
import { arrow, dashedLine } from "./draw2d.js";
import { drawEdges } from "./edges.js";
import type { Mesh, V3 } from "./mesh.js";
import { encodePng } from "./png.js";
import { drawMesh, newRaster, packRgb, type Rgb } from "./rasterise.js";

export type { Rgb };

export interface SceneItem {
  mesh: Mesh;
  offset?: V3 | null;
  rgb: Rgb;
  /** Outline colour; darker for highlighted parts than for context. */
  edge?: Rgb;
}

export interface SceneLine {
  from: V3;
  to: V3;
  rgb: Rgb;
  /** "arrow": solid with a head at `to`; "guide": thin dashed. */
  style: "arrow" | "guide";
}

export interface PictureOptions {
  width: number;
  height: number;
  /** Direction from the model to the viewer; default front-right-top isometric. */
  eye?: V3;
  /** Free border in output pixels. */
  margin?: number;
  supersample?: number;
  /** Let the height follow the content's aspect ratio within [min, max] (tall scenes stay large). */
  fitHeight?: { min: number; max: number };
}

const DEFAULT_EDGE: Rgb = [40, 44, 52];

export interface RenderedScene {
  png: Buffer;
  width: number;
  height: number;
  /** Per label group: a visible pixel near the middle of its visible area (output pixels), or null when hidden. */
  anchors: ([number, number] | null)[];
  /** Visible output pixels per label group. */
  visible: number[];
  /** World units (mm) per output pixel: what prints a picture at 1:1. */
  unitsPerPixel: number;
}

export function renderPicture(items: SceneItem[], lines: SceneLine[], o: PictureOptions): Buffer {
  return renderScene(items, lines, o).png;
}

/** Render, and find where each group of items (by index) shows, for call-outs. */
export function renderScene(items: SceneItem[], lines: SceneLine[], o: PictureOptions, groups: number[][] = []): RenderedScene {
  const ss = o.supersample ?? 2;
  const view = isoView(o.eye);
  const ends = lines.flatMap((l) => [l.from, l.to]);
  const margin = (o.margin ?? 12) * ss;
  const bounds = contentBounds(view, items, ends);
  let height = o.height;
  if (o.fitHeight) {
    const m = o.margin ?? 12;
    const want = Math.round(((o.width - 2 * m) * (bounds[3] - bounds[2])) / Math.max(bounds[1] - bounds[0], 1e-9)) + 2 * m;
    height = Math.min(o.fitHeight.max, Math.max(o.fitHeight.min, want));
  }
  const W = o.width * ss,
    H = height * ss;
  const frame = frameContent(view, bounds, W, H, margin);
  const r = newRaster(W, H);
  items.forEach((it, k) => drawMesh(r, frame, it.mesh, it.offset, it.rgb, k));
  const found = groups.length ? locate(r.id, W, groups, items.length, ss) : { anchors: [], visible: [] };
  const edges = items.map((it) => packRgb(...(it.edge ?? DEFAULT_EDGE)));
  drawEdges(r, frame, (k) => edges[k] ?? packRgb(...DEFAULT_EDGE));
  for (const l of lines) {
    const [x0, y0] = project(frame, l.from);
    const [x1, y1] = project(frame, l.to);
    if (l.style === "arrow") arrow(r, x0, y0, x1, y1, 1.8 * ss, l.rgb);
    else dashedLine(r, x0, y0, x1, y1, 1.1 * ss, 5 * ss, l.rgb);
  }
  return { png: encodePng(r, ss), width: o.width, height, ...found, unitsPerPixel: ss / frame.scale };
}

/** One pass over the id buffer: visible area and centroid per group, then the visible pixel nearest it. */
function locate(id: Int32Array, W: number, groups: number[][], n: number, ss: number) {
  const groupOf = new Int32Array(n).fill(-1);
  groups.forEach((g, k) => g.forEach((i) => (groupOf[i] = k)));
  const cnt = new Float64Array(groups.length),
    sx = new Float64Array(groups.length),
    sy = new Float64Array(groups.length);
  for (let p = 0; p < id.length; p++) {
    const i = id[p]!;
    if (i < 0) continue;
    const g = groupOf[i]!;
    if (g < 0) continue;
    cnt[g]++;
    sx[g] += p % W;
    sy[g] += (p / W) | 0;
  }
  const best = new Float64Array(groups.length).fill(Infinity);
  const at = new Int32Array(groups.length).fill(-1);
  const cx = groups.map((_, g) => sx[g]! / Math.max(1, cnt[g]!)),
    cy = groups.map((_, g) => sy[g]! / Math.max(1, cnt[g]!));
  for (let p = 0; p < id.length; p++) {
    const i = id[p]!;
    if (i < 0) continue;
    const g = groupOf[i]!;
    if (g < 0) continue;
    const d = ((p % W) - cx[g]!) ** 2 + (((p / W) | 0) - cy[g]!) ** 2;
    if (d < best[g]!) {
      best[g] = d;
      at[g] = p;
    }
  }
  return {
    anchors: groups.map((_, g) => (at[g]! < 0 ? null : ([(at[g]! % W) / ss, ((at[g]! / W) | 0) / ss] as [number, number]))),
    visible: groups.map((_, g) => cnt[g]! / (ss * ss)),
  };
}
