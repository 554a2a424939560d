// Starts the subscriber thread for one job and waits until every subscription is live.
import { Worker } from "node:worker_threads";
import type { SubscriberJob, SubscriberReport } from "./subscriber-thread.js";

export interface RemoteSubscribers {
  done: Promise<SubscriberReport>;
  /** The subscriber thread's event-loop utilisation since it became ready (is the client the bottleneck?). */
  busy(): number;
  terminate(): Promise<number>;
}

export async function remoteSubscribers(job: SubscriberJob): Promise<RemoteSubscribers> {
  const worker = new Worker(new URL("./subscriber-thread.ts", import.meta.url), {
    workerData: job,
    execArgv: ["--import", "@swc-node/register/esm-register"],
  });
  let ready!: () => void;
  let fail!: (e: Error) => void;
  const isReady = new Promise<void>((res, rej) => ((ready = res), (fail = rej)));
  const done = new Promise<SubscriberReport>((resolve, reject) => {
    worker.on("message", (m: { type: string; report?: SubscriberReport }) => (m.type === "ready" ? ready() : resolve(m.report!)));
    worker.on("error", (e) => {
      const err = e instanceof Error ? e : new Error(`subscriber failed: ${JSON.stringify(e, ["code", "reason", "message"])}`);
      fail(err);
      reject(err);
    });
    worker.on("exit", (code) => (fail(new Error(`subscriber thread exited ${code}`)), reject(new Error(`subscriber thread exited ${code}`))));
  });
  done.catch(() => {});
  await isReady;
  const start = worker.performance.eventLoopUtilization();
  let end: ReturnType<typeof worker.performance.eventLoopUtilization> | null = null;
  done.then(() => (end = worker.performance.eventLoopUtilization()), () => {});
  return {
    done,
    busy: () => worker.performance.eventLoopUtilization(end ?? undefined, start).utilization,
    terminate: () => worker.terminate(),
  };
}
