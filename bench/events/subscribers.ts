// The graphql-ws subscribers of one job for the event benchmarks, wherever they run (a thread
// of their own: subscriber-thread.ts, or a process: client-process.ts). Each subscriber checks
// its seqs (lost / reordered); delays (worker stamp → received) go into one histogram (µs).
import { createHistogram } from "node:perf_hooks";
import { subscribe, wsClient, type Received } from "./subscriber.js";

export interface SubscriberJob {
  wsUrl: string;
  jobId: string;
  subscribers: number;
  /** Subscriptions sharing one socket (graphql-ws multiplexes; the server allows 100). */
  perConnection: number;
  /** Worker-stamped events not recorded (warm-up). Default 0. */
  skip?: number;
  /** Return every recorded delay (ms) in the report. Default false. */
  keepDelays?: boolean;
}

export interface SubscriberReport {
  received: number;
  lost: number;
  reordered: number;
  firstAt: number;
  lastAt: number;
  p50: number;
  p99: number;
  max: number;
  resumes: number;
  delays?: number[];
}

/** Subscribes, calls `ready` once every subscription is live, resolves when all have completed. */
export async function runSubscribers(job: SubscriberJob, ready: () => void): Promise<SubscriberReport> {
  const hist = createHistogram();
  let toSkip = job.skip ?? 0;
  const delays: number[] = [];
  const record = (ms: number) => {
    if (toSkip > 0) return void toSkip--;
    hist.record(Math.max(1, Math.round(ms * 1000)));
    if (job.keepDelays) delays.push(ms);
  };
  const clients = Array.from({ length: Math.ceil(job.subscribers / job.perConnection) }, () => wsClient(job.wsUrl));
  const subs: Received[] = [];
  // Connect in waves: 1,000 sockets opened at once on a busy machine can miss graphql-ws's
  // 3 s connection-init window.
  for (let i = 0; i < job.subscribers; i += 100) {
    const wave: Received[] = [];
    for (let k = i; k < Math.min(job.subscribers, i + 100); k++) {
      wave.push(subscribe(clients[Math.floor(k / job.perConnection)]!, job.jobId, false, record));
    }
    await Promise.all(wave.map((s) => s.ready));
    subs.push(...wave);
  }
  ready();
  await Promise.all(subs.map((s) => s.done));
  await Promise.all(clients.map((c) => c.dispose()));
  return {
    received: subs.reduce((a, s) => a + s.count, 0),
    lost: subs.reduce((a, s) => a + s.lost, 0),
    reordered: subs.reduce((a, s) => a + s.reordered, 0),
    firstAt: Math.min(...subs.map((s) => s.firstAt)),
    lastAt: Math.max(...subs.map((s) => s.lastAt)),
    p50: hist.percentile(50) / 1000,
    p99: hist.percentile(99) / 1000,
    max: hist.max / 1000,
    resumes: subs.reduce((a, s) => a + s.resumes, 0),
    delays: job.keepDelays ? delays : undefined,
  };
}
