// End to end: a real server, a real multipart upload, real graphql-ws subscribers, real
// worker threads running every stage on a generated drawing PDF and a STEP assembly.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "../support/graphql-client.js";
import { type JobEventResult, followJob, runJobToEnd } from "../support/subscriptions.js";
import { AS1_BOM } from "../support/inputs.js";
import { makeBomPdf } from "../support/make-bom-pdf.js";
import { makeStepAssembly } from "../support/make-step.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../shared/fixtures");
const AS1 = path.join(FIXTURES, "step/as1-oc-214.stp");
const hasFixtures = fs.existsSync(AS1);
if (!hasFixtures) console.warn(`[skip] ${FIXTURES} not found: the AS1 fixture end-to-end test is skipped`);

const JOB_QUERY = `query ($id: ID!) { job(id: $id) {
  id status errorCode errorMessage
  stages { stage status progress durationMs startedAt finishedAt summary }
  bom { item partNumber name quantity material }
  parts { name instanceCount triangleCount }
  matches { bomIndex partIndex quantityOk reason }
  artifacts { name size sha256 url }
  manualUrl
} }`;

function checkEventLog(events: JobEventResult[]) {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events[0]!.kind).toBe("JOB_QUEUED");
  expect(events.at(-1)!.kind).toBe("JOB_SUCCEEDED");
  const started = (s: string) => events.findIndex((e) => e.kind === "STAGE_STARTED" && e.stage === s);
  const succeeded = (s: string) => events.findIndex((e) => e.kind === "STAGE_SUCCEEDED" && e.stage === s);
  // PDF_BOM first; PDF_DEEP and STEP_EXTRACT both start before either finishes; then MATCHING, GENERATE.
  expect(succeeded("PDF_BOM")).toBeLessThan(started("PDF_DEEP"));
  expect(succeeded("PDF_BOM")).toBeLessThan(started("STEP_EXTRACT"));
  expect(Math.max(started("PDF_DEEP"), started("STEP_EXTRACT"))).toBeLessThan(Math.min(succeeded("PDF_DEEP"), succeeded("STEP_EXTRACT")));
  expect(Math.max(succeeded("PDF_DEEP"), succeeded("STEP_EXTRACT"))).toBeLessThan(started("MATCHING"));
  expect(succeeded("MATCHING")).toBeLessThan(started("GENERATE"));
  for (const s of ["PDF_BOM", "PDF_DEEP", "STEP_EXTRACT", "MATCHING", "GENERATE"]) {
    const progress = events.filter((e) => e.kind === "STAGE_PROGRESS" && e.stage === s);
    expect(progress.length, `${s} progress updates`).toBeGreaterThanOrEqual(2);
    expect(events[succeeded(s)]!.data.summary, `${s} summary`).toBeTruthy();
  }
  const parallel = events.filter((e) => e.parallel);
  expect(parallel.length).toBeGreaterThan(0);
  expect(parallel.every((e) => e.parallel!.map((p) => p.stage).join() === "PDF_DEEP,STEP_EXTRACT")).toBe(true);
}

describe("pipeline end to end", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const runToEnd = (pdf: Buffer, step: { name: string; content: Buffer | string }) =>
    runJobToEnd(server, { name: "drawing.pdf", content: pdf }, step);

  it.skipIf(!hasFixtures)("runs the AS1 fixture live: ordered gapless events, parts, matches, manual", async () => {
    const pdf = await makeBomPdf({ title: "AS1 bracket assembly", drawingNumber: "AS1-000", rows: AS1_BOM });
    const { jobId, events } = await runToEnd(pdf, { name: "as1-oc-214.stp", content: fs.readFileSync(AS1) });
    checkEventLog(events);

    const { data } = await gql(server.url, JOB_QUERY, { id: jobId });
    const job = data.job;
    expect(job.status).toBe("SUCCEEDED");
    expect(job.bom).toEqual(AS1_BOM);
    const counts = Object.fromEntries(job.parts.map((p: { name: string; instanceCount: number }) => [p.name, p.instanceCount]));
    expect(counts).toEqual({ plate: 1, "l-bracket": 2, bolt: 6, nut: 8, rod: 1 });
    expect(job.matches.every((m: { partIndex: number | null; quantityOk: boolean }) => m.partIndex !== null && m.quantityOk)).toBe(true);
    for (const s of job.stages) {
      expect(s.status).toBe("SUCCEEDED");
      expect(s.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(job.manualUrl).toMatch(/\/artifacts\/.+\/manual\.html$/);
    const html = await fetch(job.manualUrl);
    expect(html.status).toBe(200);
    const text = await html.text();
    for (const name of ["plate", "l-bracket", "bolt", "nut", "rod"]) expect(text).toContain(name);
    const pdfArtifact = job.artifacts.find((a: { name: string }) => a.name === "manual.pdf");
    const pdfRes = await fetch(pdfArtifact.url);
    const bytes = Buffer.from(await pdfRes.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.length).toBe(pdfArtifact.size);

    // A subscriber arriving after the end gets the whole log again, then completion.
    const replay = await followJob(server.wsUrl, jobId, { afterSeq: 0 });
    expect(replay.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(replay.map((e) => e.kind)).toEqual(events.map((e) => e.kind));
    // …and from the middle, only what follows.
    const mid = Math.floor(events.length / 2);
    const rest = await followJob(server.wsUrl, jobId, { afterSeq: mid });
    expect(rest.map((e) => e.seq)).toEqual(events.slice(mid).map((e) => e.seq));
    // The events query returns the same log.
    const stored = await gql(server.url, `query ($id: ID!) { events(jobId: $id, first: 1000) { seq kind } }`, { id: jobId });
    expect(stored.data.events.map((e: JobEventResult) => e.seq)).toEqual(events.map((e) => e.seq));
  });

  it("runs a generated drawing and generated STEP assembly (no shared fixtures needed)", async () => {
    const rows = [
      { item: "1", partNumber: "BP-100", name: "base plate", quantity: 1, material: "S235" },
      { item: "2", partNumber: "BR-200", name: "bracket", quantity: 2, material: "AlMg3" },
      { item: "3", partNumber: "PN-300", name: "pin", quantity: 4, material: "Steel" },
    ];
    const step = makeStepAssembly({
      name: "test-assembly",
      parts: [
        { name: "base plate", size: [100, 60, 5], placements: [[0, 0, 0]] },
        {
          name: "bracket",
          size: [10, 60, 30],
          placements: [
            [0, 0, 5],
            [90, 0, 5],
          ],
        },
        {
          name: "pin",
          size: [4, 4, 12],
          placements: [
            [3, 10, 35],
            [3, 50, 35],
            [93, 10, 35],
            [93, 50, 35],
          ],
        },
      ],
    });
    const pdf = await makeBomPdf({ title: "Test assembly", drawingNumber: "TA-1", rows });
    const { jobId, events } = await runToEnd(pdf, { name: "test-assembly.step", content: step });
    checkEventLog(events);
    const { data } = await gql(server.url, JOB_QUERY, { id: jobId });
    expect(data.job.bom).toEqual(rows);
    const counts = Object.fromEntries(data.job.parts.map((p: { name: string; instanceCount: number }) => [p.name, p.instanceCount]));
    expect(counts).toEqual({ "base plate": 1, bracket: 2, pin: 4 });
    expect(data.job.matches.filter((m: { partIndex: number | null }) => m.partIndex !== null)).toHaveLength(3);
  });
});
