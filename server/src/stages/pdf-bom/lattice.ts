// Lattice reading (ruled tables): the header's cell grid comes from the ruling lines around
// it; rows are the bands between horizontal rules for as long as the column rules continue.
// Text is assigned by position inside a cell, so multi-line cells, vertically centred item
// numbers and stacked header titles need no guessing.
import { groupLines, joinPieces, splitAtBoundaries, type PageText, type Rulings, type TextPiece } from "../pdf-text/index.js";
import type { HeaderCandidate } from "./find-header.js";
import { assignFields, matchTitle } from "./header-synonyms.js";
import { buildRows, type Entry } from "./row-builder.js";
import { joinTitleLines } from "./wrapped-title.js";
import { withNumbering } from "./numbering.js";
import { classifyCells, type Direction, type ParsedTable, type TableColumn } from "./rows.js";

const EPS = 1.5;

interface Grid {
  columns: TableColumn[];
  /** Inner column rules (x), checked band by band to see where the table ends. */
  inner: number[];
  top: number;
  bottom: number;
}

/** The header row's grid, or null when the header is not inside a ruled table. */
function headerGrid(page: PageText, r: Rulings, header: HeaderCandidate): Grid | null {
  const cols = header.columns;
  const hx0 = cols[0].x0;
  const hx1 = cols[cols.length - 1].x1;
  const yHi = header.yTop + 0.7 * header.h;
  const yLo = header.yBottom - 0.15 * header.h;
  const spans = (l: { x0: number; x1: number }) => l.x0 <= hx0 + EPS && l.x1 >= hx1 - EPS;
  const ruledAbove = r.h.filter((l) => l.y > yHi && spans(l)).sort((a, b) => a.y - b.y)[0];
  const below = r.h.filter((l) => l.y < yLo && spans(l)).sort((a, b) => b.y - a.y)[0];
  if (!below) return null;
  // Spreadsheet exports often print the header in a filled band with no rule above it: the
  // grid then starts at the rule under the header, and its column rules run down from there.
  const banded = !ruledAbove || ruledAbove.y - below.y > 6 * header.h;
  if (banded && header.yBottom - below.y > 2 * header.h) return null;
  const above = banded ? { y: header.yTop + header.h, x0: below.x0, x1: below.x1 } : ruledAbove;
  const left = Math.max(above.x0, below.x0, header.limitLeft);
  const right = Math.min(above.x1, below.x1, header.limitRight);
  const reaches = banded
    ? (v: { y0: number; y1: number }) => v.y1 >= below.y - EPS && v.y1 <= below.y + 2 * header.h && v.y0 < below.y - header.h
    : (v: { y0: number; y1: number }) => v.y0 <= below.y + EPS && v.y1 >= above.y - EPS;
  const xs = r.v
    .filter((v) => v.x > left - EPS && v.x < right + EPS && reaches(v))
    .map((v) => v.x)
    .sort((a, b) => a - b);
  // The outermost rules crossing the header row are the table's edges.
  const bounds = dedupe(xs);
  if (bounds.length < 3) return null;
  const inHeader = splitAtBoundaries(
    page.items.filter((p) => p.y > below.y && p.y < above.y),
    bounds.slice(1, -1),
    0.2 * EPS,
  );
  const columns: TableColumn[] = [];
  const titles: ReturnType<typeof matchTitle>[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [l, rr] = [bounds[i], bounds[i + 1]];
    const lines = groupLines(inHeader.filter((p) => centreX(p) > l && centreX(p) < rr));
    const texts = lines.map((ln) => joinPieces(ln.items));
    // Stacked titles (序号 over NO.), or one title wrapped inside its cell ("Quan-" / "tity").
    const joined = texts.length > 1 ? joinTitleLines(texts) : null;
    // Stacked titles (Pos. over Item, 代号 over CODE: each line a title, or two scripts) count;
    // "Unit" over "price" is one title, not a unit.
    const each = texts.map(matchTitle);
    const found = each.filter((t) => t);
    const stacked =
      found.length && found.every((t) => t!.field === found[0]!.field) && (found.length === each.length || mixedScripts(texts)) ? found[0] : null;
    titles.push(joined?.title ?? stacked ?? null);
    columns.push({ field: null, label: joined?.label ?? texts[0] ?? "", left: l, right: rr });
  }
  assignFields(titles).forEach((f, i) => (columns[i].field = f));
  const mapped = columns.filter((c) => c.field);
  if (mapped.length < 2 || new Set(mapped.map((c) => c.field)).size < mapped.length) return null;
  return { columns, inner: bounds.slice(1, -1), top: above.y, bottom: below.y };
}

function dedupe(xs: number[]): number[] {
  const out: number[] = [];
  for (const x of xs) if (!out.length || Math.abs(x - out[out.length - 1]) > 2 * EPS) out.push(x);
  return out;
}

const centreX = (p: TextPiece) => p.x + p.w / 2;
const centreY = (p: TextPiece) => p.y + 0.3 * p.h;

/**
 * The header's ruled table read in each direction (null in both when the header is not inside
 * a ruled table). The header's grid does not depend on the direction, so it is found once.
 */
export function parseLattice(page: PageText, r: Rulings, header: HeaderCandidate): (dir: Direction) => ParsedTable | null {
  const grid = headerGrid(page, r, header);
  return (dir) => (grid ? readGrid(page, r, grid, dir) : null);
}

/**
 * A table continued on a page without its header: the previous page's columns, starting at
 * the outermost horizontal rule under which those column rules run.
 */
export function continueLattice(page: PageText, r: Rulings, columns: TableColumn[], dir: Direction): ParsedTable | null {
  const inner = columns.slice(1).map((c) => c.left);
  const left = columns[0].left;
  const right = columns[columns.length - 1].right;
  const full = r.h.filter((l) => l.x0 <= left + EPS && l.x1 >= right - EPS).sort((a, b) => b.y - a.y);
  for (const l of dir === "down" ? full : [...full].reverse()) {
    const probe = dir === "down" ? l.y - 2 : l.y + 2;
    const hits = inner.filter((x) => r.v.some((v) => Math.abs(v.x - x) < EPS && v.y0 <= probe && v.y1 >= probe));
    if (hits.length < Math.max(1, inner.length / 2)) continue;
    const grid: Grid = { columns, inner, top: l.y, bottom: l.y };
    const t = readGrid(page, r, grid, dir);
    if (t.rows.length) return t;
  }
  return null;
}

function readGrid(page: PageText, r: Rulings, grid: Grid, dir: Direction): ParsedTable {
  let { columns } = grid;
  const left = columns[0].left;
  const right = columns[columns.length - 1].right;
  const width = right - left;

  // Row separators: horizontal rules across most of the table, beyond the header row.
  const ys = dedupe(
    r.h
      .filter((l) => Math.min(l.x1, right) - Math.max(l.x0, left) > 0.6 * width)
      .map((l) => l.y)
      .filter((y) => (dir === "down" ? y < grid.bottom - EPS : y > grid.top + EPS))
      .sort((a, b) => (dir === "down" ? b - a : a - b)),
  );
  const bands: [number, number, boolean][] = [];
  let edge = dir === "down" ? grid.bottom : grid.top;
  const ruledAt = (x: number, y: number) => r.v.some((v) => Math.abs(v.x - x) < EPS && v.y0 <= y && v.y1 >= y);
  for (const y of ys) {
    const [lo, hi] = dir === "down" ? [y, edge] : [edge, y];
    const mid = (lo + hi) / 2;
    const continuing = grid.inner.filter((x) => ruledAt(x, mid));
    // A row merged over the whole width (a section heading in a word-processor table) keeps
    // only the outer rules; the table goes on below it.
    const merged = ruledAt(left, mid) && ruledAt(right, mid);
    const open = continuing.length < Math.max(1, grid.inner.length / 2);
    if (open && !merged) break;
    bands.push([lo, hi, open]);
    edge = y;
  }
  if (dir === "up") bands.reverse(); // top to bottom

  const entries: Entry[] = [];
  const inTable = bands.length ? page.items.filter((p) => centreX(p) > left && centreX(p) < right) : [];
  const firstCol = inTable.filter((p) => centreX(p) < columns[0].right);
  columns = withNumbering(
    columns,
    bands.map(([lo, hi]) => cellText(firstCol.filter((p) => centreY(p) > lo && centreY(p) < hi))),
  );
  const fields = columns.map((c) => c.field);
  let emptyBefore = false;
  for (const [lo, hi, merged] of bands) {
    const inside = inTable.filter((p) => centreY(p) > lo && centreY(p) < hi);
    if (!inside.length) {
      emptyBefore = entries.length > 0;
      continue;
    }
    // A merged band holds a heading: one short line. Anything else (a title block under the
    // table, inside the same frame) ends the table.
    if (merged && !isHeadingText(inside)) break;
    // A merged band's text is one cell, put under the column at its centre.
    const inBand = merged ? inside : splitAtBoundaries(inside, grid.inner, 0.2 * EPS);
    const mid = merged ? (Math.min(...inside.map((p) => p.x)) + Math.max(...inside.map((p) => p.x + p.w))) / 2 : 0;
    const cellPieces = columns.map((c) =>
      merged ? (mid > c.left && mid <= c.right ? inside : []) : inBand.filter((p) => centreX(p) > c.left && centreX(p) < c.right),
    );
    const cells = cellPieces.map((ps) => cellText(ps));
    let kind = classifyCells(cells, fields);
    if (kind === "stop") break;
    // A ruled band of its own with several cells filled is a row, even without item or quantity
    // (a specification's document rows); text in one cell is a heading or a wrapped cell (row-builder).
    if (kind === "continue" && !merged && cells.filter((c) => c).length >= 2) kind = "start";
    entries.push({ cells, cellPieces, kind, y: (lo + hi) / 2, emptyBefore, box: [left, lo, right, hi], merged });
    emptyBefore = false;
  }
  const out = buildRows(page, entries, columns, dir);
  if (dir === "up") out.reverse();
  return { method: "lattice", direction: dir, rows: out, columns };
}

/** Lines in different scripts (CJK or Cyrillic over Latin): a title with its translation. */
function mixedScripts(texts: string[]): boolean {
  const script = (t: string) => (/[\u3400-\u9fff]/u.test(t) ? "cjk" : /\p{Script=Cyrillic}/u.test(t) ? "cyr" : "lat");
  return new Set(texts.map(script)).size > 1;
}

function isHeadingText(pieces: TextPiece[]): boolean {
  const lines = groupLines(pieces);
  if (lines.length !== 1) return false;
  const text = joinPieces(lines[0].items);
  return /\p{L}/u.test(text) && text.length <= 80;
}

/**
 * Lines of a cell top to bottom, joined with one space, also where a word or a file name was
 * broken (the rule the real-world truth files follow: what the page prints, not a guess).
 */
function cellText(pieces: TextPiece[]): string | null {
  if (!pieces.length) return null;
  // Most cells hold one piece: groupLines() would make it one line (none if not horizontal).
  if (pieces.length === 1) return pieces[0].horizontal ? joinPieces(pieces) || null : null;
  return (
    groupLines(pieces)
      .map((l) => joinPieces(l.items))
      .join(" ") || null
  );
}
