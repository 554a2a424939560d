// Peak RSS of the whole server process (its worker threads included) while it runs one job
// on a ~20 MB STEP assembly (as1-oc-214 copies placed on a grid) and the drawing PDF.
import { fixture } from "../inputs/make-inputs.js";
import { startBenchServer } from "../lib/server.js";
import { MB, rssSampler } from "../lib/stats.js";
import type { Row } from "../lib/table.js";
import { bigFixtureStep } from "../stages/stages.js";
import { runJobs } from "./run-jobs.js";

export async function peakRss(): Promise<Row[]> {
  const pdf = fixture("pdf/gearbox-assembly-drawing.pdf");
  const step = await bigFixtureStep();
  if (!pdf || !step) return [{ figure: "peak RSS, 20 MB STEP job", unit: "MB", median: NaN, p99: NaN, target: "< 1.5 GB", note: "skipped: fixtures absent" }];
  const server = await startBenchServer({ poolSize: 2, maxConcurrentJobs: 1 });
  try {
    const before = process.memoryUsage.rss();
    const rss = rssSampler(25);
    const { wallMs } = await runJobs(server, 1, pdf, step);
    const peak = rss.stop();
    return [
      {
        figure: "peak RSS, one job on a 20 MB STEP (process incl. workers)",
        unit: "MB",
        median: peak / MB,
        p99: peak / MB,
        target: "< 1.5 GB",
        ok: peak < 1.5 * 1024 * MB,
        note: `1 run; RSS before ${(before / MB).toFixed(0)} MB; job took ${(wallMs / 1000).toFixed(1)} s`,
      },
    ];
  } finally {
    await server.stop();
  }
}
