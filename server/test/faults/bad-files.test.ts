// Broken and hostile files that pass the upload checks end as FAILED jobs with a code and a
// reason; the server keeps serving and earlier jobs are untouched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deepNestingPdf, encryptedPdf, manyEntityStep, manyPagePdf, zeroPagePdf } from "../support/bad-files.js";
import { gql, uploadJob, wsClient } from "../support/graphql-client.js";
import { collect, JOB_EVENTS } from "../support/subscriptions.js";
import { smallJob } from "../support/inputs.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const JOB = `query ($id: ID!) { job(id: $id) { status errorCode errorStage errorMessage } }`;

describe("broken files", () => {
  let server: TestServer;
  let good: Awaited<ReturnType<typeof smallJob>>;
  let firstJob: string;
  beforeAll(async () => {
    server = await startTestServer({ maxPdfPages: 1000 });
    good = await smallJob("good");
    firstJob = (await uploadJob(server.url, good.pdf, good.step)).body.data!.createJob.id;
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function outcome(pdf: Buffer, step: string) {
    const up = await uploadJob(server.url, { name: "in.pdf", content: pdf }, { name: "in.step", content: step });
    expect(up.body.errors, JSON.stringify(up.body.errors)).toBeUndefined();
    const jobId = up.body.data!.createJob.id;
    const client = wsClient(server.wsUrl);
    await collect(client, JOB_EVENTS, { jobId }, 120_000);
    await client.dispose();
    return (await gql(server.url, JOB, { id: jobId })).data.job;
  }

  it("truncated PDF → FAILED PDF_INVALID", async () => {
    const job = await outcome(good.pdf.content.subarray(0, Math.floor(good.pdf.content.length * 0.3)), good.step.content);
    expect(job).toMatchObject({ status: "FAILED", errorStage: "PDF_BOM" });
    // Without a text layer the pages go to OCR, where poppler may refuse the broken file.
    expect(["PDF_INVALID", "NO_TEXT_LAYER", "PDF_RENDER_FAILED"]).toContain(job.errorCode);
  });

  it("encrypted PDF → FAILED PDF_ENCRYPTED", async () => {
    expect(await outcome(await encryptedPdf(), good.step.content)).toMatchObject({
      status: "FAILED",
      errorCode: "PDF_ENCRYPTED",
      errorStage: "PDF_BOM",
    });
  });

  it("PDF with zero pages → FAILED PDF_NO_PAGES", async () => {
    expect(await outcome(zeroPagePdf(), good.step.content)).toMatchObject({ status: "FAILED", errorCode: "PDF_NO_PAGES" });
  });

  it("5,000-page PDF → FAILED PDF_TOO_MANY_PAGES (MAX_PDF_PAGES)", async () => {
    expect(await outcome(manyPagePdf(5000), good.step.content)).toMatchObject({ status: "FAILED", errorCode: "PDF_TOO_MANY_PAGES" });
  });

  it("PDF bomb (objects nested 100,000 deep) → FAILED with a code", async () => {
    const job = await outcome(deepNestingPdf(), good.step.content);
    expect(job.status).toBe("FAILED");
    expect(job.errorCode).toMatch(/^PDF_|^NO_TEXT_LAYER$/);
  });

  it("truncated STEP → FAILED STEP_INVALID", async () => {
    const job = await outcome(good.pdf.content, good.step.content.slice(0, Math.floor(good.step.content.length / 2)));
    expect(job).toMatchObject({ status: "FAILED", errorCode: "STEP_INVALID", errorStage: "STEP_EXTRACT" });
  });

  it("STEP with 1,000,000 entities and no solids → FAILED with a code", async () => {
    const job = await outcome(good.pdf.content, manyEntityStep(1_000_000));
    expect(job.status).toBe("FAILED");
    expect(job.errorStage).toBe("STEP_EXTRACT");
    expect(job.errorCode).toMatch(/^STEP_/);
  });

  it("kept serving: the first job still succeeded and a new one succeeds", async () => {
    const client = wsClient(server.wsUrl);
    await collect(client, JOB_EVENTS, { jobId: firstJob }, 60_000);
    await client.dispose();
    expect((await gql(server.url, JOB, { id: firstJob })).data.job.status).toBe("SUCCEEDED");
    expect((await outcome(good.pdf.content, good.step.content)).status).toBe("SUCCEEDED");
  });
});
