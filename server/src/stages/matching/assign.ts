// One-to-one assignment of BOM rows to CAD parts maximising the total score. Greedy
// "best pair first" can strand a row whose only candidate was taken by a row that had
// alternatives; the Hungarian algorithm finds the global optimum.

/** Pairs scoring below this are never reported as matches. */
export const MIN_MATCH_SCORE = 0.5;

/**
 * Hungarian algorithm (shortest augmenting path with potentials, O(n³)) on a square cost
 * matrix. Returns assignment[row] = column.
 */
export function hungarian(cost: number[][]): number[] {
  const n = cost.length;
  // 1-based arrays; column 0 is the virtual source of each augmenting path.
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0); // p[col] = row assigned to col
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j]! > 0) assignment[p[j]! - 1] = j - 1;
  return assignment;
}

/**
 * Assign rows to columns of a (rows × cols) score matrix, maximising the sum of scores.
 * Scores below `minScore` count as 0 so the solver never trades a real match for a weak one.
 * Returns, per row, the column index or null when the row stays unmatched.
 */
export function assignMaxScore(scores: number[][], minScore = MIN_MATCH_SCORE): (number | null)[] {
  const rows = scores.length;
  const cols = rows ? Math.max(...scores.map((r) => r.length)) : 0;
  if (!rows || !cols) return new Array<number | null>(rows).fill(null);
  const n = Math.max(rows, cols);
  const eff = (i: number, j: number) => {
    const s = i < rows ? (scores[i]![j] ?? 0) : 0;
    return s >= minScore ? s : 0;
  };
  let max = 0;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) max = Math.max(max, eff(i, j));
  // Padding rows/columns score 0: a row paired with padding is simply unmatched.
  const cost = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => max - eff(i, j)));
  const assignment = hungarian(cost);
  return Array.from({ length: rows }, (_, i) => {
    const j = assignment[i]!;
    return j >= 0 && j < cols && eff(i, j) > 0 ? j : null;
  });
}
