// Benchmark clients away from the server's event loop: the subscriber thread for one job
// (waits until every subscription is live), or a client in a process of its own.
import { fork } from "node:child_process";
import { Worker } from "node:worker_threads";
import type { ClientJob } from "./client-process.js";
import type { EchoJob } from "./echo-client.js";
import type { SubscriberJob, SubscriberReport } from "./subscribers.js";

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
  done.then(
    () => (end = worker.performance.eventLoopUtilization()),
    () => {},
  );
  return {
    done,
    busy: () => worker.performance.eventLoopUtilization(end ?? undefined, start).utilization,
    terminate: () => worker.terminate(),
  };
}

/** A client process: resolves `ready` once it is live (subscribers) and `done` with its result. */
function clientProcess<T>(client: ClientJob): { ready: Promise<void>; done: Promise<T> } {
  const child = fork(new URL("./client-process.ts", import.meta.url), [JSON.stringify(client)], {
    // A young generation large enough for the whole run: the client's own garbage collections
    // (a fresh process also compacts its old generation several times as it grows, 5–17 ms
    // each, measured) would otherwise be counted as the server's latency. Same for every client.
    execArgv: ["--import", "@swc-node/register/esm-register", "--max-semi-space-size=64", "--no-memory-reducer"],
  });
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  const done = new Promise<T>((resolve, reject) => {
    child.on("message", (m: { type: string; result?: T }) => (m.type === "ready" ? ready() : resolve(m.result!)));
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`client process exited ${code} before its result`)));
  });
  done.catch(() => {}); // reported through `ready` when it dies before it is live
  // A client that dies before it is live must not leave `ready` waiting.
  return { ready: Promise.race([isReady, done.then(() => {})]), done };
}

/** Subscribers of one job in a process of their own; resolves once they are live. */
export async function subscribersInProcess(job: SubscriberJob): Promise<{ done: Promise<SubscriberReport> }> {
  const client = clientProcess<SubscriberReport>({ kind: "subscribe", job });
  await client.ready;
  return { done: client.done };
}

/** Echo round trips (ms) from a client in a process of its own. */
export function echoInProcess(job: EchoJob): Promise<number[]> {
  return clientProcess<number[]>({ kind: "echo", job }).done;
}
