// The real `manualforge` CLI as a child process against a real server: the --json event stream,
// the downloaded manual, exit codes (job failed, server unreachable) and the small subcommands.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "#test-support/test-server.js";
import type { JobEvent } from "../src/sdk/index.js";
import { makeInputs, notesOnlyPdf, PART_NAMES } from "./support/inputs.js";
import { buildCli } from "./support/build-cli.js";
import { closedPort } from "./support/net.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let main = "";

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: ROOT,
      env: { ...process.env, MANUALFORGE_SERVER: "", FORCE_COLOR: "0" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const jsonLines = <T>(text: string): T[] =>
  text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

/** A drawing with no text at all: PDF_BOM fails it (no text layer / no BOM). */
function blankPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 0, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  doc.rect(50, 50, 200, 100).stroke();
  doc.end();
  return new Promise((r) => doc.on("end", () => r(Buffer.concat(chunks))));
}

describe("manualforge CLI", () => {
  let server: TestServer;
  let dir: string;
  let pdf: string;
  let step: string;
  beforeAll(async () => {
    main = buildCli();
    server = await startTestServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "manualforge-cli-"));
    const inputs = await makeInputs();
    pdf = path.join(dir, "drawing.pdf");
    step = path.join(dir, "assembly.step");
    fs.writeFileSync(pdf, inputs.pdf);
    fs.writeFileSync(step, inputs.step);
    fs.writeFileSync(path.join(dir, "blank.pdf"), await blankPdf());
    fs.writeFileSync(path.join(dir, "notes-only.pdf"), await notesOnlyPdf());
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("submit --json streams every event once, in order, and downloads the manual", async () => {
    const out = path.join(dir, "out");
    const r = await cli(["submit", pdf, step, "--server", server.url, "--out", out, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const events = jsonLines<JobEvent>(r.stdout);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]!.kind).toBe("JOB_QUEUED");
    expect(events.at(-1)!.kind).toBe("JOB_SUCCEEDED");
    expect(new Set(events.map((e) => e.stage).filter(Boolean))).toEqual(new Set(["PDF_BOM", "PDF_DEEP", "STEP_EXTRACT", "MATCHING", "GENERATE"]));
    const html = fs.readFileSync(path.join(out, "manual.html"), "utf8");
    for (const name of PART_NAMES) expect(html).toContain(name);
    expect(fs.readFileSync(path.join(out, "manual.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(r.stderr).toContain(`Manual saved: ${path.join(out, "manual.html")}`);

    const jobId = events[0]!.jobId;
    const [status, list, human] = await Promise.all([
      cli(["status", jobId, "--server", server.url, "--json"]),
      cli(["list", "--server", server.url, "--json"]),
      cli(["status", jobId, "--server", server.url]),
    ]);
    expect(JSON.parse(status.stdout)).toMatchObject({ id: jobId, status: "SUCCEEDED" });
    expect(jsonLines<{ id: string }>(list.stdout).map((j) => j.id)).toContain(jobId);
    expect(human.stdout).toMatch(/Status\s+SUCCEEDED/);
    expect(human.stdout).toMatch(/STEP_EXTRACT\s+SUCCEEDED\s+100%.*3 parts found/);
  });

  it("exits non-zero when the job fails, and with 3 and a clear message when the server is unreachable", async () => {
    const port = await closedPort();
    const [failed, unreachable] = await Promise.all([
      cli(["--json", "submit", path.join(dir, "blank.pdf"), step, "--server", server.url, "--out", path.join(dir, "none")]),
      cli(["list", "--server", `http://127.0.0.1:${port}`]),
    ]);
    expect(failed.code).toBe(1);
    expect(jsonLines<JobEvent>(failed.stdout).at(-1)!.kind).toBe("JOB_FAILED");
    expect(failed.stderr).toMatch(/Job .+ failed/);
    expect(fs.existsSync(path.join(dir, "none"))).toBe(false);
    // `status` names the failure by its code (Job.failureCode) and stage.
    const status = await cli(["status", jsonLines<JobEvent>(failed.stdout).at(-1)!.jobId, "--server", server.url]);
    expect(status.stdout).toMatch(/^Error\s+(NO_TEXT_LAYER|PDF_RENDER_FAILED|OCR_FAILED) in PDF_BOM: /m);

    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain(`manualforge: Cannot reach the ManualForge server at http://127.0.0.1:${port}/graphql (ECONNREFUSED)`);
    expect(unreachable.stdout).toBe("");
  });

  it("exits 4 when the job succeeds but needs review, and prints its warnings (status, list --needs-review too)", async () => {
    const r = await cli(["submit", path.join(dir, "notes-only.pdf"), step, "--server", server.url, "--out", path.join(dir, "review")]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/Needs review — the manual is a draft:\n  ⚠ BOM_NOT_FOUND \(PDF_BOM\): No parts list found/);
    const jobId = /Job (\S+) queued/.exec(r.stderr)![1]!;
    const [status, review, help] = await Promise.all([
      cli(["status", jobId, "--server", server.url]),
      cli(["list", "--needs-review", "--server", server.url, "--json"]),
      cli(["--help"]),
    ]);
    expect(status.stdout).toMatch(/Status\s+SUCCEEDED — NEEDS REVIEW/);
    expect(status.stdout).toMatch(/Unmatched CAD parts \(3\)/);
    expect(status.stdout).toContain("⚠ BOM_NOT_FOUND (PDF_BOM)");
    const listed = jsonLines<{ id: string; needsReview: boolean }>(review.stdout);
    expect(listed.map((j) => j.id)).toContain(jobId);
    expect(listed.every((j) => j.needsReview)).toBe(true);
    expect(help.stdout).toContain("4 job SUCCEEDED but needs review");
  });

  it("cancel stops a queued job; watch then ends with JOB_CANCELLED and exit code 1", async () => {
    // No more jobs start on this server from here on: the job below stays QUEUED until cancelled.
    await server.services.dispatcher.stop(0);
    const submitted = await cli(["--json", "submit", pdf, step, "--no-wait", "--server", server.url]);
    expect(submitted.code, submitted.stderr).toBe(0);
    const { id } = JSON.parse(submitted.stdout) as { id: string };
    const cancel = await cli(["cancel", id, "--server", server.url]);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toBe(`Job ${id}: CANCELLED\n`);
    const watch = await cli(["--json", "watch", id, "--server", server.url]);
    expect(watch.code).toBe(1);
    expect(jsonLines<JobEvent>(watch.stdout).at(-1)!.kind).toBe("JOB_CANCELLED");
    const usage = await cli(["submit", "--server", server.url]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing required argument 'pdf'/);
  });
});
