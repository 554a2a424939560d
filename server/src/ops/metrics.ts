// Prometheus metrics at /metrics (prom-client). A registry per server, so several servers in one
// process (tests) do not share series. Counts that live in the database (jobs by status, queue
// depth) are read when scraped; the rest is counted as events are stored.
import type { Request, Response } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db/prisma.js";
import type { StoredEvent } from "../events/event-types.js";
import { tasksInFlight, type StagePool } from "../pool/pool.js";

const JOB_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"];

export interface MetricsSources {
  db: Db;
  pool: StagePool;
  poolSize: number;
  /** Live GraphQL subscriptions on this instance's WebSockets. */
  subscriptions: () => number;
  wsConnections: () => number;
}

export interface Metrics {
  registry: Registry;
  /** Feed every stored event (EventLog.observe). */
  onEvent(e: StoredEvent): void;
  handler(req: Request, res: Response): Promise<void>;
}

export function createMetrics(src: MetricsSources): Metrics {
  const registry = new Registry();
  // process_*, nodejs_* including nodejs_eventloop_lag_seconds and its p50/p90/p99.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  new Gauge({
    name: "manualforge_jobs",
    help: "Jobs in the database by status",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const rows = await src.db.job.groupBy({ by: ["status"], _count: { _all: true } });
      const counts = new Map(rows.map((r) => [r.status, r._count._all]));
      for (const status of new Set([...JOB_STATUSES, ...counts.keys()])) this.set({ status }, counts.get(status) ?? 0);
    },
  });
  new Gauge({
    name: "manualforge_queue_depth",
    help: "Jobs waiting for a worker (QUEUED)",
    registers: [registry],
    async collect() {
      this.set(await src.db.job.count({ where: { status: "QUEUED" } }));
    },
  });
  const stageDuration = new Histogram({
    name: "manualforge_stage_duration_seconds",
    help: "Stage run time on this instance, by stage and outcome",
    labelNames: ["stage", "status"],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  const events = new Counter({
    name: "manualforge_events_total",
    help: "Job events stored by this instance, by kind (events/s: rate(manualforge_events_total[1m]))",
    labelNames: ["kind"],
    registers: [registry],
  });
  const jobsFinished = new Counter({
    name: "manualforge_jobs_finished_total",
    help: "Jobs this instance finished, by terminal status",
    labelNames: ["status"],
    registers: [registry],
  });
  new Gauge({
    name: "manualforge_subscriptions",
    help: "Live GraphQL subscriptions on this instance",
    registers: [registry],
    collect() {
      this.set(src.subscriptions());
    },
  });
  new Gauge({
    name: "manualforge_ws_connections",
    help: "Open graphql-ws connections on this instance",
    registers: [registry],
    collect() {
      this.set(src.wsConnections());
    },
  });
  new Gauge({
    name: "manualforge_pool_utilization",
    help: "Stage tasks in flight / worker threads (above 1: tasks wait in the pool queue)",
    registers: [registry],
    collect() {
      this.set(tasksInFlight(src.pool) / src.poolSize);
    },
  });
  new Gauge({
    name: "manualforge_pool_threads",
    help: "Live worker threads",
    registers: [registry],
    collect() {
      this.set(src.pool.threads.length);
    },
  });

  const TERMINAL: Record<string, string> = { JOB_SUCCEEDED: "SUCCEEDED", JOB_FAILED: "FAILED", JOB_CANCELLED: "CANCELLED" };
  return {
    registry,
    onEvent(e) {
      events.inc({ kind: e.kind });
      const ms = (e.data as { durationMs?: unknown } | null)?.durationMs;
      if ((e.kind === "STAGE_SUCCEEDED" || e.kind === "STAGE_FAILED") && e.stage && typeof ms === "number") {
        stageDuration.observe({ stage: e.stage, status: e.kind === "STAGE_SUCCEEDED" ? "SUCCEEDED" : "FAILED" }, ms / 1000);
      }
      if (TERMINAL[e.kind]) jobsFinished.inc({ status: TERMINAL[e.kind] });
    },
    async handler(_req, res) {
      res.set("Content-Type", registry.contentType);
      res.send(await registry.metrics());
    },
  };
}
