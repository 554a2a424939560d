// Rotated text: a table printed at 90° (or a sheet whose content is drawn rotated without
// /Rotate) is read in a frame where its text runs left to right. Pieces and rulings are
// rotated into that frame; toUser() maps frame points back to PDF user space.
import type { PageText, TextPiece } from "./items.js";
import type { Rulings } from "./rules.js";
import { normalizeRulings } from "./rules.js";

/** Text directions present on the page with at least `min` pieces, most common first. */
export function textDirections(page: PageText, min = 3): number[] {
  const counts = new Map<number, number>();
  for (const p of page.items) if (p.dir >= 0) counts.set(p.dir, (counts.get(p.dir) ?? 0) + 1);
  return [...counts]
    .filter(([d, n]) => d === 0 || n >= min)
    .sort((a, b) => b[1] - a[1])
    .map(([d]) => d);
}

function rot(angle: number): [number, number] {
  const r = (angle * Math.PI) / 180;
  return [Math.round(Math.cos(r)), Math.round(Math.sin(r))];
}

/** The page seen with text of direction `angle` horizontal; only that text is kept. */
export function orientPage(page: PageText, angle: number): PageText {
  if (angle === 0) return page;
  const [c, s] = rot(angle);
  const fwd = (x: number, y: number): [number, number] => [x * c + y * s, -x * s + y * c];
  const items: TextPiece[] = page.items
    .filter((p) => p.dir === angle)
    .map((p) => {
      const [x, y] = fwd(p.x, p.y);
      return { ...p, x, y, horizontal: true, dir: 0 };
    });
  return {
    ...page,
    items,
    toUser: (x, y) => page.toUser(x * c - y * s, x * s + y * c),
  };
}

export function orientRulings(r: Rulings, angle: number): Rulings {
  if (angle === 0) return r;
  const [c, s] = rot(angle);
  const fwd = (x: number, y: number): [number, number] => [x * c + y * s, -x * s + y * c];
  const segs = [...r.h.map((l) => [...fwd(l.x0, l.y), ...fwd(l.x1, l.y)]), ...r.v.map((l) => [...fwd(l.x, l.y0), ...fwd(l.x, l.y1)])] as [
    number,
    number,
    number,
    number,
  ][];
  return normalizeRulings(segs);
}
