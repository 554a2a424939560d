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

export function renderPicture(items: SceneItem[], lines: SceneLine[], o: PictureOptions): Buffer {
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
  const W = o.width * ss, H = height * ss;
  const frame = frameContent(view, bounds, W, H, margin);
  const r = newRaster(W, H);
  items.forEach((it, k) => drawMesh(r, frame, it.mesh, it.offset, it.rgb, k));
  const edges = items.map((it) => packRgb(...(it.edge ?? DEFAULT_EDGE)));
  drawEdges(r, frame, (k) => edges[k] ?? packRgb(...DEFAULT_EDGE));
  for (const l of lines) {
    const [x0, y0] = project(frame, l.from);
    const [x1, y1] = project(frame, l.to);
    if (l.style === "arrow") arrow(r, x0, y0, x1, y1, 1.8 * ss, l.rgb);
    else dashedLine(r, x0, y0, x1, y1, 1.1 * ss, 5 * ss, l.rgb);
  }
  return encodePng(r, ss);
}
