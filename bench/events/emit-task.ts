// Bench-only piscina task: drives the REAL worker-side reporter (server/src/pool/reporter.ts)
// at a controlled rate. Each event carries its send time (ms, comparable across threads).
import type { MessagePort } from "node:worker_threads";
import { portReporter } from "../../server/src/pool/reporter.js";

export interface EmitInput {
  count: number;
  /** Pause between events (ms); 0 = as fast as postMessage goes. */
  gapMs: number;
}

export default async function emit(task: { input: EmitInput; port: MessagePort }) {
  const reporter = portReporter(task.port);
  const { count, gapMs } = task.input;
  try {
    for (let i = 1; i <= count; i++) {
      reporter.stage((100 * i) / count, `bench event ${i}`, { i, t: performance.timeOrigin + performance.now() });
      if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    }
  } finally {
    reporter.end();
  }
  return { ok: true, result: count };
}
