// kill -9 of the server mid-job: on restart the job resumes from its first unfinished stage
// and its event log continues gaplessly; past MAX_INTERRUPTIONS it fails with INTERRUPTED.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../support/child-server.js";
import { gql, uploadJob } from "../support/graphql-client.js";
import { type JobEventResult, followJob, jobEventsUntil } from "../support/subscriptions.js";
import { slowJob } from "../support/inputs.js";

describe("kill -9 and restart", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-kill-"));
  let server: ChildServer | null = null;
  afterEach(async () => {
    server?.proc.kill("SIGKILL");
    await server?.exited;
    server = null;
  });

  async function killMidStepExtract(env: Record<string, string>) {
    server = await startChildServer(env);
    const inputs = await slowJob();
    const up = await uploadJob(server.url, inputs.pdf, inputs.step);
    const jobId = up.body.data!.createJob.id;
    const { events: before, client } = await jobEventsUntil(server.wsUrl, jobId, (e) => e.kind === "STAGE_STARTED" && e.stage === "STEP_EXTRACT");
    server.proc.kill("SIGKILL");
    await server.exited;
    await client.dispose();
    server = null;
    return { jobId, before };
  }

  it("resumes the job from its first unfinished stage, continuing the same event log", async () => {
    const env = { DATABASE_URL: `file:${path.join(dir, "a.db")}`, STORAGE_DIR: path.join(dir, "a") };
    const { jobId, before } = await killMidStepExtract(env);
    expect(before.some((e) => e.kind === "STAGE_SUCCEEDED" && e.stage === "PDF_BOM")).toBe(true);

    server = await startChildServer(env);
    const last = before.at(-1)!.seq;
    const after = await followJob(server.wsUrl, jobId, { afterSeq: last, timeoutMs: 120_000 });

    const all = [...before, ...after];
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(after.at(-1)!.kind).toBe("JOB_SUCCEEDED");
    const restarted = after.find((e) => e.kind === "JOB_STARTED")!;
    expect(restarted.data.resumedStages).toContain("PDF_BOM");
    // PDF_BOM was not run again.
    expect(after.some((e) => e.kind === "STAGE_STARTED" && e.stage === "PDF_BOM")).toBe(false);
    const stored = await gql(server.url, `query ($id: ID!) { events(jobId: $id, first: 1000) { seq } job(id: $id) { status attempt } }`, {
      id: jobId,
    });
    expect(stored.data.events.map((e: JobEventResult) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(stored.data.job).toEqual({ status: "SUCCEEDED", attempt: 2 });
  });

  it("fails the job with INTERRUPTED once it was interrupted MAX_INTERRUPTIONS times", async () => {
    const env = { DATABASE_URL: `file:${path.join(dir, "b.db")}`, STORAGE_DIR: path.join(dir, "b"), MAX_INTERRUPTIONS: "1" };
    const { jobId } = await killMidStepExtract(env);
    server = await startChildServer(env);
    const events = await followJob(server.wsUrl, jobId, { timeoutMs: 30_000 });
    expect(events.at(-1)!.kind).toBe("JOB_FAILED");
    expect(events.at(-1)!.data.code).toBe("INTERRUPTED");
    const { data } = await gql(server.url, `query ($id: ID!) { job(id: $id) { status errorCode } }`, { id: jobId });
    expect(data.job).toEqual({ status: "FAILED", errorCode: "INTERRUPTED" });
  });
});
