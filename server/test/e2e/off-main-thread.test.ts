// Stages run on worker threads: while STEP_EXTRACT is busy meshing, the server still answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { collect, JOB_EVENTS } from "../support/subscriptions.js";
import { makeBomPdf } from "../support/make-bom-pdf.js";
import { makeStepAssembly } from "../support/make-step.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

describe("worker threads", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers queries while a stage is running", async () => {
    // Enough solids that meshing takes a while on a worker.
    const placements: [number, number, number][] = [];
    for (let i = 0; i < 300; i++) placements.push([(i % 20) * 12, Math.floor(i / 20) * 12, 5]);
    const step = makeStepAssembly({
      name: "grid",
      parts: [
        { name: "base", size: [250, 200, 5], placements: [[0, 0, 0]] },
        { name: "block", size: [10, 10, 10], placements },
      ],
    });
    const pdf = await makeBomPdf({
      rows: [
        { item: "1", name: "base", quantity: 1 },
        { item: "2", name: "block", quantity: 300 },
      ],
    });
    const up = await uploadJob(server.url, { name: "grid.pdf", content: pdf }, { name: "grid.step", content: step });
    const jobId = up.body.data!.createJob.id;

    const client = wsClient(server.wsUrl);
    let answeredWhileRunning: Promise<string> | null = null;
    await collect<{ jobEvents: { kind: string; stage: string } }>(client, JOB_EVENTS, { jobId }, 120_000, (r) => {
      if (!answeredWhileRunning && r.jobEvents.kind === "STAGE_STARTED" && r.jobEvents.stage === "STEP_EXTRACT") {
        answeredWhileRunning = gql(server.url, `query ($id: ID!) { job(id: $id) { stages { stage status } } }`, { id: jobId }).then(
          (res) => res.data.job.stages.find((s: { stage: string }) => s.stage === "STEP_EXTRACT").status,
        );
      }
    });
    await client.dispose();
    expect(answeredWhileRunning).not.toBeNull();
    expect(await answeredWhileRunning!).toBe("RUNNING");
  });
});
