// Operators' view of a real server: JSON logs (requests, job lifecycle with stage timings, a
// crash with its job id), Prometheus metrics at /metrics, and /readyz checking its dependencies.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readiness } from "../../src/ops/readiness.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { makeInputs } from "../../../client/test/support/inputs.js";
import { createManualForgeClient, fileFrom, type ManualForgeClient } from "../../../client/src/sdk/index.js";

type Line = Record<string, any>;
const lines: Line[] = [];
const logStream = { write: (s: string) => void lines.push(JSON.parse(s)) };

let server: RunningServer;
let dir: string;
let base: string;
let mf: ManualForgeClient;
let okJob: string;
let crashJob: string;
let scrapedMidJob: Promise<string> | undefined;

async function runToEnd(pdfName: string): Promise<string> {
  const { pdf, step } = await makeInputs();
  const job = await mf.submitJob({ pdf: fileFrom(pdf, pdfName), step: fileFrom(step, "model.step") });
  // Scraped while this job's subscription is live.
  for await (const _ of mf.watchJob(job.id)) scrapedMidJob ??= fetch(`${base}/metrics`).then((r) => r.text());
  return job.id;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-ops-"));
  server = await startServer(
    {
      host: "127.0.0.1",
      port: 0,
      databaseUrl: `file:${path.join(dir, "t.db")}`,
      storageDir: path.join(dir, "s"),
      poolSize: 2,
      maxConcurrentJobs: 2,
      queuePollMs: 200,
      logLevel: "debug",
      failpoints: "PDF_BOM:throw:crash.pdf",
    }, // crash.pdf: PDF_BOM throws
    { logStream },
  );
  base = server.url.replace("/graphql", "");
  mf = createManualForgeClient({ url: base });
  [okJob, crashJob] = await Promise.all([runToEnd("drawing.pdf"), runToEnd("crash.pdf")]);
});
afterAll(async () => {
  await mf?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("logs", () => {
  it("are JSON lines: requests, job lifecycle with stage timings, and a crash with its job id", () => {
    for (const l of lines)
      expect(typeof l.time === "string" && typeof l.level === "number" && typeof l.msg === "string", JSON.stringify(l)).toBe(true);
    const upload = lines.find(
      (l) => l.msg === "request" && l.req?.method === "POST" && l.req?.path === "/graphql" && l.operationName === "CreateJob",
    );
    expect(upload?.res.statusCode).toBe(200);
    expect(typeof upload?.responseTimeMs).toBe("number");

    const of = (jobId: string) => lines.filter((l) => l.jobId === jobId).map((l) => `${l.event}${l.stage ? `:${l.stage}` : ""}`);
    expect(of(okJob)).toEqual(
      expect.arrayContaining([
        "JOB_QUEUED",
        "JOB_STARTED",
        "STAGE_STARTED:PDF_BOM",
        "STAGE_SUCCEEDED:PDF_BOM",
        "STAGE_SUCCEEDED:GENERATE",
        "JOB_SUCCEEDED",
      ]),
    );
    const stageDone = lines.find((l) => l.jobId === okJob && l.event === "STAGE_SUCCEEDED" && l.stage === "MATCHING");
    expect(stageDone?.durationMs).toBeGreaterThanOrEqual(0);

    const crash = lines.filter((l) => l.jobId === crashJob && l.level >= 50);
    expect(crash.map((l) => l.event)).toEqual(expect.arrayContaining(["STAGE_FAILED", "JOB_FAILED"]));
    expect(crash.find((l) => l.event === "JOB_FAILED")?.code).toBe("STAGE_CRASHED");
  });
});

describe("/metrics", () => {
  it("exposes jobs by status, stage durations, queue depth, events, subscriptions, pool and event-loop lag", async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}"+.]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);
    expect(value('manualforge_jobs{status="SUCCEEDED"}')).toBe(1);
    expect(value('manualforge_jobs{status="FAILED"}')).toBe(1);
    expect(value("manualforge_queue_depth")).toBe(0);
    expect(value('manualforge_stage_duration_seconds_count{stage="PDF_BOM",status="SUCCEEDED"}')).toBe(1);
    expect(value('manualforge_stage_duration_seconds_count{stage="PDF_BOM",status="FAILED"}')).toBe(1);
    expect(value('manualforge_events_total{kind="JOB_SUCCEEDED"}')).toBe(1);
    expect(value('manualforge_jobs_finished_total{status="FAILED"}')).toBe(1);
    expect(value("manualforge_subscriptions")).toBe(0); // all jobs done, every subscription completed
    const midJob = await scrapedMidJob!;
    expect(Number(/^manualforge_subscriptions (\S+)$/m.exec(midJob)?.[1])).toBeGreaterThanOrEqual(1);
    expect(value("manualforge_pool_threads")).toBe(2);
    expect(value("manualforge_pool_utilization")).toBe(0);
    expect(value("nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
  });
});

describe("/healthz and /readyz", () => {
  it("answer 200 with every dependency checked", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const res = await fetch(`${base}/readyz`);
    const body = (await res.json()) as { ok: boolean; checks: Record<string, { ok: boolean }> };
    expect(res.status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual(["accepting", "database", "pool", "storage"]);
    expect(Object.values(body.checks).every((c) => c.ok)).toBe(true);
  });

  it("/readyz answers 503 naming the failing check: unwritable storage, Redis down", async () => {
    const notADir = path.join(dir, "a-file");
    fs.writeFileSync(notADir, "");
    const { db } = server.services;
    const pool = { threads: [1] } as never;
    let status = 0;
    let body: any;
    const res = { status: (s: number) => ((status = s), res), json: (b: unknown) => (body = b) } as never;
    await readiness({ db, storageDir: notADir, pool, redisPing: () => Promise.reject(new Error("ECONNREFUSED")), accepting: () => true })(
      {} as never,
      res,
    );
    expect(status).toBe(503);
    expect(body.checks.storage.ok).toBe(false);
    expect(body.checks.redis).toMatchObject({ ok: false, error: "ECONNREFUSED" });
    expect(body.checks.database.ok).toBe(true);
  });
});
