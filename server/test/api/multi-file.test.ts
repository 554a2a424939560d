// createJob with an assembly in several files: a .zip of STEP files in `steps`, and a top
// assembly whose part files are missing (reported by name). Plus jobUpdated and bomTable.
import fs from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, wsClient } from "../support/graphql-client.js";
import { collect, JOB_EVENTS } from "../support/subscriptions.js";
import { makeBomPdf } from "../support/make-bom-pdf.js";
import { makeStepAssembly } from "../support/make-step.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const EXTERNAL = path.resolve(import.meta.dirname, "../../../../shared/fixtures/step/external-refs-assembly.STEP");
const CREATE = `mutation ($pdf: Upload!, $step: Upload!, $steps: [Upload!]) { createJob(pdf: $pdf, step: $step, steps: $steps) { id } }`;

async function upload(url: string, files: { name: string; content: Buffer | Uint8Array | string }[]) {
  const form = new FormData();
  const steps = files.slice(2).map(() => null);
  form.append("operations", JSON.stringify({ query: CREATE, variables: { pdf: null, step: null, steps } }));
  const map: Record<string, string[]> = { 0: ["variables.pdf"], 1: ["variables.step"] };
  files.slice(2).forEach((_, i) => (map[String(i + 2)] = [`variables.steps.${i}`]));
  form.append("map", JSON.stringify(map));
  files.forEach((f, i) => form.append(String(i), new Blob([typeof f.content === "string" ? f.content : new Uint8Array(f.content)]), f.name));
  const res = await fetch(url, { method: "POST", body: form, headers: { "apollo-require-preflight": "true" } });
  return (await res.json()) as { data?: { createJob: { id: string } }; errors?: unknown[] };
}

describe("multi-file assemblies", () => {
  let server: TestServer;
  let pdf: Buffer;
  beforeAll(async () => {
    server = await startTestServer();
    pdf = await makeBomPdf({
      rows: [
        { item: "1", partNumber: "P-1", name: "plate", quantity: 1 },
        { item: "2", partNumber: "B-2", name: "bracket", quantity: 2 },
      ],
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function finish(jobId: string) {
    const client = wsClient(server.wsUrl);
    const updates = collect<{ jobUpdated: { status: string } }>(
      client,
      `subscription ($id: ID!) { jobUpdated(jobId: $id) { status } }`,
      { id: jobId },
      120_000,
    );
    await collect(client, JOB_EVENTS, { jobId }, 120_000);
    const seen = (await updates).map((u) => u.jobUpdated.status);
    await client.dispose();
    const { data } = await gql(
      server.url,
      `query ($id: ID!) { job(id: $id) { status errorCode errorMessage parts { name instanceCount fileName } bomTable { page headerMap } } }`,
      { id: jobId },
    );
    return { job: data.job, seen };
  }

  it("accepts a .zip of STEP files next to the main file; jobUpdated follows the job to its end", async () => {
    const main = makeStepAssembly({ name: "main", parts: [{ name: "plate", size: [100, 60, 5], placements: [[0, 0, 0]] }] });
    const brackets = makeStepAssembly({
      name: "brackets",
      parts: [
        {
          name: "bracket",
          size: [10, 60, 30],
          placements: [
            [0, 0, 5],
            [90, 0, 5],
          ],
        },
      ],
    });
    const zip = zipSync({ "parts/brackets.step": strToU8(brackets) });
    const res = await upload(server.url, [
      { name: "d.pdf", content: pdf },
      { name: "main.step", content: main },
      { name: "parts.zip", content: zip },
    ]);
    expect(res.errors).toBeUndefined();
    const { job, seen } = await finish(res.data!.createJob.id);
    expect(job.status, JSON.stringify(job)).toBe("SUCCEEDED");
    const names = job.parts.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(["plate", "bracket"]));
    expect(job.bomTable.page).toBe(1);
    expect(Object.values(job.bomTable.headerMap)).toEqual(expect.arrayContaining(["item", "partNumber", "name", "quantity"]));
    expect(seen.at(-1)).toBe("SUCCEEDED");
    expect(seen).toContain("RUNNING");
  });

  it.skipIf(!fs.existsSync(EXTERNAL))("names the part files a top assembly references but nobody uploaded", async () => {
    const res = await upload(server.url, [
      { name: "d.pdf", content: pdf },
      { name: "external-refs-assembly.STEP", content: fs.readFileSync(EXTERNAL) },
    ]);
    const { job } = await finish(res.data!.createJob.id);
    expect(job).toMatchObject({ status: "FAILED", errorCode: "STEP_EXTERNAL_REFERENCES_MISSING" });
    expect(job.errorMessage).toMatch(/\.STEP/i);
  });
});
