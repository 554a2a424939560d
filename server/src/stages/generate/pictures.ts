// Every picture in the manual, rendered from the placed STEP meshes (render/*): cover,
// a thumbnail per part, one picture per step and the exploded view.

import {
  renderPicture,
  renderScene,
  type PictureOptions,
  type RenderedScene,
  type Rgb,
  type SceneItem,
  type SceneLine,
} from "../../render/picture.js";
import type { V3 } from "../../render/mesh.js";
import type { StepPart } from "../types.js";
import { explodedOffsets, stepMoves } from "./exploded.js";
import type { AssemblyPlan } from "./plan.js";

/** Highlight colours for the parts added in a step, in item order (legend swatches use them too). */
export const PALETTE: Rgb[] = [
  [230, 120, 40],
  [40, 110, 200],
  [40, 160, 90],
  [200, 60, 60],
  [140, 90, 200],
  [20, 160, 170],
  [205, 165, 30],
  [220, 90, 160],
];
export const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;

const GREY: Rgb = [208, 211, 216];
const GREY_EDGE: Rgb = [118, 123, 132];
const DARK_EDGE: Rgb = [30, 33, 40];
const ARROW: Rgb = [200, 40, 40];
const GUIDE: Rgb = [150, 155, 165];

/** CAD colour toned down towards light grey so pure reds and greens print calmly. */
export function partColour(part: StepPart | undefined, index: number): Rgb {
  const c = part?.color;
  if (!c) return PALETTE[index % PALETTE.length]!.map((v) => 0.6 * v + 0.4 * 215) as Rgb;
  return c.map((v) => 255 * (0.55 * Math.min(1, Math.max(0, v)) + 0.45 * 0.84)) as Rgb;
}

export interface ManualPictures {
  cover: Buffer | null;
  exploded: Buffer | null;
  /** Part index → thumbnail. */
  parts: Map<number, Buffer>;
  /** Step number → picture. */
  steps: Map<number, Buffer>;
  /** Step number → where each added item (by StepItem.key) shows in its picture, for call-outs. */
  anchors?: Map<number, { key: string; at: [number, number] }[]>;
  /** Steps whose picture leaves out placed parts so a hidden new part shows. */
  cutAway?: Set<number>;
  /** Fastener part index → side view with its scale, for the hardware kit strip (1:1 prints). */
  kit?: Map<number, { png: Buffer; mmPerPx: number }>;
}

/** Views tried in turn when a part added in a step would be hidden: front-right, front-left, back-left, back-right. */
const EYES: V3[] = [
  [1, -1, 1],
  [-1, -1, 1],
  [-1, 1, 1],
  [1, 1, 1],
];
/** Fewer visible output pixels than this and a part counts as hidden. */
const HIDDEN_PX = 40;

/** Render from the default view; if a group is hidden, from the other views, keeping the one that shows most. */
function renderShowing(items: SceneItem[], lines: SceneLine[], o: PictureOptions, groups: number[][], tries = EYES.length): RenderedScene {
  let best: RenderedScene | null = null;
  let bestScore = -1;
  for (const eye of EYES.slice(0, tries)) {
    const r = renderScene(items, lines, { ...o, eye }, groups);
    const shown = r.visible.filter((v) => v >= HIDDEN_PX).length;
    const score = shown * 1e9 + Math.min(...r.visible, 1e8);
    if (score > bestScore) [best, bestScore] = [r, score];
    // Many small fixings: one or two behind a plate is not worth four renders.
    if (shown >= groups.length - Math.floor(groups.length / 20)) break;
  }
  return best!;
}

export const SIZES = {
  cover: { width: 1000, height: 640 },
  step: { width: 960, height: 540, fitHeight: { min: 400, max: 760 } },
  exploded: { width: 1000, height: 640, fitHeight: { min: 480, max: 900 } },
  thumb: { width: 180, height: 130, margin: 6 },
  kit: { width: 160, height: 100, margin: 4 },
};

function wholeAssembly(plan: AssemblyPlan, parts: StepPart[], offsetOf?: (i: number) => V3): SceneItem[] {
  return plan.geo.instances.flatMap((inst) =>
    inst.meshes.map((mesh) => ({ mesh, rgb: partColour(parts[inst.partIndex], inst.partIndex), offset: offsetOf?.(inst.index) })),
  );
}

export function stepPicture(plan: AssemblyPlan, stepIndex: number): Buffer {
  return stepScene(plan, stepIndex).scene.png;
}

/** A step's picture, and where each added item shows in it. */
export function stepScene(plan: AssemblyPlan, stepIndex: number): { scene: RenderedScene; keys: string[]; cutAway: boolean } {
  const s = plan.steps[stepIndex]!;
  const geo = plan.geo;
  const colourOf = new Map(s.items.map((it, k) => [it.key, PALETTE[k % PALETTE.length]!]));
  const moves = new Map(stepMoves(plan, s).map((m) => [m.unit, m]));
  const keys = s.items.map((it) => it.key);
  const build = (leaveOut: Set<number>) => {
    const items: SceneItem[] = [];
    for (const i of s.context) if (!leaveOut.has(i)) for (const mesh of geo.instances[i]!.meshes) items.push({ mesh, rgb: GREY, edge: GREY_EDGE });
    const lines: SceneLine[] = [];
    const groups: number[][] = keys.map(() => []);
    for (const { unit } of s.added) {
      const mv = moves.get(unit);
      const rgb = colourOf.get(unit.key) ?? PALETTE[0]!;
      const g = groups[keys.indexOf(unit.key)];
      for (const i of unit.instances) {
        for (const mesh of geo.instances[i]!.meshes) {
          g?.push(items.length);
          items.push({ mesh, rgb, edge: DARK_EDGE, offset: mv?.offset });
        }
      }
      if (mv) {
        // From the moved part's leading face to where that face lands; for fixings, to where
        // the head ends up (the tip is hidden inside the parts it joins).
        const c: V3 = [0, 1, 2].map((k) => (unit.min[k]! + unit.max[k]!) / 2) as V3;
        const half = Math.abs([0, 1, 2].reduce((a, k) => a + mv.dir[k]! * (unit.max[k]! - unit.min[k]!), 0)) / 2;
        const from: V3 = [0, 1, 2].map((k) => c[k]! + mv.offset[k]! - mv.dir[k]! * half) as V3;
        const to: V3 = [0, 1, 2].map((k) => c[k]! + mv.dir[k]! * (unit.fastener ? half : -half)) as V3;
        lines.push({ from, to, rgb: ARROW, style: "arrow" });
      }
    }
    return renderShowing(items, lines, SIZES.step, groups);
  };
  const scene = build(new Set());
  const hidden = keys.filter((_, g) => scene.visible[g]! < HIDDEN_PX);
  if (!hidden.length || !s.context.length) return { scene, keys, cutAway: false };
  // Still hidden from every side (a sleeve inside a housing): cut away the placed parts whose
  // box holds it, where it will sit.
  const boxes = s.added
    .filter((a) => hidden.includes(a.unit.key))
    .map(({ unit }) => {
      const off = moves.get(unit)?.offset ?? [0, 0, 0];
      return { min: unit.min.map((v, k) => v + Math.min(0, off[k]!)), max: unit.max.map((v, k) => v + Math.max(0, off[k]!)) };
    });
  const overlaps = (i: number) => {
    const b = geo.instances[i]!;
    return boxes.some((h) => [0, 1, 2].every((k) => b.min[k]! <= h.max[k]! && h.min[k]! <= b.max[k]!));
  };
  const leaveOut = new Set(s.context.filter(overlaps));
  if (!leaveOut.size) return { scene, keys, cutAway: false };
  const cut = build(leaveOut);
  const shown = (r: RenderedScene) => r.visible.filter((v) => v >= HIDDEN_PX).length;
  return shown(cut) > shown(scene) ? { scene: cut, keys, cutAway: true } : { scene, keys, cutAway: false };
}

/** Side view of a fastener (its length across the picture, true to scale) for the kit strip. */
function kitPicture(plan: AssemblyPlan, parts: StepPart[], p: number): { png: Buffer; mmPerPx: number } | null {
  const inst = plan.geo.instances.find((i) => i.partIndex === p);
  if (!inst) return null;
  const d = [0, 1, 2].map((k) => inst.max[k]! - inst.min[k]!);
  const long = d.indexOf(Math.max(...d));
  const short = d.indexOf(Math.min(...d));
  const flat = d[short]! < 0.6 * Math.min(...d.filter((_, k) => k !== short));
  // Nuts and washers face on; bolts and pins side on (length true to scale), slightly turned for depth.
  const FACE: V3[] = [
    [1, -0.2, 0.2],
    [0.2, -1, 0.2],
    [0.2, -0.2, 1],
  ];
  const eye: V3 = flat ? FACE[short]! : long === 0 ? [0, -1, 0.4] : long === 1 ? [1, 0, 0.4] : [0.6, -1, 0];
  const items = inst.meshes.map((mesh) => ({ mesh, rgb: partColour(parts[p], p) }));
  const r = renderScene(items, [], { ...SIZES.kit, eye });
  return { png: r.png, mmPerPx: r.unitsPerPixel };
}

/**
 * Render everything; `onPicture` fires after each picture (progress). Thumbnails only for
 * `thumbParts` when given: the parts list shows only parts matched to a row, and on a big
 * assembly most parts are not.
 */
export function renderPictures(
  plan: AssemblyPlan,
  parts: StepPart[],
  onPicture: (done: number, total: number, what: string) => void,
  thumbParts?: ReadonlySet<number>,
): ManualPictures {
  const geo = plan.geo;
  const out: ManualPictures = {
    cover: null,
    exploded: null,
    parts: new Map(),
    steps: new Map(),
    anchors: new Map(),
    kit: new Map(),
    cutAway: new Set(),
  };
  if (!geo.hasMeshes || !geo.instances.length) return out;
  const partIndices = [...new Set(geo.instances.map((i) => i.partIndex))].filter((p) => !thumbParts || thumbParts.has(p));
  const total = 2 + partIndices.length + plan.steps.length;
  let done = 0;
  const tick = (what: string) => onPicture(++done, total, what);

  out.cover = renderPicture(wholeAssembly(plan, parts), [], SIZES.cover);
  tick("cover");
  for (const p of partIndices) {
    const inst = geo.instances.find((i) => i.partIndex === p)!;
    const items = inst.meshes.map((mesh) => ({ mesh, rgb: partColour(parts[p], p) }));
    out.parts.set(p, renderPicture(items, [], SIZES.thumb));
  }
  if (partIndices.length) {
    done += partIndices.length - 1;
    tick("part thumbnails");
  }
  plan.steps.forEach((s, k) => {
    const { scene, keys, cutAway } = stepScene(plan, k);
    if (cutAway) out.cutAway!.add(s.number);
    out.steps.set(s.number, scene.png);
    out.anchors!.set(
      s.number,
      keys.flatMap((key, g) => (scene.anchors[g] ? [{ key, at: scene.anchors[g]! }] : [])),
    );
    tick(`step ${s.number}`);
  });
  const kitParts = new Set(plan.steps.flatMap((s) => s.items.filter((it) => it.fastener && it.partIndex !== null).map((it) => it.partIndex!)));
  for (const p of kitParts) {
    const k = kitPicture(plan, parts, p);
    if (k) out.kit!.set(p, k);
  }
  const offsets = explodedOffsets(plan);
  const byInstance = new Map<number, V3>();
  for (const [u, off] of offsets) for (const i of u.instances) byInstance.set(i, off);
  const lines: SceneLine[] = [];
  for (const [u, off] of offsets) {
    if (u.fastener || Math.hypot(...off) === 0) continue; // fixings' lines would only clutter
    const c: V3 = [0, 1, 2].map((k) => (u.min[k]! + u.max[k]!) / 2) as V3;
    lines.push({ from: c, to: [c[0] + off[0], c[1] + off[1], c[2] + off[2]], rgb: GUIDE, style: "guide" });
  }
  // Fixings must stay in sight: the view that shows most of them.
  const scene = wholeAssembly(plan, parts, (i) => byInstance.get(i) ?? [0, 0, 0]);
  const fixing = new Set(plan.root.units.filter((u) => u.fastener).flatMap((u) => u.instances));
  const groups: number[][] = [];
  let at = 0;
  for (const inst of plan.geo.instances) {
    const ids = inst.meshes.map(() => at++);
    if (fixing.has(inst.index)) groups.push(ids);
  }
  out.exploded = renderShowing(scene, lines, SIZES.exploded, groups, 2).png;
  tick("exploded view");
  return out;
}
