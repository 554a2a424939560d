// Peak RSS of the server while it runs one job on a ~20 MB STEP assembly (as1-oc-214 copies
// placed on a grid) and the drawing PDF. The server runs as `npm start` runs it: compiled
// (dist/, built here first) in its own process, so neither the benchmark's own modules nor the
// TypeScript loader are counted. The peak is the kernel's high-water mark of that process
// (VmHWM: every thread, never missed between samples); sampling only says which stage it was.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startChildServer } from "#test-support/child-server.js";
import { fixture } from "../inputs/make-inputs.js";
import type { Row } from "../lib/table.js";
import { bigFixtureStep } from "../stages/stages.js";
import { upload, waitForEnd } from "./run-jobs.js";

const REPO = path.resolve(import.meta.dirname, "../..");

/** VmRSS / VmHWM of a process, in MB. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

export async function peakRss(): Promise<Row[]> {
  const figure = "peak RSS, one job on a 20 MB STEP (server process, compiled)";
  const pdf = fixture("pdf/gearbox-assembly-drawing.pdf");
  const step = await bigFixtureStep();
  if (!pdf || !step) return [{ figure, unit: "MB", median: NaN, p99: NaN, target: "< 1.5 GB", note: "skipped: fixtures absent" }];
  if (!fs.existsSync("/proc/self/status")) return [{ figure, unit: "MB", median: NaN, p99: NaN, target: "< 1.5 GB", note: "skipped: no /proc" }];
  execFileSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: REPO, stdio: "inherit" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-bench-rss-"));
  const server = await startChildServer(
    { DATABASE_URL: `file:${path.join(dir, "db.sqlite")}`, STORAGE_DIR: path.join(dir, "storage"), SANDBOX: "false", MAX_CONCURRENT_JOBS: "1" },
    { compiled: true },
  );
  const pid = server.proc.pid!;
  try {
    const idle = memoryOf(pid).rss;
    // Which stages were running at the highest sample.
    const running = new Set<string>();
    let phase = "upload";
    let top = { rss: 0, phase };
    const timer = setInterval(() => {
      const { rss } = memoryOf(pid);
      if (rss > top.rss) top = { rss, phase };
    }, 25);
    const t = performance.now();
    try {
      const id = await upload(server.url, pdf, step);
      await waitForEnd(server.wsUrl, id, (e) => {
        if (e.kind === "STAGE_STARTED") running.add(e.stage!);
        else if (e.kind === "STAGE_SUCCEEDED" || e.kind === "STAGE_FAILED") running.delete(e.stage!);
        else return;
        phase = [...running].join(" + ") || "between stages";
      });
    } finally {
      clearInterval(timer);
    }
    const wallMs = performance.now() - t;
    const peak = memoryOf(pid).hwm;
    return [
      {
        figure,
        unit: "MB",
        median: peak,
        p99: peak,
        target: "< 1.5 GB",
        ok: peak < 1.5 * 1024,
        note: `1 run; idle ${idle.toFixed(0)} MB; highest sample during ${top.phase}; job took ${(wallMs / 1000).toFixed(1)} s`,
      },
    ];
  } finally {
    server.proc.kill("SIGTERM");
    await server.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
