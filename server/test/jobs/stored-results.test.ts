// Stored stage results carry their result schema version: a result stored by another version
// is not reused on resume or retry; that stage runs again, and so does every stage using it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESULT_VERSIONS, reusableResults, type StoredStageRun } from "../../src/jobs/stored-results.js";
import { gql } from "../support/graphql-client.js";
import { smallJob } from "../support/inputs.js";
import { followJob, runJobToEnd } from "../support/subscriptions.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const succeeded = (stage: keyof typeof RESULT_VERSIONS, version: number | null = RESULT_VERSIONS[stage]): StoredStageRun => ({
  stage,
  status: "SUCCEEDED",
  result: JSON.stringify({ stage }),
  resultVersion: version,
});

describe("reusableResults", () => {
  it("reuses succeeded results of the current version", () => {
    const { done, stale } = reusableResults([
      succeeded("PDF_BOM"),
      succeeded("PDF_DEEP"),
      { stage: "STEP_EXTRACT", status: "FAILED", result: null, resultVersion: null },
    ]);
    expect([...done.keys()]).toEqual(["PDF_BOM", "PDF_DEEP"]);
    expect(done.get("PDF_BOM")).toEqual({ stage: "PDF_BOM" });
    expect(stale).toEqual([]);
  });

  it("reruns a result of another version (or none: stored before versions) and the stages using it", () => {
    const all = (["PDF_BOM", "PDF_DEEP", "STEP_EXTRACT", "MATCHING", "GENERATE"] as const).map((s) => succeeded(s));
    const older = reusableResults(all.map((r) => (r.stage === "STEP_EXTRACT" ? { ...r, resultVersion: RESULT_VERSIONS.STEP_EXTRACT - 1 } : r)));
    expect([...older.done.keys()]).toEqual(["PDF_BOM", "PDF_DEEP"]);
    expect(older.stale).toEqual(["STEP_EXTRACT", "MATCHING", "GENERATE"]);
    const unversioned = reusableResults(all.map((r) => (r.stage === "PDF_DEEP" ? { ...r, resultVersion: null } : r)));
    expect([...unversioned.done.keys()]).toEqual(["PDF_BOM", "STEP_EXTRACT", "MATCHING"]);
    expect(unversioned.stale).toEqual(["PDF_DEEP", "GENERATE"]);
  });
});

describe("a retried job with a result stored by another version", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("runs that stage and the stages using it again, reusing the rest", async () => {
    const inputs = await smallJob("versions");
    const { jobId, events: first } = await runJobToEnd(server, inputs.pdf, inputs.step);
    expect(first.at(-1)!.kind).toBe("JOB_SUCCEEDED");

    // As if PDF_BOM had been stored by an older build and the job had then failed.
    const { db } = server.services;
    await db.stageRun.update({ where: { jobId_stage: { jobId, stage: "PDF_BOM" } }, data: { resultVersion: RESULT_VERSIONS.PDF_BOM - 1 } });
    await db.job.update({ where: { id: jobId }, data: { status: "FAILED" } });
    const retried = await gql(server.url, `mutation ($id: ID!) { retryJob(id: $id) { status } }`, { id: jobId });
    expect(retried.errors).toBeUndefined();
    const second = await followJob(server.wsUrl, jobId, { afterSeq: first.at(-1)!.seq });

    expect(second.at(-1)!.kind).toBe("JOB_SUCCEEDED");
    const started = second.find((e) => e.kind === "JOB_STARTED")!;
    expect(started.data.resumedStages).toEqual(["PDF_DEEP", "STEP_EXTRACT"]);
    expect(started.data.staleStages).toEqual(["PDF_BOM", "MATCHING", "GENERATE"]);
    expect(second.filter((e) => e.kind === "STAGE_STARTED").map((e) => e.stage)).toEqual(["PDF_BOM", "MATCHING", "GENERATE"]);
    const runs = await db.stageRun.findMany({ where: { jobId }, select: { stage: true, resultVersion: true } });
    expect(runs.every((r) => r.resultVersion === RESULT_VERSIONS[r.stage as keyof typeof RESULT_VERSIONS])).toBe(true);
  });
});
