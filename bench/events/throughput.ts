// Event throughput of one job: events/s delivered to one graphql-ws subscriber (each one
// persisted before it is published), against the same events written straight to SQLite
// (better-sqlite3, one prepared statement, one transaction) in the same run.
import Database from "better-sqlite3";
import { performance } from "node:perf_hooks";
import { median, p99 } from "../lib/stats.js";
import type { Row } from "../lib/table.js";
import { createRunningJob, startBenchServer, type BenchServer } from "../lib/server.js";
import { createEmitPool, emitEvents, finishJob, newJob } from "./driver.js";
import { remoteSubscribers } from "./remote.js";

/** The same rows the event log writes, inserted raw; returns events/s. */
function rawSqlite(server: BenchServer, jobId: string, count: number): number {
  const db = new Database(server.config.databaseUrl.replace(/^file:/, ""));
  try {
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(
      `INSERT INTO "JobEvent" ("jobId","seq","at","kind","stage","progress","message","level","data") VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    const t = performance.now();
    db.transaction(() => {
      for (let i = 1; i <= count; i++) {
        const at = new Date().toISOString();
        const data = JSON.stringify({ i, t: performance.timeOrigin + performance.now() });
        insert.run(jobId, i, at, "STAGE_PROGRESS", "PDF_BOM", Math.round((100 * i) / count), `bench event ${i}`, null, data);
      }
    })();
    return count / ((performance.now() - t) / 1000);
  } finally {
    db.close();
  }
}

export async function eventThroughput(quick: boolean): Promise<Row[]> {
  const count = quick ? 5_000 : 20_000;
  const reps = quick ? 3 : 4;
  const server = await startBenchServer();
  const pool = createEmitPool();
  const ours: number[] = [];
  const raw: number[] = [];
  let problems = 0;
  let resumes = 0;
  /** Share of the time the server's event loop was busy (is it the bottleneck?). */
  const busy: number[] = [];
  const clientBusy: number[] = [];
  try {
    for (let r = 0; r <= reps; r++) {
      raw.push(rawSqlite(server, await createRunningJob(server, `raw-${r}`), count));
      const jobId = await newJob(server);
      const sub = await remoteSubscribers({ wsUrl: server.wsUrl, jobId, subscribers: 1, perConnection: 1 });
      const t = performance.timeOrigin + performance.now();
      const elu = performance.eventLoopUtilization();
      await emitEvents(server, pool, jobId, { count, gapMs: 0 });
      await finishJob(server, jobId);
      const rep = await sub.done;
      busy.push(performance.eventLoopUtilization(elu).utilization);
      clientBusy.push(sub.busy());
      // Up to the last event received (the terminal one is excluded from the count).
      ours.push(count / ((rep.lastAt - t) / 1000));
      const stored = await server.services.db.jobEvent.count({ where: { jobId } });
      resumes += rep.resumes;
      problems += rep.lost + rep.reordered + (stored === count + 2 && rep.received === count + 2 ? 0 : 1);
    }
    ours.shift(); // the first repetition is the warm-up
    raw.shift();
    busy.shift();
    clientBusy.shift();
    const ratio = median(ours) / median(raw);
    return [
      {
        figure: `event throughput, 1 job → 1 subscriber (${count} events × ${reps})`,
        unit: "ev/s",
        median: median(ours),
        p99: quantileLow(ours),
        baseline: "raw SQLite, 1 tx",
        baseMedian: median(raw),
        baseP99: quantileLow(raw),
        ratio,
        target: "≥ 20,000 ev/s, ratio reported",
        ok: median(ours) >= 20_000 && problems === 0,
        note: `p99 column = slowest run; event loop busy: server ${Math.round(100 * median(busy))}%, subscriber ${Math.round(100 * median(clientBusy))}%${resumes ? `; sockets resumed ${resumes}` : ""}${problems ? `; ${problems} lost/reordered/unstored` : ""}`,
      },
    ];
  } finally {
    await pool.destroy();
    await server.stop();
  }
}

/** For a rate, the "p99" worth reporting is the slow end: the lowest rate seen. */
function quantileLow(xs: number[]): number {
  return -p99(xs.map((x) => -x));
}
