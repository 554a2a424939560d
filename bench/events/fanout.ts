// Fan-out: many graphql-ws subscribers (in their own thread) on one job while the worker
// emits events as fast as it can: nothing may be lost or reordered; delay percentiles.
import type { Row } from "../lib/table.js";
import { startBenchServer } from "../lib/server.js";
import { createEmitPool, emitEvents, finishJob, newJob } from "./driver.js";
import { remoteSubscribers } from "./remote.js";

export async function fanOut(quick: boolean, events?: number): Promise<Row[]> {
  const subscribers = quick ? 200 : 1000;
  const count = events ?? (quick ? 500 : 5000);
  const server = await startBenchServer();
  const pool = createEmitPool();
  try {
    const jobId = await newJob(server);
    const sub = await remoteSubscribers({ wsUrl: server.wsUrl, jobId, subscribers, perConnection: 1 });
    const t = performance.timeOrigin + performance.now();
    await emitEvents(server, pool, jobId, { count, gapMs: 0 });
    await finishJob(server, jobId);
    const rep = await sub.done;
    const expected = subscribers * (count + 2);
    const missing = expected - rep.received;
    const deliveries = subscribers * count;
    return [
      {
        figure: `fan-out: ${subscribers} subscribers × ${count} events`,
        unit: "ms delay",
        median: rep.p50,
        p99: rep.p99,
        target: "0 lost, 0 reordered, p99 reported",
        ok: missing === 0 && rep.lost === 0 && rep.reordered === 0,
        note: `lost ${rep.lost + Math.max(0, missing)}, reordered ${rep.reordered}, sockets resumed ${rep.resumes}; ${Math.round(deliveries / ((rep.lastAt - t) / 1000))} deliveries/s; max ${rep.max.toFixed(0)} ms`,
      },
    ];
  } finally {
    await pool.destroy();
    await server.stop();
  }
}
