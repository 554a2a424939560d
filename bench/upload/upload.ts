// Upload of a 200 MB file (curl, a separate process, multipart createJob) against a raw
// streamed fs copy of the same file; the server's RSS is sampled during the upload.
import { execFile } from "node:child_process";
import fs from "node:fs";
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

async function curlUpload(url: string, pdf: string, big: string): Promise<string> {
  const { stdout } = await run("curl", [
    "-sS", url, "-H", "apollo-require-preflight: true",
    "-F", `operations=${JSON.stringify({ query: CREATE, variables: { pdf: null, step: null } })}`,
    "-F", `map=${JSON.stringify({ 0: ["variables.pdf"], 1: ["variables.step"] })}`,
    "-F", `0=@${pdf};type=application/pdf`, "-F", `1=@${big};filename=big.stp`,
  ]);
  const body = JSON.parse(stdout) as { data?: { createJob: { id: string } }; errors?: unknown };
  if (!body.data) throw new Error(`upload failed: ${stdout.slice(0, 300)}`);
  return body.data.createJob.id;
}

export async function bigUpload(quick: boolean): Promise<Row[]> {
  const big = await upload200();
  const pdf = await bomPdf50();
  const server = await startBenchServer();
  await server.services.dispatcher.stop(0); // measure the upload only: no job runs
  const reps = quick ? 1 : 3;
  const ours: number[] = [];
  const raw: number[] = [];
  let rssGrowth = 0;
  try {
    for (let i = 0; i < reps; i++) {
      const copy = path.join(server.dir, "raw-copy");
      let t = performance.now();
      await pipeline(fs.createReadStream(big), fs.createWriteStream(copy));
      raw.push(performance.now() - t);
      fs.rmSync(copy);
      const before = process.memoryUsage.rss();
      const rss = rssSampler(10);
      t = performance.now();
      const id = await curlUpload(server.url, pdf, big);
      ours.push(performance.now() - t);
      rssGrowth = Math.max(rssGrowth, rss.stop() - before);
      fs.rmSync(jobDir(server.config.storageDir, id), { recursive: true, force: true });
    }
  } finally {
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
      note: `server RSS +${(rssGrowth / MB).toFixed(0)} MB during upload`,
    },
  ];
}
