// Title-block reading: find label cells in the bottom-right part of the sheet and give each
// the nearest value cell to its right (same line) or just below it (label-over-value cells).
import type { TitleBlock } from "../types.js";
import { groupLines, joinPieces, splitRuns, type PageText } from "../pdf-text/index.js";
import { KEY_FIELDS, matchHeaderField } from "../pdf-bom/header-synonyms.js";
import { cleanLabel, splitInlineLabel, titleKey, type TitleKey } from "./title-labels.js";

interface Cell {
  text: string;
  x0: number;
  x1: number;
  y: number;
  h: number;
}

interface Label extends Cell {
  key: TitleKey;
  /** Value printed in the same cell ("SCALE 1:2"), if any. */
  inline: string | null;
}

// ISO 7200 title blocks are at most 180 mm wide; allow generous margins around that.
const REGION_X = 0.45;
const REGION_Y = 0.4;

function regionCells(page: PageText): Cell[][] {
  const inRegion = page.items.filter((p) => p.x + p.w > REGION_X * page.width && p.y < REGION_Y * page.height);
  return groupLines(inRegion).map((line) =>
    splitRuns(line.items, 0.8).map((run) => ({
      text: joinPieces(run),
      x0: run[0].x,
      x1: Math.max(...run.map((p) => p.x + p.w)),
      y: line.y,
      h: Math.max(...run.map((p) => p.h)),
    })),
  );
}

/** A parts-list header line (ITEM | NAME | QTY …) is not part of the title block. */
function isBomHeaderLine(cells: Cell[]): boolean {
  const fields = cells.map((c) => matchHeaderField(c.text)).filter((f) => f !== null);
  return new Set(fields).size >= 2 && fields.some((f) => KEY_FIELDS.includes(f));
}

export function readTitleBlock(page: PageText): TitleBlock | null {
  const labels: Label[] = [];
  const values: Cell[] = [];
  for (const line of regionCells(page)) {
    if (isBomHeaderLine(line)) continue;
    for (const c of line) {
      const key = titleKey(c.text);
      if (key) {
        labels.push({ ...c, key, inline: null });
        continue;
      }
      const split = splitInlineLabel(c.text);
      if (split) labels.push({ ...c, text: split.label, key: titleKey(split.label) ?? "other", inline: split.value });
      else values.push(c);
    }
  }
  if (!labels.length) return null;

  const pairs: { label: Label; value: Cell; score: number }[] = [];
  for (const label of labels) {
    if (label.inline) continue;
    for (const value of values) {
      const score = pairScore(label, value, labels);
      if (score !== null) pairs.push({ label, value, score });
    }
  }
  // Greedy by distance: each label takes one value, each value serves one label.
  pairs.sort((a, b) => a.score - b.score);
  const taken = new Map<Label, string>();
  const used = new Set<Cell>();
  for (const p of pairs) {
    if (taken.has(p.label) || used.has(p.value)) continue;
    taken.set(p.label, p.value.text);
    used.add(p.value);
  }

  const block: TitleBlock = { title: null, drawingNumber: null, revision: null, date: null, fields: {} };
  // Labels nearer the bottom-right corner win when a label occurs twice.
  labels.sort((a, b) => a.y - b.y || b.x0 - a.x0);
  for (const label of labels) {
    const value = (label.inline ?? taken.get(label) ?? "").trim();
    if (!value) continue;
    if (label.key === "other") {
      const name = cleanLabel(label.text);
      if (!(name in block.fields)) block.fields[name] = value;
    } else if (block[label.key] === null) {
      block[label.key] = value;
    }
  }
  return block;
}

/** Lower is better; null when the value cannot belong to the label. */
function pairScore(label: Label, value: Cell, labels: Label[]): number | null {
  const h = Math.max(label.h, value.h);
  // Same line, to the right, with no other label in between.
  if (Math.abs(value.y - label.y) <= 0.5 * h && value.x0 >= label.x1 - 1) {
    const dx = value.x0 - label.x1;
    if (dx > Math.max(12 * label.h, 120)) return null;
    const blocked = labels.some((o) => o !== label && Math.abs(o.y - label.y) <= 0.5 * h && o.x0 >= label.x1 && o.x1 <= value.x0);
    return blocked ? null : dx;
  }
  // Below: label printed small in the top-left corner of its cell, value underneath.
  if (value.y < label.y) {
    const gap = label.y - (value.y + 0.8 * value.h);
    if (gap < -0.3 * h || gap > 2 * h) return null;
    const overlaps = value.x0 <= label.x1 + label.h && value.x1 >= label.x0 - label.h;
    if (!overlaps || Math.abs(value.x0 - label.x0) > 8 * label.h) return null;
    return gap + 0.5 * Math.abs(value.x0 - label.x0) + 3;
  }
  return null;
}
