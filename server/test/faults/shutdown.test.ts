// SIGTERM: uploads are refused, the running stage may finish, sockets close with 1001, the
// process exits 0, and the job resumes where it stopped on the next start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../support/child-server.js";
import { gql, uploadJob } from "../support/graphql-client.js";
import { JOB_EVENTS, type JobEventResult, followJob, subscribe, jobEventsUntil } from "../support/subscriptions.js";
import { slowJob, smallJob } from "../support/inputs.js";
import { startTestServer } from "../support/test-server.js";

describe("graceful shutdown", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-term-"));
  const env = { DATABASE_URL: `file:${path.join(dir, "t.db")}`, STORAGE_DIR: path.join(dir, "s"), SHUTDOWN_GRACE_MS: "20000" };
  let server: ChildServer | null = null;
  afterEach(async () => {
    server?.proc.kill("SIGKILL");
    await server?.exited;
  });

  it("finishes the running stage, closes sockets with 1001, exits 0, and resumes on restart", async () => {
    server = await startChildServer(env);
    const inputs = await slowJob("term");
    const jobId = (await uploadJob(server.url, inputs.pdf, inputs.step)).body.data!.createJob.id;
    let closeCode = 0;
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (e) => (closeCode = (e as { code: number }).code) },
    });
    const live = subscribe<{ jobEvents: JobEventResult }>(client, JOB_EVENTS, { jobId });
    await live.next((r) => r.jobEvents.kind === "STAGE_STARTED" && r.jobEvents.stage === "STEP_EXTRACT");
    server.proc.kill("SIGTERM");
    const { code } = await server.exited;
    server = null;
    expect(code).toBe(0);
    expect(closeCode).toBe(1001);
    await client.dispose();

    // The stage that was running finished before exit (grace period), no later stage started.
    server = await startChildServer(env);
    const stored = await gql(server.url, `query ($id: ID!) { events(jobId: $id, first: 500) { seq kind stage data } }`, { id: jobId });
    expect(stored.errors, JSON.stringify(stored.errors)).toBeUndefined();
    const events = stored.data.events as JobEventResult[];
    const rest = await followJob(server.wsUrl, jobId, { afterSeq: events.at(-1)!.seq, timeoutMs: 60_000 });
    const all = [...events, ...rest];
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)!.kind).toBe("JOB_SUCCEEDED");
    // Before the restart (the second JOB_STARTED): STEP_EXTRACT finished, MATCHING never started.
    const starts = all.flatMap((e, i) => (e.kind === "JOB_STARTED" ? [i] : []));
    expect(starts).toHaveLength(2);
    const before = all.slice(0, starts[1]).map((e) => `${e.kind}:${e.stage ?? ""}`);
    expect(before).toContain("STAGE_SUCCEEDED:STEP_EXTRACT");
    expect(before).not.toContain("STAGE_STARTED:MATCHING");
    expect(all[starts[1]!]!.data.resumedStages).toEqual(expect.arrayContaining(["PDF_BOM", "PDF_DEEP", "STEP_EXTRACT"]));
  });

  it("refuses uploads with SHUTTING_DOWN once shutdown has begun", async () => {
    const local = await startTestServer({ shutdownGraceMs: 20_000 });
    const slow = await slowJob("busy");
    const jobId = (await uploadJob(local.url, slow.pdf, slow.step)).body.data!.createJob.id;
    // Shut down while STEP_EXTRACT runs: the server then waits for it, still answering HTTP.
    const { client } = await jobEventsUntil(local.wsUrl, jobId, (e) => e.kind === "STAGE_STARTED" && e.stage === "STEP_EXTRACT");
    await client.dispose();
    const closing = local.stop();
    const small = await smallJob("late");
    const up = await uploadJob(local.url, small.pdf, small.step);
    expect(up.body.errors![0]!.extensions!.code).toBe("SHUTTING_DOWN");
    await closing;
  });
});
