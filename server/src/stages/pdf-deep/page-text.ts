// Plain text of a page in reading order: lines top to bottom, cells separated by two spaces.
import { groupLines, joinPieces, splitRuns, type PageText } from "../pdf-text/index.js";

export function pageToText(page: PageText): string {
  const lines = groupLines(page.items).map((line) =>
    splitRuns(line.items, 0.8)
      .map((run) => joinPieces(run))
      .join("  "),
  );
  // Rotated lettering (vertical dimensions) has no reading line; list it at the end.
  const rotated = page.items
    .filter((p) => !p.horizontal)
    .sort((a, b) => a.x - b.x || b.y - a.y)
    .map((p) => p.str);
  return [...lines, ...rotated].filter((l) => l.length > 0).join("\n");
}
