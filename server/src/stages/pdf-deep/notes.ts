// Notes / technical requirements: the numbered paragraphs under a NOTES heading.
import { groupLines, joinPieces, splitRuns, type PageText, type TextPiece } from "../pdf-text/index.js";

const HEADING =
  /^(?:general\s+notes?|notes|note\s*[:：]|technical\s+requirements?|techn\.?\s+requirements?|hinweise|anmerkungen|allgemeine\s+hinweise|technische\s+anforderungen|remarques|技术要求)\s*[:：]?$/i;
const INLINE_HEADING = /^(?:general\s+notes?|notes?|technical\s+requirements?|hinweise|anmerkungen|技术要求)\s*[:：]\s*(.+)$/i;
// A column title in a parts list ("ITEM … NOTES") is not a notes heading.
const TABLE_WORD = /^(item|qty\.?|quantity|pos\.?|part\s*(number|no\.?)|description|material|序号|数量)$/i;
const NUMBERED = /^\(?(\d{1,2})\s*[.)、．]\s*(.*)$/;
const BULLET = /^[-•·*]\s+(.*)$/;

interface NoteLine {
  text: string;
  y: number;
  h: number;
}

export function readNotes(page: PageText): string[] {
  const lines = groupLines(page.items);
  const notes: string[] = [];
  lines.forEach((line, i) => {
    const runs = splitRuns(line.items, 0.8);
    if (runs.some((r) => TABLE_WORD.test(joinPieces(r)))) return;
    for (const run of runs) {
      const text = joinPieces(run);
      const inline = INLINE_HEADING.exec(text);
      if (!HEADING.test(text) && !inline) continue;
      const body = collectBody(lines.slice(i + 1), run[0].x, line.y, line.h, page.width);
      if (inline) body.unshift({ text: inline[1], y: line.y, h: line.h });
      notes.push(...splitNotes(body));
    }
  });
  return notes;
}

/** Lines below the heading, left-aligned with it (or indented a little), until a big gap. */
function collectBody(below: ReturnType<typeof groupLines>, hx: number, hy: number, hh: number, pageWidth: number): NoteLine[] {
  const out: NoteLine[] = [];
  let prevY = hy;
  let prevH = hh;
  for (const line of below) {
    const near = line.items.filter((p) => p.x >= hx - 2 * hh && p.x < hx + 0.5 * pageWidth);
    const run = splitRuns(near, 3).find((r: TextPiece[]) => r[0].x <= hx + 6 * hh);
    const gap = prevY - line.y;
    if (!run) {
      if (gap > 3 * prevH) break;
      continue;
    }
    const h = Math.max(...run.map((p) => p.h));
    if (gap > (out.length ? 2.5 : 3.5) * Math.max(prevH, h)) break;
    if (out.length && (h > 1.6 * prevH || h < 0.5 * prevH)) break; // a title or tiny lettering
    const text = joinPieces(run);
    if (HEADING.test(text)) break;
    out.push({ text, y: line.y, h });
    prevY = line.y;
    prevH = h;
  }
  return out;
}

/** Numbered or bulleted lines start a note; other lines continue the current one. */
function splitNotes(lines: NoteLine[]): string[] {
  const notes: string[] = [];
  let pitch = 0;
  lines.forEach((l, i) => {
    const num = NUMBERED.exec(l.text) ?? BULLET.exec(l.text);
    const gap = i > 0 ? lines[i - 1].y - l.y : 0;
    if (num) {
      notes.push((num.length > 2 ? num[2] : num[1]).trim());
    } else if (notes.length && (pitch === 0 || gap <= 1.5 * pitch)) {
      notes[notes.length - 1] = `${notes[notes.length - 1]} ${l.text}`.trim();
    } else {
      notes.push(l.text);
    }
    if (i > 0 && (pitch === 0 || gap < pitch)) pitch = gap;
  });
  return notes.filter((n) => n.length > 0);
}
