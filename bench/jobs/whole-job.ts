// Whole job on the fixtures: 1 job alone against the sum of the raw stage baselines; 8 jobs at
// once on a pool of 1 worker and on a pool of 2 (how throughput scales with the pool); the main
// thread's event-loop delay while the pool is saturated (the 8 jobs) against an idle server.
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fixture } from "../inputs/make-inputs.js";
import { startBenchServer } from "../lib/server.js";
import { median, p99 } from "../lib/stats.js";
import type { Row } from "../lib/table.js";
import { rawOcct, rawPdfText } from "../stages/raw.js";
import { runJobs } from "./run-jobs.js";

async function loopDelay<T>(during: () => Promise<T>): Promise<{ value: T; p50: number; p99: number }> {
  // Samples are the time between 1 ms timer ticks: subtract the tick to get the lag.
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const value = await during();
  h.disable();
  const lag = (p: number) => Math.max(0, h.percentile(p) / 1e6 - 1);
  return { value, p50: lag(50), p99: lag(99) };
}

export async function wholeJob(quick: boolean): Promise<Row[]> {
  const pdf = fixture("pdf/gearbox-assembly-drawing.pdf");
  const step = fixture("step/as1-oc-214.stp");
  if (!pdf || !step) return [{ figure: "whole job", unit: "ms", median: NaN, p99: NaN, target: "report", note: "skipped: fixtures absent" }];
  const poolSize = 2;
  const concurrent = 8;
  const server = await startBenchServer({ poolSize, maxConcurrentJobs: concurrent });
  try {
    // Raw baseline: the library calls of the stages, one after the other.
    const rawSum: number[] = [];
    await rawPdfText(pdf); // warm-up: both libraries loaded (a cold pdfjs made the first sum 2× slow)
    await rawOcct(step);
    for (let i = 0; i < (quick ? 2 : 3); i++) {
      const t = performance.now();
      await rawPdfText(pdf); // PDF_BOM
      await rawPdfText(pdf); // PDF_DEEP
      await rawOcct(step); // STEP_EXTRACT
      rawSum.push(performance.now() - t);
    }
    // Warm-up: every worker must have loaded pdfjs and occt (a module load or wasm compile in
    // the timed runs would count against the pool of 2 only): jobs at once, twice.
    for (let i = 0; i < 2; i++) await runJobs(server, 2 * poolSize, pdf, step);
    const single: number[] = [];
    for (let i = 0; i < (quick ? 2 : 3); i++) single.push(...(await runJobs(server, 1, pdf, step)).each);
    const idle = await loopDelay(() => new Promise((r) => setTimeout(r, quick ? 1500 : 3000)));
    const busy = await loopDelay(() => runJobs(server, concurrent, pdf, step));
    const { wallMs: onePool, cpuMs: onePoolCpu } = await concurrentOnPoolOfOne(concurrent, pdf, step);
    const seqJobsPerMin = 60_000 / median(single);
    const concJobsPerMin = (concurrent * 60_000) / busy.value.wallMs;
    const poolOneJobsPerMin = (concurrent * 60_000) / onePool;
    // A pool cannot go faster than the cores under it, and the main thread (with this
    // benchmark's clients, which live in the server's process) needs CPU too: with C cores and
    // every job costing `cpu` ms of CPU in all threads (measured on the pool of 1), no pool
    // finishes more than C / cpu jobs per ms.
    const cores = os.availableParallelism();
    const cpuPerJob = onePoolCpu / concurrent;
    const cpuBound = (cores / cpuPerJob) * (onePool / concurrent);
    const ideal = Math.min(poolSize, cpuBound);
    const scale = concJobsPerMin / poolOneJobsPerMin;
    return [
      {
        figure: "whole job on the fixtures, 1 at a time",
        unit: "ms",
        median: median(single),
        p99: p99(single),
        baseline: "Σ raw stage calls",
        baseMedian: median(rawSum),
        baseP99: p99(rawSum),
        ratio: median(single) / median(rawSum),
        target: "report",
        note: "ours also uploads, runs MATCHING and GENERATE (no raw library call to compare) and delivers every event",
      },
      {
        figure: `whole job, ${concurrent} concurrent (pool ${poolSize})`,
        unit: "ms/job",
        median: median(busy.value.each),
        p99: p99(busy.value.each),
        baseline: "same 8 jobs, pool 1",
        baseMedian: onePool / concurrent,
        ratio: scale,
        target: "report; throughput scales with pool",
        ok: scale >= 0.8 * ideal,
        note:
          `${concJobsPerMin.toFixed(1)} jobs/min on pool ${poolSize} vs ${poolOneJobsPerMin.toFixed(1)} on pool 1 = ${scale.toFixed(2)}× ` +
          `(${Math.round((100 * scale) / ideal)} % of the ${ideal.toFixed(2)}× that ${cores} cores allow at ${Math.round(cpuPerJob)} ms CPU per job in all threads; ` +
          `target ≥ 80 %); one at a time ${seqJobsPerMin.toFixed(1)} jobs/min`,
      },
      {
        figure: "event-loop delay, main thread, pool saturated",
        unit: "ms",
        median: busy.p50,
        p99: busy.p99,
        baseline: "idle server",
        baseMedian: idle.p50,
        baseP99: idle.p99,
        ratio: busy.p99 / idle.p99,
        target: "p99 < 20 ms",
        ok: busy.p99 < 20,
      },
    ];
  } finally {
    await server.stop();
  }
}

/**
 * Wall time and CPU time of the whole process (all threads; ms) of `n` jobs at once on a server
 * whose pool has one worker (after a warm-up job).
 */
async function concurrentOnPoolOfOne(n: number, pdf: string, step: string): Promise<{ wallMs: number; cpuMs: number }> {
  const server = await startBenchServer({ poolSize: 1, maxConcurrentJobs: n });
  try {
    await runJobs(server, 1, pdf, step);
    const cpu = process.cpuUsage();
    const { wallMs } = await runJobs(server, n, pdf, step);
    const used = process.cpuUsage(cpu);
    return { wallMs, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await server.stop();
  }
}
