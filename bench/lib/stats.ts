// Small statistics helpers for the benchmarks: median / p99 of samples, timing repetitions.

export function quantile(xs: readonly number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest-rank: p99 of 100 samples is the 99th value, never an interpolated one.
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i]!;
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5);
export const p99 = (xs: readonly number[]) => quantile(xs, 0.99);

/** Absolute time in ms that is comparable across worker threads of one process. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Times `ours` and `raw` alternately (so drift hits both), after one warm-up of each.
 * Returns the per-repetition durations in ms.
 */
export async function interleave(
  reps: number,
  ours: () => Promise<unknown>,
  raw: () => Promise<unknown>,
): Promise<{ ours: number[]; raw: number[] }> {
  await raw();
  await ours();
  const out = { ours: [] as number[], raw: [] as number[] };
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    await raw();
    out.raw.push(performance.now() - t);
    t = performance.now();
    await ours();
    out.ours.push(performance.now() - t);
  }
  return out;
}

/** Samples process RSS every `everyMs` until stopped; returns the peak in bytes. */
export function rssSampler(everyMs = 20): { stop(): number; peak(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    peak: () => Math.max(peak, process.memoryUsage.rss()),
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

export const MB = 1024 * 1024;
