// Upload of a 200 MB file (curl, a separate process, multipart createJob) against a raw
// streamed fs copy of the same file, interleaved after one warm-up of each; the server's RSS is
// sampled during the upload. The upload's time is curl's own `time_total` (request start to
// response end): starting curl from this ~500 MB process (fork + exec + curl's init) costs
// 50–500 ms depending on load, which is neither upload work nor counted in the baseline. The
// wall time including it is reported in the note, and so is the floor of this harness: the same
// curl request to a bare node:http server in this process that only reads the body and drops it.
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { jobDir } from "../../server/src/jobs/job-paths.js";
import { upload200, bomPdf50 } from "../inputs/make-inputs.js";
import { startBenchServer } from "../lib/server.js";
import { MB, median, p99, rssSampler } from "../lib/stats.js";
import type { Row } from "../lib/table.js";

const run = promisify(execFile);
const CREATE = `mutation ($pdf: Upload!, $step: Upload!) { createJob(pdf: $pdf, step: $step) { id } }`;

/** The response body, curl's time_total (ms) and the wall time including curl's start (ms). */
async function curlUpload(url: string, pdf: string, big: string): Promise<{ body: string; ms: number; wallMs: number }> {
  const t = performance.now();
  const { stdout } = await run("curl", [
    "-sS",
    url,
    "-H",
    "apollo-require-preflight: true",
    "-w",
    "\n%{time_total}",
    "-F",
    `operations=${JSON.stringify({ query: CREATE, variables: { pdf: null, step: null } })}`,
    "-F",
    `map=${JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] })}`,
    "-F",
    `0=@${pdf};type=application/pdf`,
    "-F",
    `1=@${big};filename=big.stp`,
  ]);
  const wallMs = performance.now() - t;
  const cut = stdout.lastIndexOf("\n");
  return { body: stdout.slice(0, cut), ms: Number(stdout.slice(cut + 1)) * 1000, wallMs };
}

/** What any Node server pays to receive the request: reads the body, drops it, answers. */
async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end("{}"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function bigUpload(quick: boolean): Promise<Row[]> {
  const big = await upload200();
  const pdf = await bomPdf50();
  const server = await startBenchServer();
  await server.services.dispatcher.stop(0); // measure the upload only: no job runs
  const bare = await bareServer();
  const reps = quick ? 1 : 5;
  const ours: number[] = [];
  const wall: number[] = [];
  const raw: number[] = [];
  const floor: number[] = [];
  let rssGrowth = 0;
  let rssWarmUp = 0;
  const copy = async () => {
    const to = path.join(server.dir, "raw-copy");
    const t = performance.now();
    await pipeline(fs.createReadStream(big), fs.createWriteStream(to));
    const ms = performance.now() - t;
    fs.rmSync(to);
    return ms;
  };
  const upload = async () => {
    const before = process.memoryUsage.rss();
    const rss = rssSampler(10);
    const r = await curlUpload(server.url, pdf, big);
    rssGrowth = Math.max(rssGrowth, rss.stop() - before);
    const body = JSON.parse(r.body) as { data?: { createJob: { id: string } } };
    if (!body.data) throw new Error(`upload failed: ${r.body.slice(0, 300)}`);
    fs.rmSync(jobDir(server.config.storageDir, body.data.createJob.id), { recursive: true, force: true });
    return r;
  };
  try {
    await copy(); // warm-up: page cache, JIT, the first request's lazy setup
    await upload();
    await curlUpload(bare.url, pdf, big);
    // The first upload grows the process once (allocator arenas, V8 new space): reported apart.
    [rssWarmUp, rssGrowth] = [rssGrowth, 0];
    for (let i = 0; i < reps; i++) {
      raw.push(await copy());
      const r = await upload();
      ours.push(r.ms);
      wall.push(r.wallMs);
      floor.push((await curlUpload(bare.url, pdf, big)).ms);
    }
  } finally {
    await bare.close();
    await server.stop();
  }
  const ratio = median(ours) / median(raw);
  return [
    {
      figure: "upload of a 200 MB file (createJob, multipart)",
      unit: "ms",
      median: median(ours),
      p99: p99(ours),
      baseline: "fs stream copy",
      baseMedian: median(raw),
      baseP99: p99(raw),
      ratio,
      target: "≤ 1.5×, RSS flat",
      ok: ratio <= 1.5 && rssGrowth < 64 * MB,
      note:
        `curl time_total; with curl's start ${median(wall).toFixed(0)} ms (${(median(wall) / median(raw)).toFixed(2)}×); ` +
        `bare node:http server dropping the body ${median(floor).toFixed(0)} ms (${(median(floor) / median(raw)).toFixed(2)}×); ` +
        `server RSS +${(rssGrowth / MB).toFixed(0)} MB during upload (first upload: +${(rssWarmUp / MB).toFixed(0)} MB)`,
    },
  ];
}
