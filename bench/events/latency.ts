// Event latency: worker reporter.stage() → graphql-ws subscriber receives it, against a bare
// `ws` echo round-trip on loopback, both paced the same way in the same process.
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { median, p99 } from "../lib/stats.js";
import type { Row } from "../lib/table.js";
import { startBenchServer } from "../lib/server.js";
import { createEmitPool, emitEvents, finishJob, newJob } from "./driver.js";
import { subscribe, wsClient } from "./subscriber.js";

async function wsEcho(count: number, gapMs: number): Promise<number[]> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((r) => wss.once("listening", r));
  wss.on("connection", (s) => s.on("message", (m) => s.send(m)));
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await new Promise((r) => ws.once("open", r));
  const rtts: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const back = new Promise((r) => ws.once("message", r));
    ws.send(JSON.stringify({ i, t, message: `bench event ${i}` }));
    await back;
    rtts.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  ws.close();
  await new Promise((r) => wss.close(r));
  return rtts;
}

export async function eventLatency(quick: boolean): Promise<Row[]> {
  const count = quick ? 400 : 2000;
  const gapMs = 2;
  const server = await startBenchServer();
  const pool = createEmitPool();
  const client = wsClient(server.wsUrl);
  try {
    const base = await wsEcho(count, gapMs);
    const jobId = await newJob(server);
    const sub = subscribe(client, jobId);
    await sub.ready;
    await emitEvents(server, pool, jobId, { count: 50, gapMs }); // warm-up
    sub.latencies.length = 0;
    await emitEvents(server, pool, jobId, { count, gapMs });
    await finishJob(server, jobId);
    await sub.done;
    const lat = sub.latencies;
    return [
      {
        figure: `event latency (${count} events, 1 every ${gapMs} ms)`,
        unit: "ms",
        median: median(lat),
        p99: p99(lat),
        baseline: "ws echo RTT",
        baseMedian: median(base),
        baseP99: p99(base),
        ratio: p99(lat) / p99(base),
        target: "p99 ≤ 2× baseline",
        ok: p99(lat) <= 2 * p99(base),
        note: sub.lost || sub.reordered ? `lost ${sub.lost}, reordered ${sub.reordered}` : "",
      },
    ];
  } finally {
    await client.dispose();
    await pool.destroy();
    await server.stop();
  }
}
