// Event latency: worker reporter.stage() → graphql-ws subscriber receives it, against a bare
// `ws` echo round trip on loopback. Both clients run in a process of their own, as real
// subscribers do, so the figure has the same shape as its baseline: one wake-up of a sleeping
// thread on the way in (stage worker → server thread; client → server thread) and one on the
// way out (server → client process). The previous method, both clients on the server's own
// thread, is also run and reported in the note: there the echo never sleeps between send and
// reply while every event wakes the server thread, and the client's garbage collection and
// compilation share the server's process (see BENCHMARKS.md).
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { median, p99 } from "../lib/stats.js";
import type { Row } from "../lib/table.js";
import { startBenchServer, type BenchServer } from "../lib/server.js";
import { createEmitPool, emitEvents, finishJob, newJob } from "./driver.js";
import { echoRoundTrips } from "./echo-client.js";
import { echoInProcess, subscribersInProcess } from "./remote.js";
import { subscribe, wsClient } from "./subscriber.js";
import type { Piscina } from "piscina";

const GAP_MS = 2;

async function echoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((r) => wss.once("listening", r));
  wss.on("connection", (s) => s.on("message", (m) => s.send(m)));
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    close: () => new Promise((r) => wss.close(() => r())),
  };
}

/** Event delays (ms) seen by a subscriber in a process of its own; `warm` events first, not recorded. */
async function eventsToProcess(server: BenchServer, pool: Piscina, count: number, warm: number): Promise<number[]> {
  const jobId = await newJob(server);
  const sub = await subscribersInProcess({ wsUrl: server.wsUrl, jobId, subscribers: 1, perConnection: 1, skip: warm, keepDelays: true });
  await emitEvents(server, pool, jobId, { count: warm, gapMs: GAP_MS });
  await emitEvents(server, pool, jobId, { count, gapMs: GAP_MS });
  await finishJob(server, jobId);
  const report = await sub.done;
  if (report.lost || report.reordered) throw new Error(`latency run lost ${report.lost}, reordered ${report.reordered}`);
  return report.delays!;
}

/** Event delays (ms) seen by a subscriber on this thread (the server's). */
async function eventsToThisThread(server: BenchServer, pool: Piscina, count: number, warm: number): Promise<number[]> {
  const client = wsClient(server.wsUrl);
  try {
    const jobId = await newJob(server);
    const sub = subscribe(client, jobId);
    await sub.ready;
    await emitEvents(server, pool, jobId, { count: warm, gapMs: GAP_MS });
    sub.latencies.length = 0;
    await emitEvents(server, pool, jobId, { count, gapMs: GAP_MS });
    await finishJob(server, jobId);
    await sub.done;
    return sub.latencies;
  } finally {
    await client.dispose();
  }
}

export async function eventLatency(quick: boolean): Promise<Row[]> {
  const count = quick ? 400 : 2000;
  // Enough events for V8 to finish optimising the event path (server and client): with 50,
  // compilations on background threads kept preempting the event loop through the whole run
  // (measured). Every client process is new, so every repetition warms up again.
  const warm = quick ? 1000 : 3000;
  const reps = quick ? 1 : 3;
  const server = await startBenchServer();
  const pool = createEmitPool();
  const echo = await echoServer();
  try {
    // Interleaved, pooled: one repetition's p99 swings with whatever else the machine did then.
    const base: number[] = [];
    const lat: number[] = [];
    const perRep: string[] = [];
    for (let i = 0; i < reps; i++) {
      const b = await echoInProcess({ url: echo.url, count, warm: warm / 4, gapMs: GAP_MS });
      const l = await eventsToProcess(server, pool, count, warm);
      base.push(...b);
      lat.push(...l);
      perRep.push(`${p99(l).toFixed(2)}/${p99(b).toFixed(2)}`);
    }
    const sameBase = await echoRoundTrips({ url: echo.url, count, warm: warm / 4, gapMs: GAP_MS });
    const sameLat = await eventsToThisThread(server, pool, count, warm / 4);
    return [
      {
        figure: `event latency (${reps} × ${count} events, 1 every ${GAP_MS} ms, subscriber in its own process)`,
        unit: "ms",
        median: median(lat),
        p99: p99(lat),
        baseline: "ws echo RTT, client in its own process",
        baseMedian: median(base),
        baseP99: p99(base),
        ratio: p99(lat) / p99(base),
        target: "p99 ≤ 2× baseline",
        ok: p99(lat) <= 2 * p99(base),
        note:
          `p99 ours/echo per repetition ${perRep.join(", ")} ms; each after ${warm} warm-up events; ` +
          `both clients on the server's thread (previous method): ` +
          `${median(sameLat).toFixed(2)} / ${p99(sameLat).toFixed(2)} ms vs echo ${median(sameBase).toFixed(2)} / ${p99(sameBase).toFixed(2)} ms ` +
          `(${(p99(sameLat) / p99(sameBase)).toFixed(2)}×)`,
      },
    ];
  } finally {
    await echo.close();
    await pool.destroy();
    await server.stop();
  }
}
