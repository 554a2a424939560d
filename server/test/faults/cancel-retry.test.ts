// cancelJob stops a running stage's worker and ends the log with JOB_CANCELLED;
// retryJob reruns it under the same id, continuing the log; a QUEUED job cancels at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { collect, JOB_EVENTS, type JobEventResult, followJob } from "../support/subscriptions.js";
import { slowJob, smallJob } from "../support/inputs.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const CANCEL = `mutation ($id: ID!) { cancelJob(id: $id) { id status } }`;
const RETRY = `mutation ($id: ID!) { retryJob(id: $id) { id status } }`;

describe("cancel and retry", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxConcurrentJobs: 1 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("cancels a running job, stopping its stage mid-run, then retries it to success under the same id", async () => {
    const inputs = await slowJob("cancel-me", 400);
    const jobId = (await uploadJob(server.url, inputs.pdf, inputs.step)).body.data!.createJob.id;
    const client = wsClient(server.wsUrl);
    const events = (
      await collect<{ jobEvents: JobEventResult }>(client, JOB_EVENTS, { jobId }, 60_000, (r) => {
        const e = r.jobEvents;
        if (e.kind === "STAGE_STARTED" && e.stage === "STEP_EXTRACT") void gql(server.url, CANCEL, { id: jobId });
      })
    ).map((r) => r.jobEvents);
    expect(events.at(-1)!.kind).toBe("JOB_CANCELLED");
    // The running stage was stopped, not waited for (how fast is a benchmark's business, not a test's).
    const stepEnd = events.filter((e) => e.stage === "STEP_EXTRACT" && (e.kind === "STAGE_SUCCEEDED" || e.kind === "STAGE_FAILED"));
    expect(stepEnd.map((e) => [e.kind, e.data.code])).toEqual([["STAGE_FAILED", "CANCELLED"]]);
    const job = await gql(server.url, `query ($id: ID!) { job(id: $id) { status errorCode stages { stage status } } }`, { id: jobId });
    expect(job.data.job.status).toBe("CANCELLED");
    expect(job.data.job.stages.find((s: { stage: string }) => s.stage === "STEP_EXTRACT").status).toBe("CANCELLED");

    // Cancelling again is a conflict, with a code.
    const again = await gql(server.url, CANCEL, { id: jobId });
    expect(again.errors![0]!.extensions!.code).toBe("JOB_STATE_CONFLICT");

    const retried = await gql(server.url, RETRY, { id: jobId });
    expect(retried.data.retryJob).toEqual({ id: jobId, status: "QUEUED" });
    const rest = (await collect<{ jobEvents: JobEventResult }>(client, JOB_EVENTS, { jobId, afterSeq: events.at(-1)!.seq }, 60_000)).map(
      (r) => r.jobEvents,
    );
    await client.dispose();
    const all = [...events, ...rest];
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(rest[0]!.kind).toBe("JOB_QUEUED");
    expect(rest.at(-1)!.kind).toBe("JOB_SUCCEEDED");
    expect(rest.find((e) => e.kind === "JOB_STARTED")!.data.resumedStages).toContain("PDF_BOM");
    // A subscriber from seq 0 now follows the whole history to the last terminal event.
    const full = await followJob(server.wsUrl, jobId);
    expect(full.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
  });

  it("cancels a QUEUED job at once and refuses to retry a job that is not final", async () => {
    const slow = await slowJob("blocker", 300);
    const blocker = (await uploadJob(server.url, slow.pdf, slow.step)).body.data!.createJob.id;
    const small = await smallJob("queued");
    const queued = (await uploadJob(server.url, small.pdf, small.step)).body.data!.createJob.id;
    const res = await gql(server.url, CANCEL, { id: queued });
    expect(res.data.cancelJob).toEqual({ id: queued, status: "CANCELLED" });
    const retryRunning = await gql(server.url, RETRY, { id: blocker });
    expect(retryRunning.errors![0]!.extensions!.code).toBe("JOB_STATE_CONFLICT");
    expect((await followJob(server.wsUrl, queued)).map((e) => e.kind)).toEqual(["JOB_QUEUED", "JOB_CANCELLED"]);
    await followJob(server.wsUrl, blocker);
  });

  it("answers NOT_FOUND for unknown jobs", async () => {
    const res = await gql(server.url, CANCEL, { id: "no-such-job" });
    expect(res.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    const client = wsClient(server.wsUrl);
    await expect(collect(client, JOB_EVENTS, { jobId: "no-such-job" })).rejects.toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });
    await client.dispose();
  });
});
