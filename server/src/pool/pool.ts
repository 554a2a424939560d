// The worker pool, and running one stage on it with its progress forwarded to a callback.
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { StageInputs, StageName } from "../stages/types.js";
import type { StageOutcome, WorkerMessage, WorkerSettings } from "./messages.js";
import { workerEntry } from "./worker-entry.js";

export type StagePool = Piscina;

export interface PoolOptions {
  size: number;
  /** V8 heap limit per worker (MB); a worker past it dies and is replaced. */
  maxMemoryMb: number;
  /** Fault injection spec handed to every worker (see failpoints.ts); null = off. */
  failpoints?: string | null;
  /** config.workerBuild: a compiled build to take the worker from (tests); see worker-entry.ts. */
  workerBuild?: string | null;
}

export function createStagePool({ size, maxMemoryMb, failpoints = null, workerBuild = null }: PoolOptions): StagePool {
  const { filename, execArgv } = workerEntry(import.meta.url, "./worker", workerBuild);
  return new Piscina({
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    filename,
    minThreads: size,
    maxThreads: size,
    idleTimeout: 60_000,
    execArgv,
    workerData: { failpoints } satisfies WorkerSettings,
  });
}

/** Stage tasks submitted to each pool and not yet settled (running or queued): its load, for /metrics. */
const inFlight = new WeakMap<StagePool, number>();
export function tasksInFlight(pool: StagePool): number {
  return inFlight.get(pool) ?? 0;
}

/**
 * Runs one stage on the pool. Every message the worker posts is handed to `onMessage` in the
 * order posted; the returned promise settles only after the worker's last message was
 * delivered (or its port closed), so nothing about the stage arrives after its outcome.
 */
export async function runStageOnPool<S extends StageName>(
  pool: StagePool,
  stage: S,
  input: StageInputs[S],
  onMessage: (m: Exclude<WorkerMessage, { type: "end" }>) => void,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<StageOutcome<S>> {
  const { port1, port2 } = new MessageChannel();
  const timeout = AbortSignal.timeout(timeoutMs);
  const ended = new Promise<void>((resolve) => {
    port1.on("message", (m: WorkerMessage) => {
      if (m.type === "end") resolve();
      else onMessage(m);
    });
    // A worker that dies (crash, out of memory, terminated) closes its end of the channel.
    port1.on("close", () => resolve());
  });
  inFlight.set(pool, tasksInFlight(pool) + 1);
  try {
    const outcome = (await pool.run(
      { stage, input, port: port2 },
      { transferList: [port2], signal: AbortSignal.any([signal, timeout]) },
    )) as StageOutcome<S>;
    await ended;
    return outcome;
  } catch (err) {
    const e = err as Error;
    // Let messages the worker posted before it died arrive first (bounded: a dead port closes).
    await Promise.race([ended, new Promise((r) => setTimeout(r, 1000).unref())]);
    if (timeout.aborted && !signal.aborted) {
      return { ok: false, code: "STAGE_TIMEOUT", message: `${stage} did not finish within ${timeoutMs} ms; its worker was stopped` };
    }
    if (signal.aborted) return { ok: false, code: "CANCELLED", message: `${stage} was stopped` };
    if ((e as { code?: string })?.code === "ERR_WORKER_OUT_OF_MEMORY") {
      return { ok: false, code: "WORKER_OUT_OF_MEMORY", message: `${stage} ran out of memory; its worker was replaced` };
    }
    return { ok: false, code: "WORKER_CRASHED", message: `${stage} worker died: ${e?.message ?? String(err)}` };
  } finally {
    inFlight.set(pool, tasksInFlight(pool) - 1);
    port1.close();
  }
}
