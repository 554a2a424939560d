// Call-out balloons for a step picture: each part is labelled with its BOM item number, a
// balloon set outward from the picture's middle with a leader to a visible pixel of the part.
// Positions are in picture pixels; PDF and HTML draw them as vector overlays (crisp numbers,
// and the numbers stay text a check can read).

export interface Callout {
  /** BOM item number as printed in the parts list. */
  item: string;
  /** Leader end on the part (picture pixels). */
  ax: number;
  ay: number;
  /** Balloon centre (picture pixels). */
  bx: number;
  by: number;
}

/** Balloon radius in picture pixels (a 960 px picture printed 240–500 pt wide). */
export const BALLOON_R = 24;

export function layoutCallouts(anchors: { item: string; at: [number, number] }[], width: number, height: number): Callout[] {
  const r = BALLOON_R;
  const cx = width / 2,
    cy = height / 2;
  const out: Callout[] = anchors.map(({ item, at: [ax, ay] }) => {
    let dx = ax - cx,
      dy = ay - cy;
    const len = Math.hypot(dx, dy) || 1;
    [dx, dy] = len < 1 ? [1, -1] : [dx / len, dy / len];
    return { item, ax, ay, bx: ax + dx * 3 * r, by: ay + dy * 3 * r };
  });
  const clamp = (c: Callout) => {
    c.bx = Math.min(width - r - 2, Math.max(r + 2, c.bx));
    c.by = Math.min(height - r - 2, Math.max(r + 2, c.by));
  };
  out.forEach(clamp);
  // Push overlapping balloons apart (a few relaxation rounds are plenty for ≤ 10 balloons).
  for (let round = 0; round < 30; round++) {
    let moved = false;
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!,
          b = out[j]!;
        let dx = b.bx - a.bx,
          dy = b.by - a.by;
        const d = Math.hypot(dx, dy);
        const need = 2 * r + 6;
        if (d >= need) continue;
        if (d < 1e-6) [dx, dy] = [1, 0.3];
        const push = (need - d) / 2 / (Math.hypot(dx, dy) || 1);
        a.bx -= dx * push;
        a.by -= dy * push;
        b.bx += dx * push;
        b.by += dy * push;
        clamp(a);
        clamp(b);
        moved = true;
      }
    if (!moved) break;
  }
  return out;
}
