// Fault injection for the fault tests (and for chaos drills): MANUALFORGE_FAILPOINTS (config
// `failpoints`, handed to each worker as its workerData) makes a stage misbehave when one of its
// input files has a given name. Off unless set.
//   MANUALFORGE_FAILPOINTS="STEP_EXTRACT:hang:slow.step;PDF_DEEP:oom:big.pdf;PDF_BOM:throw:bad.pdf"
// Modes: hang (busy loop, never returns), oom (allocates until the heap limit), throw.
import path from "node:path";
import { workerData } from "node:worker_threads";
import type { StageName } from "../stages/types.js";
import type { WorkerSettings } from "./messages.js";

type Mode = "hang" | "oom" | "throw";

function parse(spec: string | undefined): { stage: string; mode: Mode; file: string }[] {
  if (!spec) return [];
  return spec
    .split(";")
    .map((s) => s.trim().split(":"))
    .filter((p) => p.length === 3)
    .map(([stage, mode, file]) => ({ stage: stage!, mode: mode as Mode, file: file! }));
}

const points = parse((workerData as Partial<WorkerSettings> | null)?.failpoints ?? undefined);

function inputFiles(input: unknown): string[] {
  const i = input as { pdfPath?: string; stepPaths?: string[] };
  return [i.pdfPath, ...(i.stepPaths ?? [])].filter((p): p is string => !!p).map((p) => path.basename(p));
}

export function triggerFailpoint(stage: StageName, input: unknown): void {
  if (!points.length) return;
  const files = inputFiles(input);
  const hit = points.find((p) => p.stage === stage && files.some((f) => f.endsWith(p.file)));
  if (!hit) return;
  if (hit.mode === "throw") throw new Error(`failpoint: ${stage} throws`);
  if (hit.mode === "hang") for (;;);
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
}
