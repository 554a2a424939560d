// The multipart upload path: each file part is streamed once to a staging file in STORAGE_DIR
// and renamed into its job folder. Files in any order (all of a later argument's file before
// an earlier one's), several STEP files, unmapped and missing parts, and a request cut short
// in the middle of a file: no job row, nothing left on disk.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "../support/graphql-client.js";
import { filesUnder, startTestServer, type TestServer } from "../support/test-server.js";
import { until } from "../support/until.js";

const CREATE = `mutation ($pdf: Upload!, $step: Upload!, $steps: [Upload!]) { createJob(pdf: $pdf, step: $step, steps: $steps) { id } }`;
const INPUTS = `query ($id: ID!) { job(id: $id) { inputs { role originalName size sha256 } } }`;
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
/** A file of `mb` MB with the given first line: bigger than every stream buffer on the way. */
const big = (first: string, mb: number) => Buffer.concat([Buffer.from(first), randomBytes(mb * 1024 * 1024)]);

type Part = { field: string; name: string; content: Buffer };

/** A multipart createJob with the parts in the order given; `map` says which field goes where. */
async function upload(url: string, map: Record<string, string[]>, parts: Part[], steps = 0) {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: CREATE, variables: { pdf: null, step: null, steps: steps ? Array(steps).fill(null) : null } }));
  form.append("map", JSON.stringify(map));
  for (const p of parts) form.append(p.field, new Blob([new Uint8Array(p.content)]), p.name);
  const res = await fetch(url, { method: "POST", body: form, headers: { "apollo-require-preflight": "true" } });
  return (await res.json()) as { data?: { createJob: { id: string } }; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

describe("streamed uploads", () => {
  let server: TestServer;
  const staging = () => path.join(server.config.storageDir, "incoming");
  const jobCount = async () => (await gql(server.url, `{ jobs { totalCount } }`)).data.jobs.totalCount as number;
  beforeAll(async () => {
    server = await startTestServer();
    await server.services.dispatcher.stop(0); // only the upload is under test: no job runs
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("takes files in any order: the STEP file arrives whole before the PDF the resolver waits for first", async () => {
    const pdf = big("%PDF-1.4\n", 3);
    const step = big("ISO-10303-21;\n", 4);
    const res = await upload(server.url, { 0: ["variables.pdf"], 1: ["variables.step"] }, [
      { field: "1", name: "model.step", content: step },
      { field: "0", name: "drawing.pdf", content: pdf },
    ]);
    expect(res.errors).toBeUndefined();
    const { data } = await gql(server.url, INPUTS, { id: res.data!.createJob.id });
    expect(data.job.inputs).toEqual([
      { role: "PDF", originalName: "drawing.pdf", size: pdf.length, sha256: sha256(pdf) },
      { role: "STEP", originalName: "model.step", size: step.length, sha256: sha256(step) },
    ]);
    expect(fs.readdirSync(staging())).toEqual([]);
  });

  it("stores two STEP files (step + steps), the same file twice, and ignores a part the map does not name", async () => {
    const pdf = big("%PDF-1.7\n", 1);
    const a = big("ISO-10303-21;\n", 2);
    const b = big("  ISO-10303-21;\n", 2);
    const res = await upload(
      server.url,
      { 0: ["variables.pdf"], 1: ["variables.step", "variables.steps.1"], 2: ["variables.steps.0"] },
      [
        { field: "0", name: "d.pdf", content: pdf },
        { field: "1", name: "a.step", content: a },
        { field: "extra", name: "x.bin", content: randomBytes(1000) },
        { field: "2", name: "b.stp", content: b },
      ],
      2,
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.createJob.id;
    const { data } = await gql(server.url, INPUTS, { id });
    expect(data.job.inputs.map((i: { originalName: string; sha256: string }) => [i.originalName, i.sha256])).toEqual([
      ["d.pdf", sha256(pdf)],
      ["a.step", sha256(a)],
      ["b.stp", sha256(b)],
      ["a.step", sha256(a)],
    ]);
    const stored = filesUnder(path.join(server.config.storageDir, "jobs", id)).sort();
    expect(stored).toEqual(["pdf-0-d.pdf", "step-1-a.step", "step-2-b.stp", "step-3-a.step"]);
    expect(fs.readdirSync(staging())).toEqual([]);
  });

  it("answers a file the map names but the request lacks with BAD_USER_INPUT, storing nothing", async () => {
    const before = await jobCount();
    const res = await upload(server.url, { 0: ["variables.pdf"], 1: ["variables.step"] }, [
      { field: "0", name: "d.pdf", content: big("%PDF-1.4\n", 1) },
    ]);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "MALFORMED_UPLOAD" });
    expect(await jobCount()).toBe(before);
    expect(fs.readdirSync(staging())).toEqual([]);
  });

  it("leaves no job and no file when the request is cut short in the middle of a file", async () => {
    const before = await jobCount();
    const jobFolders = () => fs.readdirSync(path.join(server.config.storageDir, "jobs")).sort();
    const jobsBefore = jobFolders();
    const boundary = "----cutshort";
    const part = (field: string, head: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${field}"${head}\r\n\r\n`;
    const ops = JSON.stringify({ query: CREATE, variables: { pdf: null, step: null } });
    const url = new URL(server.url);
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers: {
        "apollo-require-preflight": "true",
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(50 * 1024 * 1024),
      },
    });
    req.on("error", () => {}); // we destroy it
    req.write(part("operations", "") + ops + "\r\n");
    req.write(part("map", "") + JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] }) + "\r\n");
    req.write(part("0", `; filename="d.pdf"\r\nContent-Type: application/pdf`) + "%PDF-1.4\n%%EOF\n\r\n");
    req.write(part("1", `; filename="big.step"\r\nContent-Type: application/octet-stream`) + "ISO-10303-21;\n");
    const chunk = randomBytes(256 * 1024);
    for (let i = 0; i < 12; i++) await new Promise<void>((r) => req.write(chunk, () => r()));
    // The part is being written to staging as it arrives (not held back until the end), and the
    // whole PDF is already in the new job's folder (the resolver takes the files in order).
    await until(
      () => fs.readdirSync(staging()).some((f) => fs.statSync(path.join(staging(), f)).size > 1024 * 1024),
      "STEP part streaming to staging",
      20_000,
    );
    await until(() => jobFolders().length > jobsBefore.length, "the PDF moved into its job folder", 20_000);
    req.destroy();
    await until(() => fs.readdirSync(staging()).length === 0, "staging emptied", 20_000);
    // Removing the job folder is the last step of the resolver's cleanup: once it is gone, so is everything.
    await until(() => jobFolders().join() === jobsBefore.join(), "the job folder removed", 20_000);
    expect(await jobCount()).toBe(before);
  });
});

describe("staging folder", () => {
  it("removes staging files a crash left behind, keeps fresh ones (a live upload on another instance)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-staging-"));
    const incoming = path.join(dir, "storage", "incoming");
    fs.mkdirSync(incoming, { recursive: true });
    fs.writeFileSync(path.join(incoming, "old.part"), "x");
    fs.writeFileSync(path.join(incoming, "live.part"), "x");
    const dayAgo = new Date(Date.now() - 24 * 3600_000);
    fs.utimesSync(path.join(incoming, "old.part"), dayAgo, dayAgo);
    const server = await startTestServer({ storageDir: path.join(dir, "storage") });
    try {
      expect(fs.readdirSync(incoming)).toEqual(["live.part"]);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
