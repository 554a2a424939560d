// Worker thread holding the graphql-ws subscribers of the throughput and fan-out figures, so
// the client side does not share the server's event loop. Each subscriber checks its seqs
// (lost / reordered); delays (worker stamp → received) go into one histogram (µs).
import { createHistogram } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { subscribe, wsClient, type Received } from "./subscriber.js";

export interface SubscriberJob {
  wsUrl: string;
  jobId: string;
  subscribers: number;
  /** Subscriptions sharing one socket (graphql-ws multiplexes; the server allows 100). */
  perConnection: number;
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
}

const job = workerData as SubscriberJob;
const hist = createHistogram();
const clients = Array.from({ length: Math.ceil(job.subscribers / job.perConnection) }, () => wsClient(job.wsUrl));
const subs: Received[] = [];
// Connect in waves: 1,000 sockets opened at once on a busy machine can miss graphql-ws's
// 3 s connection-init window.
for (let i = 0; i < job.subscribers; i += 100) {
  const wave: Received[] = [];
  for (let k = i; k < Math.min(job.subscribers, i + 100); k++) {
    wave.push(subscribe(clients[Math.floor(k / job.perConnection)]!, job.jobId, false, (ms) => hist.record(Math.max(1, Math.round(ms * 1000)))));
  }
  await Promise.all(wave.map((s) => s.ready));
  subs.push(...wave);
}
parentPort!.postMessage({ type: "ready" });
await Promise.all(subs.map((s) => s.done));
const report: SubscriberReport = {
  received: subs.reduce((a, s) => a + s.count, 0),
  lost: subs.reduce((a, s) => a + s.lost, 0),
  reordered: subs.reduce((a, s) => a + s.reordered, 0),
  firstAt: Math.min(...subs.map((s) => s.firstAt)),
  lastAt: Math.max(...subs.map((s) => s.lastAt)),
  p50: hist.percentile(50) / 1000,
  p99: hist.percentile(99) / 1000,
  max: hist.max / 1000,
  resumes: subs.reduce((a, s) => a + s.resumes, 0),
};
await Promise.all(clients.map((c) => c.dispose()));
parentPort!.postMessage({ type: "done", report });
