// A stage that throws, runs out of memory or hangs past STAGE_TIMEOUT_MS fails its job with the
// stage and a code; the pool replaces the worker and other jobs still succeed.
// Faults are injected with the server's failpoints setting (server/src/pool/failpoints.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { collect, JOB_EVENTS } from "../support/subscriptions.js";
import { smallJob } from "../support/inputs.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const JOB = `query ($id: ID!) { job(id: $id) { status errorCode errorStage errorMessage } }`;

describe("worker faults", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      stageTimeoutMs: 12_000,
      workerMaxMemoryMb: 160,
      maxConcurrentJobs: 2,
      failpoints: "PDF_BOM:throw:throws.pdf;PDF_DEEP:oom:oom.pdf;PDF_BOM:hang:hangs.pdf",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function run(name: string) {
    const inputs = await smallJob(name);
    const jobId = (await uploadJob(server.url, inputs.pdf, inputs.step)).body.data!.createJob.id;
    const client = wsClient(server.wsUrl);
    const events = await collect<{ jobEvents: { kind: string; data: any } }>(client, JOB_EVENTS, { jobId }, 90_000);
    await client.dispose();
    const { data } = await gql(server.url, JOB, { id: jobId });
    return { last: events.at(-1)!.jobEvents, job: data.job };
  }

  it("a stage that throws → FAILED with STAGE_CRASHED in that stage", async () => {
    const { last, job } = await run("throws");
    expect(last.kind).toBe("JOB_FAILED");
    expect(job).toMatchObject({ status: "FAILED", errorCode: "STAGE_CRASHED", errorStage: "PDF_BOM" });
  });

  it("a worker out of memory → FAILED with WORKER_OUT_OF_MEMORY, the pool keeps serving", async () => {
    const { job } = await run("oom");
    expect(job).toMatchObject({ status: "FAILED", errorCode: "WORKER_OUT_OF_MEMORY", errorStage: "PDF_DEEP" });
    const ok = await run("recovered");
    expect(ok.job, JSON.stringify(ok.job)).toMatchObject({ status: "SUCCEEDED" });
  });

  it("a hung stage → FAILED with STAGE_TIMEOUT while another job runs to success", async () => {
    const [hung, other] = await Promise.all([run("hangs"), run("healthy")]);
    expect(hung.job).toMatchObject({ status: "FAILED", errorCode: "STAGE_TIMEOUT", errorStage: "PDF_BOM" });
    expect(other.job.status).toBe("SUCCEEDED");
    const after = await run("afterwards");
    expect(after.job.status).toBe("SUCCEEDED");
  });
});
