// Finds parts-list header rows: lines whose cells are known column titles.
import { joinPieces, splitRuns, splitWords, type TextLine, type TextPiece } from "../pdf-text/index.js";
import { assignFields, isPrintedTitle, KEY_FIELDS, matchTitle, type BomField } from "./header-synonyms.js";
import { joinTitleLines } from "./wrapped-title.js";

export interface HeaderColumn {
  /** null for a titled column we do not map (e.g. MASS): it still bounds its neighbours. */
  field: BomField | null;
  label: string;
  x0: number;
  x1: number;
}

export interface HeaderCandidate {
  /** Header lines (two for stacked headers such as 序号 over NO.), indices into the page lines. */
  lineTop: number;
  lineBottom: number;
  /** Baselines of the top and bottom header lines, and the font height. */
  yTop: number;
  yBottom: number;
  h: number;
  columns: HeaderColumn[];
  /** How far left/right this table may reach (another table's header on the same line). */
  limitLeft: number;
  limitRight: number;
  /** Field sequence, used to recognise the same header repeated on later pages. */
  signature: string;
}

interface Cell {
  title: ReturnType<typeof matchTitle>;
  field: BomField | null;
  label: string;
  /** The printed lines of a title wrapped inside its cell, top first. */
  lines?: string[];
  x0: number;
  x1: number;
}

/** Splits a line into cells and labels each with a field when its text is a known title. */
function headerCells(items: TextPiece[]): Cell[] {
  const cells: Cell[] = [];
  for (const run of splitRuns(items, 0.8)) {
    const label = joinPieces(run);
    const title = matchTitle(label);
    if (title || (run.length === 1 && !run[0].str.includes(" "))) {
      cells.push({ title, field: title?.field ?? null, label, x0: run[0].x, x1: Math.max(...run.map((p) => p.x + p.w)) });
      continue;
    }
    // A tightly set header ("ITEM QTY", "N/referencia S/referencia") can land in one run or
    // one piece: fall back to its words, each title as long as it matches.
    cells.push(...titledWords(run.flatMap(splitWords)));
  }
  return cells;
}

/** Words grouped into titles: the longest run of words (up to 4) that is a known title wins; words between titles form one unmapped cell. */
function titledWords(words: TextPiece[]): Cell[] {
  const cells: Cell[] = [];
  let loose: TextPiece[] = [];
  const flush = () => {
    if (loose.length) cells.push(cellOf(loose, null));
    loose = [];
  };
  for (let i = 0; i < words.length;) {
    let taken = 0;
    for (let k = Math.min(4, words.length - i); k >= 1 && !taken; k--) {
      const t = matchTitle(joinPieces(words.slice(i, i + k)));
      if (t) {
        flush();
        cells.push(cellOf(words.slice(i, i + k), t));
        taken = k;
      }
    }
    if (!taken) loose.push(words[i]);
    i += taken || 1;
  }
  flush();
  return cells;
}

function cellOf(pieces: TextPiece[], title: Cell["title"]): Cell {
  return { title, field: title?.field ?? null, label: joinPieces(pieces), x0: pieces[0].x, x1: Math.max(...pieces.map((p) => p.x + p.w)) };
}

function looksLikeTitle(label: string): boolean {
  return /\p{L}/u.test(label) && label.split(/\s+/).length <= 3 && label.length <= 24;
}

/** All header candidates on a page (several per line when tables sit side by side). */
export function findHeaders(lines: TextLine[]): HeaderCandidate[] {
  const found: HeaderCandidate[] = [];
  const cellsOf = lines.map((line) => headerCells(line.items));
  const alone = lines.map((line, i) => candidates(cellsOf[i], i, i, line, line));
  lines.forEach((line, i) => {
    if (i > 0 && wraps(lines, cellsOf, cellsOf[i - 1], alone, i - 1, i)) return; // the tail of a title wrapped from above
    // Word processors wrap titles inside their cells ("Quan-" / "n-" / "tity", "Ite" / "m"):
    // the lines right below whose cells all sit under this line's cells, none a header alone,
    // are joined in, as many as make the most known titles (a section row may follow).
    let best = alone[i];
    let cells = cellsOf[i];
    for (let last = i; last - i < 3 && wraps(lines, cellsOf, cells, alone, last, last + 1);) {
      cells = joinWrappedCells(cells, cellsOf[++last]);
      const joined = candidates(cells, i, last, line, lines[last]);
      if (titled(joined) > titled(best)) best = joined;
    }
    found.push(...best);
  });
  return mergeStacked(found);
}

/** Line b continues the titles above it (line a, cells `above`): right below, not a header itself, every cell under one of above's. */
function wraps(lines: TextLine[], cellsOf: Cell[][], above: Cell[], alone: HeaderCandidate[][], a: number, b: number): boolean {
  const upper = lines[a];
  const lower = lines[b];
  if (!lower || alone[b].length || upper.y - lower.y > 1.8 * Math.max(upper.h, lower.h)) return false;
  const below = cellsOf[b];
  if (!above.some((c) => c.title) || below.length > above.length) return false;
  return below.every((l) => above.some((u) => l.x0 < u.x1 && l.x1 > u.x0));
}

const titled = (cands: HeaderCandidate[]) => cands.reduce((n, c) => n + c.columns.filter((k) => k.field).length, 0);

function candidates(cells: Cell[], lineTop: number, lineBottom: number, top: TextLine, bottom: TextLine): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  // A repeated field starts a new table: parts lists printed in two blocks side by side.
  const groups: Cell[][] = [];
  let cur: Cell[] = [];
  for (const c of cells) {
    if (!c.title) continue;
    if (!c.title.weak && cur.some((k) => k.field === c.field && !k.title!.weak)) {
      groups.push(cur);
      cur = [];
    }
    cur.push(c);
  }
  if (cur.length) groups.push(cur);

  const valid = groups.filter((g) => {
    const fields = assignFields(g.map((c) => c.title)).filter((f) => f);
    return fields.length >= 2 && fields.some((f) => KEY_FIELDS.includes(f!));
  });
  valid.forEach((g, gi) => {
    const columns = withUnmappedColumns(g, cells, top.h, valid[gi - 1], valid[gi + 1]);
    const fields = assignFields(columns.map((c) => c.title));
    columns.forEach((c, i) => (c.field = fields[i]));
    const prev = valid[gi - 1];
    const next = valid[gi + 1];
    out.push({
      lineTop,
      lineBottom,
      yTop: top.y,
      yBottom: bottom.y,
      h: top.h,
      columns,
      limitLeft: prev ? prev[prev.length - 1].x1 + 1 : -Infinity,
      limitRight: next ? next[0].x0 - 1 : Infinity,
      signature: columns.map((c) => c.field ?? "-").join("|"),
    });
  });
  return out;
}

/** Cells of two lines joined where they overlap in x (see joinTitleLines for how words are joined). */
function joinWrappedCells(upper: Cell[], lower: Cell[]): Cell[] {
  const used = new Set<Cell>();
  const out = upper.map((u) => {
    const below = lower.filter((l) => !used.has(l) && l.x0 < u.x1 && l.x1 > u.x0);
    if (!below.length) return u;
    for (const b of below) used.add(b);
    const { label, title } = joinTitleLines([...(u.lines ?? [u.label]), ...below.map((b) => b.label)]);
    const lines = [...(u.lines ?? [u.label]), ...below.map((b) => b.label)];
    return {
      title,
      field: title?.field ?? null,
      label,
      lines,
      x0: Math.min(u.x0, ...below.map((b) => b.x0)),
      x1: Math.max(u.x1, ...below.map((b) => b.x1)),
    };
  });
  return [...out, ...lower.filter((l) => !used.has(l))].sort((a, b) => a.x0 - b.x0);
}

/**
 * Two header lines right above each other whose titles line up (序号 over NO., Benennung over
 * Name) are one header: labels are joined, the lines between header and data are not rows.
 */
function mergeStacked(found: HeaderCandidate[]): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  for (const h of found) {
    const prev = out.find((o) => o.lineBottom === h.lineTop - 1 && o.yBottom - h.yTop < 2.5 * Math.max(o.h, h.h) && aligned(o, h) >= 2);
    if (!prev) {
      out.push(h);
      continue;
    }
    const base = h.columns.length > prev.columns.length ? h : prev;
    const other = base === h ? prev : h;
    const columns = base.columns.map((c) => {
      const mate = other.columns.find((o) => Math.abs(centre(o) - centre(c)) < 1.5 * base.h);
      if (!mate) return c;
      const label = base === prev ? `${c.label} ${mate.label}` : `${mate.label} ${c.label}`;
      return { ...c, field: c.field ?? mate.field, label, x0: Math.min(c.x0, mate.x0), x1: Math.max(c.x1, mate.x1) };
    });
    Object.assign(prev, {
      lineBottom: h.lineBottom,
      yBottom: h.yBottom,
      columns,
      signature: columns.map((c) => c.field ?? "-").join("|"),
    });
  }
  return out;
}

const centre = (c: HeaderColumn) => (c.x0 + c.x1) / 2;

function aligned(a: HeaderCandidate, b: HeaderCandidate): number {
  return a.columns.filter((c) => b.columns.some((o) => Math.abs(centre(o) - centre(c)) < 1.5 * a.h)).length;
}

/** Adds unrecognised titles that sit inside (or right beside) a group as unmapped columns. */
function withUnmappedColumns(group: Cell[], all: Cell[], h: number, prev?: Cell[], next?: Cell[]): (HeaderColumn & Pick<Cell, "title">)[] {
  const x0 = group[0].x0;
  const x1 = group[group.length - 1].x1;
  let maxGap = 0;
  for (let i = 1; i < group.length; i++) maxGap = Math.max(maxGap, group[i].x0 - group[i - 1].x1);
  const lo = prev ? prev[prev.length - 1].x1 : -Infinity;
  const hi = next ? next[0].x0 : Infinity;
  const extra = all.filter((c) => {
    if (c.title || !looksLikeTitle(c.label) || c.x0 <= lo || c.x1 >= hi) return false;
    if (c.x0 >= x0 && c.x1 <= x1) return true;
    const gap = c.x0 > x1 ? c.x0 - x1 : x0 - c.x1;
    // A title known to head a column (Supplier, Price, Формат…) may stand further off.
    return gap > 0 && (gap <= 1.2 * maxGap || (isPrintedTitle(c.label) && gap <= 12 * h));
  });
  return [...group, ...extra].sort((a, b) => a.x0 - b.x0).map(({ title, field, label, x0, x1 }) => ({ title, field, label, x0, x1 }));
}
