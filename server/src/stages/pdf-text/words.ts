// A text piece split into its words. Producers often emit a whole table row segment as one
// piece ("10 01_02_10-shredder_end_cap": a right-aligned item number set right against the next
// column). getTextContent gives no glyph positions, so word positions are estimated in
// proportion to character counts — close enough to tell which side of a column rule a word is on.
import type { TextPiece } from "./items.js";

export function splitWords(p: TextPiece): TextPiece[] {
  if (!p.str.includes(" ")) return [p];
  const n = p.str.length;
  const out: TextPiece[] = [];
  const re = /\S+/g;
  for (let m = re.exec(p.str); m; m = re.exec(p.str)) {
    out.push({ ...p, str: m[0], x: p.x + (p.w * m.index) / n, w: (p.w * m[0].length) / n });
  }
  return out;
}

/** Pieces crossing one of the x boundaries are replaced by their words. */
export function splitAtBoundaries(pieces: TextPiece[], bounds: readonly number[], margin: number): TextPiece[] {
  let out: TextPiece[] | null = null;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    const crosses = p.str.includes(" ") && bounds.some((b) => p.x < b - margin && p.x + p.w > b + margin);
    if (crosses) out ??= pieces.slice(0, i);
    if (out) {
      if (crosses) out.push(...splitWords(p));
      else out.push(p);
    }
  }
  return out ?? pieces;
}
