// npm run bench:attack [-- --no-build]
// Replays the issue-21 attack files (server/test/support/attack-files.ts: PDF and STEP bombs of
// a few KB) against the compiled server in production mode (NODE_ENV=production, as `npm start`
// runs it, in its own process), one job at a time, each beside a good other input. Checks:
// every bad file ends FAILED with a PDF_/STEP_ code within 30 s; the server's peak RSS (the
// kernel's VmHWM of the child: every thread, never missed between samples) stays within 1.5 GB
// of its RSS at start; the next normal job succeeds. Then the requests (requests.ts): /healthz
// within 1 s beside the heaviest allowed query and an alias bomb; clients that never read
// (graphql-ws: refused or closed 4413; HTTP: pipelined heavy queries) with /healthz timed and
// RSS sampled; a foreign Origin refused on the WebSocket; no introspection or suggestions on
// either transport; a multipart request without boundary answered; no server path in any
// message seen. Exits 1 when any check fails.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { attackFiles } from "#test-support/attack-files.js";
import { startChildServer } from "#test-support/child-server.js";
import { smallJob } from "#test-support/inputs.js";
import {
  foreignOrigin,
  healthzDuringQueries,
  heaviestAccepted,
  httpSlowReaders,
  messagesSeen,
  multipartWithoutBoundary,
  noIntrospection,
  peakDuring,
  wsSlowReader,
  type Check,
} from "./requests.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const LIMIT_S = 30;
const RSS_BUDGET_MB = 1.5 * 1024;

function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

async function createJob(url: string, pdf: { name: string; content: Buffer }, step: { name: string; content: Buffer | string }): Promise<string> {
  const form = new FormData();
  const query = "mutation ($pdf: Upload!, $step: Upload!) { createJob(pdf: $pdf, step: $step) { id } }";
  form.append("operations", JSON.stringify({ query, variables: { pdf: null, step: null } }));
  form.append("map", JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] }));
  form.append("0", new Blob([new Uint8Array(pdf.content)], { type: "application/pdf" }), pdf.name);
  form.append("1", new Blob([typeof step.content === "string" ? step.content : new Uint8Array(step.content)]), step.name);
  const res = await fetch(url, { method: "POST", body: form, headers: { "apollo-require-preflight": "true" } });
  const body = (await res.json()) as { data?: { createJob: { id: string } }; errors?: unknown };
  if (!body.data) throw new Error(`createJob refused: ${JSON.stringify(body.errors)}`);
  return body.data.createJob.id;
}

/** The job's terminal event kind, over graphql-ws; rejects after `ms`. */
function terminal(wsUrl: string, jobId: string, ms: number): Promise<string> {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no terminal event within ${ms} ms`)), ms);
    let last = "";
    client.subscribe<{ jobEvents: { kind: string } }>(
      { query: "subscription ($jobId: ID!) { jobEvents(jobId: $jobId, afterSeq: 0) { kind } }", variables: { jobId } },
      {
        next: (v) => (last = v.data?.jobEvents.kind ?? last),
        error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
        complete: () => {
          clearTimeout(timer);
          resolve(last);
        },
      },
    );
  }).finally(() => client.dispose());
}

async function jobOutcome(url: string, id: string): Promise<{ status: string; errorCode: string | null; errorMessage: string | null }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "query ($id: ID!) { job(id: $id) { status errorCode errorMessage } }", variables: { id } }),
  });
  return ((await res.json()) as { data: { job: { status: string; errorCode: string | null; errorMessage: string | null } } }).data.job;
}

if (!fs.existsSync("/proc/self/status")) {
  console.log("bench:attack skipped: no /proc to read the server's peak RSS from");
  process.exit(0);
}
if (!process.argv.includes("--no-build") || !fs.existsSync(path.join(REPO, "dist/server/src/main.js"))) {
  execFileSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: REPO, stdio: "inherit" });
}
const files = await attackFiles();
const good = await smallJob("attack-replay");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mf-attack-"));
const server = await startChildServer(
  { NODE_ENV: "production", DATABASE_URL: `file:${path.join(dir, "db.sqlite")}`, STORAGE_DIR: path.join(dir, "storage"), SANDBOX: "false" },
  { compiled: true },
);
const pid = server.proc.pid!;
let failed = 0;
try {
  const start = memoryOf(pid).rss;
  console.log(`server pid ${pid}, RSS at start ${start.toFixed(0)} MB; ${files.length} attack files\n`);
  console.log("file                          bytes  code                              s     peak MB");
  for (const f of files) {
    const t = performance.now();
    let code = "";
    let ok = false;
    try {
      const id =
        f.role === "pdf"
          ? await createJob(server.url, { name: f.name, content: f.content }, good.step)
          : await createJob(server.url, good.pdf, { name: f.name, content: f.content });
      await terminal(server.wsUrl, id, LIMIT_S * 1000);
      const job = await jobOutcome(server.url, id);
      code = `${job.status} ${job.errorCode ?? ""}`;
      messagesSeen.push(job.errorMessage ?? "");
      ok = job.status === "FAILED" && !!job.errorCode?.startsWith(f.codePrefix) && !/\/tmp\/|\/work\/|node_modules/.test(job.errorMessage ?? "");
    } catch (err) {
      code = (err as Error).message.slice(0, 60);
    }
    const s = (performance.now() - t) / 1000;
    ok &&= s <= LIMIT_S;
    if (!ok) failed++;
    console.log(
      `${f.name.padEnd(28)} ${String(f.content.length).padStart(6)}  ${code.padEnd(32)} ${s.toFixed(1).padStart(5)}  ${memoryOf(pid).hwm.toFixed(0).padStart(7)}${ok ? "" : "  FAIL"}`,
    );
  }
  const t = performance.now();
  const id = await createJob(server.url, good.pdf, good.step);
  const kind = await terminal(server.wsUrl, id, 120_000);
  const normalS = (performance.now() - t) / 1000;
  const normalOk = kind === "JOB_SUCCEEDED";
  if (!normalOk) failed++;

  // The request side, on the server that just ran every attack file.
  const checks: Check[] = [];
  const heavy = await heaviestAccepted(server.url, id);
  console.log(`\nheaviest allowed query: ${heavy.label}, ${(heavy.bytes / 1024).toFixed(0)} KB of JSON`);
  checks.push(await healthzDuringQueries(server.url, heavy.query));
  checks.push(await foreignOrigin(server.wsUrl));
  checks.push(...(await noIntrospection(server.url, server.wsUrl)));
  checks.push(await multipartWithoutBoundary(server.url));
  const rssNow = () => memoryOf(pid).rss;
  let before = rssNow();
  let ws!: Awaited<ReturnType<typeof wsSlowReader>>;
  let peak = await peakDuring(rssNow, async () => (ws = await wsSlowReader(server.url, server.wsUrl, heavy.query, 100)));
  checks.push({ ...ws.check, detail: `${ws.check.detail}; RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB` });
  // One client pipelining 100 heavy queries without reading; then a flood of 100 such clients.
  for (const [sockets, perSocket] of [
    [1, 100],
    [100, 10],
  ] as const) {
    before = rssNow();
    let httpSlow!: Awaited<ReturnType<typeof httpSlowReaders>>;
    peak = await peakDuring(rssNow, async () => (httpSlow = await httpSlowReaders(server.url, heavy.query, sockets, perSocket, 10_000)));
    checks.push({ ...httpSlow.check, detail: `${httpSlow.check.detail}; RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB` });
  }
  const leaks = messagesSeen.filter((m) => m.includes(dir) || m.includes(REPO) || /\/tmp\/|\/work\/|node_modules/.test(m));
  checks.push({
    name: "no server path in any message",
    ok: leaks.length === 0,
    detail: `${messagesSeen.length} messages seen${leaks.length ? `; e.g. ${leaks[0]!.slice(0, 120)}` : ""}`,
  });
  console.log("");
  for (const c of checks) {
    if (!c.ok) failed++;
    console.log(`${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
  }

  const { hwm } = memoryOf(pid);
  const rssOk = hwm - start <= RSS_BUDGET_MB;
  if (!rssOk) failed++;
  console.log(`\nnext normal job: ${kind} in ${normalS.toFixed(1)} s${normalOk ? "" : "  FAIL"}`);
  console.log(`server peak RSS ${hwm.toFixed(0)} MB = start + ${(hwm - start).toFixed(0)} MB (budget + ${RSS_BUDGET_MB} MB)${rssOk ? "" : "  FAIL"}`);
} finally {
  server.proc.kill("SIGTERM");
  await server.exited;
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(failed ? `\n${failed} check(s) failed` : "\nall checks passed");
process.exit(failed ? 1 : 0);
