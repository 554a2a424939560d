// A graphql-ws subscriber of one job's events for the benchmarks: records, per event, the
// delay since the worker stamped it, and checks that seqs arrive complete and in order.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { SUBSCRIPTION } from "./driver.js";

export interface Received {
  /** Resolves when the first (stored) event arrived: the subscription is live. */
  ready: Promise<void>;
  /** Resolves at completion (terminal event). */
  done: Promise<void>;
  latencies: number[];
  count: number;
  /** When the first live (worker-stamped) event arrived. */
  firstAt: number;
  lost: number;
  reordered: number;
  /** When the last live (worker-stamped) event arrived. */
  lastAt: number;
  /** Times the socket dropped and the subscription resumed after its last seq. */
  resumes: number;
}

export function wsClient(wsUrl: string): Client {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
}

/** A dropped socket is resumed this many times per subscriber, like the SDK's watchJob does. */
const MAX_RESUMES = 20;

export function subscribe(client: Client, jobId: string, keepLatencies = true, onDelay?: (ms: number) => void): Received {
  let ready!: () => void;
  const r: Received = {
    ready: new Promise<void>((res) => (ready = res)),
    done: null as never,
    latencies: [],
    count: 0,
    firstAt: 0,
    lost: 0,
    reordered: 0,
    lastAt: 0,
    resumes: 0,
  };
  let last = 0;
  r.done = new Promise<void>((resolve, reject) => {
    const start = () =>
      client.subscribe<{ jobEvents: { seq: number; data: { t?: number } | null } }>(
        { query: SUBSCRIPTION, variables: { jobId, afterSeq: last } },
        {
          next: (v) => {
            const now = performance.timeOrigin + performance.now();
            const e = v.data!.jobEvents;
            if (e.seq <= last) r.reordered++;
            else if (e.seq > last + 1) r.lost += e.seq - last - 1;
            last = Math.max(last, e.seq);
            r.count++;
            if (e.data?.t) {
              r.firstAt ||= now;
              r.lastAt = now;
              if (keepLatencies) r.latencies.push(now - e.data.t);
              onDelay?.(now - e.data.t);
            }
            if (e.seq === 1) ready();
          },
          error: (e) => {
            // A closed socket (not a GraphQL error): resume after the last seq received.
            if (!Array.isArray(e) && r.resumes < MAX_RESUMES) {
              r.resumes++;
              start();
            } else reject(e instanceof Error ? e : new Error(`subscription failed: ${describe(e)}`));
          },
          complete: () => resolve(),
        },
      );
    start();
  });
  return r;
}

function describe(e: unknown): string {
  const c = e as { code?: number; reason?: string };
  return c && typeof c.code === "number" ? `socket closed ${c.code} ${c.reason ?? ""}` : JSON.stringify(e);
}
